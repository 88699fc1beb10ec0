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

/**
 * Stride of the suspect's MinHash windows when it is looked up. The index holds one window every
 * `stride` (12) content words of each document, and a copied passage's windows in the suspect
 * start elsewhere than the source's, so two windows over the same copied words can mix in up to
 * half a window of other text each. Windowing the suspect every 2 words instead puts a suspect
 * window within a word of every source window inside the copy. Only the query pays: overlapping
 * windows share most band keys (the minimum of 24 words rarely changes in one step), so six times
 * the windows is about 1.4 times the keys on PAN13 suspects. On the PAN13 dev split the true
 * source is among the first 50 candidates for 97.7% of random-obfuscation pairs (95.5% at
 * stride 12) and 95.8% of translation pairs (94.8%): eval/results/retrieval.md.
 */
export const QUERY_STRIDE = 2;

/** The keys to look up for a suspect: `fingerprint` with MinHash windows every `queryStride` content words. */
export function queryFingerprint(units: Unit[], lexicon: Lexicon, queryStride = QUERY_STRIDE, options: MinHashOptions = DEFAULT_MINHASH): Fingerprint {
  return fingerprint(units, lexicon, { ...options, stride: Math.min(options.stride, queryStride) });
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
