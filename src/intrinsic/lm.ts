// Context model for source-free detection: how probable is word x between a left neighbour l and a
// right neighbour r? Probabilities come from CMU's language model (shipped; or a full Sphinx model),
// else (UNSPIN_TRIGRAM_LM=off) from the SymSpell lists of the lexicon, and, when an index exists, also from the indexed corpus (a
// `CorpusCounts` provider). Scoring is documented in README.md.
//
// Why "censored" backoff instead of plain stupid backoff: the SymSpell bigram list keeps only
// bigrams seen at least ~6.4M times (on its own, larger scale). A missing bigram therefore means
// "count below the cut", not "count zero". When independence would predict far more than the cut
// (a frequent word after "the"), absence is real evidence; when it predicts less (two rare words),
// absence says nothing and the estimate falls back to independence.
import type { Lexicon } from "../lexicon/types.js";
import { BoundedMemo } from "../lexicon/memo.js";
import type { ContextLanguageModel } from "../lexicon/language-model.js";
import type { CandidateInfo } from "./candidates.js";

/** n-gram counts of an indexed corpus (wired by the store; optional). */
export interface CorpusCounts {
  /** Occurrences of the lower-cased n-gram (n = 1 or 2 here). */
  count(ngram: string[]): number;
  /** Total tokens counted. */
  total: number;
}

/** Sum of the SymSpell unigram counts (82,765 words). */
export const UNIGRAM_TOTAL = 5.416e11;
/**
 * The bigram list is counted on a larger corpus than the unigram list: c2("of","the") is 13.5 times
 * c("of"), while P(the | of) is about 0.25 in English. Dividing bigram counts by this factor puts
 * them on the unigram scale.
 */
export const BIGRAM_SCALE = 54;
/** The smallest count in the bigram list (bigram scale): absent bigrams are rarer than this. */
export const BIGRAM_CUT = 6.4e6;
/** Count given to words missing from the unigram list (it holds no word rarer than ~12,700). */
const UNSEEN_UNIGRAM = 2_000;

/** log P(w) from a unigram count, as the scorer uses it. */
export function logPrior(count: number): number {
  return Math.log(Math.max(count, UNSEEN_UNIGRAM) / UNIGRAM_TOTAL);
}

/** Highest count in the unigram list below which a word can have no listed bigram at all. */
const BIGRAM_FLOOR = BIGRAM_CUT / BIGRAM_SCALE;
const MEMO_LIMIT = 50_000;

/**
 * What is known about one word form. The model fills the counts and ids; other stages hang their
 * own per-word memos on the same record (the candidate list, the coherence entry), so a token
 * costs one Map lookup in all rather than one per stage and per candidate: string-keyed lookups
 * of fresh token strings were a fifth of the detector's time.
 */
export interface WordFact {
  /** The word form itself (lower case). */
  w: string;
  /** SymSpell unigram count (0: unlisted). */
  uni: number;
  /** Position in the SymSpell unigram list (-1: unlisted), the key of its bigram list. */
  sid: number;
  /** Language-model id (-1: unknown or no model). */
  lm: number;
  /** The word's candidate list (Candidates.info), filled on first use by the model's Candidates. */
  info: CandidateInfo | undefined;
  /** coherence.ts's entry for the word (it checks the entry belongs to the vectors in use). */
  coh: { owner: object } | undefined;
}

/** Which context sides of a scored word are attested (filled by `scoreFacts`). */
export interface SideEvidence {
  seen: number;
  sides: number;
  leftSeen: boolean;
}

export class ContextModel {
  /**
   * Whether the bigram of the last `conditionalFacts` call was observed. A field rather than a returned
   * object: the scorer makes millions of calls per megabyte and allocation showed up as GC time.
   */
  lastSeen = false;
  /** Per word form: its facts, found with one Map lookup (see WordFact). */
  private readonly facts = new BoundedMemo<string, WordFact>(MEMO_LIMIT);

  constructor(
    private readonly lexicon: Lexicon,
    private readonly corpus?: CorpusCounts,
    /** CMU's language model (lexicon/context-model.ts), when in use: P(next | prev) instead of SymSpell. */
    private readonly lm?: ContextLanguageModel | null,
  ) {}

