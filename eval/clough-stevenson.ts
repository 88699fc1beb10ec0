// Clough & Stevenson (2011) corpus: 95 short answers written by 19 participants for 5 Wikipedia
// source texts, each labelled non (written independently), cut (cut and paste), light (light
// revision) or heavy (heavy revision). Every answer is compared with its source orig_task?.txt
// and the verdict tabulated against the category. Split by participant (g0pA, ...).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createUnspin } from "../src/index.js";
import type { Verdict } from "../src/report/schema.js";
import { dataset, readText, RESULTS_DIR, today, type EvalArgs } from "./args.js";
import { splitOf, type Split } from "./split.js";
import { binaryMetrics, COPY_VERDICTS, pct, table, VERDICT_ORDER, type BinaryCounts } from "./measure.js";
import { configMarkdown, configSummary, machine } from "./config.js";

export type Category = "non" | "cut" | "light" | "heavy";
export const CATEGORIES: Category[] = ["non", "cut", "light", "heavy"];

/** Verdicts counted as right for each category. */
export const EXPECTED: Record<Category, ReadonlySet<Verdict>> = {
  non: new Set<Verdict>(["same-story", "no-evidence"]),
  cut: new Set<Verdict>(["verbatim-copy"]),
  light: new Set<Verdict>(["spun-copy", "verbatim-copy"]),
  heavy: new Set<Verdict>(["rewrite", "spun-copy"]),
};

export interface CloughItem {
  file: string;
  task: string;
  category: Category;
  participant: string;
  split: Split;
  suspect: string;
  source: string;
}

