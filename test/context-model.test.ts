// The shipped context model (models/cmu-en-us-bigram.bin, read by src/lexicon/context-model.ts):
// it loads on any install, answers exactly as CMU's full model from Debian's pocketsphinx-en-us
// (tests that need that file skip when it is absent; .ci/run installs it), refuses damaged files,
// and every report of a source-free analysis names the context model it used.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { isUnspinError } from "../src/errors.js";
import { createUnspin, renderHtml, renderText } from "../src/index.js";
import { decodeBigramModel, readBigramHeader } from "../src/lexicon/bigram-format.js";
import { loadBigramModel, loadContextModel, SHIPPED_CONTEXT_MODEL } from "../src/lexicon/context-model.js";
import type { ContextLanguageModel } from "../src/lexicon/language-model.js";
import { parseTrieModel } from "../src/lexicon/trigram-format.js";
import { DEFAULT_TRIGRAM_LM, loadTrigramModel, type TrigramModel } from "../src/lexicon/trigram.js";
import { rng } from "../bench/spinner.js";
import { tempDir } from "./helpers/tmp.js";

const debian = existsSync(DEFAULT_TRIGRAM_LM);
const skip = debian ? false : `${DEFAULT_TRIGRAM_LM} is absent (apt-get install pocketsphinx-en-us): nothing to compare the shipped model with`;

/** Run fn with UNSPIN_TRIGRAM_LM set to value (undefined: unset), restoring it afterwards. */
function withEnv<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.UNSPIN_TRIGRAM_LM;
  try {
    if (value === undefined) delete process.env.UNSPIN_TRIGRAM_LM;
    else process.env.UNSPIN_TRIGRAM_LM = value;
    return fn();
  } finally {
    if (saved === undefined) delete process.env.UNSPIN_TRIGRAM_LM;
    else process.env.UNSPIN_TRIGRAM_LM = saved;
  }
}

const lexiconError = (path: string, what: RegExp) => (e: unknown) => isUnspinError(e) && e.code === "LEXICON" && e.message.includes(path) && what.test(e.message);

let shipped: ContextLanguageModel;
before(async () => {
  // A fresh cache: this load decodes the shipped file and builds the hash tables.
  shipped = loadBigramModel({ cacheDir: join(await tempDir("unspin-context-model-"), "cache") });
});

