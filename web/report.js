// Shows a report: verdict and figures, the sources, the suspect's text with every finding marked
// by rule (hover or keyboard focus shows the rule, the source's words, the suggestion and the
// note), and, when a source was found, suspect and source side by side with aligned passages
// linked to each other. Rule names, descriptions and colours come from GET /api/rules.
/* global document, window, setTimeout */
import { append, byId, clear, docLabel, h, percent } from "./dom.js";

const VERDICTS = {
  "spun-copy": ["Spun copy", "A copy of an indexed article with words swapped, as a spinner does."],
  "verbatim-copy": ["Verbatim copy", "A copy of an indexed article, nearly word for word."],
  rewrite: ["Rewrite", "A heavily rewritten version of an indexed article."],
  "same-story": ["Same story", "The same story as an indexed article, told independently: not a copy."],
  "likely-spun": ["Likely spun", "No source found in the index, but the text reads like spinner output."],
  "no-evidence": ["No evidence", "No source found in the index and no sign of spinning."],
};

let rules = new Map();

/** The rule catalogue as served by GET /api/rules. */
export function setRules(list) {
  rules = new Map(list.map((r) => [r.id, r]));
}

const ruleOf = (id) => rules.get(id) ?? { id, description: "", color: "#eeeeee" };

/** A rule's colour as a small square. */
function swatch(color) {
  const el = h("span", { class: "swatch", "aria-hidden": "true" });
  el.style.backgroundColor = color;
  return el;
}

/**
 * A finding's words, quoted, or a dash for nothing (an insertion's source, a deletion's suspect).
 * A quotation that brings its own quotation marks is shown with them alone.
 */
const quoted = (s) => (!s || !s.trim() ? "—" : s.trim().length > 2 && /^\s*["“”„«]/u.test(s) && /["“”»][\s,.]*$/u.test(s) ? s : `“${s}”`);

// ---------------------------------------------------------------------------------------------
// The tooltip: one element, filled from the finding under the pointer or the keyboard focus.

let tipFor = null;

function fillTip(tip, f) {
  const rule = ruleOf(f.rule);
  clear(tip);
  append(
    tip,
    h("p", { class: "tip-rule" }, swatch(rule.color), f.rule, h("span", { class: `sev sev-${f.severity}` }, f.severity)),
    rule.description ? h("p", { class: "tip-desc" }, rule.description) : null,
    h(
      "dl",
      {},
      f.source ? [h("dt", {}, "Source"), h("dd", {}, quoted(f.source.text))] : null,
      h("dt", {}, "Suspect"),
      h("dd", {}, quoted(f.suspect.text)),
      f.suggestion ? [h("dt", {}, "Suggestion"), h("dd", {}, quoted(f.suggestion))] : null,
      h("dt", {}, "Confidence"),
      h("dd", {}, percent(f.confidence)),
    ),
    h("p", { class: "tip-note" }, f.note),
  );
}

function showTip(target, f) {
  const tip = byId("tip");
  fillTip(tip, f);
  tip.hidden = false;
  tipFor?.removeAttribute("aria-describedby");
  tipFor = target;
  target.setAttribute("aria-describedby", "tip");
  const r = target.getBoundingClientRect();
  const width = Math.min(360, window.innerWidth - 16);
  tip.style.maxWidth = `${width}px`;
  const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
  tip.style.left = `${left}px`;
  tip.style.top = `${r.bottom + window.scrollY + 6}px`;
  // Above the mark when there is no room below.
  const th = tip.getBoundingClientRect().height;
  if (r.bottom + th + 12 > window.innerHeight && r.top > th + 12) tip.style.top = `${r.top + window.scrollY - th - 6}px`;
}

function hideTip() {
  byId("tip").hidden = true;
  tipFor?.removeAttribute("aria-describedby");
  tipFor = null;
}

