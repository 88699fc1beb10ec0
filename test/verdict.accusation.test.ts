// An accusation needs aligned passages a reader would accept (issue 10): two articles on one
// story are same-story, a chance pairing of unrelated words is no synonym swap, a deleted clause
// is no meaning flip, and a real spun copy is still a spun copy. Texts written for the project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createUnspin } from "../src/index.js";
import { pairVerdict, type PairMeasures } from "../src/verdict/pair.js";

const unspin = createUnspin();

const ORIGINAL = [
  "The town council of Millbrook voted on Tuesday to close the old swimming pool on Fenner Street at the end of the summer.",
  "Councillors said the building needed repairs that the town could not afford, and that a new leisure centre would open in two years.",
  "Parents who use the pool every week began a petition to keep it open, and more than nine hundred people have signed it so far.",
  "The mayor told reporters that the decision had been difficult, but that the money was needed for roads and schools.",
  "A public meeting about the future of the site will be held next month in the library hall.",
].join(" ");

// The same article through a thesaurus spinner: single words swapped in place, the rest kept.
const SPUN = [
  "The town council of Millbrook voted on Tuesday to shut the old swimming pool on Fenner Street at the close of the summer.",
  "Councillors stated the building required repairs that the town could not afford, and that a new leisure centre would open in two years.",
  "Parents who use the pool every week started a petition to keep it open, and more than nine hundred people have signed it so far.",
  "The mayor told reporters that the determination had been hard, but that the money was needed for roads and schools.",
  "A public gathering about the future of the site will be held next month in the library hall.",
].join(" ");

// Another reporter's article on the same council vote: the same names, dates and a few stock
// phrases, written independently.
const SAME_STORY = [
  "Millbrook's swimming pool on Fenner Street will close in September after a vote by the town council on Tuesday.",
  "The council orders the site sold unless a buyer for the whole building comes forward; a leisure centre is planned for 2027.",
  "A petition started by local families has gathered about nine hundred names, organisers said.",
  "Roads and schools come first, according to the mayor, who called the choice a painful one for everyone in the town.",
  "Residents can give their views at a meeting in October.",
].join(" ");

test("a real spun copy is still called spun-copy, with its swaps typed as synonym swaps", () => {
  const report = unspin.compare(SPUN, { text: ORIGINAL, id: "original" });
  assert.equal(report.verdict, "spun-copy");
  const swaps = report.findings.filter((f) => f.rule === "synonym-swap" || f.rule === "related-word").map((f) => `${f.source?.text}->${f.suspect.text}`);
  for (const pair of ["close->shut", "said->stated", "began->started"]) assert.ok(swaps.includes(pair), `${pair} in ${swaps.join(", ")}`);
});

test("an article on the same story, with a few coincidental aligned words, is not called a spun copy", () => {
  const report = unspin.compare(SAME_STORY, { text: ORIGINAL, id: "original" });
  assert.notEqual(report.verdict, "spun-copy");
  assert.ok(["same-story", "no-evidence"].includes(report.verdict), report.verdict);
});

test("a word pairing that nothing around it supports is no synonym swap", () => {
  // "orders" and "said" share a WordNet sense (give an instruction), but here they stand in two
  // differently written sentences; only the words before and after the rewritten stretch match.
  const source = "The regional court in Dunmore said on Friday that the harbour company had broken its licence and would be fined next spring by the port authority.";
  const suspect = "The regional court in Dunmore heard on Friday how the owners of the harbour, whom the minister orders to stop all night work, would be fined next spring by the port authority.";
  const report = unspin.compare(suspect, { text: source, id: "source" });
  const swap = report.findings.find((f) => (f.rule === "synonym-swap" || f.rule === "related-word") && f.suspect.text === "orders");
  assert.equal(swap, undefined, `orders typed as ${swap?.rule} of ${swap?.source?.text}`);
  // In place, between matched words, a thesaurus swap is still one.
  const inPlace = unspin.compare(source.replace("broken its licence", "broken its permit"), { text: source, id: "source" });
  assert.ok(inPlace.findings.some((f) => f.rule === "synonym-swap" && f.source?.text === "licence" && f.suspect.text === "permit"));
});

test("a deleted clause holding a negation is a deletion, a dropped 'not' a meaning flip", () => {
  const source = "The committee approved the budget for the new bridge, although members did not agree on the colour of the railings, and work starts in May.";
  const clause = unspin.compare("The committee approved the budget for the new bridge, and work starts in May.", { text: source, id: "source" });
  assert.ok(!clause.findings.some((f) => f.rule === "meaning-flip"), clause.findings.map((f) => f.rule).join(", "));
  assert.ok(clause.findings.some((f) => f.rule === "deleted"));
  const flipped = unspin.compare(source.replace("did not agree", "did agree"), { text: source, id: "source" });
  assert.ok(flipped.findings.some((f) => f.rule === "meaning-flip" && f.source?.text === "not"));
});

const measures = (m: Partial<PairMeasures>): PairMeasures => ({
  suspectUnits: 400, alignedUnits: 60, matched: 40, identical: 30, runIdentical: 20, substituted: 10, swapped: 6, meaningChanges: 0, ...m,
});

test("pairVerdict: enough aligned words without verbatim runs are the same story, not a copy", () => {
  // Sixty aligned words, half identical but scattered one or two at a time: chance alignment.
  assert.equal(pairVerdict(measures({ runIdentical: 4 })).verdict, "same-story");
  // Runs of copied words but a passage mostly unlike the source.
  assert.equal(pairVerdict(measures({ identical: 15, matched: 30 })).verdict, "same-story");
  assert.equal(pairVerdict(measures({})).verdict, "spun-copy");
});

test("pairVerdict: a copy without word swaps is a rewrite, not a spun copy", () => {
  assert.equal(pairVerdict(measures({ swapped: 1, substituted: 8 })).verdict, "rewrite");
  assert.equal(pairVerdict(measures({ identical: 58, matched: 60, runIdentical: 50, swapped: 1, substituted: 1 })).verdict, "verbatim-copy");
  // A short suspect has room for few swaps: one in twenty aligned words is enough.
  assert.equal(pairVerdict(measures({ suspectUnits: 30, alignedUnits: 30, matched: 30, identical: 27, runIdentical: 20, swapped: 1, substituted: 3 })).verdict, "spun-copy");
});
