// PAN 2013 text alignment (training corpus part): for each (suspicious, source) pair of
// pairs.tsv, does `compare` find a copy (verbatim-copy, spun-copy or rewrite)? Recall by
// obfuscation type, false-positive rate on the no-plagiarism pairs, precision/F1 overall, time
// per pair. Split by suspicious document (FNV-1a of its file name).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createUnspin } from "../src/index.js";
import type { Verdict } from "../src/report/schema.js";
import { dataset, readText, RESULTS_DIR, today, type EvalArgs } from "./args.js";
import { splitOf, type Split } from "./split.js";
import { binaryMetrics, COPY_VERDICTS, fixed, pct, quantile, table, VERDICT_ORDER, type BinaryCounts } from "./measure.js";
import { configMarkdown, configSummary, machine } from "./config.js";
import { DEFAULT_ALIGN_OPTIONS } from "../src/align/index.js";
import { findSummaries, DEFAULT_SUMMARY_OPTIONS, type SummaryOptions } from "../src/align/summary.js";
import { buildUnits } from "../src/align/units.js";
import { analyzeText } from "../src/text/index.js";
import type { Lexicon } from "../src/lexicon/types.js";

export const PAN_TYPES = ["no-obfuscation", "random-obfuscation", "translation-obfuscation", "summary-obfuscation", "no-plagiarism"] as const;
export type PanType = (typeof PAN_TYPES)[number];

export interface PanPair {
  suspicious: string;
  source: string;
  type: PanType;
  split: Split;
}

export interface PanData {
  dir: string;
  pairs: PanPair[];
  read(pair: PanPair): { suspect: string; source: string };
}

/** The rows of pan13/pairs.tsv (suspicious file, source file, obfuscation type), in file order. */
export function readPanPairs(dir: string): PanPair[] {
  const lines = readFileSync(join(dir, "pairs.tsv"), "utf8").trim().split(/\r?\n/);
  const pairs: PanPair[] = [];
  for (const line of lines.slice(1)) {
    const [suspicious, source, type] = line.split("\t");
    if (!suspicious || !source || !type) continue;
    if (!(PAN_TYPES as readonly string[]).includes(type)) throw new Error(`pan13: unknown type ${type} in pairs.tsv`);
    pairs.push({ suspicious, source, type: type as PanType, split: splitOf(suspicious) });
  }
  return pairs;
}

export function loadPan13(args: EvalArgs): PanData {
  const dir = dataset(args, "pan13", ["pairs.tsv", "susp", "src"]);
  const pairs = readPanPairs(dir);
  pairs.sort((a, b) => a.suspicious.localeCompare(b.suspicious) || a.source.localeCompare(b.source));
  return {
    dir,
    pairs: args.limit ? pairs.slice(0, args.limit) : pairs,
    read: (p) => ({ suspect: readText(join(dir, "susp", p.suspicious)), source: readText(join(dir, "src", p.source)) }),
  };
}

export interface PanScore {
  n: number;
  /** Per type: pairs and pairs with a copy verdict. */
  byType: Record<PanType, { n: number; copy: number; verdicts: Partial<Record<Verdict, number>> }>;
  binary: BinaryCounts;
}

export function scorePan(items: { type: PanType; verdict: Verdict }[]): PanScore {
  const byType = Object.fromEntries(PAN_TYPES.map((t) => [t, { n: 0, copy: 0, verdicts: {} }])) as PanScore["byType"];
  const binary: BinaryCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const it of items) {
    const row = byType[it.type];
    row.n++;
    row.verdicts[it.verdict] = (row.verdicts[it.verdict] ?? 0) + 1;
    const copy = COPY_VERDICTS.has(it.verdict);
    if (copy) row.copy++;
    const positive = it.type !== "no-plagiarism";
    if (copy && positive) binary.tp++;
    else if (copy) binary.fp++;
    else if (positive) binary.fn++;
    else binary.tn++;
  }
  return { n: items.length, byType, binary };
}

export function panMarkdown(title: string, s: PanScore): string {
  const b = binaryMetrics(s.binary);
  const verdicts = VERDICT_ORDER.filter((v) => PAN_TYPES.some((t) => s.byType[t].verdicts[v]));
  return [
    `### ${title} (${s.n} pairs)`,
    "",
    table(
      ["type", "pairs", "copy found", "rate", ...verdicts],
      PAN_TYPES.map((t) => {
        const r = s.byType[t];
        return [t, r.n, r.copy, `${t === "no-plagiarism" ? "FP rate " : "recall "}${pct(r.n ? r.copy / r.n : 0)}`, ...verdicts.map((v) => r.verdicts[v] ?? 0)];
      }),
    ),
    "",
    table(
      ["TP", "FP", "FN", "TN", "precision", "recall", "F1", "macro-F1", "FP rate", "accuracy"],
      [[s.binary.tp, s.binary.fp, s.binary.fn, s.binary.tn, pct(b.precision), pct(b.recall), pct(b.f1), pct(b.macroF1), pct(b.fpRate), pct(b.accuracy)]],
    ),
  ].join("\n");
}

/**
 * Ceiling check for summary obfuscation: does the suspect hold any stretch that the source
 * explains much better than the rest of the suspect, by the summary rule at looser settings? A
 * pair without one holds no text drawn from its source that any word-based aligner could find.
 */
