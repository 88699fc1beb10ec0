// Terminal rendering of `unspin clusters`: one block per cluster, largest first: its members with
// their role, then its edges, each `original -> copy` (or `a -- b` when the direction is unknown)
// with verdict, coverage, similarity and what decided the direction.
import pc from "picocolors";
import type { ClusterEdge, ClustersReport } from "./clusters-schema.js";

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function memberLabel(m: { id: string; url?: string; title?: string }): string {
  return m.url ?? m.title ?? m.id.slice(0, 16);
}

export function directionText(e: ClusterEdge): string {
  const d = e.direction;
  return d.state === "known" ? `by ${d.by === "dates" ? "publication dates" : "textual evidence"} (confidence ${d.confidence.toFixed(2)}): ${d.note}` : `direction unknown: ${d.note}`;
}

export function renderClustersText(report: ClustersReport, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const s = report.stats;
  const lines: string[] = [];
  lines.push(
    `${c.bold(`${s.clusters} cluster(s)`)} of ${s.clustered} article(s) in ${report.index} (${s.documents} documents; ${s.edgesShown} edge(s) shown of ${s.edges} stored` +
      (s.repeatedFragments ? `, ${s.repeatedFragments} left out as repeated fragments` : "") +
      (report.minSimilarity > 0 ? `, similarity >= ${report.minSimilarity}` : "") +
      `)`,
  );
  if (s.newlyExamined) lines.push(c.dim(`examined ${s.newlyExamined} new document(s): ${s.candidatePairs} candidate pair(s), ${s.confirmed} confirmed, ${s.seconds} s`));
  for (const n of report.notes) lines.push(c.dim(`note: ${n}`));
  for (const cl of report.clusters) {
    const label = new Map(cl.members.map((m) => [m.id, memberLabel(m)]));
    lines.push("", c.bold(`cluster ${cl.id}  ${cl.size} articles, ${cl.edges.length} edge(s)`));
    for (const m of cl.members) {
      const extra = [m.site, m.published].filter(Boolean).join(", ");
      lines.push(
        `  ${m.role.padEnd(13)} ${c.cyan(label.get(m.id)!)}${extra ? c.dim(`  (${extra})`) : ""}${m.title && m.url ? `  ${JSON.stringify(m.title)}` : ""}` +
          (m.alsoIn ? c.dim(`  also in ${m.alsoIn.join(", ")}`) : ""),
      );
    }
    for (const e of cl.edges) {
      const arrow = e.direction.state === "known" ? "->" : "--";
      lines.push(`    ${label.get(e.from)} ${arrow} ${label.get(e.to)}  ${e.verdict}  coverage ${pct(e.coverage)}  similarity ${e.similarity.toFixed(2)}`);
      lines.push(c.dim(`      ${directionText(e)}`));
    }
  }
  return lines.join("\n") + "\n";
}
