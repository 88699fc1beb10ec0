// Parser for Sphinx's binary "trie" language model (sphinxbase ngram_model_trie / lm_trie.c, a
// port of KenLM's trie with 16-bit quantisation), as shipped in Debian's pocketsphinx-en-us
// (en-us.lm.bin). No specification exists; the layout below was reverse-engineered from the bytes
// and checked against sphinx_lm_eval (identical per-word scores; see scripts/verify-trigram.ts).
//
//   "Trie Language Model"            19 ASCII bytes, no NUL
//   u8  order                        3 for a trigram model (only order 3 is accepted here)
//   u32 counts[order]                little-endian, as the ARPA \data\ section (see below)
//   u32 quantisation type            1 = 16-bit prob and backoff bins
//   f32 bins[3 * 65536]              bigram prob, bigram backoff, trigram prob; each a lookup
//                                    table indexed by the 16-bit code stored in the n-gram arrays
//   unigrams[counts[0] + 1]          { f32 prob, f32 backoff, u32 next }; the last is a sentinel
//   bigrams: bit-packed array        (counts[1] + 1) records of wordBits + 16 + 16 + nextBits bits
//   trigrams: bit-packed array       (counts[2] + 1) records of wordBits + 16 bits
//   i32 byte length, then the vocabulary as NUL-terminated strings in word-id order
//
// Bit-packed records are read LSB-first from a little-endian byte stream (record i starts at bit
// i * recordBits); each array takes ceil((n + 1) * recordBits / 8) + 8 bytes (8 bytes of slack so
// a reader may always load a whole word). wordBits = bits(counts[0]) and nextBits = bits(counts[2])
// where bits(x) is the length of x in binary. Bigram record: history word, backoff code, prob code,
// next. Trigram record: history word, prob code.
//
// The trie is *reversed*, as in KenLM: the children of unigram w (records uni[w].next up to
// uni[w+1].next) are the bigrams "v w", stored as the history word v and sorted by it; the
// children of that bigram record (its next up to the next record's next) are the trigrams "u v w",
// stored as u. A bigram record holds p(w | v) and the backoff of the n-gram "v w". All
// probabilities and backoffs are log base 1.0001 (log10(p) / log10(1.0001)), Sphinx's log unit.
//
// The header counts may overstate: en-us.lm.bin declares 2,051,547 bigrams but its unigram
// sentinel links only 2,051,541 (the last 6 records are zero). The sentinels are authoritative;
// that mismatch is what makes `sphinx_lm_convert -ofmt arpa` abort after the unigrams.

export const TRIE_MAGIC = "Trie Language Model";
const QUANT_BITS = 16;
const BINS = 1 << QUANT_BITS;

/** The parsed model, still in Sphinx's units and trie order. Plain data. */
export interface TrieModel {
  words: string[];
  /** Per unigram id: log-prob and backoff (log base 1.0001). */
  uniProb: Float32Array;
  uniBackoff: Float32Array;
  /** Bins (log base 1.0001) indexed by the 16-bit codes below. */
  bigramProbBins: Float32Array;
  bigramBackoffBins: Float32Array;
  trigramProbBins: Float32Array;
  /** Bigram k is "bigramHistory[k] bigramWord[k]". */
  bigramWord: Uint32Array;
  bigramHistory: Uint32Array;
  bigramProb: Uint16Array;
  bigramBackoff: Uint16Array;
  /** Trigram k is "trigramHistory[k] bigramHistory[b] bigramWord[b]" with b = trigramBigram[k]. */
  trigramBigram: Uint32Array;
  trigramHistory: Uint32Array;
  trigramProb: Uint16Array;
  /** The counts the header declares (may exceed the linked ones, see above). */
  declared: [number, number, number];
  /** Linked bigram and trigram records dropped because Sphinx's search cannot reach them. */
  unreachable: [number, number];
}

/** Thrown for bytes that are not a model this parser understands; the loader names the file. */
export class TrieFormatError extends Error {}

/** Bits needed to write max in binary (sphinxbase's bitarr_required_bits). */
export function requiredBits(max: number): number {
  let bits = 0;
  while (max > 0) {
    bits++;
    max = Math.floor(max / 2);
  }
  return bits;
}

/** Read `bits` (<= 25) bits at bit offset `bit` of a byte array (LSB-first, little-endian). */
function readBits(bytes: Uint8Array, start: number, bit: number, bits: number): number {
  const at = start + (bit >>> 3);
  // Four bytes always exist: each packed array ends with 8 bytes of slack.
  const word = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  return (word >>> (bit & 7)) & ((1 << bits) - 1);
}

/**
 * Which records Sphinx can find. Each range of children (ranges[i] up to ranges[i + 1]) should be
 * sorted by word id, and Sphinx looks a word up by interpolation search (KenLM's
 * BoundedSortedUniformFind with bounds 0 and the vocabulary size). en-us.lm.bin has two unsorted
 * two-record ranges ("whips"/"teased" + "and bullhorns", "coach"/"<s>" + "and jerri"), where the
 * search misses one record each; sphinx_lm_eval then backs off. Dropping exactly the records the
 * search misses makes this reader agree with Sphinx everywhere instead of finding 2 extra trigrams.
 */
