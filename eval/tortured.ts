// Source-free detection on real spinner output (issue 14): tortured phrases from published papers
// (../shared/data/tortured-phrases/dev.csv) put into carrier sentences written for this project
// (eval/tortured-carriers.ts), and unspun news (bbc, reuters21578, helsinki) for false alarms.
//
// Rows are split by a fixed hash of the tortured phrase into a tune half (weights and margin are fit
// on it, and it was looked at) and a report half (figures only); news by article id, as in
// eval/intrinsic.ts (dev: fitting and calibration; test: figures). Every figure is given for both
// halves, with CMU's trigram model (the default install) and without it (SymSpell counts, as with
// UNSPIN_TRIGRAM_LM=off).
//
// Every sentence and article is analysed once with the tortured-phrase detector collecting its raw
// candidate features; firing is then recomputed for any weights (what analyzeIntrinsic does with
// them: the same scores, torturedPhrases for merging, word findings inside a tortured phrase left
// out), so fitting and thresholds need no second analysis. A final check re-analyses a sample with
// the chosen weights and compares.
//
// Usage: node --import tsx eval/tortured.ts [--data ../shared/data] [--lm both|on|off]
//        [--carriers 6] [--reuters 1500] [--fit] [--no-write] [--examples N]
// --fit fits the weights on the tune half and dev news and writes them to
// src/intrinsic/tortured-weights.ts; without it the shipped weights are measured.
// Writes eval/results/tortured.md (figures and counts only, no phrase from the data).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getLexicon } from "../src/lexicon/index.js";
import { getWordVectors } from "../src/lexicon/vectors.js";
import { loadContextModel, type ContextLanguageModel } from "../src/lexicon/context-model.js";
import { analyzeText } from "../src/text/index.js";
import { analyzeIntrinsic, sameRestoration, torturedPhrases, torturedWeightsFor, type IntrinsicResult, type SpanDetail, type TorturedJudgement, type TorturedWeights } from "../src/intrinsic/index.js";
import { fnv1a, loadBbc, loadHelsinki, loadReuters, splitOf, type Article } from "./intrinsic-data.js";
import { checkTortured, loadTortured, type TorturedRow } from "./tortured-data.js";
import { CARRIERS, fill } from "./tortured-carriers.js";
import { fitTortured, scorePair, weightsBlock, type TrainingPair } from "./tortured-fit.js";
import { machine } from "./config.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith("--") ? process.argv[i + 1]! : fallback;
}
const here = dirname(fileURLToPath(import.meta.url));
const dataRoot = arg("data", join(here, "..", "..", "shared", "data"));
const missing = checkTortured(dataRoot);
if (missing) {
  console.error(`eval/tortured: ${missing}`);
  process.exit(2);
}
const lmArg = arg("lm", "both");
if (!["both", "on", "off"].includes(lmArg)) {
  console.error("eval/tortured: --lm must be both, on or off");
  process.exit(2);
}
const perPhrase = Math.min(CARRIERS.length, Number(arg("carriers", "6")));
const maxReuters = Number(arg("reuters", "1500"));
const examples = Number(arg("examples", "0"));
const doFit = process.argv.includes("--fit");
const write = !process.argv.includes("--no-write");

// Calibration (tune half and dev news): the margin is the lowest at which the tortured-phrase rule
// adds at most this share of flagged expected phrases and this many findings per 100 content words
// of unspun news.
const EXPECTED_MAX = 0.02;
const NEWS_MAX = 0.2;

const lexicon = getLexicon();
const vectors = getWordVectors();
const conditions: { key: "trigram" | "symspell"; name: string; trigram: ContextLanguageModel | null }[] = [];
if (lmArg !== "off") {
  // CMU's model as every install has it (models/cmu-en-us-bigram.bin, or UNSPIN_TRIGRAM_LM).
  const lm = loadContextModel();
  if (!lm) {
    console.error("eval/tortured: no context model (UNSPIN_TRIGRAM_LM=off?); run with --lm off");
    process.exit(2);
  }
  conditions.push({ key: "trigram", name: "with CMU's trigram model (default install)", trigram: lm });
}
if (lmArg !== "on") conditions.push({ key: "symspell", name: "without the trigram model (SymSpell counts, UNSPIN_TRIGRAM_LM=off)", trigram: null });

