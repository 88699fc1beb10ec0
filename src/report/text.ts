// Terminal rendering: the verdict and why first (summary.ts), the sources, then every finding
// grouped by the aligned passage it sits in, each shown as the change itself centred in its
// context: `…a new ferry [plan -> strategy] on the eastern…`. Lines fit the terminal width.
// Source-free suggestions are guesses and say so, with their confidence. Colour only when asked
// (the CLI decides: TTY, NO_COLOR). Every piece of the texts, titles, URLs and notes goes through
// terminalSafe: a crawled page must not be able to drive the terminal that shows its report.
import pc from "picocolors";
import { diffWordsWithSpace } from "diff";
import type { Finding, Report, SourceReport } from "./schema.js";
import { severityCount, summarize } from "./summary.js";
import { terminalSafe } from "./terminal.js";

export interface TextOptions {
  color: boolean;
  suspectName?: string;
  /** Columns to fit (default 100: a pipe or file has no width of its own). */
  width?: number;
  /** The suspect's text, for the context around each change (else rebuilt from the findings). */
  suspectText?: string;
}

type Colors = ReturnType<typeof pc.createColors>;

/** Rules whose change, shown inline, says everything: their note would only repeat it. */
const SELF_EXPLAINED = new Set(["inflection", "synonym-swap", "number-changed", "inserted", "deleted", "paraphrase", "related-word"]);

/** White space collapsed to single spaces (context only: inside a change, spaces are shown). */
const flat = (s: string) => terminalSafe(s.replace(/\s+/g, " "));

/** Spaces made visible, for changes that are about white space (tokenizer debris). */
const visible = (s: string) => terminalSafe(s.replace(/ /g, "␣").replace(/\n/g, "⏎").replace(/\t/g, "⇥"));

