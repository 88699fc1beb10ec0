// Static hash tables for the trigram model's cache (see trigram.ts): built once from the parsed
// Sphinx trie, then used straight from typed-array views over the cache file.
//
// Hash tables ("bucket tables"): a key is a pair of ids (hi, lo), e.g. a bigram's history and
// word, 34 bits. A 4-round Feistel network permutes the key bits (a bijection, so nothing is lost);
// the top bits of the permuted key choose a bucket and only the low 16 bits (the "remainder") are
// stored, next to a 16-bit value, in one u32 per entry. Entries are grouped by bucket (about 8 per
// bucket for bigrams) and sorted by remainder. Bucket starts are a u32 per block of buckets plus a
// u8 offset per bucket.

import { TrieFormatError } from "./trigram-format.js";

/** Bits of a permuted key stored per entry; the rest of the key is the bucket number. */
export const REM_BITS = 16;
const ROUND_KEYS = [0x9e3779b9, 0x7f4a7c15, 0x94d049bb, 0x2545f491];

/** murmur3's finaliser: the Feistel round function. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Result registers of permute(): hot loops call it millions of times, so no pair is allocated.
let outBucket = 0;
let outRem = 0;

/** Feistel-permute the key (hi: hiBits, lo: loBits); sets outBucket and outRem. */
function permute(hi: number, hiBits: number, lo: number, loBits: number): void {
  let a = hi;
  let b = lo;
  let aBits = hiBits;
  let bBits = loBits;
  for (let r = 0; r < 4; r++) {
    // (a, b) -> (b, a ^ F(b)): invertible whatever F is; the halves swap widths each round.
    const t = (a ^ mix(b ^ ROUND_KEYS[r]!)) & ((1 << aBits) - 1);
    a = b;
    b = t;
    const w = aBits;
    aBits = bBits;
    bBits = w;
  }
  outBucket = (a << (loBits - REM_BITS)) | (b >>> REM_BITS);
  outRem = b & 0xffff;
}

export interface BucketTable {
  hiBits: number;
  loBits: number;
  blockBits: number;
  /** Start of every 2^blockBits-th bucket (plus one past the end). */
  base: Uint32Array;
  /** Start of each bucket (plus the end) relative to its block's base. */
  small: Uint8Array;
  /** remainder << 16 | value, by bucket, sorted. */
  entries: Uint32Array;
}

/** Index of the entry for (hi, lo), or -1. */
export function findEntry(t: BucketTable, hi: number, lo: number): number {
  permute(hi, t.hiBits, lo, t.loBits);
  const b = outBucket;
  const want = outRem;
  const end = t.base[(b + 1) >>> t.blockBits]! + t.small[b + 1]!;
  for (let i = t.base[b >>> t.blockBits]! + t.small[b]!; i < end; i++) {
    const rem = t.entries[i]! >>> 16;
    if (rem === want) return i;
    if (rem > want) return -1;
  }
  return -1;
}

/** Build a bucket table of n keys; `position[i]` is the entry index of key i. */
export function buildTable(n: number, his: Uint32Array, los: Uint32Array, values: Uint16Array, hiBits: number, loBits: number): { table: BucketTable; position: Uint32Array } {
  const buckets = 2 ** (hiBits + loBits - REM_BITS);
  const bucketOf = new Uint32Array(n);
  const keyOf = new Uint32Array(n);
  const starts = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    permute(his[i]!, hiBits, los[i]!, loBits);
    bucketOf[i] = outBucket;
    keyOf[i] = ((outRem << 16) | values[i]!) >>> 0;
    starts[outBucket + 1]!++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
  const fill = starts.slice(0, buckets);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucketOf[i]!]!++] = i;
  const entries = new Uint32Array(n);
  const position = new Uint32Array(n);
  for (let b = 0; b < buckets; b++) {
    // Buckets hold a handful of entries: insertion sort by remainder.
    const s = starts[b]!;
    const e = starts[b + 1]!;
    for (let j = s + 1; j < e; j++) {
      const x = order[j]!;
      let k = j;
      for (; k > s && keyOf[order[k - 1]!]! > keyOf[x]!; k--) order[k] = order[k - 1]!;
      order[k] = x;
    }
    for (let j = s; j < e; j++) {
      entries[j] = keyOf[order[j]!]!;
      position[order[j]!] = j;
      if (j > s && entries[j]! >>> 16 === entries[j - 1]! >>> 16) throw new TrieFormatError("an n-gram is listed twice");
    }
  }
  // Largest block whose buckets all start within 255 entries of the block's first bucket.
  let blockBits = Math.min(8, hiBits + loBits - REM_BITS);
  for (; blockBits > 0; blockBits--) {
    let b = 0;
    while (b <= buckets && starts[b]! - starts[(b >>> blockBits) << blockBits]! <= 255) b++;
    if (b > buckets) break;
  }
  const base = new Uint32Array((buckets >>> blockBits) + 1);
  for (let k = 0; k < base.length; k++) base[k] = starts[k << blockBits]!;
  const small = new Uint8Array(buckets + 1);
  for (let b = 0; b <= buckets; b++) small[b] = starts[b]! - base[b >>> blockBits]!;
  return { table: { hiBits, loBits, blockBits, base, small, entries }, position };
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** FNV-1a over char codes (= latin1 bytes): the vocabulary's hash, same at build and query time. */
export function hashWord(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

