// Behaviour of the English lexicon on real WordNet / SymSpell / Hunspell data. One lexicon is
// built per file into a temporary cache directory, so the suite also exercises the cache.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { loadLexicon, type EnglishLexicon } from "../src/lexicon/index.js";

let dir: string;
let lx: EnglishLexicon;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "unspin-lexicon-test-"));
  lx = loadLexicon({ cacheDir: dir });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("lemmas (morphy)", () => {
  test("regular inflections by detachment rules", () => {
    assert.ok(lx.lemmas("countries").includes("country"));
    assert.ok(lx.lemmas("churches").includes("church"));
    assert.ok(lx.lemmas("stated").includes("state"));
    assert.ok(lx.lemmas("running", "v").includes("run"));
  });
  test("irregular forms come from the exception lists", () => {
    assert.ok(lx.lemmas("went").includes("go"));
    assert.ok(lx.lemmas("mice").includes("mouse"));
    assert.ok(lx.lemmas("was").includes("be"));
    assert.ok(lx.lemmas("better", "a").includes("good"));
  });
  test("the word itself comes first when it is a lemma", () => {
    assert.equal(lx.lemmas("said")[0], "said");
    assert.ok(lx.lemmas("said").includes("say"));
    assert.deepEqual(lx.lemmas("war"), ["war"]);
  });
  test("part of speech restricts the bases", () => {
    assert.deepEqual(lx.lemmas("went", "n"), []);
    assert.ok(!lx.lemmas("leaves", "v").includes("leaf"));
    assert.ok(lx.lemmas("leaves", "n").includes("leaf"));
  });
  test("unknown words have no lemmas; case is ignored", () => {
    assert.deepEqual(lx.lemmas("qwzxv"), []);
    assert.ok(lx.lemmas("Countries").includes("country"));
  });
});

describe("synsets and synonyms", () => {
  test("synset ids are unique across parts of speech and encode the part of speech", () => {
    const noun = lx.synsets("run", "n");
    const verb = lx.synsets("run", "v");
    assert.ok(noun.length > 0 && verb.length > 0);
    assert.ok(noun.every((id) => id % 4 === 0));
    assert.ok(verb.every((id) => id % 4 === 1));
    assert.equal(new Set([...noun, ...verb]).size, noun.length + verb.length);
    assert.deepEqual([...lx.synsets("run")].sort(), [...noun, ...verb, ...lx.synsets("run", "a"), ...lx.synsets("run", "r")].sort());
  });
  test("synonyms: other lemmas of the word's synsets, most frequent sense first", () => {
    const big = lx.synonyms("big");
    assert.equal(big[0], "large");
    assert.ok(!big.includes("big"));
    assert.equal(new Set(big).size, big.length);
    assert.ok(lx.synonyms("war").includes("warfare"));
    assert.ok(lx.synonyms("countries").includes("state"), "synonyms go through morphology");
  });
  test("antonyms, direct ones first, and through adjective clusters", () => {
    assert.ok(lx.antonyms("big").slice(0, 2).includes("little"));
    assert.ok(lx.antonyms("hostile").includes("friendly"));
    assert.ok(lx.antonyms("unfriendly").includes("friendly"));
    assert.ok(lx.antonyms("conservative").includes("liberal"));
    assert.deepEqual(lx.antonyms("qwzxv"), []);
  });
});

