// A second, larger clean set for the retrieval evaluation (eval/retrieval.ts): the 612 news
// articles of ../shared/data/helsinki/helsinki_articles.csv (`id,publisher,scrape_time,text`,
// paragraphs split by ` ### `), all about the July 2018 Trump-Putin summit. None of them is in
// the evaluation index (pan13/src, bbc, reuters21578: older text), so any source `check` claims
// for one of them is a false claim, unless it is a proven verbatim copy by eval/verbatim.ts
// (both are reported). Same-topic news quoting the same people is a stress test for the claim
// rule. Split by article id (FNV-1a of "helsinki-<id>", eval/split.ts): dev for choices, test
// reported.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { splitOf, type Split } from "./split.js";

export interface HelsinkiArticle {
  id: string;
  publisher: string;
  text: string;
  split: Split;
}

export function readHelsinki(path: string): HelsinkiArticle[] {
  // RFC 4180: quoted fields hold commas, doubled quotes and line breaks.
  const rows = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string | undefined>[];
  for (const name of ["id", "publisher", "text"]) if (rows[0] && !(name in rows[0])) throw new Error(`${path}: no column ${name}`);
  return rows
    .filter((r) => r.text !== undefined)
    .map((r) => ({
      id: r.id!,
      publisher: r.publisher!,
      // Paragraphs are separated by " ### " in the file.
      text: r.text!.split(/\s*###\s*/).join("\n\n"),
      split: splitOf(`helsinki-${r.id!}`),
    }));
}

export interface HelsinkiResult {
  id: string;
  publisher: string;
  split: Split;
  words: number;
  ms: number;
  /** CPU time of the check (user + system, all threads). */
  cpuMs: number;
  /** Claimed source ids, and per source whether it is a proven verbatim copy, its aligned words and shared runs. */
  claimed: string[];
  proven: boolean[];
  alignedWords: number[];
  runs: number[];
  /** Candidates fetched and aligned by `check`. */
  aligned: number;
  /** Every candidate that aligned some passage, with the claim evidence. */
  order: string[];
  outcomes: { source: string; at: number; copy: boolean; alignedWords: number; runs: number; dense?: unknown; profile?: unknown; byDense?: boolean; claimed: boolean }[];
}

export interface HelsinkiScore {
  docs: number;
  claimed: number;
  unproven: number;
  msMedian: number;
  msP90: number;
  msP99: number;
  cpuMedian: number;
}

export function helsinkiScore(results: readonly HelsinkiResult[]): HelsinkiScore {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
  return {
    docs: results.length,
    claimed: results.filter((r) => r.claimed.length > 0).length,
    unproven: results.filter((r) => r.proven.some((p) => !p)).length,
    msMedian: q(0.5),
    msP90: q(0.9),
    msP99: q(0.99),
    cpuMedian: results.map((r) => r.cpuMs).sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? 0,
  };
}
