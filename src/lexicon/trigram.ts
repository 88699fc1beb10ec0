// CMU's general US-English trigram language model (Debian package pocketsphinx-en-us, BSD-2):
// 72,547 words, 2.05M bigrams, 1.67M trigrams. Optional: when the file is absent,
// loadTrigramModel returns null and unspin works without it.
//
// The Sphinx file is a bit-packed reversed trie (trigram-format.ts) that answers a query with two
// or three interpolation searches over bit fields. The first use converts it into a cached bundle
// of static hash tables that answer with one short bucket scan per n-gram and that load without
// any per-entry work: no Map of 72k strings, no objects, only typed-array views (~21 MB).
//
// Hash tables (trigram-table.ts) map a pair of ids to a 16-bit value. Bigram "v w": key (v, w),
// value the prob code. Trigram "u v w": key (rank of its context, the bigram "u v"; w), value the
// prob code. The rank numbers only the bigrams that are a trigram context or have a non-zero
// backoff (296k of 2.05M, the same set but for 11), found with a bitmap and popcounts; it also
// indexes the bigram backoff codes, which the other bigrams lack (backoff 0 = log 1). Keying
// trigrams by their context (Sphinx files them under "v w") means a context is looked up once
// for all the candidate words scored in it.
// Values stay Sphinx's 16-bit quantisation codes into float32 bins in Sphinx's unit (log base
// 1.0001); sums are made in that unit, in float32 and in Sphinx's order, and converted to natural
// log last, so trunc(logProb / ln 1.0001) reproduces sphinx_lm_eval's integer figures exactly.

import { readFileSync, statSync } from "node:fs";
import { UnspinError } from "../errors.js";
import { BundleWriter, type BundleReader } from "./bundle.js";
import { cachedBundle, defaultCacheDir } from "./cache.js";
import { parseTrieModel, requiredBits, TrieFormatError, type TrieModel } from "./trigram-format.js";
import { buildTable, findEntry, hashWord, popcount, REM_BITS, type BucketTable } from "./trigram-table.js";

export const DEFAULT_TRIGRAM_LM = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";
/** Bump when the cached layout or the way it is built changes. */
const FORMAT = 1;
const LN_BASE = Math.log(1.0001);

export interface TrigramModel {
  /** Vocabulary size, including the sentence markers <s> and </s>. */
  readonly size: number;
  /** Linked [unigrams, bigrams, trigrams] (the file's header declares 6 bigrams and 2 trigrams more). */
  readonly counts: readonly [number, number, number];
  /** Natural-log probability of a word outside the vocabulary (the model has no <unk>). */
  readonly unknownLogProb: number;
  /** Whether this load read the cache (false: the Sphinx file was parsed). */
  readonly fromCache: boolean;
  /** Id of a word, or -1. Exact match first, then lower-cased with ’ as ' (the vocabulary's form). */
  id(word: string): number;
  word(id: number): string;
  /** ln p(w | context) with ARPA backoff; only the last two context words count. */
  logProb(w: string, context?: readonly string[]): number;
  /** ln p(w3 | w1 w2) by ids; -1 for an absent or unknown context word (or an unknown w3). */
  logProbIds(w3: number, w1: number, w2: number): number;
  /** Is exactly this 1-, 2- or 3-gram listed in the model? */
  seen(...words: string[]): boolean;
  seenIds(...ids: number[]): boolean;
  /**
   * ln p(b | a) by ids (both known words), equal to logProbIds(b, -1, a), and whether the bigram
   * "a b" is listed, in `lastBigramSeen`: one table search for both answers, no allocation (the
   * source-free detector asks this millions of times per megabyte).
   */
  bigramIds(a: number, b: number): number;
  /** Whether the bigram of the last `bigramIds` call is listed. */
  readonly lastBigramSeen: boolean;
}

export interface TrigramOptions {
  /** Model file. Default: $UNSPIN_TRIGRAM_LM, else DEFAULT_TRIGRAM_LM. */
  path?: string;
  /** Cache directory; `false` builds in memory. Default: see defaultCacheDir(). */
  cacheDir?: string | false;
}

