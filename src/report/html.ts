// Self-contained HTML report: a summary first (verdict and why, figures, sources with links,
// findings counted by severity), then the suspect beside one source at a time, with copied
// passages shaded, quotations outlined, every edit coloured by rule, and links from each passage
// and each table row to its place in both texts. Every piece of input text is escaped. No
// external resources; a few lines of inline script turn the source panes into tabs (without
// script the panes are simply stacked).
import { RULES } from "../rules/catalogue.js";
import type { Finding, Report } from "./schema.js";
import { severityCount, summarize } from "./summary.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const pct = (x: number | undefined) => (x === undefined ? "–" : `${Math.round(x * 100)}%`);

interface Layer {
  start: number;
  end: number;
  /** Classes this range adds to the characters it covers. */
  cls: string;
  /** Marks: the finding's tooltip; its id goes on the first piece. */
  title?: string;
  id?: string;
  /** An anchor placed just before the range (passage links). */
  before?: string;
}

/**
 * The text as flat pieces between all range boundaries, each piece a span carrying the classes
 * of every range over it: ranges may overlap or nest (a passage holding a quotation holding an
 * edit) without any tag crossing another.
 */
function paint(text: string, layers: Layer[]): string {
  const cuts = new Set<number>([0, text.length]);
  for (const l of layers) {
    if (l.end < l.start || l.start < 0 || l.end > text.length) continue;
    cuts.add(l.start);
    cuts.add(l.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let out = "";
  const placed = new Set<Layer>();
  for (let k = 0; k < points.length; k++) {
    const a = points[k]!;
    for (const l of layers) if (l.before && l.start === a && !placed.has(l)) {
      out += l.before;
      placed.add(l);
    }
    if (k === points.length - 1) break;
    const b = points[k + 1]!;
    const over = layers.filter((l) => l.start <= a && l.end >= b && l.end > l.start);
    const piece = escapeHtml(text.slice(a, b));
    if (over.length === 0) {
      out += piece;
      continue;
    }
    const mark = over.filter((l) => l.title).sort((x, y) => x.end - x.start - (y.end - y.start))[0];
    const id = mark?.id && mark.start === a ? ` id="${mark.id}"` : "";
    const title = mark ? ` title="${escapeHtml(mark.title!)}" tabindex="0"` : "";
    out += `<span class="${over.map((l) => l.cls).join(" ")}"${id}${title}>${piece}</span>`;
  }
  return out;
}

/** A darker shade of a light rule colour, for lines and underlines that must show on white. */
function darker(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = (shift: number) => Math.round(((n >> shift) & 255) * 0.6).toString(16).padStart(2, "0");
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

function findingTitle(f: Finding): string {
  const guess = !f.source && f.suggestion !== undefined ? ` Perhaps "${f.suggestion}" (${Math.round(f.confidence * 100)}% sure).` : "";
  return `${f.rule}: ${f.note}.${guess}`;
}

/** Quotation-wide findings are outlined, not filled, so the word edits inside stay visible. */
const OUTLINED = new Set(["quote-altered", "quote-invented"]);

/**
 * The report's only script: the source tabs (and passage links that switch them). Exported so a
 * server can allow exactly this script in its Content-Security-Policy by its hash; without it
 * every source is shown one below the other.
 */
export const REPORT_SCRIPT = `
(function () {
  var panes = document.querySelectorAll(".source-pane");
  if (panes.length < 2) return;
  document.documentElement.classList.add("js");
  function show(k) {
    panes.forEach(function (p) { p.classList.toggle("active", p.id === "src-" + k); });
    document.querySelectorAll(".tabs button").forEach(function (b) { b.setAttribute("aria-selected", String(b.dataset.tab === String(k))); });
  }
  function fromHash() { var m = /^#(?:src-|o)(\\d+)/.exec(location.hash); return m ? m[1] : null; }
  document.addEventListener("click", function (e) { var t = e.target.closest("[data-tab]"); if (t) show(t.dataset.tab); });
  window.addEventListener("hashchange", function () { var k = fromHash(); if (k) show(k); });
  show(fromHash() || 1);
})();
`;

export function renderHtml(report: Report, texts: { suspect: string; sources: Map<string, string> }): string {
  const sum = summarize(report);
  const fid = new Map(report.findings.map((f, n) => [f, n + 1]));
  const srcIndex = new Map(report.sources.map((s, k) => [s.id, k + 1]));
  const suspectLayers: Layer[] = [];
  const sourceLayers = new Map<string, Layer[]>(report.sources.map((s) => [s.id, []]));
  report.sources.forEach((s, k) => {
    s.passages.forEach((p, j) => {
      const tag = `${k + 1}.${j + 1}`;
      suspectLayers.push({ ...p.suspect, cls: `psg psg-${k + 1}`, before: `<a class="pmark" id="s-p${k + 1}-${j + 1}" href="#o${k + 1}-p${j + 1}" data-tab="${k + 1}" title="passage ${tag}: go to source ${k + 1}">¶${tag}</a>` });
      sourceLayers.get(s.id)!.push({ ...p.source, cls: "psg", before: `<a class="pmark" id="o${k + 1}-p${j + 1}" href="#s-p${k + 1}-${j + 1}" title="passage ${tag}: go to the suspect">¶${tag}</a>` });
    });
  });
  for (const f of report.findings) {
    const n = fid.get(f)!;
    const cls = OUTLINED.has(f.rule) ? `q qt-${f.rule}` : `mk r-${f.rule}`;
    suspectLayers.push({ ...f.suspect, cls, title: findingTitle(f), id: `s-f${n}` });
    if (f.source) sourceLayers.get(f.source.id)?.push({ ...f.source, cls, title: findingTitle(f), id: `o${srcIndex.get(f.source.id)}-f${n}` });
  }
  const suspectHtml = paint(texts.suspect, suspectLayers);

  const panes = report.sources.map((s, k) => {
    const text = texts.sources.get(s.id);
    const body = text === undefined ? `<p class="missing">The source text is not available in this report.</p>` : `<div class="text">${paint(text, sourceLayers.get(s.id)!)}</div>`;
    const link = s.url ? ` <a class="ext" href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>` : "";
    return `<div class="source-pane" id="src-${k + 1}" role="tabpanel" aria-labelledby="tab-${k + 1}"><h2>Source ${k + 1}: ${escapeHtml(s.title ?? s.url ?? s.id)}</h2><p class="meta">coverage ${pct(s.coverage)} · identical ${pct(s.similarity)} · ${s.passages.length} passage(s)${link}</p>${body}</div>`;
  });
  const tabs = report.sources.length > 1
    ? `<div class="tabs" role="tablist">${report.sources.map((s, k) => `<button type="button" role="tab" id="tab-${k + 1}" aria-controls="src-${k + 1}" data-tab="${k + 1}">Source ${k + 1}</button>`).join("")}</div>`
    : "";

  const sourcesList = report.sources.length
    ? `<ol class="sources">${report.sources.map((s, k) => `<li><a href="#src-${k + 1}" data-tab="${k + 1}">${escapeHtml(s.title ?? s.id)}</a>${s.url ? ` · <a class="ext" href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>` : ""} · coverage ${pct(s.coverage)}, identical ${pct(s.similarity)}</li>`).join("")}</ol>`
    : "";
  const used = RULES.filter((r) => report.findings.some((f) => f.rule === r.id));
  const legend = used.map((r) => `<span class="${OUTLINED.has(r.id) ? "q qt" : "mk"} r-${r.id}" title="${escapeHtml(r.description)}">${r.id}</span>`).join(" ");
  const rows = report.findings.map((f) => {
    const n = fid.get(f)!;
    const k = f.source ? srcIndex.get(f.source.id) : undefined;
    const sourceCell = f.source ? `<a href="#o${k}-f${n}" data-tab="${k}">${escapeHtml(f.source.text)}</a>` : f.suggestion !== undefined ? `<i>perhaps</i> ${escapeHtml(f.suggestion)}` : "";
    return `<tr id="f${n}" class="sev-${f.severity}"><td><a href="#s-f${n}">${f.suspect.start}</a></td><td><span class="mk r-${f.rule}">${f.rule}</span></td><td>${sourceCell}</td><td>${escapeHtml(f.suspect.text)}</td><td>${escapeHtml(f.note)}</td><td>${k ?? ""}</td></tr>`;
  }).join("\n");
  // Quotations are underlined in their rule's colour (an underline runs on across the pieces a
  // quotation is cut into; an outline would box each piece); word edits get a background.
  const css = RULES.map((r) => `.mk.r-${r.id}{background:${r.color}}.q.qt-${r.id}{text-decoration:underline 3px ${darker(r.color)};text-underline-offset:4px}.legend .qt.r-${r.id}{background:none;text-decoration:underline 3px ${darker(r.color)};text-underline-offset:4px}`).join("\n");
  const counts = (["error", "warning", "info"] as const).map((s) => `<span class="sev-${s}">${severityCount(s, sum.counts[s])}</span>`).join(" ");
  const figures: [string, string][] = [
    ["suspect words", String(report.stats.suspectWords)],
    ["coverage", pct(report.stats.coverage)],
    ["identical", report.sources.length === 1 ? pct(report.sources[0]!.similarity) : "–"],
    ["substituted", pct(report.stats.substitutionRate)],
    ["spin probability", pct(report.stats.spinProbability)],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>unspin report: ${escapeHtml(report.verdict)}${report.input ? ` · ${escapeHtml(report.input)}` : ""}</title>
<style>
body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fff}
header.summary{padding:1.2em 1.5em;background:#f5f6f8;border-bottom:1px solid #dcdfe4}
h1{margin:0 0 .2em;font-size:1.5em}.verdict{padding:.05em .45em;border-radius:5px;background:#1f7a3a;color:#fff}
.verdict.bad{background:#b3261e}.headline{margin:.2em 0;font-size:1.05em}
.why{margin:.3em 0 .6em 1.2em;padding:0}.scope{color:#4a4f57;margin:.2em 0}
dl.figures{display:flex;flex-wrap:wrap;gap:.4em 1.6em;margin:.4em 0}dl.figures div{display:flex;gap:.4em}dt{color:#4a4f57}dd{margin:0;font-weight:600}
.sev-error{color:#a1150e}.sev-warning{color:#8a5300}.sev-info{color:#3b4250}.counts span{margin-right:1em;font-weight:600}
ol.sources{margin:.4em 0 0 1.2em;padding:0;overflow-wrap:anywhere}
.legend{padding:.6em 1.5em;border-bottom:1px solid #eee}.legend span{padding:1px 5px;border-radius:3px;margin:2px 4px 2px 0;display:inline-block}
main.compare{display:grid;grid-template-columns:1fr 1fr;gap:1.5em;padding:1em 1.5em}
@media (max-width:760px){main.compare{grid-template-columns:1fr;padding:1em .8em}header.summary{padding:1em .8em}.legend{padding:.6em .8em}.table-wrap{margin:1em .8em 2em}}
.pane{min-width:0}.text{white-space:pre-wrap;border:1px solid #d5d9df;padding:1em;border-radius:6px;overflow-wrap:anywhere}
.psg{background:#eef3fb}.mk{border-radius:3px;padding:0 1px}.mk:focus,.q:focus{outline:2px solid #1a56c4}
.pmark{font-size:.7em;vertical-align:super;color:#1a56c4;text-decoration:none;margin-right:2px}
h2{font-size:1.1em;margin:.2em 0 .4em}.meta{color:#4a4f57;margin:.2em 0 .6em;font-size:.92em}
.tabs{display:none;gap:.3em;margin-bottom:.6em}.tabs button{font:inherit;padding:.25em .8em;border:1px solid #b8bfc9;border-radius:5px;background:#fff;cursor:pointer}
.tabs button[aria-selected=true]{background:#1a56c4;color:#fff;border-color:#1a56c4}
.js .tabs{display:flex}.js .source-pane{display:none}.js .source-pane.active{display:block}.source-pane+.source-pane{margin-top:1.5em}
.table-wrap{margin:1em 1.5em 2em;overflow-x:auto}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #dcdfe4;padding:3px 6px;vertical-align:top;text-align:left}
td:nth-child(3),td:nth-child(4){max-width:22em;overflow-wrap:anywhere}
a{color:#1a56c4}:target{scroll-margin-top:4em}
${css}
</style></head><body>
<header class="summary">
<h1><span class="verdict${report.verdict === "no-evidence" || report.verdict === "same-story" ? "" : " bad"}">${escapeHtml(report.verdict)}</span> <small>score ${report.score.toFixed(2)}</small></h1>
<p class="headline">${report.input ? `<b>${escapeHtml(report.input)}</b>: ` : ""}${escapeHtml(sum.headline)}</p>
${sum.why.length ? `<ul class="why">${sum.why.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>` : ""}
<dl class="figures">${figures.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join("")}</dl>
<p class="scope">${escapeHtml(sum.scope)}</p>
${sum.context ? `<p class="scope context">${escapeHtml(sum.context)}</p>` : ""}
<p class="counts">${counts}</p>
${sourcesList}
${report.notes.map((n) => `<p class="note">Note: ${escapeHtml(n)}</p>`).join("\n")}
</header>
${legend ? `<nav class="legend" aria-label="rules">${legend}</nav>` : ""}
<main class="compare"${report.sources.length ? "" : ` style="grid-template-columns:1fr"`}>
<section class="pane"><h2>Suspect${report.input ? `: ${escapeHtml(report.input)}` : ""}</h2><div class="text">${suspectHtml}</div></section>
${report.sources.length ? `<section class="pane">${tabs}${panes.join("\n")}</section>` : ""}
</main>
${report.findings.length ? `<div class="table-wrap"><table><thead><tr><th>at</th><th>rule</th><th>source / suggestion</th><th>suspect</th><th>note</th><th>source</th></tr></thead><tbody>
${rows}
</tbody></table></div>` : ""}
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}
