// Metrics for the intrinsic evaluation: span precision/recall against recorded replacements,
// restoration top-k, document-level confusion, and a small logistic-regression fit (gradient
// descent, class-balanced, L2) for the document score. Plain functions over plain records.
import { selectFired, computeFeatures, type DocCounts, FEATURE_NAMES } from "../src/intrinsic/index.js";
import type { WordJudgement } from "../src/intrinsic/collocation.js";
import type { PhraseJudgement } from "../src/intrinsic/phrase.js";
import type { Replacement } from "../bench/spinner.js";

export type Located<T> = T & { start: number; end: number };

export interface DocRecord {
  id: string;
  corpus: string;
  split: "dev" | "test";
  /** Substitution rate for spun variants, 0 for unspun, -1 for pan13 positives. */
  rate: number;
  /** Tokenizer debris of the spun variant: none, the heavy profile, or the detokenizer profile. */
  debris: boolean | "pipeline";
  /** How the spinner chose synonyms ("uniform" also for unspun and PAN13 documents). */
  choice: "uniform" | "frequent";
  positive: boolean;
  replacements: Replacement[];
  judged: Located<WordJudgement>[];
  phrases: (PhraseJudgement & { start: number; end: number; mid: number })[];
  nonWords: { start: number; end: number; suggestions: string[] }[];
  counts: DocCounts;
}

export interface FiredSpan {
  start: number;
  end: number;
  /** Ranked suggestions for the word at each position: one list per word. */
  suggest: (pos: number) => string[];
}

export function firedSpans(d: DocRecord, collT: number, phraseT: number, shiftW = 0): FiredSpan[] {
  const { phrases, words } = selectFired(d.phrases, d.judged, collT, phraseT, shiftW);
  const out: FiredSpan[] = [];
  for (const n of d.nonWords) out.push({ start: n.start, end: n.end, suggest: () => n.suggestions });
  for (const p of phrases as DocRecord["phrases"]) {
    out.push({ start: p.start, end: p.end, suggest: (pos) => p.best.map((b) => (pos < p.mid ? b.words[0] : b.words[1])) });
  }
  for (const w of words as Located<WordJudgement>[]) out.push({ start: w.start, end: w.end, suggest: () => w.best.map((b) => b.word) });
  return out;
}

export interface SpanStats {
  fired: number;
  correct: number;
  replacements: number;
  found: number;
  top1: number;
  top3: number;
}

export function spanStats(docs: DocRecord[], collT: number, phraseT: number, shiftW = 0): SpanStats {
  const s: SpanStats = { fired: 0, correct: 0, replacements: 0, found: 0, top1: 0, top3: 0 };
  for (const d of docs) {
    if (d.replacements.length === 0) continue;
    const spans = firedSpans(d, collT, phraseT, shiftW);
    const reps = d.replacements;
    s.replacements += reps.length;
    for (const sp of spans) {
      s.fired++;
      if (reps.some((r) => r.start < sp.end && sp.start < r.end)) s.correct++;
    }
    for (const r of reps) {
      const sp = spans.find((x) => r.start < x.end && x.start < r.end);
      if (!sp) continue;
      s.found++;
      const sug = sp.suggest(r.start).map((x) => x.toLowerCase());
      const orig = r.original.toLowerCase();
      if (sug[0] === orig) s.top1++;
      if (sug.slice(0, 3).includes(orig)) s.top3++;
    }
  }
  return s;
}

export function docFeatures(d: DocRecord, collT: number, phraseT: number, shiftW = 0): number[] {
  const { phrases, words } = selectFired(d.phrases, d.judged, collT, phraseT, shiftW);
  const f = computeFeatures({ ...d.counts, judged: d.judged, collocations: words.length, phrases: phrases.length });
  return FEATURE_NAMES.map((n) => f[n]);
}

export interface LogisticModel {
  bias: number;
  features: Record<string, { mean: number; sd: number; w: number }>;
}

/** Class-balanced L2 logistic regression by batch gradient descent on standardised features. */
export function fitLogistic(x: number[][], y: boolean[], names: readonly string[], use: readonly string[]): LogisticModel {
  const idx = use.map((n) => names.indexOf(n));
  const k = idx.length;
  // A feature that could not be computed (NaN) is read as the average, as logistic() does.
  const mean = idx.map((j) => {
    const v = x.map((r) => r[j]!).filter((u) => !Number.isNaN(u));
    return v.reduce((a, u) => a + u, 0) / Math.max(1, v.length);
  });
  x = x.map((r) => r.map((u, j) => (Number.isNaN(u) ? mean[idx.indexOf(j)] ?? 0 : u)));
  const sd = idx.map((j, q) => Math.sqrt(x.reduce((a, r) => a + (r[j]! - mean[q]!) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => idx.map((j, q) => (r[j]! - mean[q]!) / sd[q]!));
  const pos = y.filter(Boolean).length;
  const wPos = x.length / (2 * Math.max(1, pos));
  const wNeg = x.length / (2 * Math.max(1, x.length - pos));
  const w = new Array<number>(k).fill(0);
  let b = 0;
  const lambda = 1e-3;
  for (let it = 0; it < 3000; it++) {
    const g = new Array<number>(k).fill(0);
    let gb = 0;
    for (let i = 0; i < z.length; i++) {
      let s = b;
      for (let q = 0; q < k; q++) s += w[q]! * z[i]![q]!;
      const p = 1 / (1 + Math.exp(-s));
      const err = (p - (y[i] ? 1 : 0)) * (y[i] ? wPos : wNeg);
      for (let q = 0; q < k; q++) g[q]! += err * z[i]![q]!;
      gb += err;
    }
    const lr = 0.5;
    for (let q = 0; q < k; q++) w[q]! -= lr * (g[q]! / z.length + lambda * w[q]!);
    b -= (lr * gb) / z.length;
  }
  const features: LogisticModel["features"] = {};
  use.forEach((n, q) => (features[n] = { mean: round(mean[q]!), sd: round(sd[q]!), w: round(w[q]!) }));
  return { bias: round(b), features };
}

function round(v: number): number {
  return Number(v.toPrecision(6));
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusion(scores: number[], y: boolean[], t: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  scores.forEach((s, i) => {
    if (s >= t) {
      if (y[i]) c.tp++;
      else c.fp++;
    } else if (y[i]) c.fn++;
    else c.tn++;
  });
  return c;
}

export function f1(c: Confusion): number {
  return c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

export function pct(a: number, b: number): string {
  return b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`;
}