/** Shows the tooltip of findings marked inside `root` on hover and on focus. */
function wireTips(root, findings) {
  const findingOf = (el) => {
    const m = el?.closest?.("[data-f]");
    return m && root.contains(m) ? [m, findings[Number(m.dataset.f)]] : [null, null];
  };
  root.addEventListener("mouseover", (e) => {
    const [m, f] = findingOf(e.target);
    if (m && m !== tipFor) showTip(m, f);
  });
  root.addEventListener("mouseout", (e) => {
    const [m] = findingOf(e.target);
    if (m && !m.contains(e.relatedTarget) && document.activeElement !== m) hideTip();
  });
  root.addEventListener("focusin", (e) => {
    const [m, f] = findingOf(e.target);
    if (m) showTip(m, f);
  });
  root.addEventListener("focusout", (e) => {
    const [m] = findingOf(e.target);
    if (m) hideTip();
  });
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideTip();
  });
}

// ---------------------------------------------------------------------------------------------
// Marked-up text.

/**
 * Findings that can be marked without overlapping, shortest first (so a word edit inside a
 * quotation-wide finding stays visible), and then `wide` ones: a longer finding (an altered
 * quotation) that holds whole marks without cutting through any is marked around them, one level
 * deep. What is still left (a finding that cuts through others) is listed in the table only.
 */
function pickMarks(spans) {
  const gaps = spans.filter((x) => x.end === x.start).map((x) => ({ at: x.start, i: x.i }));
  const byLength = [...spans].filter((x) => x.end > x.start).sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  const apart = (s, t) => s.end <= t.start || s.start >= t.end;
  const taken = [];
  const rest = [];
  for (const s of byLength) (taken.every((t) => apart(s, t)) ? taken : rest).push(s);
  const wide = [];
  for (const s of rest) {
    const holds = (t) => s.start <= t.start && t.end <= s.end && t.end - t.start < s.end - s.start;
    if (taken.every((t) => apart(s, t) || holds(t)) && wide.every((w) => apart(s, w))) wide.push(s);
  }
  const order = (list) => list.sort((a, b) => a.start - b.start);
  return { marks: order(taken), wide: order(wide), gaps };
}

const covering = (list, a, b) => list.find((x) => x.start <= a && x.end >= b);

/**
 * Renders `text` into `container` as text nodes, with findings as focusable <mark>s (a wide one,
 * an altered quotation, around the marks inside it), zero-width findings (deleted words) as small
 * carets, and aligned passages as linked spans. `side` is "sus" or "src" (ids of passage anchors),
 * `view` keeps ids unique per view.
 */
function renderText(container, text, findings, { marks, wide = [], gaps = [], passages = [], side, view, counterpart }) {
  const clamp = (x) => Math.max(0, Math.min(text.length, x));
  const cuts = new Set([0, text.length]);
  for (const x of [...marks, ...wide, ...passages]) {
    cuts.add(clamp(x.start));
    cuts.add(clamp(x.end));
  }
  for (const g of gaps) cuts.add(clamp(g.at));
  const points = [...cuts].sort((a, b) => a - b);
  const markOf = (i, cls) => {
    const f = findings[i];
    const el = h("mark", { class: `finding${cls} sev-${f.severity}`, tabindex: "0", "data-f": i, "data-rule": f.rule });
    el.style.backgroundColor = ruleOf(f.rule).color;
    return el;
  };
  // The open elements, outermost first: a passage (or the container), a wide mark, a mark. A
  // passage boundary closes the marks; a mark cut by it goes on in a second element.
  let passage = null;
  let target = container;
  let outer = null;
  let outerEl = null;
  let inner = null;
  let innerEl = null;
  const gapsAt = (at) => gaps.filter((g) => clamp(g.at) === at);
  const addGaps = (at, into) => {
    for (const g of gapsAt(at)) {
      const f = findings[g.i];
      into.append(h("span", { class: `gap sev-${f.severity}`, tabindex: "0", "data-f": g.i, "aria-label": `${f.rule}: ${f.note}` }));
      inner = null;
    }
  };
  for (let s = 0; s < points.length; s++) {
    const a = points[s];
    const b = points[s + 1];
    if (b === undefined) {
      addGaps(a, target);
      break;
    }
    const p = covering(passages, a, b) ?? null;
    if (p !== passage) {
      passage = p;
      outer = null;
      inner = null;
      if (p) {
        target = h("span", { class: "passage", "data-k": p.k });
        if (a === clamp(p.start)) {
          const id = `${view}-${side}-p${p.k}`;
          const other = `${view}-${side === "sus" ? "src" : "sus"}-p${p.k}`;
          target.append(
            h("a", { class: "pnum", id, href: `#${other}`, "data-k": p.k, title: `Passage ${p.k + 1} (${percent(p.similarity)} matched): go to the ${counterpart}`, "aria-label": `Passage ${p.k + 1}, ${percent(p.similarity)} matched: go to it in the ${counterpart}` }, String(p.k + 1)),
          );
        }
        container.append(target);
      } else {
        target = container;
      }
    }
    const w = covering(wide, a, b) ?? null;
    if (w !== outer) {
      outer = w;
      inner = null;
      if (w) {
        outerEl = markOf(w.i, " wide");
        target.append(outerEl);
      }
    }
    const into = outer ? outerEl : target;
    addGaps(a, into);
    const m = covering(marks, a, b) ?? null;
    const piece = document.createTextNode(text.slice(a, b));
    if (!m) {
      into.append(piece);
      inner = null;
      continue;
    }
    if (m !== inner) {
      inner = m;
      innerEl = markOf(m.i, "");
      into.append(innerEl);
    }
    innerEl.append(piece);
  }
}

