// The unspin web page: two views, "Check an article" and "Index", switched by the URL's hash.
// Everything comes from the server that serves the page; nothing is fetched from elsewhere.
/* global window, document, FileReader */
import { api, describeError } from "./api.js";
import { byId, download, dropTarget, h, isHtmlFile } from "./dom.js";
import { renderResult, setRules } from "./report.js";
import { initIndexView, refreshStats } from "./index-view.js";

/** What the next check sends: the textarea's text, or an HTML page read from a file. */
let page = null;
/** The body of the last check, to ask for its HTML report. */
let lastRequest = null;

let view = "check";

function route() {
  const hash = window.location.hash;
  // Other fragments (the skip link, passage anchors) do not change the view.
  if (hash === "#index") view = "index";
  else if (hash === "#check" || hash === "") view = "check";
  byId("view-check").hidden = view !== "check";
  byId("view-index").hidden = view !== "index";
  for (const v of ["check", "index"]) {
    const link = byId(`nav-${v}`);
    if (v === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (view === "index") void refreshStats();
  document.title = view === "index" ? "unspin: index" : "unspin: check an article";
}

function status(text, kind = "") {
  const el = byId("check-status");
  el.className = kind;
  el.textContent = text;
}

async function loadFile(file) {
  const text = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error(`could not read ${file.name}`));
    r.readAsText(file);
  });
  const note = byId("check-file-note");
  note.hidden = false;
  if (isHtmlFile(file)) {
    page = { html: text, name: file.name };
    byId("suspect").value = "";
    byId("suspect").placeholder = `${file.name}: an HTML page; its main text is extracted when you check it.`;
    note.textContent = `${file.name}: HTML page. The server extracts its main text; the text checked will appear here.`;
  } else {
    page = null;
    byId("suspect").value = text;
    note.textContent = `${file.name} loaded.`;
  }
}

function downloads() {
  return h(
    "div",
    { class: "downloads" },
    h("button", { type: "button", class: "secondary", id: "download-json", onclick: () => lastReport && download("unspin-report.json", "application/json", JSON.stringify(lastReport, null, 2) + "\n") }, "Download JSON report"),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        id: "download-html",
        onclick: async () => {
          try {
            download("unspin-report.html", "text/html", await api("/api/check?format=html", { method: "POST", json: lastRequest, as: "text" }));
          } catch (e) {
            status(`Could not make the HTML report: ${describeError(e)}`, "error");
          }
        },
      },
      "Download HTML report",
    ),
  );
}

let lastReport = null;

async function check(e) {
  e.preventDefault();
  const text = byId("suspect").value;
  const body = page ? { html: page.html, input: page.name } : { text };
  if (!page && !text.trim()) {
    status("Paste an article or drop a file first.", "error");
    byId("suspect").focus();
    return;
  }
  const button = byId("check-button");
  button.disabled = true;
  status("Checking…", "busy");
  try {
    const r = await api("/api/check?texts=true", { method: "POST", json: body });
    lastRequest = body;
    lastReport = r.report;
    if (page) {
      // The text that was checked (extracted from the page); report offsets refer to it.
      byId("suspect").value = r.texts.suspect;
      byId("check-file-note").textContent = `${page.name}: the main text extracted from the page is shown above.`;
      page = null;
      lastRequest = { text: r.texts.suspect, input: body.input };
    }
    const result = byId("result");
    result.hidden = false;
    renderResult(result, r, downloads());
    status(`Checked: ${r.report.verdict}, ${r.report.findings.length} findings.`, "ok");
    byId("verdict-heading").scrollIntoView({ block: "start", behavior: "smooth" });
  } catch (err) {
    status(`The check failed: ${describeError(err)}`, "error");
  } finally {
    button.disabled = false;
  }
}

async function start() {
  window.addEventListener("hashchange", route);
  byId("check-form").addEventListener("submit", check);
  byId("clear-button").addEventListener("click", () => {
    page = null;
    byId("suspect").value = "";
    byId("suspect").placeholder = "Paste the article here…";
    byId("check-file-note").hidden = true;
    byId("result").hidden = true;
    status("");
    byId("suspect").focus();
  });
  byId("suspect").addEventListener("input", () => {
    // Typing or pasting replaces a file that was loaded: its note no longer applies.
    page = null;
    byId("check-file-note").hidden = true;
  });
  const fileInput = byId("check-file");
  fileInput.addEventListener("change", () => {
    const f = fileInput.files[0];
    fileInput.value = "";
    if (f) loadFile(f).catch((e) => status(describeError(e), "error"));
  });
  dropTarget(byId("drop-check"), (files) => loadFile(files[0]).catch((e) => status(describeError(e), "error")));
  try {
    const [rules, health] = await Promise.all([api("/api/rules"), api("/healthz")]);
    setRules(rules.rules);
    initIndexView({ tokenRequired: health.tokenRequired });
    byId("version").textContent = `unspin ${health.version}`;
  } catch (e) {
    status(`The server did not answer: ${describeError(e)}`, "error");
  }
  route();
  document.body.classList.add("ready");
}

void start();
