// What the source-free detector asks of a language model, and the part of a cached model bundle
// that answers it: the vocabulary, unigram probabilities and backoffs, and the bigrams with their
// 16-bit prob codes in a static hash table (trigram-table.ts). Both models build it:
// the shipped bigram model (context-model.ts, from models/cmu-en-us-bigram.bin) and the full Sphinx
// trigram model (trigram.ts, from a file named by UNSPIN_TRIGRAM_LM), which adds its trigrams.
// Built from the same numbers, the two answer `id` and `bigramIds` bit for bit alike.
//
// Values stay Sphinx's 16-bit quantisation codes into float32 bins and float32 unigram figures in
// Sphinx's unit (log base 1.0001); a backed-off bigram is summed in float32 in that unit and
// converted to natural log last, as sphinx_lm_eval does (see trigram.ts).

import type { BundleReader, BundleWriter } from "./bundle.js";
import { requiredBits } from "./trigram-format.js";
import { buildTable, findEntry, hashWord, REM_BITS, type BucketTable } from "./trigram-table.js";

export const LN_BASE = Math.log(1.0001);

/** The language model behind source-free detection: word ids and bigram conditionals. */
export interface ContextLanguageModel {
  /**
   * Which model this is: "cmu-en-us-bigram" (the model shipped in models/), "cmu-en-us-trigram"
   * (CMU's full Sphinx model, named by UNSPIN_TRIGRAM_LM), "sphinx-trigram" (another Sphinx model).
   */
  readonly name: string;
  /** The file it was built from. */
  readonly source: string;
  /** Vocabulary size, including the sentence markers <s> and </s>. */
  readonly size: number;
  /** Whether this load read the cache (false: the model file was decoded and the cache built). */
  readonly fromCache: boolean;
  /** Id of a word, or -1. Exact match first, then lower-cased with ’ as ' (the vocabulary's form). */
  id(word: string): number;
  word(id: number): string;
  /**
   * ln p(b | a) by ids (both known words) with ARPA backoff: the bigram's probability if listed,
   * else backoff(a) + p(b); and whether "a b" is listed, in `lastBigramSeen`: one table search for
   * both answers, no allocation (the source-free detector asks this millions of times per megabyte).
   */
  bigramIds(a: number, b: number): number;
  /** Whether the bigram of the last `bigramIds` call is listed. */
  readonly lastBigramSeen: boolean;
}

/** The numbers a bigram bundle is built from (Sphinx's units, codes into bigramProbBins). */
export interface BigramData {
  words: readonly string[];
  uniProb: Float32Array;
  uniBackoff: Float32Array;
  bigramProbBins: Float32Array;
  /** Bigram k is "bigramHistory[k] bigramWord[k]" (any order). */
  bigramHistory: Uint32Array;
  bigramWord: Uint32Array;
  bigramProb: Uint16Array;
}

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);
const f32 = (a: Uint32Array): Float32Array => new Float32Array(a.buffer, a.byteOffset, a.length);

/**
 * Add the vocabulary, unigram and bigram sections to a bundle. Returns the bigram table and each
 * input bigram's entry index in it (the trigram model keys its trigrams by those entries).
 */
export function writeBigramSections(w: BundleWriter, d: BigramData): { table: BucketTable; position: Uint32Array; loBits: number } {
  const n1 = d.words.length;
  const wordBits = Math.max(1, requiredBits(n1));
  const loBits = Math.max(REM_BITS, wordBits);
  const { table, position } = buildTable(d.bigramWord.length, d.bigramHistory, d.bigramWord, d.bigramProb, wordBits, loBits);
  // Vocabulary: latin1 bytes back to back, offsets, and an open-addressing table of id + 1.
  const vocab = Buffer.from(d.words.join(""), "latin1");
  const offsets = new Uint32Array(n1 + 1);
  for (let i = 0; i < n1; i++) offsets[i + 1] = offsets[i]! + d.words[i]!.length;
  const slots = new Uint32Array(2 ** Math.max(4, requiredBits(n1 * 2)));
  for (let i = 0; i < n1; i++) {
    let h = hashWord(d.words[i]!) & (slots.length - 1);
    while (slots[h] !== 0) h = (h + 1) & (slots.length - 1);
    slots[h] = i + 1;
  }
  w.array("vocab", new Uint8Array(vocab))
    .array("vocabOffsets", offsets)
    .array("vocabSlots", slots)
    .array("uniProb", bits(d.uniProb))
    .array("uniBackoff", bits(d.uniBackoff))
    .array("bigramProbBins", bits(d.bigramProbBins));
  writeTable(w, "bigram", table);
  return { table, position, loBits };
}

