// Spelling corrections by SymSpell's symmetric delete: two words within edit distance 2 share a
// string obtained by deleting at most two characters from each. The index maps every delete of
// every dictionary word's 7-letter prefix (SymSpell's prefix trick keeps the index small) to the
// word. To stay compact the delete strings themselves are not stored: only their 32-bit FNV-1a
// hashes, sorted, beside the word ids. A hash collision merely adds a candidate, and every
// candidate is verified with a real edit distance, so answers are exact.

import { BundleWriter, type BundleReader } from "./bundle.js";
import type { Frequencies } from "./frequencies.js";

const MAX_DISTANCE = 2;
const PREFIX = 7;

/** FNV-1a over the string with up to two positions skipped (-1 = none), without building it. */
function hashSkipping(s: string, len: number, skipA: number, skipB: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < len; i++) {
    if (i === skipA || i === skipB) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of all deletes (0..2 characters) of the first PREFIX characters of a word. */
function deleteHashes(word: string, out: Set<number>): Set<number> {
  const len = Math.min(word.length, PREFIX);
  out.add(hashSkipping(word, len, -1, -1));
  for (let i = 0; i < len; i++) {
    if (len - 1 > 0) out.add(hashSkipping(word, len, i, -1));
    for (let j = i + 1; j < len && len - 2 > 0; j++) out.add(hashSkipping(word, len, i, j));
  }
  return out;
}

export function buildCorrections(freq: Frequencies): BundleWriter {
  // Pack (hash, id) into one double so a native typed-array sort orders them: 2^32 * 2^20 < 2^53.
  const packed: number[] = [];
  const hashes = new Set<number>();
  const words = freq.words;
  for (let id = 0; id < words.length; id++) {
    hashes.clear();
    for (const h of deleteHashes(words[id]!, hashes)) packed.push(h * 2 ** 20 + id);
  }
  const all = Float64Array.from(packed).sort();
  const keys = new Uint32Array(all.length);
  const ids = new Int32Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const v = all[i]!;
    const id = v % 2 ** 20;
    keys[i] = (v - id) / 2 ** 20;
    ids[i] = id;
  }
  return new BundleWriter().array("keys", keys).array("ids", ids);
}

/** Optimal string alignment distance (transpositions count 1), or max+1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

export class Corrections {
  private readonly keys: Uint32Array;
  private readonly ids: Int32Array;

  constructor(
    r: BundleReader,
    private readonly freq: Frequencies,
  ) {
    this.keys = r.u32("keys");
    this.ids = r.i32("ids");
  }

  /** Dictionary words within distance 2 of `word` (never the word itself): nearest first, then most frequent. */
  suggest(word: string, max = 5): string[] {
    const w = word.toLowerCase();
    const seen = new Set<number>();
    const found: { id: number; d: number }[] = [];
    for (const h of deleteHashes(w, new Set())) {
      for (let k = this.lowerBound(h); k < this.keys.length && this.keys[k] === h; k++) {
        const id = this.ids[k]!;
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = this.freq.words[id]!;
        if (candidate === w) continue;
        const d = editDistance(w, candidate, MAX_DISTANCE);
        if (d <= MAX_DISTANCE) found.push({ id, d });
      }
    }
    found.sort((x, y) => x.d - y.d || this.freq.counts[y.id]! - this.freq.counts[x.id]!);
    return found.slice(0, max).map((f) => this.freq.words[f.id]!);
  }

  private lowerBound(h: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
