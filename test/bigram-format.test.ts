// The shipped context model's file format (src/lexicon/bigram-format.ts) on a small synthetic
// model: lossless, deterministic, and every damage is a BigramFormatError.
import assert from "node:assert/strict";
import { test } from "node:test";
import { BigramFormatError, decodeBigramModel, encodeBigramModel, readBigramHeader } from "../src/lexicon/bigram-format.js";
import type { BigramData } from "../src/lexicon/language-model.js";
import { rng } from "../bench/spinner.js";

const PROVENANCE = { package: "test", version: "1", file: "synthetic", sha256: "0".repeat(64), licence: "none" };

function synthetic(seed: number): BigramData {
  const random = rng(seed);
  const words = Array.from({ length: 300 }, (_, i) => (i === 0 ? "<s>" : i === 1 ? "</s>" : `w${i}'s-é${i % 7}`));
  // Ties in unigram probability on purpose: the frequency order breaks them by id.
  const uniProb = Float32Array.from(words, (_, i) => (i % 10 === 0 ? -50000 : -random() * 1e5));
  const uniBackoff = Float32Array.from(words, () => (random() < 0.2 ? 0 : -random() * 5000));
  const bigramProbBins = Float32Array.from({ length: 65536 }, (_, i) => -170000 + i * 2.5 + random());
  const pairs = new Map<number, number>();
  while (pairs.size < 5000) pairs.set(Math.floor(random() * 300) * 300 + Math.floor(random() * 300), Math.floor(random() * 65536));
  const keys = [...pairs.keys()];
  return {
    words,
    uniProb,
    uniBackoff,
    bigramProbBins,
    bigramHistory: Uint32Array.from(keys, (k) => Math.floor(k / 300)),
    bigramWord: Uint32Array.from(keys, (k) => k % 300),
    bigramProb: Uint16Array.from(keys, (k) => pairs.get(k)!),
  };
}

const triples = (d: BigramData): string[] => Array.from(d.bigramWord, (w, k) => `${d.bigramHistory[k]} ${w} ${d.bigramProb[k]}`).sort();
const floatBytes = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

test("bigram format: decodes to exactly the encoded numbers; the same input gives the same bytes", () => {
  const d = synthetic(1);
  const bytes = encodeBigramModel(d, "test-bigram", PROVENANCE);
  assert.ok(bytes.equals(encodeBigramModel(d, "test-bigram", PROVENANCE)));
  const back = decodeBigramModel(bytes);
  assert.deepEqual(back.words, d.words);
  for (const k of ["uniProb", "uniBackoff", "bigramProbBins"] as const) assert.ok(floatBytes(back[k]).equals(floatBytes(d[k])), k);
  assert.deepEqual(triples(back), triples(d));
  assert.equal(back.header.name, "test-bigram");
  assert.deepEqual(back.header.source, PROVENANCE);
  assert.deepEqual(readBigramHeader(bytes).header, back.header);
  // Input order does not matter.
  const reversed = { ...d, bigramHistory: d.bigramHistory.slice().reverse(), bigramWord: d.bigramWord.slice().reverse(), bigramProb: d.bigramProb.slice().reverse() };
  assert.ok(encodeBigramModel(reversed, "test-bigram", PROVENANCE).equals(bytes));
});

test("bigram format: a pair listed twice is refused", () => {
  const d = synthetic(2);
  const twice = { ...d, bigramHistory: Uint32Array.of(...d.bigramHistory, d.bigramHistory[0]!), bigramWord: Uint32Array.of(...d.bigramWord, d.bigramWord[0]!), bigramProb: Uint16Array.of(...d.bigramProb, 7) };
  assert.throws(() => encodeBigramModel(twice, "x", PROVENANCE), BigramFormatError);
});

test("bigram format: truncation, a flipped bit, a foreign file and a wrong format version are BigramFormatErrors", () => {
  const bytes = encodeBigramModel(synthetic(3), "x", PROVENANCE);
  const bad = (b: Uint8Array, what: RegExp) => assert.throws(() => decodeBigramModel(b), (e: unknown) => e instanceof BigramFormatError && what.test(e.message));
  bad(bytes.subarray(0, bytes.length - 1), /truncated/);
  bad(bytes.subarray(0, 20), /truncated/);
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 10]! ^= 1;
  bad(flipped, /checksum/);
  bad(Buffer.from("\\data\\\nngram 1=3\n"), /bad magic/);
  const other = Buffer.from(bytes.toString("latin1").replace("unspin/bigram-lm@1", "unspin/bigram-lm@9"), "latin1");
  bad(other, /format/);
});