/** Links the passage anchors of a side-by-side view: follow to the counterpart, highlight both. */
function wirePassages(root) {
  const all = (k) => root.querySelectorAll(`.passage[data-k="${k}"]`);
  root.addEventListener("click", (e) => {
    const a = e.target.closest?.("a.pnum");
    if (!a) return;
    e.preventDefault();
    const other = document.getElementById(a.getAttribute("href").slice(1));
    if (!other) return;
    other.scrollIntoView({ block: "center", behavior: "smooth" });
    other.focus({ preventScroll: true });
    for (const el of all(a.dataset.k)) el.classList.add("flash");
    setTimeout(() => {
      for (const el of all(a.dataset.k)) el.classList.remove("flash");
    }, 1600);
  });
  const toggle = (e, on) => {
    const p = e.target.closest?.(".passage");
    if (p && root.contains(p)) for (const el of all(p.dataset.k)) el.classList.toggle("hl", on);
  };
  root.addEventListener("mouseover", (e) => toggle(e, true));
  root.addEventListener("mouseout", (e) => toggle(e, false));
  root.addEventListener("focusin", (e) => toggle(e, true));
  root.addEventListener("focusout", (e) => toggle(e, false));
}

// ---------------------------------------------------------------------------------------------
// The parts of the result.

/** A link for http(s) URLs only (a report's URL is data; javascript: and the like stay text). */
function urlNode(url) {
  if (!url) return null;
  return /^https?:\/\//i.test(url) ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url) : h("span", { class: "url" }, url);
}

/**
 * The verdict's meaning, qualified as the text report qualifies it (src/report/summary.ts): a
 * word-for-word copy with edits that change facts says so, "no sign of spinning" is not said
 * above warnings the text alone raised, and a direction in doubt is said.
 */
function verdictMeaning(report) {
  const [, meaning] = VERDICTS[report.verdict] ?? [report.verdict, ""];
  const changed = report.findings.filter((f) => ruleOf(f.rule).weight === "meaning").length;
  if (report.verdict === "verbatim-copy" && changed > 0) return `A copy of an indexed article, word for word except ${changed} edit${changed === 1 ? "" : "s"} that change${changed === 1 ? "s" : ""} what it says.`;
  const raised = report.findings.filter((f) => f.severity !== "info").length;
  if (report.verdict === "no-evidence" && raised > 0) return `No source found in the index; the text alone raises ${raised} finding${raised === 1 ? "" : "s"}, not enough to call it spun.`;
  if (report.directionInDoubt?.length) return `${meaning} Or the indexed article copied this one: the text cannot tell which came first (see the note below).`;
  return meaning;
}

