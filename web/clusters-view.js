// "Who copied whom" on the index view: GET /api/clusters, one card per cluster (largest first)
// listing its articles with their role and each copy with how it was derived; the full HTML
// report (graphs, side-by-side comparisons) is offered as a download.
import { api, describeError } from "./api.js";
import { append, byId, clear, docLabel, download, h, percent } from "./dom.js";

const ROLE = { original: "original", copy: "copy", intermediate: "copy, copied again", undetermined: "direction unknown" };

// The direction's evidence in the text (src/cluster/direction.ts), for a reader: what each kind
// points to, counted on both sides of the pair.
const SIGNS = [
  ["plainer", "the plainer of two swapped words"],
  ["nonWords", "misspelt or mangled words"],
  ["debris", "spinning-tool debris such as “do n't”"],
];

/** A stored publication date, as a day (and time, in UTC, when the date carries one). */
function when(s) {
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) return s;
  const time = /T\d|\d:\d/.test(s);
  const d = new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", ...(time ? { hour: "2-digit", minute: "2-digit" } : {}), timeZone: "UTC" });
  return time ? `${d} UTC` : d;
}

/**
 * The evidence behind a direction, briefly: the two dates when they decided it, else the counts of
 * textual evidence on each side (the original and the copy, or the first and second of the pair).
 */
function evidence(d) {
  const known = d.state === "known";
  const [a, b] = known ? ["original", "copy"] : ["first", "second"];
  const dates = d.dates?.from && d.dates?.to ? `published ${when(d.dates.from)} (${a}) and ${when(d.dates.to)} (${b})` : null;
  const counts = SIGNS.filter(([k]) => d.text?.from?.[k] || d.text?.to?.[k]).map(([k, what]) => `${what} (${a} ${d.text.from[k]}, ${b} ${d.text.to[k]})`);
  if (known && d.by === "dates") {
    // What the text says besides, as the note has it ("published earlier; the text agrees").
    const besides = d.note?.split("; ").slice(1).join("; ");
    return [dates ?? "published earlier", besides].filter(Boolean).join("; ");
  }
  if (known) return counts.join("; ");
  if (!counts.length) return dates ? `${dates}; no evidence in the text either way` : "no dates to compare and no evidence in the text either way";
  return [dates, `weak or mixed — ${counts.join("; ")}`].filter(Boolean).join("; ");
}

function edgeLine(edge, byId_) {
  const from = byId_.get(edge.from);
  const to = byId_.get(edge.to);
  const known = edge.direction.state === "known";
  const arrow = known ? " → " : " ↔ ";
  const how = known ? `${edge.direction.by === "dates" ? "by dates" : "by the text"}, ${percent(edge.direction.confidence)} sure` : "who copied whom is unknown";
  const why = evidence(edge.direction);
  return h(
    "li",
    {},
    h("span", { class: "edge-pair" }, docLabel(from), arrow, docLabel(to)),
    h("span", { class: "muted small" }, ` · ${edge.verdict} · ${percent(edge.coverage)} of the copy aligned · ${how}`),
    why ? h("span", { class: "evidence small" }, `Evidence: ${why}.`) : null,
  );
}

function renderClusters(box, report) {
  clear(box);
  const s = report.stats;
  append(box, h("p", { class: "small" }, `${s.clusters} cluster${s.clusters === 1 ? "" : "s"} among ${s.documents.toLocaleString("en")} documents; ${s.edgesShown} copy relation${s.edgesShown === 1 ? "" : "s"}${s.newlyExamined ? `; ${s.newlyExamined} new document${s.newlyExamined === 1 ? "" : "s"} examined` : ""}.`));
  for (const c of report.clusters) {
    const members = new Map(c.members.map((m) => [m.id, m]));
    append(
      box,
      h(
        "div",
        { class: "cluster" },
        h("h3", {}, `${c.size} articles`),
        h("ul", { class: "members" }, c.members.map((m) => h("li", {}, h("span", {}, docLabel(m)), h("span", { class: `role role-${m.role}` }, ROLE[m.role] ?? m.role)))),
        h("ul", { class: "edges" }, c.edges.map((e) => edgeLine(e, members))),
      ),
    );
  }
}

async function findClusters() {
  const box = byId("clusters");
  const button = byId("clusters-run");
  button.disabled = true;
  clear(box);
  append(box, h("p", { class: "muted" }, "Comparing the articles added since the last run…"));
  try {
    renderClusters(box, await api("/api/clusters", { auth: true }));
    byId("clusters-html").hidden = false;
  } catch (e) {
    clear(box);
    append(box, h("p", { class: "error" }, `Could not cluster the index: ${describeError(e)}`));
    if (e.status === 401) byId("token-box").hidden = false;
  } finally {
    button.disabled = false;
  }
}

export function initClustersView() {
  byId("clusters-run").addEventListener("click", () => void findClusters());
  byId("clusters-html").addEventListener("click", async () => {
    try {
      download("unspin-clusters.html", "text/html", await api("/api/clusters?format=html", { auth: true, as: "text" }));
    } catch (e) {
      append(byId("clusters"), h("p", { class: "error" }, describeError(e)));
    }
  });
}
