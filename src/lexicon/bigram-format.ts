// The file format of the shipped context model (models/cmu-en-us-bigram.bin): the bigram part of
// a Sphinx trigram model, losslessly, in the fewest bytes that node:zlib can give back quickly.
// scripts/derive-context-model.ts writes it from CMU's en-us.lm.bin; context-model.ts reads it
// once and caches a hash-table bundle (language-model.ts) built from it.
//
//   "UNSPINLM"                 8 ASCII bytes
//   u32 header length          little-endian
//   header                     JSON, UTF-8: format, name, counts, provenance (source package,
//                              version, sha256 of the source file), sections (name, coding,
//                              bytes), and the sha256 of everything after the header
//   sections                   back to back, each compressed on its own with brotli
//
// Sections (n words, m bigrams):
//   vocabulary       the words in id order (the source's ids), latin1, joined by "\n"
//   unigramProb      n float32 (log base 1.0001), stored as four byte planes (all first bytes,
//   unigramBackoff   then all second bytes, ...): neighbouring floats share their high bytes
//   bigramProbBins   65,536 float32 (the bins the bigram prob codes index), byte planes
//   bigramsPerContext  n varints: how many bigrams "a _" each word a starts
//   bigramWordGaps   m varints: per context a, its words b in order of frequency rank (the order of
//                    unigramProb, most probable first, ties by id), each as the gap to the
//                    previous rank minus 1. Ranks rather than ids: the frequent words that follow
//                    most contexts get small numbers and small gaps (a quarter fewer bytes)
//   bigramProbCodes  m u16, the prob code of each bigram in the same order
//
// Everything the context model answers is kept bit for bit: the words and their ids, the float32
// unigram figures, the bins and every bigram's code. Bigram backoffs and trigrams are left out (the
// source-free detector asks only p(b | a)). Output is deterministic: same input, same bytes.

import { createHash } from "node:crypto";
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import type { BigramData } from "./language-model.js";

export const BIGRAM_MAGIC = "UNSPINLM";
export const BIGRAM_FORMAT = "unspin/bigram-lm@1";
const BINS = 65536;

/** Where the numbers came from; written into the header and documented in models/README.md. */
export interface BigramProvenance {
  /** e.g. Debian's pocketsphinx-en-us */
  package: string;
  version: string;
  /** The source file's path when derived, and its sha256. */
  file: string;
  sha256: string;
  licence: string;
}

export interface BigramFileHeader {
  format: typeof BIGRAM_FORMAT;
  /** The context model's name in reports (e.g. "cmu-en-us-bigram"). */
  name: string;
  words: number;
  bigrams: number;
  /** Log base of every figure. */
  logBase: number;
  source: BigramProvenance;
  sections: { name: string; coding: string; bytes: number; rawBytes: number }[];
  /** sha256 of the bytes after the header. */
  sha256: string;
}

export interface BigramFile extends BigramData {
  header: BigramFileHeader;
}

/** Bytes that are not a model this reader understands; the loader names the file. */
export class BigramFormatError extends Error {}

const SECTIONS = [
  ["vocabulary", "latin1 words joined by \\n"],
  ["unigramProb", "float32 LE, 4 byte planes"],
  ["unigramBackoff", "float32 LE, 4 byte planes"],
  ["bigramProbBins", "float32 LE, 4 byte planes"],
  ["bigramsPerContext", "LEB128 varints"],
  ["bigramWordGaps", "LEB128 varints"],
  ["bigramProbCodes", "u16 LE"],
] as const;

/** Word ids by frequency rank: unigram log-prob descending, ties by id. */
function frequencyOrder(uniProb: Float32Array): Uint32Array {
  const order = Uint32Array.from({ length: uniProb.length }, (_, i) => i);
  return order.sort((a, b) => uniProb[b]! - uniProb[a]! || a - b);
}

function planes(a: Float32Array): Buffer {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const n = a.length;
  const out = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) for (let j = 0; j < 4; j++) out[j * n + i] = bytes[i * 4 + j]!;
  return out;
}

function unplanes(b: Uint8Array, n: number, what: string): Float32Array {
  if (b.byteLength !== n * 4) throw new BigramFormatError(`section ${what} holds ${b.byteLength} bytes, expected ${n * 4}`);
  const out = new Float32Array(n);
  const bytes = new Uint8Array(out.buffer);
  for (let i = 0; i < n; i++) for (let j = 0; j < 4; j++) bytes[i * 4 + j] = b[j * n + i]!;
  return out;
}