describe("context model: the shipped file", () => {
  test("is the default on every install: UNSPIN_TRIGRAM_LM unset gives the shipped model", async () => {
    assert.equal(shipped.fromCache, false);
    assert.equal(shipped.name, "cmu-en-us-bigram");
    assert.equal(shipped.size, 72547);
    const cache = await tempDir("unspin-context-model-default-");
    const m = withEnv(undefined, () => loadContextModel({ cacheDir: cache }));
    assert.equal(m?.name, "cmu-en-us-bigram");
    assert.equal(m?.source, SHIPPED_CONTEXT_MODEL);
  });

  test("loads where Debian's model is absent (its folder hidden from the file system in a child process)", async () => {
    const cache = await tempDir("unspin-context-model-child-");
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.UNSPIN_TRIGRAM_LM;
    const child = spawnSync(process.execPath, ["--import", "tsx", new URL("./helpers/without-debian-model.ts", import.meta.url).pathname, cache], { encoding: "utf8", env });
    assert.equal(child.status, 0, child.stderr);
    const got = JSON.parse(child.stdout.trim()) as Record<string, unknown>;
    assert.equal(got.debianVisible, false);
    assert.equal(got.name, "cmu-en-us-bigram");
    assert.equal(got.source, SHIPPED_CONTEXT_MODEL);
    assert.equal(got.fromCache, false);
    assert.equal(got.aHostile, shipped.bigramIds(shipped.id("a"), shipped.id("hostile")));
    assert.equal(got.aHostileSeen, true);
  });

  test("a cached load answers exactly like the build", async () => {
    const dir = await tempDir("unspin-context-model-cache-");
    const built = loadBigramModel({ cacheDir: dir });
    const cached = loadBigramModel({ cacheDir: dir });
    assert.equal(built.fromCache, false);
    assert.equal(cached.fromCache, true);
    const random = rng(7);
    for (let i = 0; i < 100_000; i++) {
      const a = Math.floor(random() * shipped.size);
      const b = Math.floor(random() * shipped.size);
      assert.ok(Object.is(cached.bigramIds(a, b), built.bigramIds(a, b)) && cached.lastBigramSeen === built.lastBigramSeen, `${a} ${b}`);
    }
    for (const w of ["the", "Hostile", "ZURICH\u2019S", "qwzxv"]) assert.equal(cached.id(w), built.id(w));
  });

  test("two installs share one cache: a copy of the model elsewhere (another checkout) hits it; a changed model rebuilds", async () => {
    const dir = await tempDir("unspin-context-model-shared-");
    const other = join(await tempDir("unspin-context-model-copy-"), "cmu-en-us-bigram.bin");
    writeFileSync(other, readFileSync(SHIPPED_CONTEXT_MODEL));
    assert.equal(loadBigramModel({ cacheDir: dir }).fromCache, false);
    assert.equal(loadBigramModel({ cacheDir: dir, path: other }).fromCache, true, "same content, other path and time");
    assert.equal(loadBigramModel({ cacheDir: dir }).fromCache, true, "and back: no rebuild");
    const bytes = readFileSync(SHIPPED_CONTEXT_MODEL);
    // A different model (its last byte changed, which the stamp reads) is not served the other's cache.
    bytes[bytes.length - 1]! ^= 0x01;
    writeFileSync(other, bytes);
    assert.throws(() => loadBigramModel({ cacheDir: dir, path: other }), (e) => isUnspinError(e) && e.code === "LEXICON", "rebuilt from the changed file, which no longer decodes");
  });

  test("its header records where it came from", () => {
    const { header } = readBigramHeader(readFileSync(SHIPPED_CONTEXT_MODEL));
    assert.equal(header.source.package, "Debian pocketsphinx-en-us");
    assert.equal(header.source.version, "0.8+5prealpha+1-15");
    assert.match(header.source.sha256, /^[0-9a-f]{64}$/);
    assert.equal(header.words, 72547);
    assert.equal(header.bigrams, 2051541);
  });

  test("a damaged, truncated or foreign file is a LEXICON error naming it, and nothing is cached", async () => {
    const dir = await tempDir("unspin-context-model-bad-");
    const bytes = readFileSync(SHIPPED_CONTEXT_MODEL);
    const truncated = join(dir, "truncated.bin");
    writeFileSync(truncated, bytes.subarray(0, 1_000_000));
    assert.throws(() => loadBigramModel({ path: truncated, cacheDir: join(dir, "cache") }), lexiconError(truncated, /damaged.*truncated/));
    assert.ok(!existsSync(join(dir, "cache", "bigram.bin")), "nothing cached");
    assert.throws(() => withEnv(undefined, () => loadContextModel({ shippedPath: truncated, cacheDir: false })), lexiconError(truncated, /truncated/));

    const flipped = join(dir, "flipped.bin");
    const copy = Buffer.from(bytes);
    copy[copy.length - 1000]! ^= 0x40;
    writeFileSync(flipped, copy);
    assert.throws(() => loadBigramModel({ path: flipped, cacheDir: false }), lexiconError(flipped, /damaged.*checksum/));

    const foreign = join(dir, "foreign.bin");
    writeFileSync(foreign, "\\data\\\nngram 1=3\n");
    assert.throws(() => loadBigramModel({ path: foreign, cacheDir: false }), lexiconError(foreign, /not an unspin bigram model/));

    const missing = join(dir, "missing.bin");
    assert.throws(() => loadBigramModel({ path: missing, cacheDir: false }), lexiconError(missing, /cannot read/));
  });
});

describe("context model: UNSPIN_TRIGRAM_LM", () => {
  test("off: no language model (the SymSpell counts)", () => {
    assert.equal(withEnv("off", () => loadContextModel({ cacheDir: false })), null);
  });

  test("a path named must exist", async () => {
    const missing = join(await tempDir(), "missing.lm.bin");
    assert.throws(() => withEnv(missing, () => loadContextModel({ cacheDir: false })), lexiconError(missing, /cannot read/));
  });

  test("a full Sphinx model: CMU's is named cmu-en-us-trigram", { skip }, () => {
    const m = withEnv(DEFAULT_TRIGRAM_LM, () => loadContextModel());
    assert.equal(m?.name, "cmu-en-us-trigram");
    assert.equal(m?.source, DEFAULT_TRIGRAM_LM);
  });
});