function reachable(keys: Uint32Array, ranges: Uint32Array, vocab: number): Uint8Array {
  const keep = new Uint8Array(keys.length).fill(1);
  for (let r = 0; r + 1 < ranges.length; r++) {
    const begin = ranges[r]!;
    const end = ranges[r + 1]!;
    let sorted = true;
    for (let k = begin + 1; k < end && sorted; k++) sorted = keys[k]! > keys[k - 1]!;
    if (sorted) continue; // interpolation search finds every key of a sorted range
    for (let k = begin; k < end; k++) keep[k] = uniformFind(keys, begin, end, vocab, keys[k]!) === k ? 1 : 0;
  }
  return keep;
}

/** KenLM's interpolation search over keys[begin, end); the index found, or -1. */
function uniformFind(keys: Uint32Array, begin: number, end: number, vocab: number, key: number): number {
  let beforeIt = begin - 1;
  let beforeV = 0;
  let afterIt = end;
  let afterV = vocab;
  while (afterIt - beforeIt > 1) {
    const mid = beforeIt + 1 + Math.floor(((key - beforeV) * (afterIt - beforeIt - 1)) / (afterV - beforeV + 1));
    const v = keys[mid]!;
    if (v < key) {
      beforeIt = mid;
      beforeV = v;
    } else if (v > key) {
      afterIt = mid;
      afterV = v;
    } else return mid;
  }
  return -1;
}

function count(flags: Uint8Array): number {
  let n = 0;
  for (const f of flags) n += f;
  return n;
}

function packedBytes(records: number, recordBits: number): number {
  return Math.ceil((records * recordBits) / 8) + 8;
}