/** Trie -> bundle. */
function build(m: TrieModel): BundleWriter {
  const n1 = m.words.length;
  const wordBits = Math.max(1, requiredBits(n1));
  const loBits = Math.max(REM_BITS, wordBits);
  const nb = m.bigramWord.length;
  const bi = buildTable(nb, m.bigramHistory, m.bigramWord, m.bigramProb, wordBits, loBits);
  // Each trigram's prefix bigram "u v" (its context); Sphinx's trie files it under "v w" instead.
  const nt = m.trigramHistory.length;
  const prefix = new Uint32Array(nt);
  for (let k = 0; k < nt; k++) {
    const u = m.trigramHistory[k]!;
    const v = m.bigramHistory[m.trigramBigram[k]!]!;
    const e = findEntry(bi.table, u, v);
    if (e < 0) throw new TrieFormatError(`trigram "${m.words[u]} ${m.words[v]} ..." has no bigram "${m.words[u]} ${m.words[v]}"; only models where every n-gram's prefix is listed are supported`);
    prefix[k] = e;
  }
  // Rank bitmap over bigram entries: those that are a trigram context or have a non-zero backoff.
  const flags = new Uint32Array((nb >>> 5) + 1);
  const flag = (e: number): void => void (flags[e >>> 5]! |= 1 << (e & 31));
  for (const e of prefix) flag(e);
  for (let k = 0; k < nb; k++) if (m.bigramBackoffBins[m.bigramBackoff[k]!] !== 0) flag(bi.position[k]!);
  const dir = new Uint32Array(flags.length);
  for (let w = 1; w < flags.length; w++) dir[w] = dir[w - 1]! + popcount(flags[w - 1]!);
  const ranked = dir[flags.length - 1]! + popcount(flags[flags.length - 1]!);
  const rankOf = (e: number): number => dir[e >>> 5]! + popcount(flags[e >>> 5]! & ((1 << (e & 31)) - 1));
  const backoff = new Uint16Array(ranked);
  for (let k = 0; k < nb; k++) {
    const e = bi.position[k]!;
    if ((flags[e >>> 5]! >>> (e & 31)) & 1) backoff[rankOf(e)] = m.bigramBackoff[k]!;
  }
  const ranks = Uint32Array.from(prefix, rankOf);
  const words3 = Uint32Array.from(m.trigramBigram, (b) => m.bigramWord[b]!);
  const tri = buildTable(nt, ranks, words3, m.trigramProb, Math.max(1, requiredBits(ranked)), loBits);

  // Vocabulary: latin1 bytes back to back, offsets, and an open-addressing table of id + 1.
  const vocab = Buffer.from(m.words.join(""), "latin1");
  const offsets = new Uint32Array(n1 + 1);
  for (let i = 0; i < n1; i++) offsets[i + 1] = offsets[i]! + m.words[i]!.length;
  const slots = new Uint32Array(2 ** Math.max(4, requiredBits(n1 * 2)));
  for (let i = 0; i < n1; i++) {
    let h = hashWord(m.words[i]!) & (slots.length - 1);
    while (slots[h] !== 0) h = (h + 1) & (slots.length - 1);
    slots[h] = i + 1;
  }
  // An unknown word is as improbable as the rarest listed word (<s>'s -99 is a placeholder).
  let floor = 0;
  for (let i = 0; i < n1; i++) if (m.words[i] !== "<s>") floor = Math.min(floor, m.uniProb[i]!);

  const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);
  const w = new BundleWriter()
    .array("meta", Uint32Array.of(n1, nb, nt, wordBits, loBits, ranked))
    .array("floor", Float64Array.of(floor))
    .array("vocab", new Uint8Array(vocab))
    .array("vocabOffsets", offsets)
    .array("vocabSlots", slots)
    .array("uniProb", bits(m.uniProb))
    .array("uniBackoff", bits(m.uniBackoff))
    .array("bigramProbBins", bits(m.bigramProbBins))
    .array("bigramBackoffBins", bits(m.bigramBackoffBins))
    .array("trigramProbBins", bits(m.trigramProbBins))
    .array("rankFlags", flags)
    .array("rankDir", dir)
    .array("bigramBackoff", backoff);
  for (const [name, t] of [["bigram", bi.table], ["trigram", tri.table]] as const) {
    w.array(`${name}Shape`, Uint32Array.of(t.hiBits, t.loBits, t.blockBits)).array(`${name}Base`, t.base).array(`${name}Small`, t.small).array(`${name}Entries`, t.entries);
  }
  return w;
}