function clipStart(s: string, n: number): string {
  return n <= 0 ? "" : s.length > n ? `…${s.slice(s.length - n + 1)}` : s;
}
function clipEnd(s: string, n: number): string {
  return n <= 0 ? "" : s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The change of one finding as plain text, and how wide it prints. */
function changeOf(f: Finding, c: Colors): { plain: string; shown: string } {
  const debris = f.rule === "tokenizer-artifact" || f.rule === "quote-mark-anomaly";
  const now = debris ? visible(f.suspect.text) : flat(f.suspect.text);
  if (f.source && f.rule !== "reordered" && f.rule !== "quote-invented") {
    const was = flat(f.source.text);
    const old = was === "" ? "∅" : was;
    const neu = now === "" ? "∅" : now;
    return { plain: `[${old} -> ${neu}]`, shown: `[${c.dim(old)} -> ${c.bold(neu)}]` };
  }
  if (debris && f.suggestion !== undefined) {
    // As every other change reads, [how it should read -> what the suspect has]: the repair first.
    const fix = f.suggestion === "" ? "∅" : visible(f.suggestion);
    return { plain: `[${fix} -> ${now}]`, shown: `[${c.dim(fix)} -> ${c.bold(now)}]` };
  }
  return { plain: `[${now}]`, shown: `[${c.bold(now)}]` };
}

/** The change centred in the suspect's text around it, within `width` columns. */
function inContext(f: Finding, suspect: string, width: number, c: Colors): string {
  const { plain, shown } = changeOf(f, c);
  const room = Math.max(0, width - plain.length - 2);
  const left = clipStart(flat(suspect.slice(Math.max(0, f.suspect.start - 200), f.suspect.start)).trimStart(), Math.ceil(room / 2));
  const right = clipEnd(flat(suspect.slice(f.suspect.end, f.suspect.end + 200)).trimEnd(), Math.floor(room / 2) + Math.max(0, Math.ceil(room / 2) - left.length));
  if (plain.length > width) return clipEnd(plain, width);
  return `${c.dim(left)}${shown}${c.dim(right)}`;
}

/** A quotation and its source, the differing words bracketed (and coloured). */
function quoteLines(f: Finding, width: number, c: Colors): string[] {
  if (!f.source) return [];
  // The suspect's place spans the quotation marks; the source's may not: compare the words.
  const bare = (s: string) => flat(s).replace(/^[\s"“”„«»'‘’]+|[\s"“”„«»'‘’]+$/g, "");
  const parts = diffWordsWithSpace(bare(f.source.text), bare(f.suspect.text));
  let was = "";
  let now = "";
  for (const p of parts) {
    if (p.added) now += `[${c.bold(p.value)}]`;
    else if (p.removed) was += `[${c.bold(p.value)}]`;
    else {
      was += p.value;
      now += p.value;
    }
  }
  // Clipped so the first change stays in view (colour codes take no columns: with colour the
  // lines are left whole and wrap).
  const fit = (s: string) => {
    if (c.isColorSupported) return s;
    const room = width - 9;
    const first = s.indexOf("[");
    return clipEnd(first > room * 0.6 ? `…${s.slice(first - Math.floor(room / 3))}` : s, room);
  };
  return [`source:  ${fit(was)}`, `suspect: ${fit(now)}`];
}

/** A source-free suggestion: a guess, so worded as one, with its confidence (and its printed width). */
function suggestionOf(f: Finding, c: Colors): { shown: string; width: number } {
  if (f.source || f.suggestion === undefined || f.rule === "tokenizer-artifact" || f.rule === "quote-mark-anomaly") return { shown: "", width: 0 };
  const sure = `(${Math.round(f.confidence * 100)}% sure)`;
  const guess = flat(f.suggestion);
  return { shown: `  ${c.dim("perhaps")} "${guess}" ${c.dim(sure)}`, width: 2 + 8 + guess.length + 3 + sure.length };
}

function sourceLabel(s: SourceReport, k: number): string {
  return `source ${k + 1} ${s.title ? `"${clipEnd(flat(s.title), 60)}"` : terminalSafe(s.url ?? s.id)}`;
}

export function renderText(report: Report, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const width = Math.max(60, options.width ?? 100);
  const suspect = options.suspectText ?? textFromFindings(report);
  const sevColor = (f: Finding) => (f.severity === "error" ? c.red : f.severity === "warning" ? c.yellow : c.dim);
  const sum = summarize(report);
  const lines: string[] = [];
  const clean = report.verdict === "no-evidence" || report.verdict === "same-story";
  const head = clean ? c.green(report.verdict) : c.bold(c.red(report.verdict));
  lines.push(`${terminalSafe(options.suspectName ?? report.input ?? "suspect")}: ${head}  score ${report.score.toFixed(2)}`);
  lines.push(`  ${sum.headline}`);
  for (const w of sum.why) lines.push(`  - ${terminalSafe(w)}`);
  lines.push(`  ${c.dim(terminalSafe(sum.scope))}`);
  if (sum.context) lines.push(`  ${c.dim(terminalSafe(sum.context))}`);
  const counted = (["error", "warning", "info"] as const).filter((s) => sum.counts[s]).map((s) => severityCount(s, sum.counts[s]));
  lines.push(`  findings: ${counted.length ? counted.join(", ") : "none"}`);
  report.sources.forEach((s, k) => {
    lines.push(`  ${sourceLabel(s, k)}  coverage ${Math.round(s.coverage * 100)}%  identical ${Math.round(s.similarity * 100)}%  ${s.passages.length} passage(s)${s.url && s.title ? `  ${c.cyan(terminalSafe(s.url))}` : ""}`);
  });
  // Findings by the passage they sit in; a finding with a source belongs to that source's passage.
  const passages = report.sources.flatMap((s, k) => s.passages.map((p, j) => ({ ...p, id: s.id, label: `passage ${j + 1} of ${sourceLabel(s, k)}` })));
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const p = passages.find((p) => (!f.source || f.source.id === p.id) && f.suspect.start >= p.suspect.start && f.suspect.start <= p.suspect.end);
    const key = p ? `${p.label}: suspect ${p.suspect.start}-${p.suspect.end}, source ${p.source.start}-${p.source.end}` : report.sources.length ? "outside aligned passages" : "found in the text alone";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  const indent = " ".repeat(2 + 6 + 2 + 19);
  const room = width - indent.length;
  for (const [key, fs] of groups) {
    lines.push("", c.bold(key));
    for (const f of fs) {
      const rule = sevColor(f)(f.rule.padEnd(18));
      const at = String(f.suspect.start).padStart(6);
      if (f.rule === "quote-altered" || f.rule === "reordered" || f.rule === "quote-invented") {
        // A moved passage's note quotes the whole passage; the line below shows its start.
        const note = f.rule === "reordered" && f.note.startsWith('"') ? "moved from another place in the source" : f.note;
        lines.push(`  ${at}  ${rule} ${clipEnd(flat(note), room)}`);
        if (f.rule === "quote-altered") for (const q of quoteLines(f, room, c)) lines.push(`${indent}${q}`);
        else lines.push(`${indent}"${clipEnd(flat(f.suspect.text), room - 2)}"`);
        continue;
      }
      const guess = suggestionOf(f, c);
      lines.push(`  ${at}  ${rule} ${inContext(f, suspect, room - guess.width, c)}${guess.shown}`);
      if (!SELF_EXPLAINED.has(f.rule)) lines.push(`${indent}${c.dim(clipEnd(flat(f.note), room))}`);
    }
  }
  for (const n of report.notes) lines.push("", c.dim(`note: ${terminalSafe(n)}`));
  return lines.join("\n") + "\n";
}

/**
 * Without the suspect's text, its characters around the findings rebuilt from the findings' own
 * places (the report carries no full text), unknown stretches as spaces.
 */
function textFromFindings(report: Report): string {
  let end = 0;
  for (const f of report.findings) end = Math.max(end, f.suspect.end);
  const chars = new Array<string>(end).fill(" ");
  for (const f of report.findings) for (let i = 0; i < f.suspect.text.length; i++) chars[f.suspect.start + i] = f.suspect.text[i]!;
  return chars.join("");
}