class VarintWriter {
  private buf = Buffer.alloc(1 << 16);
  private at = 0;
  push(x: number): void {
    if (this.at + 5 > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    while (x >= 0x80) {
      this.buf[this.at++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    this.buf[this.at++] = x;
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

function compress(b: Uint8Array): Buffer {
  return brotliCompressSync(b, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_LGWIN]: 24, [zlib.BROTLI_PARAM_SIZE_HINT]: b.byteLength },
  });
}

/** Encode a model's bigram part. Bigrams may come in any order; each pair must be listed once. */
export function encodeBigramModel(d: BigramData, name: string, source: BigramProvenance): Buffer {
  const n = d.words.length;
  const m = d.bigramWord.length;
  if (d.words.some((w) => w.includes("\n") || [...w].some((ch) => ch.charCodeAt(0) > 0xff))) throw new BigramFormatError("a word holds a line break or a character outside latin1");
  if (d.bigramProbBins.length !== BINS) throw new BigramFormatError(`${d.bigramProbBins.length} bigram prob bins, expected ${BINS}`);
  const order = frequencyOrder(d.uniProb);
  const rank = new Uint32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  // Sort by (context, rank of word) through a key that fits a double exactly (n < 2^24).
  const keys = Float64Array.from({ length: m }, (_, k) => d.bigramHistory[k]! * 2 ** 24 + rank[d.bigramWord[k]!]!);
  const sorted = Uint32Array.from({ length: m }, (_, k) => k).sort((a, b) => keys[a]! - keys[b]!);
  const perContext = new Uint32Array(n);
  const gaps = new VarintWriter();
  const codes = Buffer.alloc(m * 2);
  let context = -1;
  let prev = -1;
  for (let i = 0; i < m; i++) {
    const k = sorted[i]!;
    const a = d.bigramHistory[k]!;
    const r = rank[d.bigramWord[k]!]!;
    if (a !== context) {
      context = a;
      prev = -1;
    } else if (r === prev) throw new BigramFormatError(`bigram "${d.words[a]} ${d.words[d.bigramWord[k]!]}" is listed twice`);
    perContext[a]!++;
    gaps.push(r - prev - 1);
    prev = r;
    codes.writeUInt16LE(d.bigramProb[k]!, i * 2);
  }
  const counts = new VarintWriter();
  for (const c of perContext) counts.push(c);
  const raw: Record<(typeof SECTIONS)[number][0], Uint8Array> = {
    vocabulary: Buffer.from(d.words.join("\n"), "latin1"),
    unigramProb: planes(d.uniProb),
    unigramBackoff: planes(d.uniBackoff),
    bigramProbBins: planes(d.bigramProbBins),
    bigramsPerContext: counts.bytes(),
    bigramWordGaps: gaps.bytes(),
    bigramProbCodes: codes,
  };
  const packed = SECTIONS.map(([s]) => compress(raw[s]));
  const body = Buffer.concat(packed);
  const header: BigramFileHeader = {
    format: BIGRAM_FORMAT,
    name,
    words: n,
    bigrams: m,
    logBase: 1.0001,
    source,
    sections: SECTIONS.map(([s, coding], i) => ({ name: s, coding, bytes: packed[i]!.byteLength, rawBytes: raw[s].byteLength })),
    sha256: createHash("sha256").update(body).digest("hex"),
  };
  const json = Buffer.from(JSON.stringify(header, null, 1) + "\n", "utf8");
  const head = Buffer.alloc(12);
  head.write(BIGRAM_MAGIC, 0, "latin1");
  head.writeUInt32LE(json.byteLength, 8);
  return Buffer.concat([head, json, body]);
}

/** Only the header (cheap: no decompression). Throws BigramFormatError. */
export function readBigramHeader(buf: Uint8Array): { header: BigramFileHeader; bodyAt: number } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.byteLength < 12 || b.toString("latin1", 0, 8) !== BIGRAM_MAGIC) throw new BigramFormatError("not an unspin bigram model (bad magic)");
  const length = b.readUInt32LE(8);
  if (12 + length > b.byteLength) throw new BigramFormatError(`file is ${b.byteLength} bytes, shorter than its header: truncated?`);
  let header: BigramFileHeader;
  try {
    header = JSON.parse(b.toString("utf8", 12, 12 + length)) as BigramFileHeader;
  } catch {
    throw new BigramFormatError("the header is not valid JSON");
  }
  if (header.format !== BIGRAM_FORMAT) throw new BigramFormatError(`format ${JSON.stringify(header.format)}; this version reads ${BIGRAM_FORMAT}`);
  return { header, bodyAt: 12 + length };
}