function readTable(r: BundleReader, name: string): BucketTable {
  const [hiBits, loBits, blockBits] = r.u32(`${name}Shape`);
  return { hiBits: hiBits!, loBits: loBits!, blockBits: blockBits!, base: r.u32(`${name}Base`), small: r.u8(`${name}Small`), entries: r.u32(`${name}Entries`) };
}

const f32 = (a: Uint32Array): Float32Array => new Float32Array(a.buffer, a.byteOffset, a.length);

class BundleTrigramModel implements TrigramModel {
  readonly size: number;
  readonly counts: readonly [number, number, number];
  readonly unknownLogProb: number;
  readonly fromCache: boolean;
  /** The floor in Sphinx's unit. */
  private readonly floor: number;
  private readonly vocab: Uint8Array;
  private readonly vocabOffsets: Uint32Array;
  private readonly vocabSlots: Uint32Array;
  private readonly uniProb: Float32Array;
  private readonly uniBackoff: Float32Array;
  private readonly bigramProbBins: Float32Array;
  private readonly bigramBackoffBins: Float32Array;
  private readonly trigramProbBins: Float32Array;
  private readonly rankFlags: Uint32Array;
  private readonly rankDir: Uint32Array;
  private readonly bigramBackoff: Uint16Array;
  private readonly bigrams: BucketTable;
  private readonly trigrams: BucketTable;

