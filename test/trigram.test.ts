// The trigram language model reader (src/lexicon/trigram.ts) on CMU's en-us.lm.bin from Debian's
// pocketsphinx-en-us. The expected figures come from Sphinx's own tools (the tests do not call
// them); tests that need the model file skip when it is absent (.ci/run installs it).

import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUnspinError } from "../src/errors.js";
import { parseTrieModel } from "../src/lexicon/trigram-format.js";
import { DEFAULT_TRIGRAM_LM, loadTrigramModel, type TrigramModel } from "../src/lexicon/trigram.js";

const LN_BASE = Math.log(1.0001);
const present = existsSync(DEFAULT_TRIGRAM_LM);
const skip = present ? false : `${DEFAULT_TRIGRAM_LM} is absent (apt-get install pocketsphinx-en-us)`;

/**
 * Unigram log10 prob and backoff from the ARPA dump, made with
 *   sphinx_lm_convert -i /usr/share/pocketsphinx/model/en-us/en-us.lm.bin -o x.arpa -ofmt arpa
 * (every 2500th unigram line, plus the sentence markers; the tool aborts after the unigrams).
 */
const ARPA_UNIGRAMS: [string, number, number][] = [
  ["'bout", -6.2831, -0.0754],
  ["ansari", -6.7462, -0.1037],
  ["bartlett", -6.3531, -0.1685],
  ["boulanger", -7.6938, 0.0],
  ["cars", -4.0728, -0.5797],
  ["colombia", -5.4476, -0.3403],
  ["crucifixion", -6.4159, -0.1785],
  ["differed", -6.2329, -0.1947],
  ["fumio", -8.0415, 0.0],
  ["instrumentality", -7.3001, -0.0311],
  ["kilcoin", -9.4698, 0.0],
  ["massively", -5.4259, -0.1904],
  ["notice", -4.2247, -0.7686],
  ["participate", -4.6708, -0.9555],
  ["ratifying", -7.1174, -0.1649],
  ["strategy", -4.3930, -0.5633],
  ["unbreakable", -6.2081, -0.1793],
  ["wardwell", -8.4154, 0.0],
  ["the", -1.3895, -0.5416],
  ["a", -1.651, -0.9118],
  ["</s>", -1.1261, 0.0],
  ["<s>", -99.0, -1.3321],
];

/**
 * Per-word scores (log base 1.0001, truncated to integers) printed by
 *   sphinx_lm_eval -lm /usr/share/pocketsphinx/model/en-us/en-us.lm.bin -lsn sentences.lsn -verbose yes
 * for these lines (sphinx_lm_eval adds no markers; <s> is context only, </s> is scored).
 * "whips and bullhorns" and "<s> and jerri" are trigrams the file lists but Sphinx cannot reach
 * (unsorted records): Sphinx backs off, and so must the reader.
 */
const SPHINX: [string, number[]][] = [
  ["<s> a hostile country </s>", [-45730, -98064, -56097, -14480]],
  ["<s> the president said today that the economy is strong </s>", [-29219, -61017, -36338, -78632, -19558, -26376, -58373, -22427, -51972, -18648]],
  ["<s> whips and bullhorns </s>", [-144120, -16100, -170957, -25929]],
  ["<s> teased and bullhorns </s>", [-164522, -30545, -24065, -25929]],
  ["<s> zurich's zuckerberg ate zucchini </s>", [-208058, -139061, -110792, -155500, -15505]],
  ["<s> i don't know what you're talking about </s>", [-24463, -23057, -12561, -19463, -33652, -22600, -2634, -18279]],
  ["<s> in the united states of america </s>", [-43335, -15278, -42255, -1211, -32806, -4534, -11529]],
  ["<s> coach and jerri </s>", [-110020, -26513, -63011, -26894]],
  ["<s> and jerri </s>", [-32952, -174348, -26894]],
];

/** Sphinx's figure for a natural-log score: float32 in its unit, truncated toward zero. */
const sphinxUnits = (lp: number): number => Math.trunc(Math.round((lp / LN_BASE) * 1e4) / 1e4);

/** Everything observable on a fixed query set, for comparing two loads. */
function answers(m: TrigramModel): unknown {
  const out: unknown[] = [m.size, m.counts, m.unknownLogProb];
  for (const [line] of SPHINX) {
    const w = line.split(" ");
    for (let i = 1; i < w.length; i++) out.push(m.id(w[i]!), m.logProb(w[i]!, w.slice(0, i)), m.seen(...w.slice(Math.max(0, i - 2), i + 1)), m.seen(w[i - 1]!, w[i]!));
  }
  return out;
}

