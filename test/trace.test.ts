// Source tracing over ranked candidates: which candidates get aligned, and when it stops.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeText } from "../src/text/index.js";
import { getLexicon } from "../src/lexicon/index.js";
import { DEFAULT_TRACE, traceSources, type CandidateDocument } from "../src/search/check.js";
import { isCopyVerdict, measure } from "../src/report/build.js";
import { pairVerdict } from "../src/verdict/pair.js";

const example = (p: string) => readFileSync(new URL(`../examples/${p}`, import.meta.url), "utf8");
const lexicon = getLexicon();
const suspect = analyzeText(example("spun/harbour-council.txt"));
const docs: Record<string, string> = {
  hospital: example("original/hospital-wing.txt"),
  library: example("original/library-hours.txt"),
  rail: example("original/rail-strike.txt"),
  meals: example("original/school-meals.txt"),
  harbour: example("original/harbour-council.txt"),
};
// The true source ranked last, behind four articles it was not copied from.
const ranked = ["hospital", "library", "rail", "meals", "harbour"].map((doc, i) => ({ doc, shared: 10 - i, score: 10 - i }));

async function trace(maxMisses: number) {
  const fetched: string[] = [];
  const fetch = async (ids: readonly string[]): Promise<CandidateDocument[]> => {
    fetched.push(...ids);
    return ids.map((id) => ({ id, text: docs[id]! }));
  };
  const sources = await traceSources(suspect, ranked, fetch, lexicon, { ...DEFAULT_TRACE, maxMisses }, undefined, (s) => isCopyVerdict(pairVerdict(measure(s.alignment)).verdict));
  return { fetched, found: sources.map((s) => s.id) };
}

test("tracing keeps aligning past candidates that are not copies while patience lasts", async () => {
  const r = await trace(5);
  assert.deepEqual(r.found, ["harbour"]);
  assert.equal(r.fetched.length, 5);
});

test("tracing stops after maxMisses candidates in a row that are not copies", async () => {
  const r = await trace(3);
  assert.deepEqual(r.found, []);
  assert.deepEqual(r.fetched, ["hospital", "library", "rail"]);
});