describe("relation", () => {
  const cases: [string, string, string | null][] = [
    ["war", "war", "same"],
    ["War", "war", "same"],
    ["said", "says", "inflection"],
    ["country", "countries", "inflection"],
    ["went", "go", "inflection"],
    ["big", "large", "synonym"],
    ["land", "country", "synonym"],
    ["hostile", "friendly", "antonym"],
    ["friendly", "hostile", "antonym"],
    ["conservative", "liberal", "antonym"],
    ["hot", "cold", "antonym"],
    ["war", "conflict", "hypernym"],
    ["conflict", "war", "hypernym"],
    ["state", "condition", "hypernym"],
    ["decide", "decision", "derivation"],
    ["war", "banana", null],
    ["qwzxv", "war", null],
    ["qwzxv", "zzqvw", null],
  ];
  for (const [a, b, want] of cases) {
    test(`${a} / ${b} -> ${want}`, () => assert.equal(lx.relation(a, b), want));
  }
  test("antonym wins over similar inside adjective clusters", () => {
    // hostile is a satellite of unfriendly; amicable a satellite of friendly: opposite clusters.
    assert.equal(lx.relation("hostile", "amicable"), "antonym");
  });
  test("similar: adjective similar-to neighbours", () => {
    assert.equal(lx.relation("unfriendly", "unneighborly"), "similar");
    assert.equal(lx.relation("big", "huge"), "similar");
  });
  test("symmetric", () => {
    for (const [a, b] of cases) assert.equal(lx.relation(a, b), lx.relation(b, a), `${a}/${b}`);
  });
  test("property: symmetric, memo-stable, and agrees with lemmas()/synsets() on the strong relations", () => {
    const words = (
      "war conflict battle state condition country land nation hostile friendly unfriendly amicable big large huge " +
      "small little said says say went go goes conservative liberal media company band group run ran running sprint " +
      "decide decision decided quick quickly fast better good well bad leader chief head president observe watch " +
      "expect expected anticipate return returning support supported welcome tepid warm cold hot qwzxv the of"
    ).split(" ");
    const word = fc.constantFrom(...words);
    fc.assert(
      fc.property(word, word, (a, b) => {
        const r = lx.relation(a, b);
        assert.equal(lx.relation(b, a), r);
        assert.equal(lx.relation(a, b), r, "memoised answer is the same");
        const sharedLemma = lx.lemmas(a).some((l) => lx.lemmas(b).includes(l));
        const sharedSynset = lx.synsets(a).some((s) => lx.synsets(b).includes(s));
        if (a === b) assert.equal(r, "same");
        else if (sharedLemma) assert.equal(r, "inflection");
        else if (sharedSynset) assert.equal(r, "synonym");
        else assert.ok(r !== "same" && r !== "inflection" && r !== "synonym", `${a}/${b}: ${r}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("words, frequencies, spelling", () => {
  test("isWord via WordNet, the spelling dictionary and the frequency list", () => {
    assert.equal(lx.isWord("unpredictability"), true);
    assert.equal(lx.isWord("comfortableity"), false);
    assert.equal(lx.isWord("countries"), true);
    assert.equal(lx.isWord("reorganizations"), true, "prefix + suffix through Hunspell affixes");
    assert.equal(lx.isWord("recieve"), false);
    assert.equal(lx.isWord("well-known"), true);
    assert.equal(lx.isWord("country's"), true);
    assert.equal(lx.isWord("1990s"), true);
    assert.equal(lx.isWord(""), false);
  });
  test("unigram and bigram counts", () => {
    assert.ok(lx.unigram("the") > lx.unigram("war"));
    assert.ok(lx.unigram("war") > 0);
    assert.equal(lx.unigram("qwzxv"), 0);
    assert.ok(lx.bigram("united", "states") > 0);
    assert.equal(lx.bigram("states", "united"), 0);
    assert.equal(lx.bigram("qwzxv", "the"), 0);
  });
  test("corrections: nearest, then most frequent", () => {
    assert.equal(lx.corrections("recieve")[0], "receive");
    assert.equal(lx.corrections("goverment")[0], "government");
    assert.equal(lx.corrections("teh")[0], "the");
    assert.ok(lx.corrections("recieve", 2).length <= 2);
    assert.ok(!lx.corrections("receive").includes("receive"), "never the word itself");
    assert.deepEqual(lx.corrections("qqqqqqqqqqqq"), []);
  });
  test("stopwords", () => {
    for (const w of ["the", "of", "and", "not", "very", "was", "they", "n't"]) assert.equal(lx.isStopword(w), true, w);
    for (const w of ["war", "country", "hostile"]) assert.equal(lx.isStopword(w), false, w);
  });
});
