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
  return { headline: headline(report, meaning), why, scope, counts, ...(context ? { context } : {}) };
}

/**
 * The verdict in words, qualified where the bare verdict would mislead: a word-for-word copy whose
 * few edits change facts says so (a falsified copy must not read as a faithful one), and "no copy
 * found" does not claim "no trace of spinning" above warnings that the text alone raised.
 */
function headline(report: Report, meaning: number): string {
  if (report.verdict === "verbatim-copy" && meaning > 0) {
    return `a word-for-word copy of its source(s), except ${plural(meaning, "edit")} that change${meaning === 1 ? "s" : ""} what the source says`;
  }
  if (report.verdict !== "no-evidence") {
    const doubt = report.directionInDoubt?.length ? "; or its source copied it: the text cannot tell which came first (see the notes)" : "";
    return HEADLINES[report.verdict] + doubt;
  }
  const copied = report.copies?.length ?? 0;
  const found = copied
    ? `no source found; ${plural(copied, "indexed document is a later copy", "indexed documents are later copies")} of this text`
    : report.indexed
      ? "no copy of another indexed article found (the text itself is indexed)"
      : report.mode === "compare"
        ? "no copy of the given source found"
        : "no copy found";
  const raised = report.findings.filter((f) => f.severity !== "info").length;
  if (raised === 0) return `${found} and no trace of spinning`;
  const weight = report.mode === "compare" ? "a comparison does not judge spinning from the text alone" : "not enough to call it spun";
  return `${found}; the text alone raises ${severityWords(report)} (${weight})`;
}

/** "2 warnings", "1 error and 3 warnings": the findings above info, by severity. */
function severityWords(report: Report): string {
  const n = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  return (["error", "warning"] as const).filter((s) => n(s) > 0).map((s) => severityCount(s, n(s))).join(" and ");
}