const rows = loadTortured(dataRoot);
const news: Article[] = [
  ...loadBbc(dataRoot),
  ...loadReuters(dataRoot, 80).sort((a, b) => fnv1a(a.id) - fnv1a(b.id)).slice(0, maxReuters),
  ...loadHelsinki(dataRoot),
];

/** 2-3 lower-case words: a run of words the detector judges as a phrase. */
const inScope = (r: TorturedRow): boolean => /^[a-z]+(?: [a-z]+){1,2}$/.test(r.tortured);

/** The carriers of a phrase: `perPhrase` distinct templates chosen by a hash of the phrase. */
function carriersOf(phrase: string): number[] {
  const out: number[] = [];
  let h = fnv1a(`carrier:${phrase.toLowerCase()}`);
  while (out.length < perPhrase) {
    const k = h % CARRIERS.length;
    if (!out.includes(k)) out.push(k);
    h = fnv1a(`${h}`);
  }
  return out;
}

// ---- records: one analysis per sentence / article, raw tortured-phrase features kept ------------
interface PairRec {
  first: number;
  second: number;
  /** Character offsets: the first word's start and end, the second word's start and end. */
  start: number;
  firstEnd: number;
  mid: number;
  end: number;
  cands: string[];
  phi: Float32Array;
  psi: Float64Array;
}
interface SentRec {
  row: number;
  kind: "tortured" | "expected";
  text: string;
  start: number;
  end: number;
  /** Word findings of the other rules (no tortured phrase fired in the collecting run). */
  other: SpanDetail[];
  pairs: PairRec[];
  carrierWords: number;
}
interface NewsRec {
  id: string;
  text: string;
  corpus: string;
  split: "dev" | "test";
  spun: boolean;
  content: number;
  pairs: PairRec[];
  other: SpanDetail[];
}

const NEVER: Pick<TorturedWeights, "threshold"> = { threshold: Infinity };
const WORD_RULES = new Set(["non-word", "odd-collocation", "phrase-restoration", "tortured-phrase"]);

function pairsOf(r: IntrinsicResult, tokens: { start: number; end: number }[]): PairRec[] {
  return r.tortured.map((j) => ({
    first: j.first, second: j.second, start: tokens[j.first]!.start, firstEnd: tokens[j.first]!.end, mid: tokens[j.second]!.start, end: tokens[j.second]!.end,
    cands: j.raw!.candidates, phi: Float32Array.from(j.raw!.phi), psi: j.raw!.psi,
  }));
}

