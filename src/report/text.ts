// Terminal rendering: verdict first, then findings grouped by passage, each edit shown as
// source -> suspect with its rule. Colour only when asked (the CLI decides: TTY, NO_COLOR).
// Every value that comes from the input (names, titles, URLs, quoted text, notes) goes through
// terminalSafe: a crawled page must not be able to drive the terminal that shows its report.
import pc from "picocolors";
import type { Finding, Report } from "./schema.js";
import { terminalSafe } from "./terminal.js";

/** A quoted piece of input: JSON quoting (C0 escaped), then what JSON leaves raw (C1, bidi). */
const quote = (s: string): string => terminalSafe(JSON.stringify(s));

const clip = (s: string, n = 70) => {
  // Collapse runs of white space, but keep it: for tokenizer debris the spaces are the finding.
  const one = s.replace(/\s+/g, " ");
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export function renderText(report: Report, options: { color: boolean; suspectName?: string }): string {
  const c = pc.createColors(options.color);
  const sevColor = (f: Finding) => (f.severity === "error" ? c.red : f.severity === "warning" ? c.yellow : c.dim);
  const lines: string[] = [];
  const head = report.verdict === "no-evidence" ? c.green(report.verdict) : c.bold(c.red(report.verdict));
  lines.push(`${terminalSafe(options.suspectName ?? report.input ?? "suspect")}: ${head}  score ${report.score.toFixed(2)}` +
    (report.stats.coverage !== undefined ? `  coverage ${(report.stats.coverage * 100).toFixed(0)}%` : "") +
    (report.stats.substitutionRate !== undefined ? `  substituted ${(report.stats.substitutionRate * 100).toFixed(0)}%` : "") +
    (report.stats.spinProbability !== undefined ? `  spin probability ${(report.stats.spinProbability * 100).toFixed(0)}%` : ""));
  for (const s of report.sources) {
    lines.push(`  source ${c.cyan(terminalSafe(s.title ?? s.url ?? s.id))}  coverage ${(s.coverage * 100).toFixed(0)}%  identical ${(s.similarity * 100).toFixed(0)}%  ${s.passages.length} passage(s)`);
  }
  const passages = report.sources.flatMap((s) => s.passages.map((p) => ({ ...p, id: s.id })));
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const k = passages.findIndex((p) => f.suspect.start >= p.suspect.start && f.suspect.start <= p.suspect.end);
    const key = k >= 0 ? `passage ${k + 1} (suspect ${passages[k]!.suspect.start}-${passages[k]!.suspect.end}, source ${passages[k]!.source.start}-${passages[k]!.source.end})` : "outside aligned passages";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  for (const [key, fs] of groups) {
    lines.push("", c.bold(key));
    for (const f of fs) {
      const rule = sevColor(f)(f.rule.padEnd(18));
      const change = f.source
        ? `${c.dim(quote(clip(f.source.text, 40)))} -> ${quote(clip(f.suspect.text, 40))}`
        : `${quote(clip(f.suspect.text, 40))}${f.suggestion !== undefined ? ` (${c.dim("was")} ${quote(f.suggestion)})` : ""}`;
      lines.push(`  ${String(f.suspect.start).padStart(6)}  ${rule} ${change}`);
    }
  }
  for (const n of report.notes) lines.push("", c.dim(`note: ${terminalSafe(n)}`));
  return lines.join("\n") + "\n";
}
