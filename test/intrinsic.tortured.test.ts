// The tortured-phrase rule on texts written for this project: fixed phrases of news English with a
// word swapped for a thesaurus synonym (invented here, none from any evaluation list) are flagged
// and restored, while rare-but-right technical terms, names and quotations are left alone, and the
// document score does not move. The trigram-model cases skip where the model is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getLexicon } from "../src/lexicon/index.js";
import { getWordVectors } from "../src/lexicon/vectors.js";
import { getContextModel } from "../src/lexicon/context-model.js";
import { analyzeText } from "../src/text/index.js";
import { analyzeIntrinsic, torturedPhrases, torturedWeightsFor, type TorturedJudgement } from "../src/intrinsic/index.js";
import { expectedOf, torturedOf } from "../eval/tortured-data.js";

const lexicon = getLexicon();
const vectors = getWordVectors();
const withLm = (s: string) => analyzeIntrinsic(analyzeText(s), lexicon, { vectors, languageModel: getContextModel() });
const withoutLm = (s: string) => analyzeIntrinsic(analyzeText(s), lexicon, { vectors });
const tortured = (r: ReturnType<typeof withLm>) => r.findings.filter((f) => f.rule === "tortured-phrase");

// Spun fixed phrases, each in a sentence of its own: [sentence, swapped phrase, original].
const SPUN: [string, string, string][] = [
  ["He was taken to hospital after a heart onslaught on Sunday.", "heart onslaught", "heart attack"],
  ["Campaigners said human privileges were being ignored by the new government.", "human privileges", "human rights"],
  ["The company issued a profit admonition on Monday after sales slumped.", "profit admonition", "profit warning"],
];

test("tortured-phrase: a swapped word inside a fixed phrase is flagged and the phrase restored", () => {
  for (const [s, phrase, original] of SPUN) {
    const f = tortured(withLm(s));
    assert.equal(f.length, 1, `${s}: ${JSON.stringify(f)}`);
    assert.equal(f[0]!.suspect.text, phrase);
    assert.equal(f[0]!.suggestion, original);
    assert.ok(f[0]!.confidence >= 0.5 && f[0]!.confidence <= 0.95);
    assert.equal(s.slice(f[0]!.suspect.start, f[0]!.suspect.end), phrase);
  }
});

test("tortured-phrase: where a word finding already restores the phrase, that finding stands", () => {
  // "nativity rate": odd-collocation already suggests "birth", which restores "birth rate".
  const r = withLm("The nativity rate fell for the third year running.");
  assert.deepEqual(tortured(r), []);
  assert.deepEqual(r.findings.filter((f) => f.rule === "odd-collocation").map((f) => [f.suspect.text, f.suggestion]), [["nativity", "birth"]]);
  assert.ok(r.tortured.some((t) => t.words.join(" ") === "nativity rate" && t.best[0]!.words.join(" ") === "birth rate"));
  // A restoration that differs only in spelling ("labour" / "labor") is the same restoration.
  const l = withLm("The labor marketplace remained tight despite the slowdown in hiring.");
  assert.deepEqual(tortured(l), []);
  assert.ok(l.findings.some((f) => f.suspect.text === "labor marketplace"));
});

// Rare but right: technical terms, jargon and names that a general-English model has not seen as pairs.
const RIGHT = [
  "The lab measured the photonic bandgap of each crystal lattice with a tunable laser.",
  "Engineers replaced the gearbox bearings and recalibrated the torque sensors on the turbine.",
  "The central bank widened its repo corridor and trimmed the reserve requirement for small lenders.",
  "Patients on the trial received a monoclonal antibody by intravenous infusion every fortnight.",
  "The compiler inlines small closures and hoists loop invariants before register allocation.",
  "Farmers reported aphid infestations and leaf blight across the wheat belt this spring.",
];

test("tortured-phrase: plain technical prose is not flagged (both context models)", () => {
  for (const s of RIGHT) {
    assert.deepEqual(tortured(withoutLm(s)), [], s);
    assert.deepEqual(tortured(withLm(s)), [], s);
  }
});

test("tortured-phrase: names and quotations are never judged", () => {
  const s = 'The Quantum Harvest Foundation said: "Our Lattice Garden Project will open in Leeds."';
  assert.deepEqual(tortured(withLm(s)), []);
});

test("tortured-phrase: the document score is the same with the rule on or off", () => {
  const text = SPUN.map((x) => x[0]).join(" ") + " " + RIGHT.join(" ");
  const on = withLm(text);
  const off = analyzeIntrinsic(analyzeText(text), lexicon, { vectors, languageModel: getContextModel(), torturedWeights: { ...torturedWeightsFor(true), threshold: Infinity } });
  assert.equal(on.score, off.score);
  assert.deepEqual(on.features, off.features);
  // Word findings inside a tortured phrase are left out of the report, nothing else changes.
  const inside = (f: { suspect: { start: number; end: number } }) => tortured(on).some((t) => f.suspect.start < t.suspect.end && f.suspect.end > t.suspect.start);
  assert.deepEqual(off.findings.filter((f) => !inside(f)), on.findings.filter((f) => f.rule !== "tortured-phrase"));
});

test("torturedPhrases: adjacent fired pairs that agree on their shared word become one phrase", () => {
  const j = (first: number, margin: number, a: string, b: string): TorturedJudgement => ({ first, second: first + 1, words: ["", ""], margin, best: [{ words: [a, b], score: margin }] });
  // Words 0-1 restored to "aa bb" and words 1-2 to "bb cc": they agree on word 1.
  assert.deepEqual(torturedPhrases([j(0, 3, "aa", "bb"), j(1, 4, "bb", "cc")], 2), [{ first: 0, last: 2, suggestions: ["aa bb cc"], margin: 4 }]);
  // Disagreeing pairs: the stronger one is kept.
  assert.deepEqual(torturedPhrases([j(0, 3, "aa", "xx"), j(1, 4, "bb", "cc")], 2).map((t) => [t.first, t.last]), [[1, 2]]);
  assert.deepEqual(torturedPhrases([j(0, 5, "aa", "xx"), j(1, 4, "bb", "cc")], 2).map((t) => [t.first, t.last]), [[0, 1]]);
  // Below the margin nothing fires.
  assert.deepEqual(torturedPhrases([j(0, 1, "a", "b")], 2), []);
});

test("lexicon.related: WordNet neighbours of every sense, closest kinds first, without the word's own forms", () => {
  const r = lexicon.related!("network");
  assert.ok(r.some((x) => x.lemma === "web" && x.kind === "synonym"), JSON.stringify(r));
  assert.ok(r.some((x) => x.kind === "hypernym"));
  assert.ok(!r.some((x) => x.lemma === "network"));
  const kinds = r.map((x) => ["synonym", "similar", "hypernym", "derived"].indexOf(x.kind));
  assert.deepEqual(kinds, [...kinds].sort((a, b) => a - b));
  assert.deepEqual(lexicon.related!("qzxv"), []);
});

test("eval data parsing: the first quoted variant, expected phrases without remarks", () => {
  assert.equal(torturedOf('"lunar cheese" AND "moon cheese"'), "lunar cheese");
  assert.equal(torturedOf('"lunar cheese"~10'), "lunar cheese");
  assert.equal(torturedOf("no quotes"), null);
  assert.deepEqual(expectedOf("moon cheese (MC)"), ["moon cheese"]);
  assert.deepEqual(expectedOf("moon cheese/green cheese"), ["moon cheese", "green cheese"]);
  assert.deepEqual(expectedOf("???"), []);
});