function collect(trigram: ContextLanguageModel | null): { sents: SentRec[]; docs: NewsRec[] } {
  const weights = { ...torturedWeightsFor(Boolean(trigram)), ...NEVER };
  const analyse = (s: string) => {
    const tx = analyzeText(s);
    const r = analyzeIntrinsic(tx, lexicon, { vectors, languageModel: trigram, torturedWeights: weights, collectTortured: true });
    return { r, tokens: tx.tokens };
  };
  const sents: SentRec[] = [];
  const t0 = performance.now();
  rows.forEach((row, ri) => {
    for (const c of carriersOf(row.tortured)) {
      for (const kind of ["tortured", "expected"] as const) {
        const f = fill(CARRIERS[c]!, kind === "tortured" ? row.tortured : row.expected[0]!);
        const { r, tokens } = analyse(f.text);
        sents.push({
          row: ri, kind, text: f.text, start: f.start, end: f.end, other: r.spans.filter((s) => WORD_RULES.has(s.rule)),
          pairs: pairsOf(r, tokens), carrierWords: CARRIERS[c]!.split(/\s+/).length - 1,
        });
      }
    }
  });
  const t1 = performance.now();
  const docs: NewsRec[] = [];
  for (const a of news) {
    const { r, tokens } = analyse(a.text);
    docs.push({ id: a.id, text: a.text, corpus: a.corpus, split: splitOf(a.id), spun: r.score >= r.threshold, content: r.counts.content, pairs: pairsOf(r, tokens), other: r.spans.filter((s) => WORD_RULES.has(s.rule)) });
  }
  console.error(`  analysed ${sents.length} sentences in ${((t1 - t0) / 1000).toFixed(1)} s and ${docs.length} articles in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  return { sents, docs };
}

// ---- firing under given weights (what analyzeIntrinsic does) -----------------------------------
function fire(pairs: PairRec[], weights: TorturedWeights): { start: number; end: number; suggestions: string[] }[] {
  if (pairs.length === 0) return [];
  const judged: TorturedJudgement[] = pairs.map((p) => {
    const { margin, order } = scorePair(p.phi, p.psi, weights);
    return { first: p.first, second: p.second, words: ["", ""], margin, best: order.map((k) => ({ words: p.cands[k]!.split(" ") as [string, string], score: 0 })) };
  });
  const byToken = new Map<number, { start: number; end: number }>();
  for (const p of pairs) {
    byToken.set(p.first, { start: p.start, end: p.firstEnd });
    byToken.set(p.second, { start: p.mid, end: p.end });
  }
  return torturedPhrases(judged, weights.threshold).map((t) => ({ start: byToken.get(t.first)!.start, end: byToken.get(t.last)!.end, suggestions: t.suggestions }));
}

/** All word-level spans of a text under given weights: tortured phrases, and other findings outside them. */
const WORD_FINDINGS = new Set(["odd-collocation", "phrase-restoration"]);
/** All word-level spans of a text under given weights, as analyzeIntrinsic reports them. */
function spansOf(rec: { text?: string; pairs: PairRec[]; other: SpanDetail[] }, weights: TorturedWeights, source?: string): { start: number; end: number; suggestions: string[]; tortured: boolean }[] {
  const text = source ?? rec.text ?? "";
  const words = rec.other.filter((o) => WORD_FINDINGS.has(o.rule));
  // A tortured phrase that the word findings already restore to the same words is left to them.
  const t = fire(rec.pairs, weights).filter((x) => {
    const over = words.filter((o) => o.start < x.end && o.end > x.start).sort((a, b) => a.start - b.start);
    if (over.length === 0) return true;
    let acc = "";
    let pos = x.start;
    for (const o of over) {
      acc += text.slice(pos, Math.max(pos, o.start)) + o.suggestions[0]!;
      pos = o.end;
    }
    acc += text.slice(pos, x.end);
    return !sameRestoration(lexicon, acc.replace(/\s+/g, " ").trim(), x.suggestions[0]!);
  }).map((x) => ({ ...x, tortured: true }));
  const rest = rec.other.filter((o) => !(WORD_FINDINGS.has(o.rule) && t.some((x) => o.start < x.end && o.end > x.start))).map((o) => ({ start: o.start, end: o.end, suggestions: o.suggestions, tortured: false }));
  return [...t, ...rest];
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s-]+/g, " ").trim();

interface Outcome {
  flagged: boolean;
  byTortured: boolean;
  top1: boolean;
  top3: boolean;
  elsewhere: number;
  restored: string;
}

function judge(rec: SentRec, weights: TorturedWeights, expected: string[]): Outcome {
  const spans = spansOf(rec, weights);
  const { text, start, end } = rec;
  const over = spans.filter((s) => s.start < end && s.end > start).sort((a, b) => a.start - b.start);
  const elsewhere = spans.length - over.length;
  if (over.length === 0) return { flagged: false, byTortured: false, top1: false, top3: false, elsewhere, restored: "" };
  const lo = Math.min(start, over[0]!.start);
  const hi = Math.max(end, ...over.map((s) => s.end));
  const want = new Set(expected.map((e) => norm(text.slice(lo, start) + e + text.slice(end, hi))));
  let top1 = "";
  let top3 = false;
  // Every combination of each overlapping span's top three suggestions (at most 27).
  const rec3 = (k: number, pos: number, acc: string, first: boolean): void => {
    if (k === over.length) {
      const s = norm(acc + text.slice(pos, hi));
      if (first) top1 = s;
      if (want.has(s)) top3 = true;
      return;
    }
    const sp = over[k]!;
    sp.suggestions.slice(0, 3).forEach((sug, i) => rec3(k + 1, sp.end, acc + text.slice(pos, sp.start) + sug, first && i === 0));
  };
  rec3(0, lo, "", true);
  return { flagged: true, byTortured: over.some((s) => s.tortured), top1: want.has(top1), top3, elsewhere, restored: top1 };
}

interface Tally {
  n: number;
  flagged: number;
  byTortured: number;
  top1: number;
  top3: number;
  expFlagged: number;
  expByTortured: number;
  elsewhere: number;
  carrierWords: number;
}
const emptyTally = (): Tally => ({ n: 0, flagged: 0, byTortured: 0, top1: 0, top3: 0, expFlagged: 0, expByTortured: 0, elsewhere: 0, carrierWords: 0 });

function tallies(sents: SentRec[], weights: TorturedWeights, filter: (row: TorturedRow) => boolean): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (let k = 0; k + 1 < sents.length; k += 2) {
    const ts = sents[k]!;
    const es = sents[k + 1]!;
    const row = rows[ts.row]!;
    if (!filter(row)) continue;
    const o = judge(ts, weights, row.expected);
    const e = judge(es, weights, row.expected);
    let t = out.get(row.half);
    if (!t) out.set(row.half, (t = emptyTally()));
    t.n++;
    if (o.flagged) t.flagged++;
    if (o.byTortured) t.byTortured++;
    if (o.top1) t.top1++;
    if (o.top3) t.top3++;
    if (e.flagged) t.expFlagged++;
    if (e.byTortured) t.expByTortured++;
    t.elsewhere += e.elsewhere;
    t.carrierWords += es.carrierWords;
  }
  return out;
}

function newsRates(docs: NewsRec[], weights: TorturedWeights): Map<string, { docs: number; spun: number; tortured: number; content: number }> {
  const out = new Map<string, { docs: number; spun: number; tortured: number; content: number }>();
  for (const d of docs) {
    const n = spansOf(d, weights).filter((x) => x.tortured).length;
    for (const key of [`${d.corpus}/${d.split}`, `all/${d.split}`]) {
      const b = out.get(key) ?? { docs: 0, spun: 0, tortured: 0, content: 0 };
      b.docs++;
      if (d.spun) b.spun++;
      b.tortured += n;
      b.content += d.content;
      out.set(key, b);
    }
  }
  return out;
}

// ---- fitting ------------------------------------------------------------------------------------
/** Which words of a tortured phrase the spinner changed, against an expected phrase of the same length. */
function alignedExpected(row: TorturedRow): string[][] {
  const t = row.tortured.toLowerCase().split(/\s+/);
  return row.expected.map((e) => e.toLowerCase().split(/\s+/)).filter((e) => e.length === t.length);
}

function trainingPairs(sents: SentRec[], docs: NewsRec[]): TrainingPair[] {
  const out: TrainingPair[] = [];
  for (const s of sents) {
    const row = rows[s.row]!;
    if (row.half !== "tune") continue;
    const tWords = row.tortured.toLowerCase().split(/\s+/);
    const aligned = alignedExpected(row);
    for (const p of s.pairs) {
      const inside = p.start >= s.start && p.end <= s.end;
      if (s.kind === "expected" || (!inside && (p.end <= s.start || p.start >= s.end))) {
        out.push({ phi: p.phi, psi: p.psi, target: null });
        continue;
      }
      if (!inside) continue; // a carrier word paired with a phrase word: neither label is right
      const off = s.text.slice(s.start, p.start).trim() === "" ? 0 : s.text.slice(s.start, p.start).trim().split(/\s+/).length;
      const changed = aligned.length === 0 || aligned.some((e) => e[off] !== tWords[off] || e[off + 1] !== tWords[off + 1]);
      if (!changed) continue;
      const want = new Set(aligned.map((e) => `${e[off]} ${e[off + 1]}`));
      const target: number[] = [];
      p.cands.forEach((c, k) => want.has(c) && target.push(k));
      out.push({ phi: p.phi, psi: p.psi, target });
    }
  }
  // Unspun news (dev split, a sample by hash so it does not outweigh the phrases).
  for (const d of docs) if (d.split === "dev" && fnv1a(`fit:${d.id}`) % 4 === 0) for (const p of d.pairs) out.push({ phi: p.phi, psi: p.psi, target: null });
  return out;
}

/** Lowest margin on the grid meeting the calibration limits on the tune half and dev news. */
function chooseThreshold(sents: SentRec[], docs: NewsRec[], base: Omit<TorturedWeights, "threshold">): { threshold: number; grid: string[] } {
  const grid: string[] = [];
  let chosen = Infinity;
  const tuneFilter = (r: TorturedRow) => r.half === "tune";
  const devDocs = docs.filter((d) => d.split === "dev");
  for (let th = 6; th >= -2; th -= 0.25) {
    const w = { ...base, threshold: th };
    const t = tallies(sents, w, tuneFilter).get("tune") ?? emptyTally();
    const n = newsRates(devDocs, w).get("all/dev")!;
    const expShare = t.expByTortured / Math.max(1, t.n);
    const newsRate = (100 * n.tortured) / Math.max(1, n.content);
    grid.push(`| ${th} | ${pct(t.flagged, t.n)} | ${pct(t.byTortured, t.n)} | ${pct(t.top1, t.n)} | ${pct(t.expFlagged, t.n)} | ${pct(t.expByTortured, t.n)} | ${newsRate.toFixed(3)} |`);
    if (expShare <= EXPECTED_MAX && newsRate <= NEWS_MAX) chosen = th;
  }
  return { threshold: chosen, grid };
}

function writeWeights(key: "trigram" | "symspell", w: TorturedWeights): void {
  const path = join(here, "..", "src", "intrinsic", "tortured-weights.ts");
  const src = readFileSync(path, "utf8");
  const name = key === "trigram" ? "TORTURED_TRIGRAM" : "TORTURED_SYMSPELL";
  const note = key === "trigram" ? "Context model from CMU's trigram model (Debian pocketsphinx-en-us)." : "Context model from the SymSpell word and bigram counts (no trigram model installed).";
  const re = new RegExp(`// fit:${key}:begin[\\s\\S]*?// fit:${key}:end`);
  if (!re.test(src)) throw new Error(`no fit:${key} block in ${path}`);
  writeFileSync(path, src.replace(re, weightsBlock(key, name, w, note)));
  console.error(`  wrote ${key} weights to ${path}`);
}

// ---- report -------------------------------------------------------------------------------------
const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : "-");
const lines: string[] = [];
const out = (s = ""): void => {
  lines.push(s);
  console.log(s);
};