export function loadClough(args: EvalArgs): CloughItem[] {
  const dir = dataset(args, "clough-stevenson", ["file_information.csv", "orig_taska.txt"]);
  const lines = readFileSync(join(dir, "file_information.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  const sources = new Map<string, string>();
  const items: CloughItem[] = [];
  for (const line of lines) {
    const [file, task, category] = line.split(",").map((s) => s.trim());
    if (!file || !task || !category || category === "orig") continue;
    if (!(CATEGORIES as string[]).includes(category)) throw new Error(`clough-stevenson: unknown category ${category} for ${file}`);
    const participant = file.slice(0, file.indexOf("_"));
    if (!sources.has(task)) sources.set(task, readText(join(dir, `orig_task${task}.txt`)));
    items.push({ file, task, category: category as Category, participant, split: splitOf(participant), suspect: readText(join(dir, file)), source: sources.get(task)! });
  }
  items.sort((a, b) => a.file.localeCompare(b.file));
  return args.limit ? items.slice(0, args.limit) : items;
}

export interface CloughScore {
  n: number;
  confusion: Record<Category, Partial<Record<Verdict, number>>>;
  /** Share of items whose verdict is in EXPECTED[category]. */
  categoryAccuracy: number;
  perCategory: Record<Category, { n: number; right: number }>;
  binary: BinaryCounts;
}

export function scoreClough(items: { category: Category; verdict: Verdict }[]): CloughScore {
  const confusion = { non: {}, cut: {}, light: {}, heavy: {} } as CloughScore["confusion"];
  const perCategory = { non: { n: 0, right: 0 }, cut: { n: 0, right: 0 }, light: { n: 0, right: 0 }, heavy: { n: 0, right: 0 } };
  const binary: BinaryCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let right = 0;
  for (const it of items) {
    const row = confusion[it.category];
    row[it.verdict] = (row[it.verdict] ?? 0) + 1;
    perCategory[it.category].n++;
    if (EXPECTED[it.category].has(it.verdict)) {
      right++;
      perCategory[it.category].right++;
    }
    const copy = COPY_VERDICTS.has(it.verdict);
    const positive = it.category !== "non";
    if (copy && positive) binary.tp++;
    else if (copy) binary.fp++;
    else if (positive) binary.fn++;
    else binary.tn++;
  }
  return { n: items.length, confusion, categoryAccuracy: items.length ? right / items.length : 0, perCategory, binary };
}

export function cloughMarkdown(title: string, s: CloughScore): string {
  const verdicts = VERDICT_ORDER.filter((v) => CATEGORIES.some((c) => s.confusion[c][v]));
  const b = binaryMetrics(s.binary);
  return [
    `### ${title} (${s.n} rewrites)`,
    "",
    "Confusion (rows: category; columns: verdict; expected verdicts in **bold**):",
    "",
    table(
      ["category", ...verdicts, "right"],
      CATEGORIES.map((c) => [
        c,
        ...verdicts.map((v) => {
          const n = s.confusion[c][v] ?? 0;
          return EXPECTED[c].has(v) ? `**${n}**` : String(n);
        }),
        `${s.perCategory[c].right}/${s.perCategory[c].n}`,
      ]),
    ),
    "",
    `Category accuracy (verdict in the expected set): **${pct(s.categoryAccuracy)}** (${Math.round(s.categoryAccuracy * s.n)}/${s.n}).`,
    "",
    "Binary view (copy = verbatim-copy, spun-copy or rewrite; positives = cut, light, heavy; negatives = non):",
    "",
    table(["TP", "FP", "FN", "TN", "accuracy", "precision", "recall", "F1"], [[s.binary.tp, s.binary.fp, s.binary.fn, s.binary.tn, pct(b.accuracy), pct(b.precision), pct(b.recall), pct(b.f1)]]),
  ].join("\n");
}

export function runClough(args: EvalArgs, command: string): void {
  const items = loadClough(args);
  const u = createUnspin();
  void u.lexicon;
  const results = items.map((it) => {
    const t0 = performance.now();
    const r = u.compare(it.suspect, { text: it.source, id: `orig_task${it.task}.txt` });
    const ms = performance.now() - t0;
    return { file: it.file, participant: it.participant, category: it.category, split: it.split, verdict: r.verdict, coverage: r.stats.coverage ?? 0, ms };
  });
  const parts: string[] = [
    "# Clough-Stevenson: verdict per rewrite category",
    "",
    `Command: \`${command}\` (run ${today()}; machine: ${machine()}).`,
    "",
    "Data: 95 short answers by 19 participants to 5 Wikipedia source texts (not in this repo); each compared with its source.",
    "Split: by participant, FNV-1a hash of the participant id (g0pA, ...) even -> dev, odd -> test; thresholds were tuned on dev only.",
    "Expected: non -> same-story or no-evidence; cut -> verbatim-copy; light -> spun-copy or verbatim-copy; heavy -> rewrite or spun-copy.",
    configMarkdown(),
    "",
  ];
  const splits: { name: string; keep: (s: Split) => boolean }[] = [];
  if (args.split !== "dev") splits.push({ name: "Test split", keep: (s) => s === "test" });
  if (args.split !== "test") splits.push({ name: "Dev split (tuned on; for reference)", keep: (s) => s === "dev" });
  if (args.split === "both") splits.push({ name: "All", keep: () => true });
  const scores: Record<string, CloughScore> = {};
  for (const sp of splits) {
    const s = scoreClough(results.filter((r) => sp.keep(r.split)));
    scores[sp.name] = s;
    parts.push(cloughMarkdown(sp.name, s), "");
  }
  const wrong = results.filter((r) => !EXPECTED[r.category].has(r.verdict));
  parts.push("Items with an unexpected verdict (id, category -> verdict, coverage):", "", wrong.map((r) => `${r.file} (${r.split}): ${r.category} -> ${r.verdict}, coverage ${r.coverage}`).join("; ") || "none", "");
  const totalMs = results.reduce((n, r) => n + r.ms, 0);
  parts.push(`Time: ${(totalMs / Math.max(1, results.length)).toFixed(1)} ms per pair on average (${(totalMs / 1000).toFixed(1)} s total, lexicon already loaded).`, "");
  const md = parts.join("\n");
  console.log(md);
  if (args.write) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, "clough-stevenson.md"), md);
    writeFileSync(
      join(RESULTS_DIR, "clough-stevenson.json"),
      JSON.stringify({ command, date: today(), machine: machine(), config: configSummary(), scores, items: results.map((r) => ({ ...r, ms: Math.round(r.ms * 10) / 10 })) }, null, 1) + "\n",
    );
  }
}
