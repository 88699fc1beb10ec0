// The index view: what the index holds, adding files by dropping them (sent in batches as NDJSON,
// with progress), and removing a document. Writes carry the token when the server wants one.
import { api, describeError, getToken, setToken } from "./api.js";
import { append, byId, clear, dropTarget, formatBytes, h, isHtmlFile, readText, setStatus } from "./dom.js";
import { initClustersView } from "./clusters-view.js";

/** One request carries files up to this many bytes in all (the server's body limit is larger). */
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 50;

/** Documents added from this page, newest first, so they can be removed again. */
const added = [];

export async function refreshStats() {
  const box = byId("stats");
  try {
    const s = await api("/api/stats");
    clear(box);
    const items = [
      ["Documents", s.documents.toLocaleString("en")],
      ["Sources (sites)", s.siteCount.toLocaleString("en")],
      ["URLs", s.urls.toLocaleString("en")],
      ["Size on disk", formatBytes(s.sizeBytes)],
      ["Schema version", String(s.schemaVersion)],
    ];
    append(box, h("dl", { class: "figures" }, items.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", { id: `stat-${k.split(" ")[0].toLowerCase()}` }, v)))));
    if (s.sources.length) {
      append(
        box,
        h(
          "details",
          {},
          h("summary", {}, "Documents per source"),
          h("table", { class: "plain" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Source"), h("th", { scope: "col" }, "Documents"))), h("tbody", {}, s.sources.map((x) => h("tr", {}, h("td", {}, x.site), h("td", { class: "num" }, String(x.documents)))))),
        ),
      );
    }
  } catch (e) {
    clear(box);
    append(box, h("p", { class: "error" }, `Could not read the index: ${describeError(e)}`));
  }
}

function renderAdded() {
  const list = byId("added-list");
  clear(list);
  byId("added-section").hidden = added.length === 0;
  for (const d of added) {
    const label = d.name;
    append(
      list,
      h(
        "li",
        { class: `doc status-${d.status}` },
        h("span", { class: "doc-name" }, label),
        h("span", { class: "badge" }, d.status),
        d.reason ? h("span", { class: "muted" }, ` ${d.reason}`) : null,
        d.id ? h("span", { class: "muted small" }, ` id ${d.id}`) : null,
        d.id && d.status !== "removed"
          ? h("button", { type: "button", class: "secondary small-button", "aria-label": `Remove ${label} from the index`, onclick: () => removeDocument(d.id, label) }, "Remove")
          : null,
      ),
    );
  }
}

export async function removeDocument(id, label = id) {
  try {
    const r = await api(`/api/documents/${encodeURIComponent(id)}`, { method: "DELETE", auth: true });
    for (const d of added) if (d.id === id) d.status = "removed";
    setStatus("index-status", `Removed ${label} (${r.removed.urls.length ? r.removed.urls.join(", ") : "no URL"}).`, "ok");
  } catch (e) {
    setStatus("index-status", `Could not remove ${label}: ${describeError(e)}`, "error");
  }
  renderAdded();
  await refreshStats();
}

async function addFiles(files) {
  if (!files.length) return;
  const progress = byId("add-progress");
  const progressText = byId("add-progress-text");
  const total = files.reduce((n, f) => n + f.size, 0);
  progress.hidden = false;
  progress.max = files.length;
  progress.value = 0;
  let done = 0;
  let bytes = 0;
  const counts = { added: 0, duplicate: 0, updated: 0, skipped: 0, failed: 0 };
  const fail = (b, e) => {
    for (const f of b) added.unshift({ name: f.name, status: "failed", reason: describeError(e) });
    counts.failed += b.length;
  };
  const tell = () => {
    progress.value = done;
    progressText.textContent = `${done} of ${files.length} files (${formatBytes(bytes)} of ${formatBytes(total)})`;
  };
  tell();
  // Batches of files, each one request.
  const batches = [];
  let batch = [];
  let size = 0;
  for (const f of files) {
    if (batch.length && (size + f.size > BATCH_BYTES || batch.length >= BATCH_FILES)) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(f);
    size += f.size;
  }
  if (batch.length) batches.push(batch);
  for (const b of batches) {
    let docs;
    try {
      docs = await Promise.all(b.map(async (f) => (isHtmlFile(f) ? { html: await readText(f) } : { text: await readText(f), title: f.name })));
    } catch (e) {
      fail(b, e);
      done += b.length;
      tell();
      continue;
    }
    try {
      const r = await api("/api/documents", { method: "POST", ndjson: docs, auth: true });
      r.documents.forEach((d, k) => {
        counts[d.status] = (counts[d.status] ?? 0) + 1;
        added.unshift({ name: b[k].name, status: d.status, id: d.id, reason: d.reason });
      });
    } catch (e) {
      fail(b, e);
      if (e.status === 401) byId("token-box").hidden = false;
    }
    done += b.length;
    bytes += b.reduce((n, f) => n + f.size, 0);
    tell();
    renderAdded();
  }
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  setStatus("index-status", `Done: ${parts.join(", ")}.`, counts.failed ? "error" : "ok");
  renderAdded();
  await refreshStats();
}

export function initIndexView({ tokenRequired }) {
  const tokenBox = byId("token-box");
  tokenBox.hidden = !tokenRequired;
  const token = byId("token");
  token.value = getToken();
  token.addEventListener("change", () => setToken(token.value.trim()));
  byId("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setToken(token.value.trim());
    setStatus("index-status", token.value.trim() ? "The token will be sent with changes to the index." : "No token set.", "ok");
  });
  const input = byId("add-files");
  input.addEventListener("change", () => {
    const files = [...input.files];
    input.value = "";
    void addFiles(files);
  });
  dropTarget(byId("drop-index"), (files) => void addFiles(files));
  byId("remove-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const id = byId("remove-id").value.trim();
    if (id) void removeDocument(id);
  });
  initClustersView();
  renderAdded();
}
