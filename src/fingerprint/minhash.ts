// MinHash with LSH banding over windows of normalised content words (base forms, function words
// left out). A copied passage shares most of its content words with the source even after
// light editing or word shuffling; banding turns "similar windows" into "a shared key".
//
// With `bands` bands of `rows` rows, two windows whose sets have Jaccard similarity s share at
// least one key with probability P(s) = 1 - (1 - s^rows)^bands. Defaults (rows 2, bands 6):
//   s = 0.2: 0.22   s = 0.3: 0.43   s = 0.4: 0.65   s = 0.5: 0.82   s = 0.6: 0.93   s = 0.8: 1.00
// A passage spans several overlapping windows, each a separate chance: a copied passage of three
// windows at s = 0.4 becomes a candidate with probability 1 - (1 - 0.65)^3 = 0.96.
import { hash32, hash53 } from "./hash.js";

export interface MinHashOptions {
  /** Content words per window. */
  window: number;
  /** Step between window starts (window / 2 gives every word two windows). */
  stride: number;
  bands: number;
  rows: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { window: 24, stride: 12, bands: 6, rows: 2 };

/** Probability that two windows at Jaccard similarity s share a band key. */
export function candidateProbability(s: number, o: MinHashOptions = DEFAULT_MINHASH): number {
  return 1 - Math.pow(1 - Math.pow(s, o.rows), o.bands);
}

/**
 * Band keys of every window. With `positions` (and `at`, the unit index of each word), records
 * where in the text each key first occurs (the window's first word).
 */
export function minhashKeys(words: string[], o: MinHashOptions = DEFAULT_MINHASH, positions?: Map<number, number>, at?: readonly number[]): number[] {
  const keys = new Set<number>();
  const perms = o.bands * o.rows;
  // Hash every distinct word once per permutation.
  const distinct = new Map<string, Uint32Array>();
  for (const w of words) {
    if (distinct.has(w)) continue;
    const hs = new Uint32Array(perms);
    for (let p = 0; p < perms; p++) hs[p] = hash32(w, p * 0x9e3779b1);
    distinct.set(w, hs);
  }
  const mins = new Uint32Array(perms);
  const last = Math.max(0, words.length - o.window);
  for (let start = 0; start <= last; start += o.stride) {
    mins.fill(0xffffffff);
    const end = Math.min(words.length, start + o.window);
    for (let i = start; i < end; i++) {
      const hs = distinct.get(words[i]!)!;
      for (let p = 0; p < perms; p++) if (hs[p]! < mins[p]!) mins[p] = hs[p]!;
    }
    for (let b = 0; b < o.bands; b++) {
      let sig = `m${b}`;
      for (let r = 0; r < o.rows; r++) sig += `:${mins[b * o.rows + r]}`;
      const k = hash53(sig);
      keys.add(k);
      if (positions && !positions.has(k)) positions.set(k, at?.[start] ?? start);
    }
    if (end === words.length) break;
  }
  return [...keys];
}