/** Parse and check a whole model file. Throws TrieFormatError describing the first inconsistency. */
export function parseTrieModel(buf: Buffer): TrieModel {
  const fail = (what: string): never => {
    throw new TrieFormatError(what);
  };
  if (buf.byteLength < 24 || buf.toString("latin1", 0, TRIE_MAGIC.length) !== TRIE_MAGIC) fail("not a Sphinx trie language model (bad header)");
  let pos = TRIE_MAGIC.length;
  const order = buf.readUInt8(pos++);
  if (order !== 3) fail(`order ${order} model; only trigram models are supported`);
  const declared: [number, number, number] = [buf.readUInt32LE(pos), buf.readUInt32LE(pos + 4), buf.readUInt32LE(pos + 8)];
  pos += 12;
  const [n1, n2, n3] = declared;
  if (n1 < 1 || n1 >= 1 << 24) fail(`implausible unigram count ${n1}`);
  const quant = buf.readUInt32LE(pos);
  pos += 4;
  if (quant !== 1) fail(`quantisation type ${quant}; only type 1 (16-bit bins) is supported`);

  const wordBits = requiredBits(n1);
  const nextBits = requiredBits(n3);
  const bigramBits = wordBits + 2 * QUANT_BITS + nextBits;
  const trigramBits = wordBits + QUANT_BITS;
  const binsAt = pos;
  const uniAt = binsAt + 3 * BINS * 4;
  const bigramAt = uniAt + (n1 + 1) * 12;
  const trigramAt = bigramAt + packedBytes(n2 + 1, bigramBits);
  const vocabAt = trigramAt + packedBytes(n3 + 1, trigramBits);
  if (buf.byteLength < vocabAt + 4) fail(`file is ${buf.byteLength} bytes, shorter than its n-gram arrays (${vocabAt + 4}): truncated?`);
  const vocabBytes = buf.readInt32LE(vocabAt);
  if (buf.byteLength !== vocabAt + 4 + vocabBytes) fail(`file is ${buf.byteLength} bytes, expected ${vocabAt + 4 + vocabBytes}: truncated or not this format`);

  // Typed views need aligned bytes, and the file's arrays start at odd offsets: copy each region
  // (slice) before viewing it. Little-endian like the file, as on every platform Node supports.
  const region = (at: number, length: number): ArrayBuffer => new Uint8Array(buf.buffer, buf.byteOffset + at, length).slice().buffer;
  const bins = (k: number): Float32Array => new Float32Array(region(binsAt + k * BINS * 4, BINS * 4));
  const uniBytes = region(uniAt, (n1 + 1) * 12);
  const uniFloats = new Float32Array(uniBytes);
  const uniWords = new Uint32Array(uniBytes);
  const uniProb = new Float32Array(n1);
  const uniBackoff = new Float32Array(n1);
  const uniNext = new Uint32Array(n1 + 1);
  for (let i = 0; i <= n1; i++) {
    if (i < n1) {
      uniProb[i] = uniFloats[i * 3]!;
      uniBackoff[i] = uniFloats[i * 3 + 1]!;
    }
    uniNext[i] = uniWords[i * 3 + 2]!;
    if (i > 0 && uniNext[i]! < uniNext[i - 1]!) fail(`unigram ${i}: child pointers go backwards`);
  }
  const bigrams = uniNext[n1]!;
  if (uniNext[0] !== 0 || bigrams > n2) fail(`unigrams link ${bigrams} bigrams, header declares ${n2}`);

  // Bigrams: read the linked records, checking ids and child ranges.
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const bigramHistoryAll = new Uint32Array(bigrams);
  for (let k = 0; k < bigrams; k++) {
    const v = readBits(bytes, bigramAt, k * bigramBits, wordBits);
    if (v >= n1) fail(`bigram ${k}: word id ${v} out of range`);
    bigramHistoryAll[k] = v;
  }
  const bigramNext = new Uint32Array(bigrams + 1);
  for (let k = 0; k <= bigrams; k++) {
    bigramNext[k] = readBits(bytes, bigramAt, k * bigramBits + wordBits + 2 * QUANT_BITS, nextBits);
    if (k > 0 && bigramNext[k]! < bigramNext[k - 1]!) fail(`bigram ${k}: child pointers go backwards`);
  }
  const trigrams = bigramNext[bigrams]!;
  if (bigramNext[0] !== 0 || trigrams > n3) fail(`bigrams link ${trigrams} trigrams, header declares ${n3}`);
  const trigramHistoryAll = new Uint32Array(trigrams);
  for (let k = 0; k < trigrams; k++) {
    const u = readBits(bytes, trigramAt, k * trigramBits, wordBits);
    if (u >= n1) fail(`trigram ${k}: word id ${u} out of range`);
    trigramHistoryAll[k] = u;
  }
  // Keep the records Sphinx's search can reach (all of them where a range is sorted; see reachable).
  const bigramKeep = reachable(bigramHistoryAll, uniNext, n1);
  const trigramKeep = reachable(trigramHistoryAll, bigramNext, n1);

  const nb = count(bigramKeep);
  const bigramWord = new Uint32Array(nb);
  const bigramHistory = new Uint32Array(nb);
  const bigramProb = new Uint16Array(nb);
  const bigramBackoff = new Uint16Array(nb);
  /** Output index of each kept bigram record, for the trigrams' parent links. */
  const bigramIndex = new Int32Array(bigrams).fill(-1);
  let j = 0;
  for (let w = 0; w < n1; w++) {
    for (let k = uniNext[w]!; k < uniNext[w + 1]!; k++) {
      if (!bigramKeep[k]) continue;
      const bit = k * bigramBits;
      bigramWord[j] = w;
      bigramHistory[j] = bigramHistoryAll[k]!;
      bigramBackoff[j] = readBits(bytes, bigramAt, bit + wordBits, QUANT_BITS);
      bigramProb[j] = readBits(bytes, bigramAt, bit + wordBits + QUANT_BITS, QUANT_BITS);
      bigramIndex[k] = j++;
    }
  }

  const nt = count(trigramKeep);
  const trigramBigram = new Uint32Array(nt);
  const trigramHistory = new Uint32Array(nt);
  const trigramProb = new Uint16Array(nt);
  j = 0;
  for (let b = 0; b < bigrams; b++) {
    for (let k = bigramNext[b]!; k < bigramNext[b + 1]!; k++) {
      // A trigram under an unreachable bigram is unreachable too.
      if (!trigramKeep[k] || bigramIndex[b]! < 0) continue;
      trigramBigram[j] = bigramIndex[b]!;
      trigramHistory[j] = trigramHistoryAll[k]!;
      trigramProb[j++] = readBits(bytes, trigramAt, k * trigramBits + wordBits, QUANT_BITS);
    }
  }
  const unreachable: [number, number] = [bigrams - nb, trigrams - j];

  // Vocabulary: NUL-terminated strings in id order. Words are ASCII in practice; latin1 keeps any
  // other byte lossless one-to-one rather than guessing an encoding.
  const words = buf.toString("latin1", vocabAt + 4, vocabAt + 4 + vocabBytes).split("\0");
  if (words[words.length - 1] === "") words.pop();
  if (words.length !== n1) fail(`vocabulary holds ${words.length} words, header declares ${n1}`);
  if (words.some((w) => w.includes("\n"))) fail("a vocabulary word contains a line break");

  return {
    words,
    uniProb,
    uniBackoff,
    bigramProbBins: bins(0),
    bigramBackoffBins: bins(1),
    trigramProbBins: bins(2),
    bigramWord,
    bigramHistory,
    bigramProb,
    bigramBackoff,
    trigramBigram: j === nt ? trigramBigram : trigramBigram.subarray(0, j),
    trigramHistory: j === nt ? trigramHistory : trigramHistory.subarray(0, j),
    trigramProb: j === nt ? trigramProb : trigramProb.subarray(0, j),
    declared,
    unreachable,
  };
}
