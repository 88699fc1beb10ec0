// Codes shared by the WordNet table builder and its reader.

import type { PartOfSpeech } from "./types.js";

/** Index 0..3 of a part of speech; also the low two bits of a public synset id. */
export type PosIndex = 0 | 1 | 2 | 3;
export const POS_CHARS: readonly PartOfSpeech[] = ["n", "v", "a", "r"];

export function posIndex(pos: PartOfSpeech): PosIndex {
  return POS_CHARS.indexOf(pos) as PosIndex;
}

/** synFlags: bits 0-1 part of speech, this bit for adjective satellites. */
export const SATELLITE_FLAG = 4;

/** Pointer codes stored in ptrType. */
export const PTR = {
  antonym: 1,
  hypernym: 2, // includes instance hypernyms (@i)
  similar: 3, // adjective similar-to (&): satellite <-> head
  alsoSee: 4,
  verbGroup: 5,
  derivation: 6,
  pertainym: 7, // adjective -> noun, adverb -> adjective: derivational too
} as const;
