// A lexicon that knows no English beyond a handful of function words: every word is its own base
// form and relates to nothing else. Property tests use it to compare the aligner's exact layer
// with a brute-force twin, where real WordNet relations would make the expected result unknown.
import type { Lexicon } from "../../src/lexicon/types.js";

const STOP = new Set(["the", "a", "an", "of", "to", "and", "in", "on", "is", "was", "it", "he", "she", "they", "not"]);

export function plainLexicon(): Lexicon {
  return {
    lemmas: (w) => [w],
    synsets: () => [],
    relation: (a, b) => (a === b ? "same" : null),
    synonyms: () => [],
    antonyms: () => [],
    isWord: () => true,
    americanSpelling: () => undefined,
    unigram: () => 0,
    bigram: () => 0,
    frequencyId: () => -1,
    bigramIds: () => 0,
    corrections: () => [],
    isStopword: (w) => STOP.has(w),
  };
}