  /** The memoised facts of a word form. */
  word(w: string): WordFact {
    let f = this.facts.get(w);
    if (f === undefined) {
      f = this.newFact(w);
      this.facts.set(w, f);
    }
    return f;
  }

  private newFact(w: string): WordFact {
    // A British spelling is scored as its American twin: both context models are American, and
    // "favourite" is no rarer a word choice than "favorite" (lexicon/variants.ts).
    const key = this.lexicon.americanSpelling(w) ?? w;
    return { w, uni: this.lexicon.unigram(key), sid: this.lexicon.frequencyId(key), lm: this.lm ? this.lm.id(key) : -1, info: undefined, coh: undefined };
  }

  /** log P(next | prev), with `prev` the conditioning word; sets `lastSeen`. */
  conditionalFacts(prev: WordFact, next: WordFact): number {
    const cPrev = prev.uni;
    const pIndep = Math.max(next.uni, UNSEEN_UNIGRAM) / UNIGRAM_TOTAL;
    let logp: number;
    let seen = false;
    if (prev.lm >= 0 && next.lm >= 0) {
      // CMU's model is smoothed and lists 2M bigrams (SymSpell: 242k): a real conditional, and
      // "seen" means the pair is one English uses often enough to be listed.
      logp = this.lm!.bigramIds(prev.lm, next.lm);
      seen = this.lm!.lastBigramSeen;
    } else if (cPrev <= 0) {
      logp = Math.log(pIndep);
    } else {
      // A bigram can only be listed when both words are frequent enough; skip the search otherwise.
      const c2 = cPrev < BIGRAM_FLOOR || next.uni < BIGRAM_FLOOR ? 0 : this.lexicon.bigramIds(prev.sid, next.sid);
      if (c2 > 0) {
        logp = Math.log(Math.min(1, c2 / (BIGRAM_SCALE * cPrev)));
        seen = true;
      } else {
        // Below the cut: the conditional is at most CUT / (SCALE * c(prev)); use half of that bound
        // when independence would predict more, else independence itself.
        const cap = (0.5 * BIGRAM_CUT) / (BIGRAM_SCALE * cPrev);
        logp = Math.log(Math.min(pIndep, cap));
      }
    }
    if (this.corpus) {
      const c = this.corpus;
      const cp = c.count([prev.w]);
      if (cp > 0) {
        // Add-one smoothed corpus estimate, interpolated in log space with equal weight: the
        // corpus is small but in-domain; SymSpell is huge but general.
        const cb = c.count([prev.w, next.w]);
        if (cb > 0) seen = true;
        logp = 0.5 * logp + 0.5 * Math.log((cb + pIndep) / (cp + 1));
      }
    }
    this.lastSeen = seen;
    return logp;
  }

  /** log P(x | l) + log P(r | x) (either side may be missing); `out` receives the attested sides. */
  scoreFacts(l: WordFact | null, x: WordFact, r: WordFact | null, out: SideEvidence): number {
    let logp = 0;
    let seen = 0;
    let sides = 0;
    out.leftSeen = false;
    if (l !== null) {
      logp += this.conditionalFacts(l, x);
      if (this.lastSeen) seen++;
      out.leftSeen = this.lastSeen;
      sides++;
    } else {
      logp += Math.log(Math.max(x.uni, UNSEEN_UNIGRAM) / UNIGRAM_TOTAL);
    }
    if (r !== null) {
      logp += this.conditionalFacts(x, r);
      if (this.lastSeen) seen++;
      sides++;
    }
    out.seen = seen;
    out.sides = sides;
    return logp;
  }

  /** Facts of a candidate list's words, kept on the list (no lookup per use). */
  candidateFacts(info: Pick<CandidateInfo, "words" | "facts" | "factsOwner">): readonly WordFact[] {
    if (info.facts !== undefined && info.factsOwner === this) return info.facts;
    // Not entered in the word memo: candidates outnumber text words several times, and a bigger
    // Map costs every token's lookup in cache misses. The list keeps its own facts.
    const facts = info.words.map((w) => this.newFact(w));
    info.facts = facts;
    info.factsOwner = this;
    return facts;
  }
}