function readVarints(b: Uint8Array, count: number, what: string): Uint32Array {
  const out = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    // Numbers here are word counts and ranks (< 2^24): at most four bytes, integer arithmetic.
    let x = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= b.length || shift > 21) throw new BigramFormatError(`section ${what} ends early or holds a bad number`);
      byte = b[at++]!;
      x |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    out[i] = x;
  }
  if (at !== b.length) throw new BigramFormatError(`section ${what} holds ${b.length - at} bytes more than its numbers`);
  return out;
}

/** Decode and check a whole file. Throws BigramFormatError describing the first inconsistency. */
export function decodeBigramModel(buf: Uint8Array): BigramFile {
  const { header, bodyAt } = readBigramHeader(buf);
  const n = header.words;
  const m = header.bigrams;
  if (!(Number.isInteger(n) && n > 0 && n < 2 ** 24 && Number.isInteger(m) && m >= 0)) throw new BigramFormatError(`implausible counts: ${n} words, ${m} bigrams`);
  const sections = header.sections;
  if (!Array.isArray(sections) || sections.map((s) => s.name).join() !== SECTIONS.map(([s]) => s).join()) throw new BigramFormatError("unexpected section list");
  const total = sections.reduce((a, s) => a + s.bytes, 0);
  if (bodyAt + total !== buf.byteLength) throw new BigramFormatError(`file is ${buf.byteLength} bytes, its header announces ${bodyAt + total}: truncated or damaged`);
  const body = buf.subarray(bodyAt);
  if (createHash("sha256").update(body).digest("hex") !== header.sha256) throw new BigramFormatError("checksum mismatch: the file is damaged");
  const raw = new Map<string, Uint8Array>();
  let at = 0;
  for (const s of sections) {
    let bytes: Uint8Array;
    try {
      bytes = brotliDecompressSync(body.subarray(at, at + s.bytes));
    } catch {
      throw new BigramFormatError(`section ${s.name} does not decompress`);
    }
    if (bytes.byteLength !== s.rawBytes) throw new BigramFormatError(`section ${s.name} holds ${bytes.byteLength} bytes, its header says ${s.rawBytes}`);
    raw.set(s.name, bytes);
    at += s.bytes;
  }
  const section = (s: string): Uint8Array => raw.get(s)!;

  const vocabulary = section("vocabulary");
  const words = Buffer.from(vocabulary.buffer, vocabulary.byteOffset, vocabulary.byteLength).toString("latin1").split("\n");
  if (words.length !== n) throw new BigramFormatError(`vocabulary holds ${words.length} words, header says ${n}`);
  const uniProb = unplanes(section("unigramProb"), n, "unigramProb");
  const uniBackoff = unplanes(section("unigramBackoff"), n, "unigramBackoff");
  const bigramProbBins = unplanes(section("bigramProbBins"), BINS, "bigramProbBins");

  const perContext = readVarints(section("bigramsPerContext"), n, "bigramsPerContext");
  let sum = 0;
  for (const c of perContext) sum += c;
  if (sum !== m) throw new BigramFormatError(`contexts start ${sum} bigrams, header says ${m}`);
  const gaps = readVarints(section("bigramWordGaps"), m, "bigramWordGaps");
  const codes = section("bigramProbCodes");
  if (codes.byteLength !== m * 2) throw new BigramFormatError(`section bigramProbCodes holds ${codes.byteLength} bytes, expected ${m * 2}`);
  const order = frequencyOrder(uniProb);
  const bigramHistory = new Uint32Array(m);
  const bigramWord = new Uint32Array(m);
  const bigramProb = new Uint16Array(m);
  let k = 0;
  for (let a = 0; a < n; a++) {
    let r = -1;
    for (let end = k + perContext[a]!; k < end; k++) {
      r += gaps[k]! + 1;
      if (r >= n) throw new BigramFormatError(`bigram ${k}: word rank ${r} out of range`);
      bigramHistory[k] = a;
      bigramWord[k] = order[r]!;
      bigramProb[k] = codes[2 * k]! | (codes[2 * k + 1]! << 8);
    }
  }
  return { header, words, uniProb, uniBackoff, bigramProbBins, bigramHistory, bigramWord, bigramProb };
}