export const LOOSE_SUMMARY: SummaryOptions = { ...DEFAULT_SUMMARY_OPTIONS, minShare: 0.45, minContrast: 0.25 };

function summaryLike(suspect: string, source: string, lexicon: Lexicon): boolean {
  return findSummaries(buildUnits(analyzeText(suspect), lexicon), buildUnits(analyzeText(source), lexicon), [], LOOSE_SUMMARY).length > 0;
}

export function runPan13(args: EvalArgs, command: string): void {
  const data = loadPan13(args);
  const pairs = data.pairs.filter((p) => args.split === "both" || p.split === args.split);
  const u = createUnspin();
  void u.lexicon;
  const results: (PanPair & { verdict: Verdict; coverage: number; ms: number; suspectWords: number; summaryLike?: boolean })[] = [];
  const started = performance.now();
  for (const [k, p] of pairs.entries()) {
    const { suspect, source } = data.read(p);
    const t0 = performance.now();
    const r = u.compare(suspect, { text: source, id: p.source });
    const ms = performance.now() - t0;
    const like = p.type === "summary-obfuscation" || p.type === "no-plagiarism" ? { summaryLike: summaryLike(suspect, source, u.lexicon) } : {};
    results.push({ ...p, verdict: r.verdict, coverage: r.stats.coverage ?? 0, ms, suspectWords: r.stats.suspectWords, ...like });
    if ((k + 1) % 100 === 0) console.error(`pan13: ${k + 1}/${pairs.length} pairs, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const parts: string[] = [
    "# PAN 2013 text alignment: copy detection per pair",
    "",
    `Command: \`${command}\` (run ${today()}; machine: ${machine()}).`,
    "",
    "Data: pan13/pairs.tsv, each suspicious document compared with one source document (not in this repo). A copy is found when the verdict is verbatim-copy, spun-copy or rewrite; no-plagiarism pairs are the negatives.",
    "Split: by suspicious document, FNV-1a hash of its file name even -> dev, odd -> test; thresholds were tuned on dev only.",
    configMarkdown(),
    `Summary passages (src/align/summary.ts): ${DEFAULT_ALIGN_OPTIONS.summary ? Object.entries(DEFAULT_ALIGN_OPTIONS.summary).map(([k, v]) => `${k} ${v}`).join(", ") : "off"}.`,
    "",
  ];
  const scores: Record<string, PanScore> = {};
  const splits: { name: string; keep: (s: Split) => boolean }[] = [];
  if (args.split !== "dev") splits.push({ name: "Test split", keep: (s) => s === "test" });
  if (args.split !== "test") splits.push({ name: "Dev split (tuned on; for reference)", keep: (s) => s === "dev" });
  if (args.split === "both") splits.push({ name: "All", keep: () => true });
  for (const sp of splits) {
    const s = scorePan(results.filter((r) => sp.keep(r.split)));
    scores[sp.name] = s;
    parts.push(panMarkdown(sp.name, s), "");
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  const words = results.reduce((n, r) => n + r.suspectWords, 0);
  parts.push(
    "### Time per pair",
    "",
    "Wall time of `compare` (text analysis of both documents, alignment, report), one thread, lexicon already loaded:",
    "",
    table(["pairs", "mean ms", "median ms", "p95 ms", "max ms", "total s", "suspect words/s"], [[ms.length, fixed(total / Math.max(1, ms.length), 1), fixed(quantile(ms, 0.5), 1), fixed(quantile(ms, 0.95), 1), fixed(quantile(ms, 1), 1), fixed(total / 1000, 1), Math.round(words / (total / 1000))]]),
    "",
  );
  parts.push(
    "### Summary-like stretches (ceiling check for summary obfuscation)",
    "",
    `Pairs whose suspect holds a stretch the source explains much better than the rest of the suspect, by the summary rule at looser settings (${Object.entries(LOOSE_SUMMARY).map(([k, v]) => `${k} ${v}`).join(", ")}; not timed above). A summary pair without one holds no text a word-based aligner could trace to the source.`,
    "",
    table(
      ["split", "type", "pairs", "with a summary-like stretch", "copy found", "copy found among them"],
      splits.flatMap((sp) =>
        (["summary-obfuscation", "no-plagiarism"] as const).map((t) => {
          const rs = results.filter((r) => r.type === t && sp.keep(r.split));
          const like = rs.filter((r) => r.summaryLike);
          return [sp.name, t, rs.length, like.length, rs.filter((r) => COPY_VERDICTS.has(r.verdict)).length, like.filter((r) => COPY_VERDICTS.has(r.verdict)).length];
        }),
      ),
    ),
    "",
  );
  const fps = results.filter((r) => r.type === "no-plagiarism" && COPY_VERDICTS.has(r.verdict));
  parts.push("False positives (no-plagiarism pairs with a copy verdict):", "", fps.map((r) => `${r.suspicious} / ${r.source} (${r.split}): ${r.verdict}, coverage ${r.coverage}`).join("; ") || "none", "");
  const md = parts.join("\n");
  console.log(md);
  if (args.write) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "pan13.md"), md);
    writeFileSync(
      join(RESULTS_DIR, "pan13.json"),
      JSON.stringify({ command, date: today(), machine: machine(), config: configSummary(), scores, pairs: results.map((r) => ({ ...r, ms: Math.round(r.ms * 10) / 10 })) }, null, 1) + "\n",
    );
  }
}
