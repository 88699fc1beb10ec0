// WordNet's morphy: an inflected form's base forms are (1) the form itself when it is a lemma,
// (2) its entries in the exception list (irregular forms: went -> go, mice -> mouse), else
// (3) the results of the detachment rules below that are lemmas. As in NLTK's port, an exception
// entry short-circuits the rules: rules applied to irregular forms mostly produce false bases.

import type { PosIndex } from "./wordnet-format.js";

/** Detachment rules per part of speech (noun, verb, adjective, adverb): [suffix, replacement]. */
const RULES: readonly (readonly [string, string])[][] = [
  [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  [],
];

export interface MorphyTables {
  /** Lemma id of a string, or -1. */
  lemmaId(s: string): number;
  /** Bit mask of the parts of speech a lemma has index entries for. */
  lemmaPos(id: number): number;
  /** Base lemma ids listed for an irregular form in a part of speech's exception list. */
  exceptions(form: string, pos: PosIndex): readonly number[] | undefined;
}

/** Base-form lemma ids of `word` (lower-cased) in part of speech `pos`, the word itself first. */
export function morphy(t: MorphyTables, word: string, pos: PosIndex, out: number[] = []): number[] {
  const bit = 1 << pos;
  const add = (id: number): void => {
    if (id >= 0 && (t.lemmaPos(id) & bit) !== 0 && !out.includes(id)) out.push(id);
  };
  add(t.lemmaId(word));
  const exc = t.exceptions(word, pos);
  if (exc) {
    for (const id of exc) add(id);
    return out;
  }
  for (const [suffix, ending] of RULES[pos]!) {
    // Leave at least two letters of stem: rules on very short words only produce noise ("as" -> "a").
    if (word.length - suffix.length >= 2 && word.endsWith(suffix)) {
      add(t.lemmaId(word.slice(0, word.length - suffix.length) + ending));
    }
  }
  return out;
}
