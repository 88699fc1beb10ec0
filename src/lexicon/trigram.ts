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
import { BundleBigramModel, LN_BASE, readTable, writeBigramSections, writeTable, type ContextLanguageModel } from "./language-model.js";
import { parseTrieModel, requiredBits, TrieFormatError, type TrieModel } from "./trigram-format.js";
import { buildTable, findEntry, popcount, type BucketTable } from "./trigram-table.js";

export const DEFAULT_TRIGRAM_LM = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";
/** Bump when the cached layout or the way it is built changes. */
const FORMAT = 2;
/** Linked [unigrams, bigrams, trigrams] of CMU's en-us.lm.bin: a model with these is named "cmu-en-us-trigram". */
export const CMU_EN_US_COUNTS = [72547, 2051541, 1669623] as const;

/** A full Sphinx trigram model: the context model's answers, plus trigram queries. */
export interface TrigramModel extends ContextLanguageModel {
  /** Linked [unigrams, bigrams, trigrams] (the file's header declares 6 bigrams and 2 trigrams more). */
  readonly counts: readonly [number, number, number];
  /** Natural-log probability of a word outside the vocabulary (the model has no <unk>). */
  readonly unknownLogProb: number;
  /** ln p(w | context) with ARPA backoff; only the last two context words count. */
  logProb(w: string, context?: readonly string[]): number;
  /** ln p(w3 | w1 w2) by ids; -1 for an absent or unknown context word (or an unknown w3). */
  logProbIds(w3: number, w1: number, w2: number): number;
  /** Is exactly this 1-, 2- or 3-gram listed in the model? */
  seen(...words: string[]): boolean;
  seenIds(...ids: number[]): boolean;
}

export interface TrigramOptions {
  /** Model file. Default: $UNSPIN_TRIGRAM_LM, else DEFAULT_TRIGRAM_LM. */
  path?: string;
  /** Cache directory; `false` builds in memory. Default: see defaultCacheDir(). */
  cacheDir?: string | false;
}

/** Trie -> bundle: the bigram sections (language-model.ts) plus the trigrams. */
function build(m: TrieModel): BundleWriter {
  const n1 = m.words.length;
  const nb = m.bigramWord.length;
  const w = new BundleWriter();
  const { table: bigrams, position, loBits } = writeBigramSections(w, m);
  // Each trigram's prefix bigram "u v" (its context); Sphinx's trie files it under "v w" instead.
  const nt = m.trigramHistory.length;
  const prefix = new Uint32Array(nt);
  for (let k = 0; k < nt; k++) {
    const u = m.trigramHistory[k]!;
    const v = m.bigramHistory[m.trigramBigram[k]!]!;
    const e = findEntry(bigrams, u, v);
    if (e < 0) throw new TrieFormatError(`trigram "${m.words[u]} ${m.words[v]} ..." has no bigram "${m.words[u]} ${m.words[v]}"; only models where every n-gram's prefix is listed are supported`);
    prefix[k] = e;
  }
  // Rank bitmap over bigram entries: those that are a trigram context or have a non-zero backoff.
  const flags = new Uint32Array((nb >>> 5) + 1);
  const flag = (e: number): void => void (flags[e >>> 5]! |= 1 << (e & 31));
  for (const e of prefix) flag(e);
  for (let k = 0; k < nb; k++) if (m.bigramBackoffBins[m.bigramBackoff[k]!] !== 0) flag(position[k]!);
  const dir = new Uint32Array(flags.length);
  for (let i = 1; i < flags.length; i++) dir[i] = dir[i - 1]! + popcount(flags[i - 1]!);
  const ranked = dir[flags.length - 1]! + popcount(flags[flags.length - 1]!);
  const rankOf = (e: number): number => dir[e >>> 5]! + popcount(flags[e >>> 5]! & ((1 << (e & 31)) - 1));
  const backoff = new Uint16Array(ranked);
  for (let k = 0; k < nb; k++) {
    const e = position[k]!;
    if ((flags[e >>> 5]! >>> (e & 31)) & 1) backoff[rankOf(e)] = m.bigramBackoff[k]!;
  }
  const ranks = Uint32Array.from(prefix, rankOf);
  const words3 = Uint32Array.from(m.trigramBigram, (b) => m.bigramWord[b]!);
  const tri = buildTable(nt, ranks, words3, m.trigramProb, Math.max(1, requiredBits(ranked)), loBits);

  // An unknown word is as improbable as the rarest listed word (<s>'s -99 is a placeholder).
  let floor = 0;
  for (let i = 0; i < n1; i++) if (m.words[i] !== "<s>") floor = Math.min(floor, m.uniProb[i]!);

  const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);
  w.array("meta", Uint32Array.of(n1, nb, nt))
    .array("floor", Float64Array.of(floor))
    .array("bigramBackoffBins", bits(m.bigramBackoffBins))
    .array("trigramProbBins", bits(m.trigramProbBins))
    .array("rankFlags", flags)
    .array("rankDir", dir)
    .array("bigramBackoff", backoff);
  writeTable(w, "trigram", tri.table);
  return w;
}

const f32 = (a: Uint32Array): Float32Array => new Float32Array(a.buffer, a.byteOffset, a.length);

class BundleTrigramModel extends BundleBigramModel implements TrigramModel {
  readonly counts: readonly [number, number, number];
  readonly unknownLogProb: number;
  /** The floor in Sphinx's unit. */
  private readonly floor: number;
  private readonly bigramBackoffBins: Float32Array;
  private readonly trigramProbBins: Float32Array;
  private readonly rankFlags: Uint32Array;
  private readonly rankDir: Uint32Array;
  private readonly bigramBackoff: Uint16Array;
  private readonly trigrams: BucketTable;

  constructor(r: BundleReader, source: string, fromCache: boolean) {
    const [n1, nb, nt] = r.u32("meta");
    const counts = [n1!, nb!, nt!] as const;
    const name = counts.every((c, i) => c === CMU_EN_US_COUNTS[i]) ? "cmu-en-us-trigram" : "sphinx-trigram";
    super(r, { name, source, fromCache });
    this.counts = counts;
    this.floor = r.f64("floor")[0]!;
    this.unknownLogProb = this.floor * LN_BASE;
    this.bigramBackoffBins = f32(r.u32("bigramBackoffBins"));
    this.trigramProbBins = f32(r.u32("trigramProbBins"));
    this.rankFlags = r.u32("rankFlags");
    this.rankDir = r.u32("rankDir");
    this.bigramBackoff = r.u16("bigramBackoff");
    this.trigrams = readTable(r, "trigram");
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
  return new BundleTrigramModel(reader, path, fromCache);
}

let shared: TrigramModel | null | undefined;
/** One model per process, loaded on first use (null when it is not installed). */
export function getTrigramModel(): TrigramModel | null {
  if (shared === undefined) shared = loadTrigramModel();
  return shared;
}
