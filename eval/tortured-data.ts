// Reads ../shared/data/tortured-phrases/dev.csv (never copied into the repository): real spinner
// output found in published papers ("tortured phrases", from the Problematic Paper Screener), each
// with the phrase it replaced. Rows are split by a fixed hash of the tortured phrase into a `tune`
// half (looked at, thresholds chosen on it) and a `report` half (figures only).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { fnv1a } from "./intrinsic-data.js";

export interface TorturedRow {
  /** The tortured phrase as found (first quoted variant of the search query). */
  tortured: string;
  /** Expected phrases (alternatives split at "/"; parenthesised remarks and acronyms removed). */
  expected: string[];
  /** The expected field as written. */
  expectedRaw: string;
  papers: number;
  half: "tune" | "report";
}

export const TORTURED_FILE = join("tortured-phrases", "dev.csv");

/** Null when the file is there, else a one-line reason. */
export function checkTortured(root: string): string | null {
  const f = join(root, TORTURED_FILE);
  return existsSync(f) ? null : `no tortured-phrase data: ${f} is missing (pass --data DIR, the folder holding tortured-phrases/dev.csv)`;
}

/** The fixed split: by hash of the tortured phrase (lower case), even -> tune, odd -> report. */
export function halfOf(tortured: string): "tune" | "report" {
  return fnv1a(`tortured:${tortured.toLowerCase()}`) % 2 === 0 ? "tune" : "report";
}

/**
 * The first quoted phrase of a query such as `"x y"`, `"x" AND "y"`, `"x"~10` or `"x" NOT y`; the
 * other terms are search filters, not spinner output.
 */
export function torturedOf(query: string): string | null {
  const m = /^"([^"]+)"/.exec(query.trim());
  return m ? m[1]!.trim() : null;
}

/**
 * Expected phrases from the field: "x y (XY)" -> "x y", "x y/z w" -> both; "???", "(?)"-only and
 * empty fields give none.
 */
export function expectedOf(raw: string): string[] {
  const noParen = raw.replace(/\([^)]*\)/g, " ").replace(/\([^)]*$/, " ");
  const out: string[] = [];
  for (const alt of noParen.split("/")) {
    const s = alt.replace(/[?"]/g, " ").replace(/\s+/g, " ").trim();
    if (s && /[a-z]/i.test(s)) out.push(s);
  }
  return out;
}

export function loadTortured(root: string): TorturedRow[] {
  const rows = parse(readFileSync(join(root, TORTURED_FILE), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const out: TorturedRow[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const tortured = torturedOf(r.tortured_phrase ?? "");
    const expected = expectedOf(r.expected_phrase ?? "");
    if (!tortured || expected.length === 0) continue;
    const key = tortured.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ tortured, expected, expectedRaw: r.expected_phrase ?? "", papers: Number((r.num_papers ?? "0").replace(/,/g, "")) || 0, half: halfOf(tortured) });
  }
  return out;
}
