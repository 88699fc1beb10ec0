// Shared machinery of the compare evaluations: per-pair alignment measures that can be replayed
// under other verdict thresholds without aligning again, and the metrics computed from verdicts.
//
// Replay is exact: alignTexts drops a passage when matched < minMatchShare * units, after word
// alignment and independently of the other passages, and a one-source report's verdict is
// pairVerdict(measure(alignment)). So we align once with minMatchShare 0, keep each passage's
// measures, and filter and sum them for any minMatchShare and VerdictThresholds. The tuning
// script checks this against createUnspin().compare on the dev split.
import { analyzeText } from "../src/text/index.js";
import type { Lexicon } from "../src/lexicon/types.js";
import { alignTexts, type AlignOptions } from "../src/align/index.js";
import { measure } from "../src/report/build.js";
import { pairVerdict, type PairMeasures, type VerdictThresholds } from "../src/verdict/pair.js";
import type { Verdict } from "../src/report/schema.js";

export const COPY_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>(["verbatim-copy", "spun-copy", "rewrite"]);
export const VERDICT_ORDER: Verdict[] = ["verbatim-copy", "spun-copy", "rewrite", "same-story", "no-evidence", "likely-spun"];

export interface PairStats {
  suspectUnits: number;
  /** Measures of every passage alignTexts found before its minMatchShare filter. */
  passages: PairMeasures[];
}

export function pairStats(lexicon: Lexicon, suspect: string, source: string, align: Partial<AlignOptions>): PairStats {
  const a = alignTexts(analyzeText(suspect), analyzeText(source), lexicon, { ...align, minMatchShare: 0 });
  return { suspectUnits: a.suspectUnits.length, passages: a.passages.map((p) => measure({ ...a, passages: [p] })) };
}

export function replayVerdict(st: PairStats, thresholds: VerdictThresholds, minMatchShare: number): Verdict {
  const kept = st.passages.filter((p) => !(p.matched < minMatchShare * p.alignedUnits));
  if (kept.length === 0) return "no-evidence";
  // Sum every per-passage count (whatever PairMeasures holds); suspectUnits is the whole suspect.
  const total = { ...kept[0]! };
  for (const p of kept.slice(1)) for (const k of Object.keys(total) as (keyof PairMeasures)[]) if (k !== "suspectUnits") total[k] += p[k];
  total.suspectUnits = st.suspectUnits;
  return pairVerdict(total, thresholds).verdict;
}

export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function binaryMetrics(c: BinaryCounts) {
  const f1 = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1Copy = f1(c.tp, c.fp, c.fn);
  const f1Not = f1(c.tn, c.fn, c.fp);
  const n = c.tp + c.fp + c.fn + c.tn;
  return {
    precision,
    recall,
    f1: f1Copy,
    /** Mean of the F1 of the copy class and the F1 of the not-copy class. */
    macroF1: (f1Copy + f1Not) / 2,
    fpRate: c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0,
    accuracy: n ? (c.tp + c.tn) / n : 0,
  };
}

export function pct(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

export function fixed(x: number, digits = 3): string {
  return x.toFixed(digits);
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** A Markdown table from a header row and body rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (r: (string | number)[]) => `| ${r.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