describe("context model: the shipped model answers as CMU's full model", { skip }, () => {
  let full: TrigramModel;
  before(() => {
    full = loadTrigramModel({ path: DEFAULT_TRIGRAM_LM })!;
  });

  test("the same words with the same ids, also for other spellings and unknown words", () => {
    assert.equal(shipped.size, full.size);
    for (let i = 0; i < full.size; i++) {
      const w = full.word(i);
      assert.equal(shipped.word(i), w);
      assert.equal(shipped.id(w), i, w);
      const upper = w.toUpperCase();
      assert.equal(shipped.id(upper), full.id(upper), upper);
    }
    for (const w of ["ZURICH\u2019S", "Don\u2019t", "qwzxv", "", "<unk>", "naïve", "the\n", "THE"]) assert.equal(shipped.id(w), full.id(w), w);
    assert.equal(shipped.word(-1), full.word(-1));
    assert.equal(shipped.word(full.size), full.word(full.size));
  });

  test("every listed bigram: the same float, bit for bit, and listed", () => {
    const trie = parseTrieModel(readFileSync(DEFAULT_TRIGRAM_LM));
    let n = 0;
    for (let k = 0; k < trie.bigramWord.length; k++) {
      const a = trie.bigramHistory[k]!;
      const b = trie.bigramWord[k]!;
      const mine = shipped.bigramIds(a, b);
      const seen = shipped.lastBigramSeen;
      const theirs = full.bigramIds(a, b);
      if (!Object.is(mine, theirs) || !seen || !full.lastBigramSeen) assert.fail(`"${trie.words[a]} ${trie.words[b]}": ${mine} (${seen}) vs ${theirs} (${full.lastBigramSeen})`);
      n++;
    }
    assert.equal(n, 2051541);
    // The same bigrams as the shipped file lists (so no pair is listed in one model only).
    assert.equal(decodeBigramModel(readFileSync(SHIPPED_CONTEXT_MODEL)).bigramWord.length, n);
  });

  test("1,000,000 random pairs (most unlisted; three in four with one of the 2,000 most frequent words): the same float and the same listed flag", () => {
    const random = rng(20261203);
    const frequent = Array.from({ length: full.size }, (_, i) => i)
      .sort((x, y) => full.logProbIds(y, -1, -1) - full.logProbIds(x, -1, -1))
      .slice(0, 2000);
    const any = (): number => Math.floor(random() * full.size);
    const often = (): number => frequent[Math.floor(random() * frequent.length)]!;
    let unlisted = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const a = i % 4 === 1 ? often() : any();
      const b = i % 4 >= 2 ? often() : any();
      const mine = shipped.bigramIds(a, b);
      const seen = shipped.lastBigramSeen;
      const theirs = full.bigramIds(a, b);
      if (!Object.is(mine, theirs) || seen !== full.lastBigramSeen) assert.fail(`"${full.word(a)} ${full.word(b)}": ${mine} (${seen}) vs ${theirs} (${full.lastBigramSeen})`);
      if (!seen) unlisted++;
    }
    assert.ok(unlisted > 750_000, `${unlisted} unlisted`);
  });

  test("the detector's use: the same reports from createUnspin with either model", () => {
    const text = readFileSync(new URL("../examples/spun/harbour-council.txt", import.meta.url), "utf8");
    const a = createUnspin({ languageModel: shipped, vectors: false }).intrinsic(text);
    const b = createUnspin({ languageModel: full, vectors: false }).intrinsic(text);
    assert.equal(a.analysis?.contextModel, "cmu-en-us-bigram");
    assert.equal(b.analysis?.contextModel, "cmu-en-us-trigram");
    assert.deepEqual({ ...a, analysis: undefined }, { ...b, analysis: undefined });
  });
});

describe("context model: reports name it", () => {
  // "town centre" with "centre" swapped for a synonym of another sense: CMU's model lists "town
  // centre" and not "town heart" (test/intrinsic.trigram.test.ts checks the same with the full model).
  const text = "Police said the suspect was arrested after a short chase through the town heart late on Saturday night.";

  test("the detector with the shipped model flags the swap, with the original as suggestion (no Debian package needed)", () => {
    // With the word vectors, as shipped (the swap's margin includes the topic signal).
    const report = createUnspin({ languageModel: shipped }).intrinsic(text);
    const f = report.findings.filter((x) => x.suspect.text === "heart");
    assert.equal(f.length, 1);
    assert.equal(f[0]!.rule, "odd-collocation");
    assert.equal(f[0]!.suggestion, "centre");
  });

  test("source-free reports carry analysis.contextModel; the text and HTML reports print it", () => {
    const report = createUnspin({ languageModel: shipped, vectors: false }).intrinsic(text, { input: "x.txt" });
    assert.deepEqual(report.analysis, { contextModel: "cmu-en-us-bigram" });
    assert.match(renderText(report, { color: false }), /\n {2}source-free evidence scored with cmu-en-us-bigram\n/);
    assert.match(renderHtml(report, { suspect: text, sources: new Map() }), /source-free evidence scored with cmu-en-us-bigram/);
    const symspell = createUnspin({ languageModel: false, vectors: false }).intrinsic(text);
    assert.deepEqual(symspell.analysis, { contextModel: "symspell" });
  });

  test("the default context model (UNSPIN_TRIGRAM_LM unset) is the shipped one; compare runs no source-free analysis", () => {
    const report = withEnv(undefined, () => createUnspin({ vectors: false }).intrinsic(text));
    assert.equal(report.analysis?.contextModel, "cmu-en-us-bigram");
    assert.equal(createUnspin({ vectors: false }).compare(text, text).analysis, undefined);
  });
});
