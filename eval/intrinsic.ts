// Source-free (intrinsic) spin detection on ../shared/data. Negatives: real BBC and Reuters-21578
// articles; positives: their spun variants (bench/spinner.ts, 10-50% of content words, synonyms
// chosen uniformly or by frequency, with and without tokenizer debris), PAN13 random-obfuscation
// suspicious documents and passages. Helsinki articles are a further unspun set, never fit on.
// Split by article
// (hash of the id) into dev and test; thresholds and score weights are chosen on dev only, and
// every figure reported is on test.
//
// Usage: node --import tsx eval/intrinsic.ts [--data ../shared/data] [--reuters 1500] [--bbc 0]
//        [--fit]  (writes the tuned constants to src/intrinsic/weights.ts)
// Appends nothing to the data folder; writes eval/results/intrinsic.md.
import { writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getLexicon } from "../src/lexicon/index.js";
import { getWordVectors } from "../src/lexicon/vectors.js";
import { loadContextModel } from "../src/lexicon/context-model.js";
import { analyzeText } from "../src/text/index.js";
import { analyzeIntrinsic, FEATURE_NAMES, logistic, weigh } from "../src/intrinsic/index.js";
import { spin } from "../bench/spinner.js";
import { MemoryCounts } from "./corpus-counts.js";
import { checkData, fnv1a, loadBbc, loadHelsinki, loadPan13, loadPan13Passages, loadReuters, splitOf, type Article } from "./intrinsic-data.js";
import { createUnspin } from "../src/unspin.js";
import { confusion, docFeatures, f1, firedSpans, fitLogistic, pct, spanStats, type DocRecord, type LogisticModel } from "./intrinsic-metrics.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const here = dirname(fileURLToPath(import.meta.url));
const dataRoot = arg("data", join(here, "..", "..", "shared", "data"));
const missing = checkData(dataRoot);
if (missing) {
  console.error(`eval/intrinsic: ${missing}`);
  process.exit(2);
}
const fit = process.argv.includes("--fit");
// --corpus: a quarter of the articles (by hash) and the unsampled Reuters bodies become an "index"
// whose n-gram counts the detector may use; they are not evaluated. Thresholds are re-tuned on dev
// under that condition and written nowhere (the shipped constants are for the no-index default).
const useCorpus = process.argv.includes("--corpus");
const maxReuters = Number(arg("reuters", "1500"));
const maxBbc = Number(arg("bbc", "0")) || Infinity;
// --no-vectors: the detector without word vectors (the coherence features then read as average).
const vectors = process.argv.includes("--no-vectors") ? undefined : getWordVectors();
// --trigram: CMU's language model as the context model (the one shipped in models/, whose bigram
// answers equal the full trigram model's; UNSPIN_TRIGRAM_LM=PATH names a full Sphinx model instead).
// The flag keeps its name: the weights and results it writes are keyed "trigram".
const trigram = process.argv.includes("--trigram") ? loadContextModel() : null;
if (process.argv.includes("--trigram") && !trigram) {
  console.error("eval/intrinsic: --trigram needs a language model, and UNSPIN_TRIGRAM_LM=off turns it off (unset it)");
  process.exit(2);
}

const RATES = [0.1, 0.15, 0.2, 0.3, 0.5];
const DEBRIS_RATES = [0.15, 0.3];
// A spinner that prefers common synonyms (harder: its picks are ordinary words), alone and with the
// lighter debris of a tokenize/detokenize round trip at a low substitution rate, where the debris
// is most of the evidence.
const FREQUENT_RATES = [0.15, 0.3];
const PIPELINE_RATES = [0.05, 0.15];
const lexicon = getLexicon();
const t0 = performance.now();

