// Derives the shipped context model (models/cmu-en-us-bigram.bin) from CMU's US-English trigram
// model in Debian's pocketsphinx-en-us: the vocabulary, unigram probabilities and backoffs, the
// bigram prob bins and every bigram Sphinx can reach with its 16-bit prob code, in the format of
// src/lexicon/bigram-format.ts. Then checks the written file: it decodes to exactly the numbers
// taken from the source, and a second encoding gives the same bytes (the output is deterministic).
//
// Usage: node --import tsx scripts/derive-context-model.ts [--source PATH] [--out PATH]
//          [--package-version V] [--name NAME]
// Defaults: --source /usr/share/pocketsphinx/model/en-us/en-us.lm.bin, --out models/cmu-en-us-bigram.bin,
// the package version from dpkg-query, --name cmu-en-us-bigram. Prints one JSON line.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { decodeBigramModel, encodeBigramModel } from "../src/lexicon/bigram-format.js";
import { parseTrieModel } from "../src/lexicon/trigram-format.js";
import { DEFAULT_TRIGRAM_LM } from "../src/lexicon/trigram.js";

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const sourcePath = arg("source", DEFAULT_TRIGRAM_LM);
const outPath = arg("out", new URL("../models/cmu-en-us-bigram.bin", import.meta.url).pathname);
const name = arg("name", "cmu-en-us-bigram");

function debianVersion(): string {
  const q = spawnSync("dpkg-query", ["-W", "-f=${Version}", "pocketsphinx-en-us"], { encoding: "utf8" });
  return q.status === 0 && q.stdout.trim() ? q.stdout.trim() : "unknown";
}
const version = arg("package-version", "") || debianVersion();

let bytes: Buffer;
try {
  bytes = readFileSync(sourcePath);
} catch (e) {
  console.error(`derive-context-model: cannot read ${sourcePath} (${(e as Error).message}); apt-get install pocketsphinx-en-us`);
  process.exit(2);
}
const t0 = performance.now();
const trie = parseTrieModel(bytes);
const provenance = {
  package: "Debian pocketsphinx-en-us",
  version,
  file: sourcePath,
  sha256: createHash("sha256").update(bytes).digest("hex"),
  licence: "BSD-2-Clause, Copyright 1995-2014 Carnegie Mellon University (see models/README.md)",
};
const out = encodeBigramModel(trie, name, provenance);
const encodeMs = performance.now() - t0;

// Deterministic: encoding again gives the same bytes.
const again = encodeBigramModel(trie, name, provenance);
if (!again.equals(out)) throw new Error("two encodings of the same model differ");

// Lossless: the file decodes to exactly the source's numbers (bigrams compared as sorted keys).
const back = decodeBigramModel(out);
const sameFloats = (a: Float32Array, b: Float32Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const bigramKeys = (h: Uint32Array, w: Uint32Array, p: Uint16Array): Float64Array =>
  Float64Array.from({ length: h.length }, (_, k) => (h[k]! * 2 ** 17 + w[k]!) * 2 ** 16 + p[k]!).sort();
const checks = {
  words: back.words.join("\n") === trie.words.join("\n"),
  unigramProb: sameFloats(back.uniProb, trie.uniProb),
  unigramBackoff: sameFloats(back.uniBackoff, trie.uniBackoff),
  bigramProbBins: sameFloats(back.bigramProbBins, trie.bigramProbBins),
  bigrams: Buffer.from(bigramKeys(back.bigramHistory, back.bigramWord, back.bigramProb).buffer).equals(Buffer.from(bigramKeys(trie.bigramHistory, trie.bigramWord, trie.bigramProb).buffer)),
};
if (trie.words.length > 2 ** 17) throw new Error("vocabulary too large for the check's keys");
const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
if (failed.length > 0) {
  console.error(`derive-context-model: the encoded file does not decode to the source's ${failed.join(", ")}`);
  process.exit(1);
}

writeFileSync(outPath, out);
console.log(
  JSON.stringify({
    source: sourcePath,
    sourceBytes: bytes.byteLength,
    sourceSha256: provenance.sha256,
    packageVersion: version,
    out: outPath,
    outBytes: out.byteLength,
    outSha256: createHash("sha256").update(out).digest("hex"),
    words: trie.words.length,
    bigrams: trie.bigramWord.length,
    sections: back.header.sections,
    encodeMs: Math.round(encodeMs),
    deterministic: true,
    lossless: true,
  }),
);
