// CSV rendering of `unspin clusters`: one row per edge, through csv-stringify (RFC 4180 quoting:
// titles and notes hold commas, quotes and line breaks).
import { stringify } from "csv-stringify/sync";
import type { ClustersReport } from "./clusters-schema.js";

export const CSV_COLUMNS = [
  "cluster", "cluster_size", "from", "to", "from_url", "to_url", "from_title", "to_title", "from_published", "to_published",
  "verdict", "coverage", "similarity", "aligned_words", "direction", "direction_by", "confidence", "note",
] as const;

export function renderClustersCsv(report: ClustersReport): string {
  const rows: (string | number)[][] = [];
  for (const c of report.clusters) {
    const meta = new Map(c.members.map((m) => [m.id, m]));
    for (const e of c.edges) {
      const f = meta.get(e.from);
      const t = meta.get(e.to);
      rows.push([
        c.id, c.size, e.from, e.to, f?.url ?? "", t?.url ?? "", f?.title ?? "", t?.title ?? "", f?.published ?? "", t?.published ?? "",
        e.verdict, e.coverage, e.similarity, e.alignedWords, e.direction.state, e.direction.by, e.direction.confidence, e.direction.note,
      ]);
    }
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: "unix" });
}
