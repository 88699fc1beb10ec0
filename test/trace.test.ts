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
  // Aligns with the suspect, but the claim rule below rejects it (as it would a same-story article).
  rejected: example("original/harbour-council.txt"),
};
// The true source ranked last, behind four articles it was not copied from.
const ranked = ["hospital", "library", "rail", "meals", "harbour"].map((doc, i) => ({ doc, shared: 10 - i, score: 10 - i }));

async function trace(maxMisses: number, order = ranked) {
  const fetched: string[] = [];
  const fetch = async (ids: readonly string[]): Promise<CandidateDocument[]> => {
    fetched.push(...ids);
    return ids.map((id) => ({ id, text: docs[id]! }));
  };
  const isCopy = (s: { id: string; alignment: Parameters<typeof measure>[0] }) => s.id !== "rejected" && isCopyVerdict(pairVerdict(measure(s.alignment)).verdict);
  const sources = await traceSources(suspect, order, fetch, lexicon, { ...DEFAULT_TRACE, maxMisses }, undefined, isCopy);
  return { fetched, found: sources.map((s) => s.id) };
}

test("tracing keeps aligning past candidates that are not copies while patience lasts", async () => {
  const r = await trace(5);
  assert.deepEqual(r.found, ["harbour"]);
  assert.equal(r.fetched.length, 5);
});

test("tracing stops after maxMisses candidates in a row that align nothing", async () => {
  const r = await trace(3);
  assert.deepEqual(r.found, []);
  assert.deepEqual(r.fetched, ["hospital", "library", "rail"]);
});

test("a candidate that aligns but is not claimed neither spends nor renews the patience", async () => {
  const order = ["hospital", "rejected", "harbour"].map((doc, i) => ({ doc, shared: 10 - i, score: 10 - i }));
  const r = await trace(2, order);
  assert.deepEqual(r.found, ["harbour"]);
  const r2 = await trace(2, ["hospital", "rejected", "library", "harbour"].map((doc, i) => ({ doc, shared: 10 - i, score: 10 - i })));
  assert.deepEqual(r2.found, []);
  assert.deepEqual(r2.fetched, ["hospital", "rejected", "library"]);
});
