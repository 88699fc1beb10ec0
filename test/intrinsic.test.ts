// Source-free detection on texts written for this project: each detector fires on the swaps it
// is built for and stays quiet on plain news prose, quotations, names and technical terms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getLexicon } from "../src/lexicon/index.js";
import { getWordVectors } from "../src/lexicon/vectors.js";
import { analyzeText } from "../src/text/index.js";
import { analyzeIntrinsic, selectFired } from "../src/intrinsic/index.js";
import { formOf, inflect } from "../src/intrinsic/inflect.js";

const lexicon = getLexicon();
// The shipped configuration: word vectors on (the CLI and createUnspin load them by default).
const vectors = getWordVectors();
const run = (s: string) => analyzeIntrinsic(analyzeText(s), lexicon, { vectors });
const rules = (s: string, rule: string) => run(s).findings.filter((f) => f.rule === rule);

const PLAIN =
  "The regional water company said on Monday that it would invest two billion pounds over the next five years to repair " +
  "leaking pipes and build a new reservoir near the coast. The chief executive told reporters that customers would see " +
  "higher bills from April, but promised that the money would reduce the amount of water lost every day. Environmental " +
  "groups welcomed the plan but said the company had been too slow to act after last summer's drought, when farmers in " +
  "the area were forced to cut production.";

// The same story after a thesaurus spinner: synonyms of the wrong sense, written for this test.
const SPUN =
  "The regional water company aforesaid on Monday that it would put two billion pounds over the next five days to mend " +
  "leaking pipes and build a new reservoir near the seacoast. The head executive told newsmen that customers would see " +
  "higher measures from April, but promised that the money would cut down the amount of water lost every day. Environmental " +
  "radicals welcomed the program but said the party had been too dim to act after last summertime's drought, when husbandmen " +
  "in the area were forced to cut output.";

test("plain news prose: at most one weak finding, score below the likely-spun threshold", () => {
  const r = run(PLAIN);
  assert.ok(r.findings.length <= 1, JSON.stringify(r.findings));
  assert.ok(r.score < r.threshold, `score ${r.score}`);
});

test("quotations, names and technical terms are not flagged", () => {
  const s =
    'Dr Maria Okonkwo, who leads the genomics lab at St Thomas, said: "We sequenced the mRNA of 40 patients using ' +
    'CRISPR-based assays, and the results surprised us." The team at Imperial College London plans to publish its findings ' +
    "in Nature next month, and the hospital said the trial had been approved by its ethics board.";
  assert.deepEqual(run(s).findings, []);
  const jargon = "The firm's pre-tax profit rose, while its capex on fibre-optic backhaul fell to 12m euros in the eurozone.";
  assert.deepEqual(rules(jargon, "non-word"), []);
});

test("spun text scores higher than its plain twin and is flagged with suggestions", () => {
  const plain = run(PLAIN);
  const spun = run(SPUN);
  assert.ok(spun.score > plain.score, `${spun.score} <= ${plain.score}`);
  const odd = spun.findings.filter((f) => f.rule === "odd-collocation" || f.rule === "phrase-restoration");
  assert.ok(odd.length >= 2, JSON.stringify(odd));
  const said = odd.find((f) => f.suspect.text === "aforesaid");
  assert.equal(said?.suggestion, "said");
  for (const f of odd) assert.equal(SPUN.slice(f.suspect.start, f.suspect.end), f.suspect.text);
});

test("odd-collocation: a swapped word gets its likely original as suggestion", () => {
  const f = rules("The metropolis council voted on Tuesday to raise parking fees in the town centre.", "odd-collocation");
  assert.equal(f.length, 1);
  assert.equal(f[0]!.suspect.text, "metropolis");
  assert.equal(f[0]!.suggestion, "city");
  assert.ok(f[0]!.confidence > 0.5 && f[0]!.confidence <= 0.95);
});

test("odd-collocation: a rare but correct word is left alone", () => {
  assert.deepEqual(rules("Shares plummeted after the regulator rebuked the lender for its lax oversight of mortgage brokers.", "odd-collocation"), []);
});

test("non-word: misspellings get corrections; names, repeated terms and URLs do not", () => {
  const f = rules("The commitee agreed that the goverment had not done enough.", "non-word");
  assert.deepEqual(f.map((x) => [x.suspect.text, x.suggestion]), [["commitee", "committee"], ["goverment", "government"]]);
  assert.deepEqual(rules("Zelwyn Okafor said the figures, published at example.org/reprts, were final.", "non-word"), []);
  assert.deepEqual(rules("Output of soymeal rose. Soymeal exports and soymeal stocks also rose.", "non-word"), []);
});

test("tokenizer debris and quote-mark anomalies are reported through the text model", () => {
  const r = run('Officials do n\'t expect a deal, and the minister said ,” we will wait.');
  const kinds = r.findings.map((f) => f.rule);
  assert.ok(kinds.includes("tokenizer-artifact"));
  assert.ok(kinds.includes("quote-mark-anomaly"));
  assert.ok(r.features.artifactRate > 0);
});

// A tokenize -> spin -> detokenize round trip with almost no swaps: the debris is the evidence.
const DETOKENIZED = PLAIN.replace("summer's", "summer 's")
  .replace("said on Monday that it would", "said on Monday that it wo n't delay and would")
  .replace("but promised that", "but , promised that they do n't expect delays and that")
  .replace("the area", "the area ( mostly in the east )");

test("pipeline debris: split verb contractions and commas inside phrases are counted, a split possessive is not", () => {
  const r = run(DETOKENIZED);
  assert.equal(r.counts.pipelineDebris, 2, "wo n't and do n't (summer 's is the possessive left where a name was cut)");
  assert.equal(r.features.pipelineDebris, Math.log1p(2));
  assert.equal(run(PLAIN).counts.pipelineDebris, 0);
});

test("pipeline debris alone makes otherwise plain prose likely spun", () => {
  const plain = run(PLAIN);
  const detok = run(DETOKENIZED);
  assert.ok(plain.score < plain.threshold);
  assert.ok(detok.score >= detok.threshold, `score ${detok.score}`);
});

test("phrase-restoration: two adjacent swapped words are restored together", () => {
  const s = "Scientists warned on Friday that clime alteration would hit the poorest farmers hardest.";
  const f = rules(s, "phrase-restoration");
  assert.equal(f.length, 1);
  assert.equal(f[0]!.suspect.text, "clime alteration");
  assert.equal(f[0]!.suggestion, "climate change");
  assert.deepEqual(rules(s, "odd-collocation"), []);
});

test("phrase-restoration fires only on an unattested pair whose synonym pair is common", () => {
  const r = run(PLAIN);
  assert.equal(selectFired(r.phrases, r.judged, Infinity, 0).phrases.length, r.phrases.length);
  assert.deepEqual(r.findings.filter((f) => f.rule === "phrase-restoration"), []);
});

test("features are rates, and the score is a probability", () => {
  const r = run(SPUN);
  for (const v of Object.values(r.features)) assert.ok(Number.isFinite(v));
  assert.ok(r.score >= 0 && r.score <= 1);
  assert.ok(run("").score >= 0);
});

test("inflection keeps the form of the observed word", () => {
  assert.equal(formOf("announced", "announce"), "ed");
  assert.equal(inflect(lexicon, "declare", "ed", "v"), "declared");
  assert.equal(inflect(lexicon, "country", "s", "n"), "countries");
  assert.equal(inflect(lexicon, "run", "ing", "v"), "running");
});