function summary(report, downloads) {
  const [label] = VERDICTS[report.verdict] ?? [report.verdict, ""];
  const meaning = verdictMeaning(report);
  const figures = [
    ["Score", percent(report.score), "strength of the verdict"],
    report.stats.spinProbability !== undefined ? ["Spin probability", percent(report.stats.spinProbability), "source-free estimate that the text is spinner output"] : null,
    report.stats.coverage !== undefined ? ["Copied share", percent(report.stats.coverage), "share of the text aligned to its sources"] : null,
    report.stats.substitutionRate !== undefined ? ["Words substituted", percent(report.stats.substitutionRate), "share of the aligned words that were swapped"] : null,
    // (The library counts words only when a source was aligned.)
    report.stats.suspectWords > 0 ? ["Words", String(report.stats.suspectWords), "words in the text"] : null,
    ["Findings", String(report.findings.length), "explained changes and anomalies"],
  ].filter(Boolean);
  return h(
    "section",
    { class: "card summary", "aria-labelledby": "verdict-heading" },
    h("h3", { id: "verdict-heading", class: "verdict-line" }, h("span", { class: `verdict v-${report.verdict}`, id: "verdict" }, label)),
    h("p", { class: "meaning" }, meaning),
    h("dl", { class: "figures" }, figures.map(([k, v, title]) => h("div", { title }, h("dt", {}, k), h("dd", {}, v)))),
    report.indexed ? h("p", { class: "note" }, `This text is itself in the index (document ${report.indexed.id}); it is not listed as its own source.`) : null,
    report.notes.length ? h("ul", { class: "notes" }, report.notes.map((n) => h("li", {}, n))) : null,
    downloads,
  );
}

function sourcesList(report) {
  if (!report.sources.length) return null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "sources-heading" },
    h("h3", { id: "sources-heading" }, report.sources.length === 1 ? "Source found" : `${report.sources.length} sources found`),
    h(
      "ol",
      { class: "sources" },
      report.sources.map((s) =>
        h(
          "li",
          {},
          h("strong", {}, docLabel(s)),
          s.url && s.title ? [" ", urlNode(s.url)] : null,
          h("span", { class: "muted" }, ` · ${percent(s.coverage)} of the text copied from it, ${percent(s.similarity)} of the copied words identical, ${s.passages.length} ${s.passages.length === 1 ? "passage" : "passages"} · id ${s.id}`),
        ),
      ),
    ),
  );
}

function legend(report) {
  const counts = new Map();
  for (const f of report.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  if (!counts.size) return null;
  const order = [...rules.keys()].filter((id) => counts.has(id)).concat([...counts.keys()].filter((id) => !rules.has(id)));
  return h(
    "section",
    { class: "legend", "aria-label": "Findings by rule" },
    order.map((id) => {
      const r = ruleOf(id);
      return h("span", { class: "chip", title: r.description }, swatch(r.color), `${id} `, h("span", { class: "count" }, String(counts.get(id))));
    }),
  );
}

function findingsTable(report, focusFinding) {
  if (!report.findings.length) return h("p", { class: "muted" }, "No findings.");
  const order = report.findings.map((f, i) => i).sort((a, b) => report.findings[a].suspect.start - report.findings[b].suspect.start);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "findings" },
      h("caption", {}, "Every finding, in text order. Select the suspect's words to find them in the text."),
      h("thead", {}, h("tr", {}, ["Rule", "Source", "Suspect", "Suggestion", "Note"].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        order.map((i) => {
          const f = report.findings[i];
          // data-label: the column's name, shown beside each cell when a narrow window stacks them.
          return h(
            "tr",
            {},
            h("td", { "data-label": "Rule" }, h("span", { class: "chip" }, swatch(ruleOf(f.rule).color), f.rule)),
            h("td", { "data-label": "Source" }, quoted(f.source?.text)),
            h("td", { "data-label": "Suspect" }, h("button", { type: "button", class: "link", onclick: () => focusFinding(i) }, quoted(f.suspect.text))),
            h("td", { "data-label": "Suggestion" }, f.suggestion ? quoted(f.suggestion) : "—"),
            h("td", { "data-label": "Note" }, f.note),
          );
        }),
      ),
    ),
  );
}

/** Where each finding sits in the suspect. */
const suspectSpans = (findings) => findings.map((f, i) => ({ start: f.suspect.start, end: f.suspect.end, i }));

/** The suspect alone, every finding marked. */
function textView(report, suspect) {
  const findings = report.findings;
  const body = h("div", { class: "text", id: "text-body" });
  renderText(body, suspect, findings, { ...pickMarks(suspectSpans(findings)), side: "sus", view: "t" });
  return h("section", { class: "card", id: "text-view", "aria-labelledby": "text-heading" }, h("h3", { id: "text-heading" }, "The text, with every finding marked"), h("p", { class: "hint" }, "Point at a marked word, or move to it with Tab, to see the rule, the source's words, the suggestion and a note."), body);
}