let root: string;
let copy: string;
let model: TrigramModel;
before(() => {
  root = mkdtempSync(join(tmpdir(), "unspin-trigram-test-"));
  if (!present) return;
  // A copy of the model, so one test can change its mtime.
  copy = join(root, "en-us.lm.bin");
  copyFileSync(DEFAULT_TRIGRAM_LM, copy);
  model = loadTrigramModel({ path: copy, cacheDir: join(root, "cache") })!;
});
after(() => rmSync(root, { recursive: true, force: true }));

describe("trigram model: parse", { skip }, () => {
  test("counts: the linked n-grams (the header declares 2,051,547 bigrams and 1,669,625 trigrams)", () => {
    assert.equal(model.fromCache, false);
    assert.equal(model.size, 72547);
    assert.deepEqual(model.counts, [72547, 2051541, 1669623]);
  });

  test("unigram log-probs and backoffs equal the ARPA dump", () => {
    // Backoff of v: ln p(w | v) - ln p(w) for a w that never follows v.
    const rare = ["zyuganov's", "zwerdling's", "kilcoin"];
    for (const [w, prob, backoff] of ARPA_UNIGRAMS) {
      const id = model.id(w);
      assert.ok(id >= 0, w);
      assert.equal(model.word(id), w);
      assert.ok(Math.abs(model.logProbIds(id, -1, -1) / Math.LN10 - prob) < 5.1e-5, `${w}: ${model.logProbIds(id, -1, -1) / Math.LN10} vs ${prob}`);
      const x = rare.find((r) => !model.seen(w, r) && r !== w)!;
      const bo = (model.logProb(x, [w]) - model.logProb(x)) / Math.LN10;
      assert.ok(Math.abs(bo - backoff) < 5.1e-5, `${w}: backoff ${bo} vs ${backoff}`);
    }
  });

  test("sentence scores equal sphinx_lm_eval's, word by word", () => {
    for (const [line, expected] of SPHINX) {
      const w = line.split(" ");
      const mine: number[] = [];
      for (let i = 1; i < w.length; i++) mine.push(model.logProb(w[i]!, w.slice(0, i)));
      assert.deepEqual(mine.map(sphinxUnits), expected, line);
      const total = mine.reduce((a, b) => a + b, 0);
      const theirs = expected.reduce((a, b) => a + b, 0) * LN_BASE;
      assert.ok(Math.abs(total - theirs) < 1e-3, `${line}: ${total} vs ${theirs}`);
    }
  });

  test("listed n-grams (every 37th record of the file) are found with the file's probability", () => {
    const trie = parseTrieModel(readFileSync(copy));
    for (let b = 0; b < trie.bigramWord.length; b += 37) {
      const [v, w] = [trie.bigramHistory[b]!, trie.bigramWord[b]!];
      assert.ok(model.seenIds(v, w), `${trie.words[v]} ${trie.words[w]}`);
      assert.equal(model.logProbIds(w, -1, v), trie.bigramProbBins[trie.bigramProb[b]!]! * LN_BASE);
    }
    for (let k = 0; k < trie.trigramHistory.length; k += 37) {
      const b = trie.trigramBigram[k]!;
      const [u, v, w] = [trie.trigramHistory[k]!, trie.bigramHistory[b]!, trie.bigramWord[b]!];
      assert.ok(model.seenIds(u, v, w), `${trie.words[u]} ${trie.words[v]} ${trie.words[w]}`);
      assert.equal(model.logProbIds(w, u, v), trie.trigramProbBins[trie.trigramProb[k]!]! * LN_BASE);
    }
  });

  test("the id-based call answers like the string one", () => {
    const w = "<s> in the united states of america </s>".split(" ");
    const ids = w.map((x) => model.id(x));
    for (let i = 2; i < w.length; i++) assert.equal(model.logProbIds(ids[i]!, ids[i - 2]!, ids[i - 1]!), model.logProb(w[i]!, w.slice(0, i)));
    assert.equal(model.logProbIds(ids[1]!, -1, ids[0]!), model.logProb(w[1]!, ["<s>"]));
  });

  test("seen: exactly the listed n-grams", () => {
    assert.ok(model.seen("a", "hostile"));
    assert.ok(model.seen("in", "the", "united"));
    assert.ok(model.seen("united", "states", "of"));
    assert.ok(model.seen("teased", "and", "bullhorns"));
    assert.ok(!model.seen("whips", "and", "bullhorns"), "unreachable in Sphinx, so not listed here");
    assert.ok(model.seen("zucchini"));
    assert.ok(!model.seen("hostile", "zucchini"));
    assert.ok(!model.seen("qwzxv"));
    assert.ok(!model.seen());
    assert.ok(!model.seen("in", "the", "united", "states"));
    assert.ok(model.seenIds(model.id("a"), model.id("hostile")));
    assert.ok(!model.seenIds(-1));
  });

  test("ids: lower-case vocabulary, sentence markers, curly apostrophes", () => {
    assert.ok(model.id("<s>") >= 0 && model.id("</s>") >= 0);
    assert.equal(model.id("<unk>"), -1, "the model has no <unk>");
    assert.equal(model.id("The"), model.id("the"));
    assert.equal(model.id("ZURICH\u2019S"), model.id("zurich's"));
    assert.equal(model.id("qwzxv"), -1);
    assert.equal(model.word(-1), "");
  });

  test("unknown words: a documented floor, reached through the context's backoffs", () => {
    assert.ok(model.unknownLogProb < model.logProb("kilcoin") + 1e-9);
    assert.equal(model.logProb("qwzxv"), model.unknownLogProb);
    const bo = model.logProb("zyuganov's", ["the"]) - model.logProb("zyuganov's");
    assert.ok(Math.abs(model.logProb("qwzxv", ["the"]) - (model.unknownLogProb + bo)) < 1e-4);
    // An unknown context word cuts the context.
    assert.equal(model.logProb("states", ["qwzxv", "united"]), model.logProb("states", ["united"]));
    assert.equal(model.logProb("united", ["in", "qwzxv"]), model.logProb("united"));
    assert.equal(model.logProbIds(model.id("states"), -1, -1), model.logProb("states", []));
  });
});

