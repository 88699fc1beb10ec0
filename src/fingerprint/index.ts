// Fingerprints of a text for the index: spin-robust anchor shingles plus MinHash/LSH window
// keys. Pure: units and lexicon in, integer keys out (stored as postings by store/).
import type { Lexicon } from "../lexicon/types.js";
import type { Unit } from "../align/units.js";
import { anchorKeys, anchorWords } from "./anchors.js";
import { DEFAULT_MINHASH, minhashKeys, type MinHashOptions } from "./minhash.js";

export { candidateProbability, DEFAULT_MINHASH, type MinHashOptions } from "./minhash.js";
export { hash53 } from "./hash.js";

export interface Fingerprint {
  /** Distinct keys: anchor pairs and MinHash band keys (53-bit integers). */
  keys: number[];
  anchors: number;
  windows: number;
}

export function fingerprint(units: Unit[], lexicon: Lexicon, options: MinHashOptions = DEFAULT_MINHASH): Fingerprint {
  const anchors = anchorWords(units, lexicon);
  const content: string[] = [];
  for (const u of units) if (!u.stop) content.push(u.key);
  const a = anchorKeys(anchors);
  const m = minhashKeys(content, options);
  return { keys: [...new Set([...a, ...m])], anchors: a.length, windows: m.length };
}

export interface LocatedFingerprint extends Fingerprint {
  /** Key -> unit index where it first occurs in the text (search ranks by where keys cluster). */
  positions: Map<number, number>;
}

/** The same keys as `fingerprint`, with the place of each in the text (for a suspect). */
export function locatedFingerprint(units: Unit[], lexicon: Lexicon, options: MinHashOptions = DEFAULT_MINHASH): LocatedFingerprint {
  const positions = new Map<number, number>();
  const anchorAt: number[] = [];
  const anchors = anchorWords(units, lexicon, anchorAt);
  const content: string[] = [];
  const contentAt: number[] = [];
  for (let i = 0; i < units.length; i++) {
    if (units[i]!.stop) continue;
    content.push(units[i]!.key);
    contentAt.push(i);
  }
  const a = anchorKeys(anchors, positions, anchorAt);
  const m = minhashKeys(content, options, positions, contentAt);
  return { keys: [...positions.keys()], anchors: a.length, windows: m.length, positions };
}