/** One column of the side-by-side view: `text` with the findings of `spans` and the passages marked. */
function sideText(id, text, findings, spans, passages, side, counterpart) {
  const el = h("div", { class: "text", id, tabindex: "-1" });
  renderText(el, text, findings, { ...pickMarks(spans), passages, side, view: "s", counterpart });
  return el;
}

/** Suspect and one source side by side, aligned passages numbered and linked. */
function sideView(report, suspect, sourceTexts) {
  const wrap = h("section", { class: "card", id: "side-view", "aria-labelledby": "side-heading" });
  const draw = (k) => {
    clear(wrap);
    const src = report.sources[k];
    const findings = report.findings;
    const srcSpans = findings.flatMap((f, i) => (f.source?.id === src.id ? [{ start: f.source.start, end: f.source.end, i }] : []));
    const passages = (side) => src.passages.map((p, n) => ({ start: p[side].start, end: p[side].end, k: n, similarity: p.similarity }));
    const left = sideText("side-suspect", suspect, findings, suspectSpans(findings), passages("suspect"), "sus", "source");
    const right = sideText("side-source", sourceTexts[src.id] ?? "", findings, srcSpans, passages("source"), "src", "suspect");
    const select =
      report.sources.length > 1
        ? h(
            "p",
            {},
            h("label", { for: "source-pick" }, "Source: "),
            h("select", { id: "source-pick", onchange: (e) => draw(Number(e.target.value)) }, report.sources.map((s, n) => h("option", { value: n, selected: n === k }, docLabel(s)))),
          )
        : null;
    append(
      wrap,
      h("h3", { id: "side-heading" }, "Suspect and source side by side"),
      h("p", { class: "hint" }, "Numbered passages were aligned with each other: select a number to jump to its counterpart. Marked words show what changed."),
      select,
      h(
        "div",
        { class: "cols" },
        h("div", { class: "col" }, h("h4", {}, "Suspect"), left),
        h("div", { class: "col" }, h("h4", {}, "Source: ", docLabel(src)), src.url && src.title ? h("p", { class: "muted small" }, urlNode(src.url)) : null, right),
      ),
    );
  };
  draw(0);
  return wrap;
}

/**
 * Renders a check's reply ({report, texts}) into `root`. `downloads` is a node with the
 * download buttons (made by the caller, which knows how to ask for the HTML report).
 */
export function renderResult(root, { report, texts }, downloads) {
  clear(root);
  const suspect = texts.suspect;
  const hasSource = report.sources.some((s) => texts.sources[s.id] !== undefined);
  const views = h("div", { class: "views" });
  // Both delegate from `views`, which outlives the views drawn into it.
  wireTips(views, report.findings);
  wirePassages(views);
  let mode = hasSource ? "side" : "text";
  const switcher = hasSource
    ? h(
        "div",
        { class: "switch", role: "group", "aria-label": "How to show the text" },
        h("button", { type: "button", id: "show-side", "aria-pressed": "true", onclick: () => show("side") }, "Side by side"),
        h("button", { type: "button", id: "show-text", "aria-pressed": "false", onclick: () => show("text") }, "Text with findings"),
      )
    : null;
  const show = (m) => {
    mode = m;
    hideTip();
    clear(views);
    views.append(m === "side" ? sideView(report, suspect, texts.sources) : textView(report, suspect));
    if (switcher) {
      switcher.querySelector("#show-side").setAttribute("aria-pressed", String(m === "side"));
      switcher.querySelector("#show-text").setAttribute("aria-pressed", String(m === "text"));
    }
  };
  const focusFinding = (i) => {
    let el = views.querySelector(`[data-f="${i}"]`);
    if (!el && mode === "side") {
      show("text");
      el = views.querySelector(`[data-f="${i}"]`);
    }
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
  };
  append(
    root,
    summary(report, downloads),
    sourcesList(report),
    legend(report),
    switcher,
    views,
    h("section", { class: "card", "aria-labelledby": "table-heading" }, h("h3", { id: "table-heading" }, "All findings"), findingsTable(report, focusFinding)),
  );
  show(mode);
}