out("# Tortured phrases: source-free detection on real spinner output (issue 14)");
out();
out(`Command: \`node --import tsx eval/tortured.ts --data ../shared/data${lmArg !== "both" ? ` --lm ${lmArg}` : ""}${perPhrase !== 6 ? ` --carriers ${perPhrase}` : ""}${doFit ? " --fit" : ""}\``);
out(`Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; ${machine()}.`);
out();
const tuneRows = rows.filter((r) => r.half === "tune");
out(`Data: ${rows.length} rows of tortured-phrases/dev.csv with a usable expected phrase (the first quoted variant of the query; the expected phrase without parenthesised remarks, "/" alternatives all accepted), split by a hash of the phrase: tune ${tuneRows.length}, report ${rows.length - tuneRows.length}; in scope (2-3 lower-case words) tune ${tuneRows.filter(inScope).length}, report ${rows.filter((r) => r.half === "report" && inScope(r)).length}. Each phrase is put into ${perPhrase} of the ${CARRIERS.length} carrier sentences of eval/tortured-carriers.ts (chosen by hash), and its expected phrase into the same ones. Unspun news: ${news.length} articles (BBC, ${Math.min(maxReuters, news.filter((a) => a.corpus === "reuters").length)} Reuters, Helsinki), split by article id.`);
out();
out(`"Flagged": any word-level finding (odd-collocation, phrase-restoration, tortured-phrase, non-word) overlapping the phrase; "restored": the phrase region after applying the top suggestion of every overlapping finding (top-3: any combination of their top three) equals an expected phrase. "by tortured-phrase": flagged by the new rule. Calibration of the new rule (tune half and dev news): the lowest margin at which it flags at most ${100 * EXPECTED_MAX}% of expected phrases and makes at most ${NEWS_MAX} findings per 100 content words of unspun news.`);

