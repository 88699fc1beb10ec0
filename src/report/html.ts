// Self-contained HTML: suspect and source side by side, edits coloured by rule, every piece of
// text escaped. No scripts, no external resources.
import type { Finding, Report } from "./schema.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

/** Background colour of each rule's marks (the web page takes them from the API, GET /api/rules). */
export const RULE_COLORS: Record<string, string> = {
  inflection: "#e8f0fe", "synonym-swap": "#fff3b0", "related-word": "#ffe0a3", paraphrase: "#ffd0a8", "meaning-flip": "#ffb3b3",
  "number-changed": "#ff9e9e", "name-changed": "#ffaaa0", "quote-altered": "#f6c6ff", "quote-invented": "#e9a6ff", reordered: "#c8e6ff",
  inserted: "#c9f2c9", deleted: "#e0e0e0", misspelling: "#ffd6e7", "tokenizer-artifact": "#d9d2ff", "quote-mark-anomaly": "#d2c2ff",
  "non-word": "#ffd6e7", "odd-collocation": "#fff0c2", "phrase-restoration": "#ffe7b3",
};

/** Marks non-overlapping finding spans in a text (outer findings win over nested ones). */
function markUp(text: string, spans: { start: number; end: number; rule: string; title: string }[]): string {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += escapeHtml(text.slice(at, s.start));
    out += `<mark class="r-${s.rule}" title="${escapeHtml(s.title)}">${escapeHtml(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return out + escapeHtml(text.slice(at));
}

export function renderHtml(report: Report, texts: { suspect: string; sources: Map<string, string> }): string {
  const title = (f: Finding) => `${f.rule}: ${f.note}`;
  // Quotation-wide findings would hide the word edits inside them, so they are listed, not marked.
  const wordLevel = report.findings.filter((f) => f.rule !== "quote-altered" && f.rule !== "quote-invented");
  const suspectHtml = markUp(texts.suspect, wordLevel.map((f) => ({ ...f.suspect, rule: f.rule, title: title(f) })));
  const sourceCols = report.sources.map((s) => {
    const text = texts.sources.get(s.id) ?? "";
    const spans = wordLevel.filter((f) => f.source?.id === s.id).map((f) => ({ start: f.source!.start, end: f.source!.end, rule: f.rule, title: title(f) }));
    return `<section><h2>Source: ${escapeHtml(s.title ?? s.url ?? s.id)}</h2><div class="text">${markUp(text, spans)}</div></section>`;
  });
  const legend = Object.entries(RULE_COLORS).filter(([rule]) => report.findings.some((f) => f.rule === rule))
    .map(([rule]) => `<span class="r-${rule}">${rule}</span>`).join(" ");
  const rows = report.findings.map((f) => `<tr><td>${f.suspect.start}</td><td class="r-${f.rule}">${f.rule}</td><td>${escapeHtml(f.source?.text ?? "")}</td><td>${escapeHtml(f.suspect.text)}</td><td>${escapeHtml(f.note)}</td></tr>`).join("\n");
  const css = Object.entries(RULE_COLORS).map(([rule, color]) => `.r-${rule}{background:${color}}`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>unspin report: ${escapeHtml(report.verdict)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:1.5em;color:#222}
.cols{display:grid;grid-template-columns:repeat(${1 + sourceCols.length},1fr);gap:1.5em}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;border-radius:6px}
mark{border-radius:3px;padding:0 1px}
table{border-collapse:collapse;margin-top:2em;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top}
.legend span{padding:1px 5px;border-radius:3px;margin-right:4px}
${css}
</style></head><body>
<h1>unspin: ${escapeHtml(report.verdict)} <small>score ${report.score.toFixed(2)}</small></h1>
<p class="legend">${legend}</p>
<div class="cols"><section><h2>Suspect${report.input ? `: ${escapeHtml(report.input)}` : ""}</h2><div class="text">${suspectHtml}</div></section>
${sourceCols.join("\n")}</div>
<table><thead><tr><th>at</th><th>rule</th><th>source</th><th>suspect</th><th>note</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