// ---- corpora -------------------------------------------------------------------------------
const inIndex = (a: Article) => useCorpus && fnv1a(`index:${a.id}`) % 4 === 0;
// Hash order, so a --bbc subset spans all topics (the folders are sorted by topic).
const allBbc = loadBbc(dataRoot).sort((a, b) => fnv1a(a.id) - fnv1a(b.id)).slice(0, maxBbc);
const allReuters = loadReuters(dataRoot, 80).sort((a, b) => fnv1a(a.id) - fnv1a(b.id));
const bbc = allBbc.filter((a) => !inIndex(a));
const reuters = allReuters.slice(0, maxReuters).filter((a) => !inIndex(a));
let corpus: MemoryCounts | undefined;
if (useCorpus) {
  corpus = new MemoryCounts();
  let n = 0;
  for (const a of [...allBbc.filter(inIndex), ...allReuters.slice(0, maxReuters).filter(inIndex), ...allReuters.slice(maxReuters)]) {
    corpus.add(a.text);
    n++;
  }
  console.error(`index corpus: ${n} articles, ${corpus.total} words`);
}
const pan = loadPan13(dataRoot);
const helsinki = loadHelsinki(dataRoot);
const aligner = createUnspin({ lexicon });
const panPassages = loadPan13Passages(dataRoot, (suspect, source) =>
  aligner.compare(suspect, source).sources.flatMap((s) => s.passages.map((p) => p.suspect)));
