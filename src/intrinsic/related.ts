// Candidate originals for phrase restoration (tortured.ts): the words a thesaurus spinner may have
// replaced by the word we see. Real spinners' thesauri are broader than WordNet's synsets ("network"
// became "organization", "intelligence" became "consciousness"), so the candidates are the word's
// WordNet synonyms (candidates.ts, per word class) and then every word WordNet relates to any of
// its senses (Lexicon.related: similar-to and also-see neighbours, hypernyms, derived forms), put
// in the word's inflection. Each candidate keeps the context-free facts the phrase scorer uses: its
// relation to the word and, with word vectors, their cosine. Memoised per word form.
import type { Lexicon, RelatedLemma } from "../lexicon/types.js";
import type { WordVectors } from "../lexicon/vectors.js";
import type { Candidates } from "./candidates.js";
import { formOf, inflect } from "./inflect.js";
import type { ContextModel, WordFact } from "./lm.js";

/** Candidates kept per word: the synonym list and the nearest of the rest by cosine (most lists are shorter). */
export const MAX_RELATED = 32;
const MEMO_LIMIT = 100_000;

/** Relation classes, the scorer's indicator features: 0 synonym, 1 similar, 2 hypernym, 3 derived, 4 other. */
export const RELATION_CLASSES = 5;
const CLASS: Record<RelatedLemma["kind"], number> = { synonym: 0, similar: 1, hypernym: 2, derived: 3 };

export interface RelatedInfo {
  words: readonly string[];
  /** cos(word, candidate) in the word-vector space (0 without vectors or without a row). */
  cos: Float32Array;
  /** Relation class of each candidate to the word (RELATION_CLASSES). */
  cls: Uint8Array;
  /** Candidate indices by decreasing cosine (the ones tried in two-word swaps come first). */
  byCos: Int32Array;
  /** Position of each candidate in that order. */
  cosRank: Int32Array;
  /** Vector row of the word itself (-1: none). */
  row: number;
  /** The candidates' facts for the context model `factsOwner` (filled on first use). */
  facts?: readonly WordFact[];
  factsOwner?: object;
  /** Vector rows of the candidates (-1: none). */
  rows: Int32Array;
}

/** What decides whether a word's pair is judged at all (cheap, memoised apart from the lists). */
export interface WordHead {
  /** The word can be a noun / an adjective or noun (WordNet): a phrase's head and modifier. */
  noun: boolean;
  modifier: boolean;
  /** Vector row (-1: none). */
  row: number;
}

export class RelatedCandidates {
  private readonly memo = new Map<string, RelatedInfo>();
  private readonly heads = new Map<string, WordHead>();

  head(word: string): WordHead {
    let h = this.heads.get(word);
    if (h === undefined) {
      const lx = this.lexicon;
      const noun = lx.lemmas(word, "n").length > 0;
      h = { noun, modifier: noun || lx.lemmas(word, "a").length > 0, row: this.vectors.id(word) };
      if (this.heads.size >= MEMO_LIMIT) this.heads.clear();
      this.heads.set(word, h);
    }
    return h;
  }
  constructor(
    private readonly lexicon: Lexicon,
    private readonly synonyms: Candidates,
    readonly vectors: WordVectors,
  ) {}

  info(word: string): RelatedInfo {
    let info = this.memo.get(word);
    if (info === undefined) {
      info = this.build(word);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(word, info);
    }
    return info;
  }

  /** The candidates' facts under a context model, kept on the list (not in the model's word memo). */
  facts(info: RelatedInfo, model: ContextModel): readonly WordFact[] {
    return model.candidateFacts(info);
  }

  /** cos of two vector rows (0 when either is -1). */
  cosRows(a: number, b: number): number {
    if (a < 0 || b < 0) return 0;
    const { dim, data, scale } = this.vectors;
    const oa = a * dim;
    const ob = b * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += data[oa + d]! * data[ob + d]!;
    return s * scale[a]! * scale[b]!;
  }

  private build(word: string): RelatedInfo {
    const lx = this.lexicon;
    // Function words are never a phrase's content ("off" is a WordNet synonym of "remove").
    const out: string[] = this.synonyms.of(word).filter((w) => !lx.isStopword(w));
    const classes: number[] = out.map(() => 0);
    const seen = new Set<string>([word, ...out]);
    const lemmas = lx.lemmas(word);
    for (const l of lemmas) seen.add(l);
    const form = lemmas.length > 0 ? formOf(word, lemmas[0]!) : null;
    if (form !== null && lx.related) {
      for (const { lemma, kind } of lx.related(word)) {
        if (!/^[a-z]{3,}$/.test(lemma) || lx.isStopword(lemma)) continue;
        const w = inflect(lx, lemma, form);
        if (w === null || seen.has(w)) continue;
        seen.add(w);
        out.push(w);
        classes.push(CLASS[kind]);
      }
    }
    const row = this.vectors.id(word);
    const rows = Int32Array.from(out, (w) => this.vectors.id(w));
    let cos = Float32Array.from(rows, (r) => this.cosRows(row, r));
    let words = out;
    let kept = Int32Array.from(out.keys());
    if (out.length > MAX_RELATED) {
      // Keep the synonym list (most frequent senses first) and the nearest of the rest.
      const nSyn = Math.min(this.synonyms.of(word).filter((w) => !lx.isStopword(w)).length, MAX_RELATED);
      const rest = [...kept.slice(nSyn)].sort((a, b) => cos[b]! - cos[a]!).slice(0, MAX_RELATED - nSyn);
      kept = Int32Array.from([...kept.slice(0, nSyn), ...rest]);
      words = Array.from(kept, (k) => out[k]!);
      cos = Float32Array.from(kept, (k) => cos[k]!);
    }
    const keptRows = Int32Array.from(kept, (k) => rows[k]!);
    const cls = Uint8Array.from(kept, (k) => classes[k]!);
    const byCos = Int32Array.from(words.keys()).sort((a, b) => cos[b]! - cos[a]! || a - b);
    const cosRank = new Int32Array(words.length);
    byCos.forEach((k, q) => (cosRank[k] = q));
    return {
      words, cos, cls, byCos, cosRank, row, rows: keptRows, facts: undefined, factsOwner: undefined,
    };
  }
}
