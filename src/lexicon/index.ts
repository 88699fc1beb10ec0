// Public entry of the lexicon stage: make a lexicon with explicit options, or share one per
// process. Loading reads a prebuilt cache (milliseconds) or builds it from the source packages
// (seconds, once per machine and data version).

import { EnglishLexicon, type LexiconOptions } from "./lexicon.js";
import type { Lexicon } from "./types.js";

export type { Lexicon, PartOfSpeech, RelatedLemma, WordRelation } from "./types.js";
export { EnglishLexicon, type LexiconOptions, type LoadReport } from "./lexicon.js";
export { defaultCacheDir } from "./cache.js";
export { isStopword } from "./stopwords.js";

/** A new lexicon; throws UnspinError("LEXICON") when the WordNet data is missing. */
export function loadLexicon(options: LexiconOptions = {}): EnglishLexicon {
  return new EnglishLexicon(options);
}

let shared: EnglishLexicon | undefined;

/** The process-wide lexicon with default options, made on first call. */
export function getLexicon(): Lexicon {
  shared ??= loadLexicon();
  return shared;
}