console.error(`loaded bbc ${bbc.length}, reuters ${reuters.length}, pan13 ${pan.length}, helsinki ${helsinki.length}, pan13 passages ${panPassages.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---- analysis: one pass, raw judgements kept so thresholds can be tuned afterwards -----------
const records: DocRecord[] = [];
let bytes = 0;
let analysisMs = 0;
function record(a: Article, text: string, rate: number, debris: DocRecord["debris"], positive: boolean, replacements: DocRecord["replacements"], choice: DocRecord["choice"] = "uniform"): void {
  const t1 = performance.now();
  const tx = analyzeText(text);
  const r = analyzeIntrinsic(tx, lexicon, { ...(corpus ? { corpus } : {}), ...(vectors ? { vectors } : {}), languageModel: trigram });
  analysisMs += performance.now() - t1;
  bytes += text.length;
  const tok = tx.tokens;
  records.push({
    id: a.id, corpus: a.corpus, split: splitOf(a.splitKey ?? a.id), rate, debris, choice, positive, replacements,
    judged: r.judged.map((j) => ({ ...j, start: tok[j.token]!.start, end: tok[j.token]!.end })),
    phrases: r.phrases.map((p) => ({ ...p, start: tok[p.first]!.start, end: tok[p.second]!.end, mid: tok[p.second]!.start })),
    nonWords: r.spans.filter((s) => s.rule === "non-word").map((s) => ({ start: s.start, end: s.end, suggestions: s.suggestions })),
    counts: r.counts,
  });
}
for (const a of [...bbc, ...reuters]) {
  record(a, a.text, 0, false, false, []);
  const seed = fnv1a(a.id);
  for (const rate of RATES) {
    const s = spin(a.text, lexicon, { rate, seed: seed + Math.round(rate * 100) });
    record(a, s.text, rate, false, true, s.replacements);
  }
  for (const rate of DEBRIS_RATES) {
    const s = spin(a.text, lexicon, { rate, debris: true, seed: seed + 1000 + Math.round(rate * 100) });
    record(a, s.text, rate, true, true, s.replacements);
  }
  for (const rate of FREQUENT_RATES) {
    const s = spin(a.text, lexicon, { rate, choice: "frequent", seed: seed + 2000 + Math.round(rate * 100) });
    record(a, s.text, rate, false, true, s.replacements, "frequent");
  }
  for (const rate of PIPELINE_RATES) {
    const s = spin(a.text, lexicon, { rate, choice: "frequent", debris: "pipeline", seed: seed + 3000 + Math.round(rate * 100) });
    record(a, s.text, rate, "pipeline", true, s.replacements, "frequent");
  }
}
for (const a of pan) record(a, a.text, a.corpus === "pan13-random" ? -1 : 0, false, a.corpus === "pan13-random", []);
for (const a of panPassages) record(a, a.text, a.corpus === "pan13-passage" ? -1 : 0, false, a.corpus === "pan13-passage", []);
// Never fit on: unspun news of other publishers (human rewrites of wire copy among them).
for (const a of helsinki) record(a, a.text, 0, false, false, []);
console.error(`analysed ${records.length} documents, ${(bytes / 1e6).toFixed(1)} MB at ${(bytes / 1e6 / (analysisMs / 1000)).toFixed(2)} MB/s`);

if (process.argv.includes("--dump")) {
  // Slim records for offline feature experiments (dev decisions only); not part of the report.
  const slim = records.map((d) => ({ id: d.id, corpus: d.corpus, split: d.split, rate: d.rate, debris: d.debris, positive: d.positive, counts: d.counts,
    reps: d.replacements.map((r) => [r.start, r.end]), phrases: d.phrases.map((p) => [p.delta, p.start, p.end]),
    judged: d.judged.map((j) => [j.delta, j.shift ?? null, j.seen, j.sides, j.start, j.end]) }));
  writeFileSync(arg("dump", "/tmp/intrinsic-dump.json"), JSON.stringify(slim));
}
const news = (d: DocRecord) => d.corpus === "bbc" || d.corpus === "reuters";
// The original evaluation population: uniform synonym choice, no debris.
const plain = (d: DocRecord) => !d.debris && d.choice === "uniform";
const frequent = (d: DocRecord) => !d.debris && d.choice === "frequent";
const dev = records.filter((d) => d.split === "dev");
const test = records.filter((d) => d.split === "test");

// ---- 1. span thresholds on dev: highest recall with precision >= 0.8 at 15% substitution -----
// (the operating point of the document target; precision rises with the rate, so higher rates
// clear it too, and unspun text sees correspondingly few word-level findings).
const devSpun = dev.filter((d) => news(d) && d.positive);
// The prior weight changes which candidate wins and by how much: re-weigh the stored candidates.
const reweigh = (d: DocRecord, w: number): DocRecord => ({ ...d, judged: d.judged.map((j) => ({ ...j, ...weigh(j.competing, j.own, w) })) });
// Dev precision must clear the 0.8 target with a margin: the finer the grid, the more the chosen
// point sits on the dev boundary, and test precision scatters around it.
const SPAN_PRECISION_MIN = 0.81;
let best = { collT: 99, phraseT: 99, priorW: 1, shiftW: 0, recall: -1, precision: 0 };
const grid: string[] = [];
// Every fit so far chose 1 (0 and 0.25 trailed by ~10 points of recall at equal precision); the
// grid keeps the upper half to save time.
for (const priorW of [0.5, 0.75, 1]) {
  const spunW = devSpun.map((d) => reweigh(d, priorW));
  const spun15 = spunW.filter((d) => d.rate === 0.15 && plain(d));
  for (let collT = 0; collT <= 7; collT += 0.5) {
    for (const phraseT of [4, 6, 8, 99]) {
      const s = spanStats(spunW, collT, phraseT);
      const s15 = spanStats(spun15, collT, phraseT);
      const precision = s15.correct / Math.max(1, s15.fired);
      const recall = s.found / Math.max(1, s.replacements);
      if (phraseT === 4) grid.push(`| ${priorW} | ${collT} | ${pct(s.correct, s.fired)} | ${(100 * precision).toFixed(1)}% | ${(100 * recall).toFixed(1)}% | ${pct(s.top1, s.found)} |`);
      if (precision >= SPAN_PRECISION_MIN && recall > best.recall) best = { collT, phraseT, priorW, shiftW: 0, recall, precision };
    }
  }
}
const priorW = best.priorW;
for (const d of records) d.judged = reweigh(d, priorW).judged;
// Then the weight of the topic shift (word vectors) in odd-collocation evidence, at that prior weight.
const shiftGrid: string[] = [];
if (vectors) {
  const spunW = dev.filter((d) => news(d) && d.positive);
  const spun15 = spunW.filter((d) => d.rate === 0.15 && plain(d));
  for (const shiftW of [5, 10, 15, 20, 30]) {
    for (let collT = 1; collT <= 10; collT += 0.5) {
      for (const phraseT of [4, 6]) {
        const s = spanStats(spunW, collT, phraseT, shiftW);
        const s15 = spanStats(spun15, collT, phraseT, shiftW);
        const precision = s15.correct / Math.max(1, s15.fired);
        const recall = s.found / Math.max(1, s.replacements);
        if (phraseT === 4) shiftGrid.push(`| ${shiftW} | ${collT} | ${pct(s.correct, s.fired)} | ${(100 * precision).toFixed(1)}% | ${(100 * recall).toFixed(1)}% | ${pct(s.top1, s.found)} |`);
        if (precision >= SPAN_PRECISION_MIN && recall > best.recall) best = { collT, phraseT, priorW, shiftW, recall, precision };
      }
    }
  }
}
const { collT, phraseT, shiftW } = best;
console.error(`dev span thresholds: prior weight ${priorW}, shift weight ${shiftW}, collocation ${collT}, phrase ${phraseT} (precision ${best.precision.toFixed(3)}, recall ${best.recall.toFixed(3)})`);

// ---- 2. document score: logistic regression on dev features ---------------------------------
// The evaluation spinner never makes non-words, so on this data non-words occur only in unspun text
// (typos, foreign words) and a fit would learn that they argue *against* spinning. Real spinners
// do make them ("comfortableity"); with no positives to learn from, the feature stays out of the
// score and non-words are reported as findings only.
const USE = FEATURE_NAMES.filter((n) => n !== "nonWordRate");
const feats = new Map(records.map((d) => [d, docFeatures(d, collT, phraseT, shiftW)]));
// Fit on news only: PAN13 documents are long book excerpts with small obfuscated passages, a
// different population; they are evaluated, not learnt from.
const devFit = dev.filter(news);
const model: LogisticModel = fitLogistic(devFit.map((d) => feats.get(d)!), devFit.map((d) => d.positive), FEATURE_NAMES, USE);
const scoreOf = (d: DocRecord) => logistic(Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, feats.get(d)![i]!])), model);
const scores = new Map(records.map((d) => [d, scoreOf(d)]));

// Threshold on dev: best mean F1 over the >= 15% rates, with dev FP on unspun news <= 1.5%.
function rateF1(docs: DocRecord[], rate: number, t: number, kind: (d: DocRecord) => boolean = plain): number {
  const set = docs.filter((d) => news(d) && (!d.positive || (d.rate === rate && kind(d))));
  return f1(confusion(set.map((d) => scores.get(d)!), set.map((d) => d.positive), t));
}
const devNeg = dev.filter((d) => news(d) && !d.positive);
let threshold = 0.5;
let bestObj = -1;
for (let t = 0.05; t < 0.995; t += 0.005) {
  const fp = devNeg.filter((d) => scores.get(d)! >= t).length / devNeg.length;
  // 1% on dev: at 1.5% the test rate came out at 1.9% and other unspun news (Helsinki, dev half)
  // ran higher still, so the dev cap keeps a margin under the 2% target.
  if (fp > 0.01) continue;
  const obj = ([0.15, 0.2, 0.3, 0.5].reduce((a, r) => a + rateF1(dev, r, t), 0) + FREQUENT_RATES.reduce((a, r) => a + rateF1(dev, r, t, frequent), 0)) / (4 + FREQUENT_RATES.length);
  if (obj > bestObj + 1e-9) {
    bestObj = obj;
    threshold = Number(t.toFixed(3));
  }
}
console.error(`dev document threshold ${threshold} (mean F1 at >= 15%, uniform and frequent choice: ${bestObj.toFixed(3)})`);
{
  // Dev figures for tuning decisions (the report below is on test).
  const fp = devNeg.filter((d) => scores.get(d)! >= threshold).length;
  const s15 = spanStats(dev.filter((d) => news(d) && d.rate === 0.15 && plain(d)), collT, phraseT, shiftW);
  const short = (d: DocRecord) => news(d) && d.counts.content < 150;
  const shortSet = dev.filter((d) => short(d) && (!d.positive || (d.rate === 0.15 && plain(d))));
  const cs = confusion(shortSet.map((d) => scores.get(d)!), shortSet.map((d) => d.positive), threshold);
  console.error(`DEV: FP ${pct(fp, devNeg.length)}; F1 10% ${rateF1(dev, 0.1, threshold).toFixed(3)}, 15% ${rateF1(dev, 0.15, threshold).toFixed(3)}, 20% ${rateF1(dev, 0.2, threshold).toFixed(3)}; short F1 15% ${f1(cs).toFixed(3)}; span precision 15% ${pct(s15.correct, s15.fired)}, recall ${pct(s15.found, s15.replacements)}, top1 ${pct(s15.top1, s15.found)}`);
}

// ---- 3. report on test ------------------------------------------------------------------------
const lines: string[] = [];
const out = (s = "") => lines.push(s);
const cmd = `node --import tsx eval/intrinsic.ts --data ${arg("data", "../shared/data")} --reuters ${maxReuters}${fit ? " --fit" : ""}${useCorpus ? " --corpus" : ""}${vectors ? "" : " --no-vectors"}${trigram ? " --trigram" : ""}`;
out("## Source-free detection (issue 4)");
out();
out(`Command: \`${cmd}\` (${new Date().toISOString().slice(0, 10)}). Data: ${bbc.length} BBC articles (duplicates removed), ${reuters.length} Reuters-21578 bodies of >= 80 words (prose only, hash-sampled), PAN13 suspicious documents (${pan.filter((a) => a.corpus === "pan13-random").length} random-obfuscation, ${pan.filter((a) => a.corpus === "pan13-none").length} no-plagiarism). Each news article gives one unspun negative and spun variants at ${RATES.map((r) => r * 100 + "%").join(", ")} of content words, plus ${DEBRIS_RATES.map((r) => r * 100 + "%").join(", ")} with heavy tokenizer debris, ${FREQUENT_RATES.map((r) => r * 100 + "%").join(", ")} with synonyms chosen by frequency ("common synonyms"), and ${PIPELINE_RATES.map((r) => r * 100 + "%").join(", ")} with common synonyms and the lighter debris of a detokenizer (bench/spinner.ts, seeded). Also evaluated, never fit on: ${helsinki.length} Helsinki articles (unspun), PAN13 random-obfuscation passages and clean excerpts. Split by article id hash: ${dev.length} dev / ${test.length} test documents. Analysis speed in this run: ${(bytes / 1e6 / (analysisMs / 1000)).toFixed(2)} MB/s (one core, includes text analysis).`);
out();
if (corpus) out(`With index n-gram counts: ${corpus.total} words of real news (a quarter of the BBC and sampled Reuters articles by hash, plus the unsampled Reuters bodies), interpolated with the SymSpell counts; those articles are not evaluated. Thresholds and weights re-tuned on dev under this condition.\n`);
out(`Tuned on dev: prior weight ${priorW}, topic-shift weight ${shiftW}${vectors ? "" : " (no word vectors)"}, odd-collocation threshold ${collT} nats, phrase-restoration threshold ${phraseT === 99 ? "off" : phraseT + " nats"}, document threshold LIKELY_SPUN_THRESHOLD = ${threshold}.`);
out();
const testNeg = test.filter((d) => news(d) && !d.positive);
const fpTest = testNeg.filter((d) => scores.get(d)! >= threshold).length;
out("### Document level (test)");
out();
out(`False-positive rate on unspun news: **${pct(fpTest, testNeg.length)}** (${fpTest} of ${testNeg.length}; target <= 2%).`);
const panNone = test.filter((d) => d.corpus === "pan13-none");
out(`False-positive rate on PAN13 no-plagiarism documents (not news; outside the target): ${pct(panNone.filter((d) => scores.get(d)! >= threshold).length, panNone.length)} of ${panNone.length}.`);
out();
out("| positives (each set vs. all unspun test news, 1:1 by article) | precision | recall | F1 |");
out("|---|---|---|---|");
function docRow(label: string, pos: DocRecord[]): void {
  const set = [...testNeg, ...pos];
  const c = confusion(set.map((d) => scores.get(d)!), set.map((d) => d.positive), threshold);
  out(`| ${label} | ${pct(c.tp, c.tp + c.fp)} | ${pct(c.tp, c.tp + c.fn)} | ${f1(c).toFixed(3)} |`);
}
for (const r of RATES) docRow(`spun ${r * 100}%`, test.filter((d) => news(d) && d.positive && d.rate === r && plain(d)));
for (const r of DEBRIS_RATES) docRow(`spun ${r * 100}% + heavy debris`, test.filter((d) => news(d) && d.positive && d.rate === r && d.debris === true));
for (const r of FREQUENT_RATES) docRow(`spun ${r * 100}%, common synonyms`, test.filter((d) => news(d) && d.positive && d.rate === r && frequent(d)));
for (const r of PIPELINE_RATES) docRow(`spun ${r * 100}%, common synonyms + detokenizer debris`, test.filter((d) => news(d) && d.positive && d.rate === r && d.debris === "pipeline"));
docRow("all spun >= 15%", test.filter((d) => news(d) && d.positive && d.rate >= 0.15));
out();
out("By corpus and length at 15% substitution (no debris), each against the unspun test articles of the same group:");
out();
out("| group | unspun FP rate | recall at 15% | F1 at 15% |");
out("|---|---|---|---|");
const groups: [string, (d: DocRecord) => boolean][] = [
  ["BBC", (d) => d.corpus === "bbc"],
  ["Reuters", (d) => d.corpus === "reuters"],
  ["< 150 content words", (d) => news(d) && d.counts.content < 150],
  [">= 150 content words", (d) => news(d) && d.counts.content >= 150],
];
for (const [label, g] of groups) {
  const neg = testNeg.filter(g);
  const pos = test.filter((d) => g(d) && news(d) && d.positive && d.rate === 0.15 && plain(d));
  const set = [...neg, ...pos];
  const c = confusion(set.map((d) => scores.get(d)!), set.map((d) => d.positive), threshold);
  out(`| ${label} | ${pct(c.fp, neg.length)} | ${pct(c.tp, pos.length)} | ${f1(c).toFixed(3)} |`);
}
const panPos = test.filter((d) => d.corpus === "pan13-random");
const panHit = panPos.filter((d) => scores.get(d)! >= threshold).length;
out();
out(`PAN13 random-obfuscation suspicious documents (test): recall ${pct(panHit, panPos.length)} (${panHit} of ${panPos.length}). These documents hold obfuscated passages inside otherwise clean text, so document-level recall is bounded by how much of each document is obfuscated.`);
{
  const pp = test.filter((d) => d.corpus === "pan13-passage");
  const pc = test.filter((d) => d.corpus === "pan13-clean-passage");
  const hit = pp.filter((d) => scores.get(d)! >= threshold).length;
  const fa = pc.filter((d) => scores.get(d)! >= threshold).length;
  out();
  out(`PAN13 random-obfuscation **passages** (test; the suspect ranges the aligner finds against the listed source, >= 50 words): recall ${pct(hit, pp.length)} (${hit} of ${pp.length}); clean excerpts of no-plagiarism documents of the median passage length flagged: ${pct(fa, pc.length)} (${fa} of ${pc.length}).`);
  const h = test.filter((d) => d.corpus === "helsinki");
  const hf = h.filter((d) => scores.get(d)! >= threshold).length;
  out();
  out(`Helsinki articles (unspun news of many publishers on one summit, never fit on; test half): flagged ${pct(hf, h.length)} (${hf} of ${h.length}).`);
}
out();
out("### Span level and restoration (test, spun news)");
out();
out("| set | span precision | span recall | top-1 (of found) | top-3 (of found) | top-1 (of all replacements) |");
out("|---|---|---|---|---|---|");
function spanRow(label: string, docs: DocRecord[]): void {
  const s = spanStats(docs, collT, phraseT, shiftW);
  out(`| ${label} | ${pct(s.correct, s.fired)} | ${pct(s.found, s.replacements)} | ${pct(s.top1, s.found)} | ${pct(s.top3, s.found)} | ${pct(s.top1, s.replacements)} |`);
}
for (const r of RATES) spanRow(`${r * 100}%`, test.filter((d) => news(d) && d.rate === r && plain(d)));
for (const r of FREQUENT_RATES) spanRow(`${r * 100}%, common synonyms`, test.filter((d) => news(d) && d.rate === r && frequent(d)));
spanRow("all rates", test.filter((d) => news(d) && d.positive));
out();
{
  // Word-level findings on text nobody spun: every one is a false alarm.
  let fired = 0;
  let content = 0;
  for (const d of testNeg) {
    fired += firedSpans(d, collT, phraseT, shiftW).length;
    content += d.counts.content;
  }
  out(`Word-level findings on unspun test news (all false alarms): ${((100 * fired) / Math.max(1, content)).toFixed(2)} per 100 content words (${fired} in ${testNeg.length} articles).`);
  out();
}
out("Span precision counts word-level findings (non-word, odd-collocation, phrase-restoration); a span is correct when it overlaps a recorded replacement. Tokenizer-artifact findings are exact by construction of the text model and not counted here.");
out();
out("### Calibration (test, unspun news and all spun news)");
out();
out("| score bin | documents | share spun |");
out("|---|---|---|");
const calib = test.filter(news);
for (let b = 0; b < 5; b++) {
  const lo = b / 5;
  const inBin = calib.filter((d) => scores.get(d)! >= lo && (scores.get(d)! < lo + 0.2 || b === 4));
  out(`| ${lo.toFixed(1)}-${(lo + 0.2).toFixed(1)} | ${inBin.length} | ${pct(inBin.filter((d) => d.positive).length, inBin.length)} |`);
}
out();
out("The logistic model is fit class-balanced, so scores are probabilities under an even prior of spun and unspun text; the bins above mix one unspun to seven spun variants per article, so their spun shares run higher than the scores.");
out();
out("### Dev grid (span thresholds, phrase threshold 4; dev only)");
out();
out("| prior weight | odd-collocation threshold | precision (all rates) | precision (15%) | recall (all rates) | top-1 of found |");
out("|---|---|---|---|---|---|");
for (const g of grid) out(g);
out();
if (shiftGrid.length) {
  out(`### Dev grid with the topic shift (prior weight ${priorW}, phrase threshold 4; dev only)`);
  out();
  out("| shift weight | odd-collocation threshold | precision (all rates) | precision (15%) | recall (all rates) | top-1 of found |");
  out("|---|---|---|---|---|---|");
  for (const g of shiftGrid) out(g);
  out();
}
out("Score model (fit on dev): " + "`" + JSON.stringify(model) + "`");
out();