const exampleLines: string[] = [];
for (const c of conditions) {
  console.error(`${c.key}:`);
  const { sents, docs } = collect(c.trigram);
  let weights = torturedWeightsFor(Boolean(c.trigram));
  let grid: string[] = [];
  if (doFit) {
    const pairs = trainingPairs(sents, docs);
    const inside = pairs.filter((p) => p.target !== null);
    console.error(`  fitting on ${pairs.length} pairs (${inside.length} inside tortured phrases, ${inside.filter((p) => p.target!.length > 0).length} of them with the expected phrase among the candidates)`);
    const t0 = performance.now();
    const base = fitTortured(pairs);
    const chosen = chooseThreshold(sents, docs, base);
    grid = chosen.grid;
    weights = { ...base, threshold: chosen.threshold };
    console.error(`  fit in ${((performance.now() - t0) / 1000).toFixed(1)} s; margin ${chosen.threshold}`);
    if (write) writeWeights(c.key, weights);
  }
  out();
  out(`## Carrier sentences, ${c.name}`);
  out();
  out(`Margin ${weights.threshold}.`);
  out();
  out("| population | half | phrases x carriers | flagged | by tortured-phrase | restored top-1 | restored top-3 | expected flagged | expected flagged by tortured-phrase | carrier false alarms per 100 words |");
  out("|---|---|---|---|---|---|---|---|---|---|");
  for (const [label, filter] of [["2-3 lower-case words", inScope], ["all rows", () => true]] as const) {
    const t = tallies(sents, weights, filter);
    for (const half of ["tune", "report"]) {
      const x = t.get(half) ?? emptyTally();
      out(`| ${label} | ${half} | ${x.n} | ${pct(x.flagged, x.n)} | ${pct(x.byTortured, x.n)} | ${pct(x.top1, x.n)} | ${pct(x.top3, x.n)} | ${pct(x.expFlagged, x.n)} | ${pct(x.expByTortured, x.n)} | ${(x.carrierWords ? (100 * x.elsewhere) / x.carrierWords : 0).toFixed(2)} |`);
    }
  }
  const off = tallies(sents, { ...weights, threshold: Infinity }, inScope);
  out();
  out(`Without the tortured-phrase rule (the other rules only), 2-3 lower-case words: tune flagged ${pct(off.get("tune")!.flagged, off.get("tune")!.n)}, restored ${pct(off.get("tune")!.top1, off.get("tune")!.n)}, expected flagged ${pct(off.get("tune")!.expFlagged, off.get("tune")!.n)}; report flagged ${pct(off.get("report")!.flagged, off.get("report")!.n)}, restored ${pct(off.get("report")!.top1, off.get("report")!.n)}, expected flagged ${pct(off.get("report")!.expFlagged, off.get("report")!.n)}.`);
  out();
  out(`Unspun news ${c.name}: likely-spun verdicts (the document score, which the tortured-phrase rule does not change) and tortured-phrase findings.`);
  out();
  out("| corpus | split | articles | likely-spun | tortured-phrase findings per 100 content words |");
  out("|---|---|---|---|---|");
  const nr = newsRates(docs, weights);
  for (const corpus of ["bbc", "reuters", "helsinki", "all"]) {
    for (const split of ["dev", "test"]) {
      const b = nr.get(`${corpus}/${split}`);
      if (b) out(`| ${corpus} | ${split} | ${b.docs} | ${pct(b.spun, b.docs)} (${b.spun}) | ${((100 * b.tortured) / Math.max(1, b.content)).toFixed(3)} |`);
    }
  }
  if (grid.length) {
    out();
    out("Margin grid (tune half, 2-3 lower-case words and all rows together; dev news):");
    out();
    out("| margin | flagged | by tortured-phrase | restored top-1 | expected flagged | expected by tortured-phrase | news findings per 100 content words |");
    out("|---|---|---|---|---|---|---|");
    for (const g of grid) out(g);
  }
  // Check: the recomputed firing is what analyzeIntrinsic reports with these weights.
  let agree = 0;
  let checked = 0;
  for (let k = 0; k < sents.length && checked < 300; k += 37) {
    const s = sents[k]!;
    const r = analyzeIntrinsic(analyzeText(s.text), lexicon, { vectors, languageModel: c.trigram, torturedWeights: weights });
    const online = r.spans.filter((x) => WORD_RULES.has(x.rule)).map((x) => `${x.start}-${x.end}:${x.suggestions[0]?.toLowerCase()}`).sort().join(" ");
    const offline = spansOf(s, weights).map((x) => `${x.start}-${x.end}:${x.suggestions[0]?.toLowerCase()}`).sort().join(" ");
    checked++;
    if (online === offline) agree++;
    else if (agree + 5 > checked) console.error(`  mismatch: ${s.text}\n    online  ${online}\n    offline ${offline}`);
  }
  out();
  out(`Consistency check: ${agree} of ${checked} re-analysed sentences give the same findings as the recomputation.`);
  if (examples > 0) {
    for (let k = 0; k + 1 < sents.length && exampleLines.length < examples; k += 2 * perPhrase) {
      const row = rows[sents[k]!.row]!;
      if (row.half !== "tune" || !inScope(row)) continue;
      const o = judge(sents[k]!, weights, row.expected);
      const e = judge(sents[k + 1]!, weights, row.expected);
      exampleLines.push(`${c.key}: ${o.flagged ? (o.top1 ? "RESTORED" : o.top3 ? "top3" : o.byTortured ? "flagged(t)" : "flagged") : "missed"} | ${sents[k]!.text} -> ${o.restored} | expected ${e.flagged ? (e.byTortured ? "FLAGGED(t)" : "FLAGGED") : "ok"}`);
    }
  }
}
// Examples are for reading on the console only (tune half); result files hold no phrase.
if (exampleLines.length) console.error(exampleLines.join("\n"));

if (write) {
  const file = join(here, "results", "tortured.md");
  // Hand-written notes below the marker survive a re-run.
  const MARK = "<!-- notes: kept by eval/tortured.ts -->";
  let notes = "";
  try {
    const old = readFileSync(file, "utf8");
    if (old.includes(MARK)) notes = old.slice(old.indexOf(MARK));
  } catch {
    // first run
  }
  writeFileSync(file, lines.join("\n") + "\n" + (notes ? `\n${notes}` : ""));
  console.error(`wrote ${file}`);
}