export function writeTable(w: BundleWriter, name: string, t: BucketTable): void {
  w.array(`${name}Shape`, Uint32Array.of(t.hiBits, t.loBits, t.blockBits)).array(`${name}Base`, t.base).array(`${name}Small`, t.small).array(`${name}Entries`, t.entries);
}

export function readTable(r: BundleReader, name: string): BucketTable {
  const [hiBits, loBits, blockBits] = r.u32(`${name}Shape`);
  return { hiBits: hiBits!, loBits: loBits!, blockBits: blockBits!, base: r.u32(`${name}Base`), small: r.u8(`${name}Small`), entries: r.u32(`${name}Entries`) };
}

/** A model over the sections of writeBigramSections: typed-array views, no per-entry work. */
export class BundleBigramModel implements ContextLanguageModel {
  readonly name: string;
  readonly source: string;
  readonly size: number;
  readonly fromCache: boolean;
  private readonly vocab: Uint8Array;
  private readonly vocabOffsets: Uint32Array;
  private readonly vocabSlots: Uint32Array;
  protected readonly uniProb: Float32Array;
  protected readonly uniBackoff: Float32Array;
  protected readonly bigramProbBins: Float32Array;
  protected readonly bigrams: BucketTable;

  constructor(r: BundleReader, info: { name: string; source: string; fromCache: boolean }) {
    this.name = info.name;
    this.source = info.source;
    this.fromCache = info.fromCache;
    this.vocab = r.u8("vocab");
    this.vocabOffsets = r.u32("vocabOffsets");
    this.vocabSlots = r.u32("vocabSlots");
    this.size = this.vocabOffsets.length - 1;
    this.uniProb = f32(r.u32("uniProb"));
    this.uniBackoff = f32(r.u32("uniBackoff"));
    this.bigramProbBins = f32(r.u32("bigramProbBins"));
    this.bigrams = readTable(r, "bigram");
  }

  private exactId(word: string): number {
    const mask = this.vocabSlots.length - 1;
    for (let h = hashWord(word) & mask; ; h = (h + 1) & mask) {
      const id = this.vocabSlots[h]! - 1;
      if (id < 0) return -1;
      const start = this.vocabOffsets[id]!;
      if (this.vocabOffsets[id + 1]! - start !== word.length) continue;
      let i = 0;
      while (i < word.length && this.vocab[start + i] === word.charCodeAt(i)) i++;
      if (i === word.length) return id;
    }
  }

  id(word: string): number {
    const id = this.exactId(word);
    if (id >= 0) return id;
    const norm = word.toLowerCase().replace(/\u2019/g, "'");
    return norm === word ? -1 : this.exactId(norm);
  }

  word(id: number): string {
    if (!(id >= 0 && id < this.size)) return "";
    return Buffer.from(this.vocab.buffer, this.vocab.byteOffset + this.vocabOffsets[id]!, this.vocabOffsets[id + 1]! - this.vocabOffsets[id]!).toString("latin1");
  }

  lastBigramSeen = false;

  bigramIds(a: number, b: number): number {
    // The context "a" alone: no context bigram, so no context backoff.
    const e = findEntry(this.bigrams, a, b);
    this.lastBigramSeen = e >= 0;
    if (e >= 0) return this.bigramProbBins[this.bigrams.entries[e]! & 0xffff]! * LN_BASE;
    return Math.fround(this.uniProb[b]! + this.uniBackoff[a]!) * LN_BASE;
  }
}