const resultsDir = join(here, "results");
mkdirSync(resultsDir, { recursive: true });
// --no-write: a dev experiment; print only.
if (!process.argv.includes("--no-write")) writeFileSync(join(resultsDir, `intrinsic${useCorpus ? "-corpus" : ""}${trigram ? "-trigram" : ""}.md`), `# Intrinsic (source-free) detection: evaluation\n\n${lines.join("\n")}`);
console.log(lines.join("\n"));

if (fit && !useCorpus && !process.argv.includes("--no-write")) {
  // Rewrite only the block of this condition (SymSpell or trigram context model) in weights.ts.
  const path = join(here, "..", "src", "intrinsic", "weights.ts");
  const src = readFileSync(path, "utf8");
  const key = trigram ? "trigram" : "symspell";
  const name = trigram ? "TRIGRAM_WEIGHTS" : "SYMSPELL_WEIGHTS";
  const doc = trigram ? "Context model from CMU's US-English language model (its bigrams; shipped in models/)." : "Context model from the SymSpell word and bigram counts (UNSPIN_TRIGRAM_LM=off).";
  const features = Object.entries(model.features).map(([k, v]) => `      ${k}: { mean: ${v.mean}, sd: ${v.sd}, w: ${v.w} },`).join("\n");
  const block = [
    `// fit:${key}:begin`,
    `/** ${doc} */`,
    `export const ${name}: DetectorWeights = {`,
    `  collocationMinDelta: ${collT},`,
    `  phraseMinDelta: ${phraseT},`,
    `  priorWeight: ${priorW},`,
    `  shiftWeight: ${shiftW},`,
    `  scoreModel: {`,
    `    bias: ${model.bias},`,
    `    features: {`,
    features,
    `    },`,
    `  },`,
    `  likelySpunThreshold: ${threshold},`,
    `};`,
    `// fit:${key}:end`,
  ].join("\n");
  const re = new RegExp(`// fit:${key}:begin[\\s\\S]*?// fit:${key}:end`);
  if (!re.test(src)) throw new Error(`no fit:${key} block in ${path}`);
  writeFileSync(path, src.replace(re, block));
  console.error(`wrote ${path} (${name})`);
}
