// Self-contained HTML for `unspin clusters`: per cluster a small graph of who copied whom (inline
// SVG: arrows from original to copy, dashed lines where the direction is unknown), the members,
// and per edge a side-by-side comparison of the aligned passages on the same page (each edge in
// the graph and in the list links to it), the words that differ marked. No scripts, no external
// resources; every piece of text from the input is escaped.
import { diffWordsWithSpace } from "diff";
import { escapeHtml } from "./html.js";
import { directionText, memberLabel } from "./clusters-text.js";
import type { Cluster, ClusterEdge, ClustersReport } from "./clusters-schema.js";

/** Larger clusters get their member table and edges, but no graph (it would not be readable). */
const MAX_GRAPH = 60;
/** Characters of one passage shown side by side. */
const MAX_PASSAGE = 4000;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/**
 * A graph node's caption: the title, else the end of the URL (URLs of one site or folder share
 * their start, so a clipped start would label every node alike); the tooltip has the whole label.
 */
function nodeCaption(m: { id: string; url?: string; title?: string }): string {
  if (m.title) return clip(m.title, 28);
  if (!m.url) return m.id.slice(0, 16);
  const tail = m.url.replace(/[/?#]+$/, "").split(/[/?#]/).pop() || m.url;
  return tail.length > 28 ? `…${tail.slice(tail.length - 27)}` : tail;
}

function edgeAnchor(c: Cluster, k: number): string {
  return `${c.id}-e${k + 1}`;
}

/** Columns by depth along known directions (originals left), rows in member order. */
function layout(c: Cluster): Map<string, { x: number; y: number }> {
  const depth = new Map(c.members.map((m) => [m.id, 0]));
  // Longest path from an original, bounded by the member count (a cycle of dates cannot loop).
  for (let round = 0; round < c.members.length; round++) {
    let changed = false;
    for (const e of c.edges) {
      if (e.direction.state !== "known") continue;
      const d = depth.get(e.from)! + 1;
      if (d > depth.get(e.to)! && d < c.members.length) {
        depth.set(e.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  for (const m of c.members) {
    const col = depth.get(m.id)!;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    at.set(m.id, { x: 110 + col * 230, y: 60 + row * 70 });
  }
  return at;
}

function graph(c: Cluster): string {
  if (c.members.length > MAX_GRAPH) return `<p class="note">${c.members.length} members: too many for a readable graph; see the table and the edges below.</p>`;
  const at = layout(c);
  const width = Math.max(...[...at.values()].map((p) => p.x)) + 120;
  const height = Math.max(...[...at.values()].map((p) => p.y)) + 40;
  const lines = c.edges.map((e, k) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const known = e.direction.state === "known";
    // Edges between neighbouring columns are straight; longer ones (and those within a column)
    // bend, so they do not run over the nodes and edges between.
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const bend = Math.abs(dx) > 240 || dx === 0 ? Math.min(80, 0.25 * len) : 0;
    const cx = (a.x + b.x) / 2 + (-dy / len) * bend;
    const cy = (a.y + b.y) / 2 + (dx / len) * -bend;
    // Stop short of the target circle so the arrow head shows.
    const tx = b.x - cx;
    const ty = b.y - cy;
    const tl = Math.hypot(tx, ty) || 1;
    const x2 = b.x - (tx / tl) * 11;
    const y2 = b.y - (ty / tl) * 11;
    const d = `M${a.x},${a.y} Q${cx.toFixed(1)},${cy.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
    const title = `${memberLabel(c.members.find((m) => m.id === e.from)!)} ${known ? "->" : "--"} ${memberLabel(c.members.find((m) => m.id === e.to)!)}: ${e.verdict}, similarity ${e.similarity}`;
    return `<a href="#${edgeAnchor(c, k)}"><title>${escapeHtml(title)}</title><path d="${d}" class="${known ? "known" : "unknown"}"${known ? ' marker-end="url(#arrow)"' : ""}/></a>`;
  });
  const nodes = c.members.map((m) => {
    const p = at.get(m.id)!;
    return `<g class="node ${m.role}"><title>${escapeHtml(`${memberLabel(m)} (${m.role})`)}</title><circle cx="${p.x}" cy="${p.y}" r="9"/><text x="${p.x}" y="${p.y + 24}" text-anchor="middle">${escapeHtml(nodeCaption(m))}</text></g>`;
  });
  return `<svg class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="who copied whom">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>
${lines.join("\n")}
${nodes.join("\n")}
</svg>`;
}

/** Two passages side by side, the words that differ marked on each side. */
function sideBySide(from: string, to: string): [string, string] {
  let left = "";
  let right = "";
  for (const part of diffWordsWithSpace(clip(from, MAX_PASSAGE), clip(to, MAX_PASSAGE))) {
    const v = escapeHtml(part.value);
    if (part.added) right += `<ins>${v}</ins>`;
    else if (part.removed) left += `<del>${v}</del>`;
    else {
      left += v;
      right += v;
    }
  }
  return [left, right];
}

function edgeSection(c: Cluster, e: ClusterEdge, k: number, texts: ReadonlyMap<string, string>): string {
  const label = (id: string) => escapeHtml(memberLabel(c.members.find((m) => m.id === id) ?? { id }));
  const from = texts.get(e.from);
  const to = texts.get(e.to);
  const rows = e.passages.map((p, i) => {
    if (from === undefined || to === undefined) return "";
    const [l, r] = sideBySide(from.slice(p.from.start, p.from.end), to.slice(p.to.start, p.to.end));
    return `<tr><td class="n">${i + 1}</td><td class="text">${l}</td><td class="text">${r}</td></tr>`;
  });
  const arrow = e.direction.state === "known" ? "&rarr;" : "&mdash;";
  return `<section class="edge" id="${edgeAnchor(c, k)}">
<h3>${label(e.from)} ${arrow} ${label(e.to)} <small>${escapeHtml(e.verdict)}, coverage ${Math.round(e.coverage * 100)}%, similarity ${e.similarity.toFixed(2)}</small></h3>
<p>${escapeHtml(directionText(e))}</p>
${from === undefined || to === undefined ? '<p class="note">the texts are no longer in the index</p>' : `<table class="pair"><colgroup><col class="n"><col><col></colgroup><thead><tr><th></th><th>${e.direction.state === "known" ? "original" : "first"}: ${label(e.from)}</th><th>${e.direction.state === "known" ? "copy" : "second"}: ${label(e.to)}</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`}
<p><a href="#${c.id}">back to the cluster</a></p>
</section>`;
}

function clusterSection(c: Cluster, texts: ReadonlyMap<string, string>): string {
  const members = c.members.map((m) => {
    const url = m.url && /^(https?|file):/i.test(m.url) ? `<a href="${escapeHtml(m.url)}">${escapeHtml(m.url)}</a>` : escapeHtml(m.url ?? "");
    return `<tr><td class="${m.role}">${m.role}</td><td>${escapeHtml(m.title ?? "")}</td><td>${url}</td><td>${escapeHtml(m.site ?? "")}</td><td>${escapeHtml(m.published ?? "")}</td><td>${escapeHtml(m.alsoIn?.join(", ") ?? "")}</td><td class="id">${escapeHtml(m.id.slice(0, 16))}</td></tr>`;
  });
  const list = c.edges.map((e, k) => {
    const label = (id: string) => escapeHtml(memberLabel(c.members.find((m) => m.id === id) ?? { id }));
    return `<li><a href="#${edgeAnchor(c, k)}">${label(e.from)} ${e.direction.state === "known" ? "&rarr;" : "&mdash;"} ${label(e.to)}</a> ${escapeHtml(e.verdict)}, similarity ${e.similarity.toFixed(2)}</li>`;
  });
  return `<section class="cluster" id="${c.id}">
<h2>Cluster ${escapeHtml(c.id)} <small>${c.size} articles, ${c.edges.length} edge(s)</small></h2>
${graph(c)}
<table class="members"><thead><tr><th>role</th><th>title</th><th>url</th><th>site</th><th>published</th><th>also in</th><th>id</th></tr></thead><tbody>
${members.join("\n")}
</tbody></table>
<ul class="edges">${list.join("\n")}</ul>
${c.edges.map((e, k) => edgeSection(c, e, k, texts)).join("\n")}
</section>`;
}

/** `texts`: the stored text of each member (passages are character ranges into it). */
export function renderClustersHtml(report: ClustersReport, texts: ReadonlyMap<string, string>): string {
  const s = report.stats;
  const toc = report.clusters.map((c) => `<li><a href="#${c.id}">${escapeHtml(c.id)}</a>: ${c.size} articles, ${c.edges.length} edge(s)</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>unspin clusters: ${s.clusters} cluster(s)</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:1.5em;color:#222}
small{color:#666;font-weight:normal}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
table.pair{width:100%;table-layout:fixed}table.pair col.n{width:2.5em}td.text{white-space:pre-wrap}
ins{background:#c9f2c9;text-decoration:none}del{background:#ffc9c9;text-decoration:none}
.graph a path{stroke:#555;stroke-width:1.6;fill:none}.graph a path.unknown{stroke-dasharray:5 4;stroke:#999}.graph a:hover path{stroke:#d33;stroke-width:3}
.graph text{font-size:12px;paint-order:stroke;stroke:#fff;stroke-width:3px}.graph circle{stroke:#333;fill:#ddd}.node.original circle{fill:#8fd19e}.node.copy circle{fill:#f4a7a7}.node.intermediate circle{fill:#f6d58e}
td.original{background:#e4f6e8}td.copy{background:#fbe3e3}td.intermediate{background:#fcf1d6}td.id{font-family:monospace}
section.cluster{border-top:2px solid #ccc;margin-top:2em}section.edge{margin-left:1em}.note{color:#666}
</style></head><body>
<h1>unspin clusters <small>${escapeHtml(report.index)}</small></h1>
<p>${s.clusters} cluster(s) of ${s.clustered} article(s) among ${s.documents} documents; ${s.edgesShown} edge(s) shown of ${s.edges} stored${s.repeatedFragments ? `, ${s.repeatedFragments} left out as repeated fragments` : ""}${report.minSimilarity > 0 ? `; similarity at least ${report.minSimilarity}` : ""}. Arrows point from the original to the copy; dashed lines join near-duplicates whose direction is unknown.</p>
${report.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}
<ol>${toc}</ol>
${report.clusters.map((c) => clusterSection(c, texts)).join("\n")}
</body></html>
`;
}
