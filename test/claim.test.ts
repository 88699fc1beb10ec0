// The claim rule of `check`: aligned candidates need verbatim word runs inside their passages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { analyzeText } from "../src/text/index.js";
import { getLexicon } from "../src/lexicon/index.js";
import { alignTexts, type Alignment } from "../src/align/index.js";
import { claimSource, DEFAULT_CLAIM, sharedRuns } from "../src/search/claim.js";

const lexicon = getLexicon();
const example = (p: string) => readFileSync(new URL(`../examples/${p}`, import.meta.url), "utf8");

test("a spun copy shares many verbatim runs of four words with its source", () => {
  const a = alignTexts(analyzeText(example("spun/harbour-council.txt")), analyzeText(example("original/harbour-council.txt")), lexicon);
  assert.ok(a.passages.length > 0);
  assert.ok(sharedRuns(a, 4) >= 10, `got ${sharedRuns(a, 4)}`);
});

test("runs are counted inside aligned passages only, once each", () => {
  const sus = analyzeText("Fresh words open here. The harbour board met on Monday to approve the plan.");
  const src = analyzeText("The harbour board met on Monday to approve the plan. Other words close there.");
  const a = alignTexts(sus, src, lexicon);
  // Hand-made alignment: one passage over the shared sentence (units 4-13 in the suspect, 0-9 in the source).
  assert.equal(a.suspectUnits.length, 14);
  const one: Alignment = { ...a, passages: [{ suspect: { start: 4, end: 14 }, source: { start: 0, end: 10 }, ops: [], edits: [], matched: 10, identical: 10, units: 10 }] };
  // 10 words give 7 runs of four.
  assert.equal(sharedRuns(one, 4), 7);
  // A passage that misses the source sentence shares nothing.
  assert.equal(sharedRuns({ ...a, passages: [{ ...one.passages[0]!, source: { start: 10, end: 14 } }] }, 4), 0);
  assert.equal(sharedRuns({ ...a, passages: [] }, 4), 0);
  // The same run found through two passages counts once.
  assert.equal(sharedRuns({ ...a, passages: [one.passages[0]!, one.passages[0]!] }, 4), 7);
});

test("a run made only of a name does not count", () => {
  const sus = analyzeText("Yesterday the Port Ellis Harbour Board met.");
  const src = analyzeText("Critics of the Port Ellis Harbour Board spoke.");
  const a = alignTexts(sus, src, lexicon);
  const whole: Alignment = { ...a, passages: [{ suspect: { start: 0, end: a.suspectUnits.length }, source: { start: 0, end: a.sourceUnits.length }, ops: [], edits: [], matched: 5, identical: 5, units: 7 }] };
  assert.ok(a.suspectUnits.filter((u) => u.proper).length >= 4, "the name's words are marked as a name");
  // "the port ellis harbour" counts; "port ellis harbour board" is all name.
  assert.equal(sharedRuns(whole, 4), 1);
});

test("the same story told independently shares no runs of four words", () => {
  const source = analyzeText(
    "The harbour board approved a plan on Monday to dredge the northern channel. Officials said the work would begin in spring and cost about four million pounds. Fishing crews welcomed the decision after years of delays.",
  );
  const other = analyzeText(
    "Dredging of the northern channel got the green light from harbour officials this week. Crews who fish from the port had waited years for it. Spring is when diggers move in, and the bill is put near four million pounds.",
  );
  // Loose alignment options, so that the shared topic words do form a passage.
  const a = alignTexts(other, source, lexicon, { minMatchShare: 0, minIdenticalShare: 0, minMatchedWords: 1 });
  assert.ok(a.passages.length > 0);
  assert.equal(sharedRuns(a, 4), 0);
  assert.ok(sharedRuns(a, 3) > 0, "three-word runs such as a number phrase do recur");
});

test("claimSource: long copies on the verdict, short ones need shared runs, tiny ones are never claimed", () => {
  const e = { copy: true, alignedWords: 60, suspectWords: 3000, sharedRuns: 0 };
  assert.equal(claimSource({ ...e, alignedWords: 120 }), true, "a very long copy verdict needs no run (shuffled copies keep none)");
  assert.equal(claimSource({ ...e, alignedWords: DEFAULT_CLAIM.bareWords }), true);
  assert.equal(claimSource(e), false, "a long one without any shared run is a loosely matched neighbour");
  assert.equal(claimSource({ ...e, sharedRuns: 1 }), true, "one shared run suffices from longWords");
  assert.equal(claimSource(e, { ...DEFAULT_CLAIM, longRuns: 0 }), true, "unless longRuns asks for none");
  assert.equal(claimSource({ ...e, copy: false, sharedRuns: 50 }), false);
  assert.equal(claimSource({ ...e, alignedWords: 30 }), false, "short stretch without runs");
  assert.equal(claimSource({ ...e, alignedWords: 30, sharedRuns: DEFAULT_CLAIM.minSharedRuns }), true);
  assert.equal(claimSource({ ...e, alignedWords: 20, sharedRuns: 10 }), false, "same dated fact in two articles");
  // A short suspect copied whole is claimed even under minRunWords.
  assert.equal(claimSource({ copy: true, alignedWords: 20, suspectWords: 24, sharedRuns: 8 }), true);
});
