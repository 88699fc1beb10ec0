// What a reader needs first: the verdict in words and why, how the report was made (against a
// given source, an index of N documents, or no index at all), and the findings counted by
// severity. One place, used by the terminal and HTML renderings so they never tell it differently.
import { ruleSpec, type Severity } from "../rules/catalogue.js";
import type { Report } from "./schema.js";

export interface ReportSummary {
  /** One sentence: the verdict in words. */
  headline: string;
  /** The evidence behind it, one short sentence each. */
  why: string[];
  /** Where the sources were looked for. */
  scope: string;
  /** Which context statistics scored the source-free evidence (absent for `compare`). */
  context?: string;
  counts: Record<Severity, number>;
}

/** "3 errors", "1 warning", "2 info". */
export function severityCount(severity: Severity, n: number): string {
  return `${n} ${severity}${n === 1 || severity === "info" ? "" : "s"}`;
}

const pct = (x: number | undefined) => `${Math.round((x ?? 0) * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const HEADLINES: Record<Report["verdict"], string> = {
  "spun-copy": "a copy of its source(s) with words swapped by a spinner or an editor",
  "verbatim-copy": "a word-for-word copy of its source(s)",
  rewrite: "its source(s) rewritten: the same passages, mostly in other words",
  "same-story": "the same story as an indexed article, told independently (too little shared text to call a copy)",
  "likely-spun": "no source explains it, but the text itself carries traces of a spinner",
  "no-evidence": "no copy found and no trace of spinning",
};

export function summarize(report: Report): ReportSummary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule = new Map<string, number>();
  for (const f of report.findings) {
    counts[f.severity]++;
    byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  }
  const meaning = report.findings.filter((f) => ruleSpec(f.rule).weight === "meaning").length;
  const why: string[] = [];
  const n = report.sources.length;
  if (n > 0) {
    why.push(`${pct(report.stats.coverage)} of the suspect's ${report.stats.suspectWords} words lie in passages aligned with ${plural(n, "source")}`);
    const identical = report.sources.length === 1 ? report.sources[0]!.similarity : undefined;
    if (identical !== undefined) why.push(`${pct(identical)} of the aligned words are identical to the source`);
    if (report.stats.substitutionRate !== undefined && report.verdict !== "same-story") why.push(`${pct(report.stats.substitutionRate)} of the copied words were substituted`);
    if (meaning) why.push(`${plural(meaning, "edit")} change${meaning === 1 ? "s" : ""} what the source says (numbers, names, opposites, quotations)`);
  } else if (report.verdict === "likely-spun") {
    const traces = [...byRule].filter(([rule]) => ruleSpec(rule as never).weight === "evidence").map(([rule, c]) => `${c} ${rule}`);
    why.push(`spin probability ${pct(report.stats.spinProbability)} from the text alone`, `traces: ${traces.join(", ")}`);
  }
  if (n > 0 && report.stats.spinProbability !== undefined && report.verdict !== "likely-spun") why.push(`source-free spin probability ${pct(report.stats.spinProbability)}`);
  let scope: string;
  if (report.mode === "compare") scope = "compared with the one source given";
  else if (report.mode === "source-free") scope = "no index: source-free evidence only";
  else {
    const docs = report.searched?.documents;
    scope = n > 0 ? `traced among ${docs ?? "the"} indexed documents` : `no source among ${docs ?? "the"} indexed documents`;
    if (report.indexed) scope += ` (the suspect itself is indexed as ${report.indexed.id} and was left out)`;
  }
  const context = report.analysis ? `source-free evidence scored with ${report.analysis.contextModel}` : undefined;
  return { headline: HEADLINES[report.verdict], why, scope, counts, ...(context ? { context } : {}) };
}