  constructor(r: BundleReader, fromCache: boolean) {
    this.fromCache = fromCache;
    const [n1, nb, nt] = r.u32("meta");
    this.size = n1!;
    this.counts = [n1!, nb!, nt!];
    this.floor = r.f64("floor")[0]!;
    this.unknownLogProb = this.floor * LN_BASE;
    this.vocab = r.u8("vocab");
    this.vocabOffsets = r.u32("vocabOffsets");
    this.vocabSlots = r.u32("vocabSlots");
    this.uniProb = f32(r.u32("uniProb"));
    this.uniBackoff = f32(r.u32("uniBackoff"));
    this.bigramProbBins = f32(r.u32("bigramProbBins"));
    this.bigramBackoffBins = f32(r.u32("bigramBackoffBins"));
    this.trigramProbBins = f32(r.u32("trigramProbBins"));
    this.rankFlags = r.u32("rankFlags");
    this.rankDir = r.u32("rankDir");
    this.bigramBackoff = r.u16("bigramBackoff");
    this.bigrams = readTable(r, "bigram");
    this.trigrams = readTable(r, "trigram");
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

  /** Rank of a bigram entry among the contexts and backoff holders, or -1. */
  private rank(e: number): number {
    const word = this.rankFlags[e >>> 5]!;
    if (((word >>> (e & 31)) & 1) === 0) return -1;
    return this.rankDir[e >>> 5]! + popcount(word & ((1 << (e & 31)) - 1));
  }

  // The last context looked up: callers score many candidate words in one context, and the
  // context's rank and backoff are then found once. Invisible to callers (answers do not change).
  private memoW1 = -2;
  private memoW2 = -2;
  private memoRank = -1;
  private memoBackoff = 0;

  /** Set the memo for the context "w1 w2" (w1 may be -1, w2 is a word). */
  private context(w1: number, w2: number): void {
    if (w1 === this.memoW1 && w2 === this.memoW2) return;
    const e = w1 < 0 ? -1 : findEntry(this.bigrams, w1, w2);
    const r = e < 0 ? -1 : this.rank(e);
    this.memoW1 = w1;
    this.memoW2 = w2;
    this.memoRank = r;
    this.memoBackoff = r < 0 ? 0 : this.bigramBackoffBins[this.bigramBackoff[r]!]!;
  }

  logProbIds(w3: number, w1: number, w2: number): number {
    // An unknown context word cuts the context: only the words after it count.
    if (w2 < 0) return (w3 < 0 ? this.floor : this.uniProb[w3]!) * LN_BASE;
    this.context(w1, w2);
    if (w3 < 0) {
      // Scored as a unigram (the floor) that follows nothing: backoffs of the whole context.
      return Math.fround(Math.fround(this.floor + this.uniBackoff[w2]!) + this.memoBackoff) * LN_BASE;
    }
    if (this.memoRank >= 0) {
      const t = findEntry(this.trigrams, this.memoRank, w3);
      if (t >= 0) return this.trigramProbBins[this.trigrams.entries[t]! & 0xffff]! * LN_BASE;
    }
    // Sums in float32 and in Sphinx's order (prob + backoff(v), then + backoff(u v)): the figures
    // then truncate to sphinx_lm_eval's exactly (other orders differ by a unit now and then).
    const e = findEntry(this.bigrams, w2, w3);
    if (e >= 0) return Math.fround(this.bigramProbBins[this.bigrams.entries[e]! & 0xffff]! + this.memoBackoff) * LN_BASE;
    return Math.fround(Math.fround(this.uniProb[w3]! + this.uniBackoff[w2]!) + this.memoBackoff) * LN_BASE;
  }

  lastBigramSeen = false;

  bigramIds(a: number, b: number): number {
    // logProbIds(b, -1, a) with the context "a" alone: no context bigram, so no context backoff.
    const e = findEntry(this.bigrams, a, b);
    this.lastBigramSeen = e >= 0;
    if (e >= 0) return this.bigramProbBins[this.bigrams.entries[e]! & 0xffff]! * LN_BASE;
    return Math.fround(this.uniProb[b]! + this.uniBackoff[a]!) * LN_BASE;
  }

  logProb(w: string, context: readonly string[] = []): number {
    const n = context.length;
    return this.logProbIds(this.id(w), n >= 2 ? this.id(context[n - 2]!) : -1, n >= 1 ? this.id(context[n - 1]!) : -1);
  }

  seenIds(...ids: number[]): boolean {
    if (ids.length === 0 || ids.length > 3 || ids.some((i) => !(i >= 0 && i < this.size))) return false;
    if (ids.length === 1) return true;
    const e = findEntry(this.bigrams, ids[0]!, ids[1]!);
    if (ids.length === 2 || e < 0) return e >= 0;
    const r = this.rank(e);
    return r >= 0 && findEntry(this.trigrams, r, ids[2]!) >= 0;
  }

  seen(...words: string[]): boolean {
    return this.seenIds(...words.map((w) => this.id(w)));
  }
}

/**
 * Load the trigram model (from the cache, or parse the Sphinx file and cache it). Returns null
 * when the model file does not exist; throws UnspinError("LEXICON") naming the file when it exists
 * but cannot be read or is not a model this reader understands.
 */
export function loadTrigramModel(options: TrigramOptions = {}): TrigramModel | null {
  const fromEnv = options.path === undefined ? process.env.UNSPIN_TRIGRAM_LM : undefined;
  if (fromEnv === "off") return null;
  const path = options.path ?? (fromEnv || DEFAULT_TRIGRAM_LM);
  const unreadable = (cause: unknown): UnspinError =>
    new UnspinError("LEXICON", `cannot read the trigram language model ${path}`, "check the path and the file's permissions, or unset UNSPIN_TRIGRAM_LM (UNSPIN_TRIGRAM_LM=off runs without it)", { cause });
  let stat;
  try {
    stat = statSync(path);
  } catch (cause) {
    // Absent at the default place: unspin runs without it. Named explicitly: the user meant it.
    if ((cause as NodeJS.ErrnoException).code === "ENOENT" && path === DEFAULT_TRIGRAM_LM) return null;
    throw unreadable(cause);
  }
  // Size and mtime stand for the file's content: a reinstalled or replaced model rebuilds.
  const stamp = `unspin-lexicon/trigram@${FORMAT} ${path} size=${stat.size} mtime=${stat.mtimeMs}`;
  const { reader, fromCache } = cachedBundle("trigram.bin", { dir: options.cacheDir ?? defaultCacheDir(), stamp }, () => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw unreadable(cause);
    }
    try {
      return build(parseTrieModel(bytes));
    } catch (cause) {
      if (!(cause instanceof TrieFormatError)) throw cause;
      throw new UnspinError(
        "LEXICON",
        `the trigram language model ${path} is damaged or not a Sphinx trie model: ${cause.message}`,
        "reinstall it (apt-get install --reinstall pocketsphinx-en-us), or point UNSPIN_TRIGRAM_LM at a valid en-us.lm.bin",
        { cause },
      );
    }
  });
  return new BundleTrigramModel(reader, fromCache);
}

let shared: TrigramModel | null | undefined;
/** One model per process, loaded on first use (null when it is not installed). */
export function getTrigramModel(): TrigramModel | null {
  if (shared === undefined) shared = loadTrigramModel();
  return shared;
}
