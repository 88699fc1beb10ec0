// Which words can carry spin, and what they probably were before. A spinner swaps a content word
// for a WordNet synonym of some sense of it, so the original is (almost always) a synonym of the
// word we see, in the same inflected form. Candidate lists are memoised per word form: news text
// repeats its vocabulary, which is what makes the detector fast.
import type { Lexicon, PartOfSpeech } from "../lexicon/types.js";
import { BoundedMemo } from "../lexicon/memo.js";
import { formOf, inflect } from "./inflect.js";
import type { WordFact } from "./lm.js";

const POS: PartOfSpeech[] = ["n", "v", "a", "r"];
/** Words per memo generation (lexicon/memo.ts): news vocabulary's working set is far smaller. */
const MEMO_LIMIT = 20_000;
/** More candidates cost time and add false alarms; WordNet lists most frequent senses first. */
const MAX_CANDIDATES = 24;

/** A word's candidates with their unigram counts, kept together so the hot loop does no lookups. */
export interface CandidateInfo {
  words: readonly string[];
  counts: Float64Array;
  /** Highest candidate count (the "a far more common synonym exists" feature). */
  maxCount: number;
  /** ln of each candidate's own number of candidates (at least 1), filled on first use (`logFanout`). */
  logFanout?: Float64Array;
  /** The words' facts, filled by ContextModel.candidateFacts for the model `factsOwner`. */
  facts?: readonly WordFact[];
  factsOwner?: object;
}

export class Candidates {
  private readonly memo = new BoundedMemo<string, readonly string[]>(MEMO_LIMIT);
  private readonly infos = new BoundedMemo<string, CandidateInfo>(MEMO_LIMIT);
  constructor(private readonly lexicon: Lexicon) {}

  info(word: string): CandidateInfo {
    let info = this.infos.get(word);
    if (info === undefined) {
      const words = this.of(word);
      const counts = Float64Array.from(words, (w) => this.lexicon.unigram(w));
      info = { words, counts, maxCount: counts.reduce((a, b) => Math.max(a, b), 0), logFanout: undefined, facts: undefined, factsOwner: undefined };
      this.infos.set(word, info);
    }
    return info;
  }

  /** ln max(1, |candidates of s|) for each candidate s of the list, memoised on the list. */
  logFanout(info: CandidateInfo): Float64Array {
    return (info.logFanout ??= Float64Array.from(info.words, (s) => Math.log(Math.max(1, this.of(s).length))));
  }

  /** Single-word synonyms of `word` (lower-cased) in the word's own form, most frequent sense first. */
  of(word: string): readonly string[] {
    let list = this.memo.get(word);
    if (list === undefined) {
      list = this.build(word);
      this.memo.set(word, list);
    }
    return list;
  }

  private build(word: string): string[] {
    const lx = this.lexicon;
    const out: string[] = [];
    const seen = new Set<string>([word]);
    for (const pos of POS) {
      for (const lemma of lx.lemmas(word, pos)) {
        const form = formOf(word, lemma);
        if (form === null) continue;
        seen.add(lemma);
        for (const syn of lx.synonyms(lemma, pos)) {
          if (!/^[a-z]+$/.test(syn)) continue; // multiword and hyphenated lemmas: spinners rarely emit them
          const w = inflect(lx, syn, form, pos);
          if (w === null || seen.has(w)) continue;
          seen.add(w);
          out.push(w);
          if (out.length >= MAX_CANDIDATES) return out;
        }
      }
    }
    return out;
  }
}

/** A token that can carry a spinner's swap: a lower-case alphabetic non-function word. */
export function isContentWord(lexicon: Lexicon, raw: string, norm: string): boolean {
  if (norm.length < 3 || !/^[a-z]+$/.test(norm)) return false;
  // Capitalised tokens are names or sentence starts; names never swap, and sentence starts are
  // left alone too (a capital inside a name-rich sentence is ambiguous and costly to misjudge).
  if (raw !== norm) return false;
  return !lexicon.isStopword(norm);
}