describe("trigram model: cache and errors", () => {
  test("a cached load answers exactly like the build; a changed model file rebuilds", { skip }, () => {
    const cached = loadTrigramModel({ path: copy, cacheDir: join(root, "cache") })!;
    assert.equal(cached.fromCache, true);
    assert.deepEqual(answers(cached), answers(model));
    const later = new Date(Date.now() + 60_000);
    utimesSync(copy, later, later);
    const rebuilt = loadTrigramModel({ path: copy, cacheDir: join(root, "cache") })!;
    assert.equal(rebuilt.fromCache, false);
    assert.deepEqual(answers(rebuilt), answers(model));
  });

  const lexiconError = (path: string, what: RegExp) => (e: unknown) => isUnspinError(e) && e.code === "LEXICON" && e.message.includes(path) && what.test(e.message);

  test("a model named explicitly (option or UNSPIN_TRIGRAM_LM) must exist; UNSPIN_TRIGRAM_LM=off turns it off", () => {
    const missing = join(root, "missing.lm.bin");
    assert.throws(() => loadTrigramModel({ path: missing, cacheDir: false }), lexiconError(missing, /cannot read/));
    const saved = process.env.UNSPIN_TRIGRAM_LM;
    try {
      process.env.UNSPIN_TRIGRAM_LM = join(root, "also-missing.lm.bin");
      assert.throws(() => loadTrigramModel({ cacheDir: false }), lexiconError(join(root, "also-missing.lm.bin"), /cannot read/));
      process.env.UNSPIN_TRIGRAM_LM = "off";
      assert.equal(loadTrigramModel({ cacheDir: false }), null);
    } finally {
      if (saved === undefined) delete process.env.UNSPIN_TRIGRAM_LM;
      else process.env.UNSPIN_TRIGRAM_LM = saved;
    }
  });


  test("a truncated model file is a LEXICON error naming the file", { skip }, () => {
    const bad = join(root, "truncated.lm.bin");
    writeFileSync(bad, readFileSync(DEFAULT_TRIGRAM_LM).subarray(0, 5_000_000));
    assert.throws(() => loadTrigramModel({ path: bad, cacheDir: join(root, "cache-bad") }), lexiconError(bad, /damaged.*truncated/));
    assert.ok(!existsSync(join(root, "cache-bad", "trigram.bin")), "nothing cached");
  });

  test("a file that is not a Sphinx trie model, or a directory, is a LEXICON error naming it", () => {
    const text = join(root, "not-a-model.lm.bin");
    writeFileSync(text, "\\data\\\nngram 1=3\n");
    assert.throws(() => loadTrigramModel({ path: text, cacheDir: false }), lexiconError(text, /not a Sphinx trie/));
    const dir = join(root, "a-directory");
    mkdirSync(dir);
    assert.throws(() => loadTrigramModel({ path: dir, cacheDir: false }), lexiconError(dir, /cannot read/));
  });
});
