// The unspin web page: two views, "Check an article" and "Index", switched by the URL's hash.
// Everything comes from the server that serves the page; nothing is fetched from elsewhere.
/* global window, document */
import { api, describeError } from "./api.js";
import { byId, download, dropTarget, h, isHtmlFile, readText, setStatus } from "./dom.js";
import { renderResult, setRules } from "./report.js";
import { initIndexView, refreshStats } from "./index-view.js";

/** What the next check sends: the textarea's text, or an HTML page read from a file. */
let page = null;

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

async function loadFile(file) {
  const text = await readText(file);
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

/** The download buttons of a report; `request` is the check's body, to ask for the HTML report. */
function downloads(report, request) {
  return h(
    "div",
    { class: "downloads" },
    h("button", { type: "button", class: "secondary", id: "download-json", onclick: () => download("unspin-report.json", "application/json", JSON.stringify(report, null, 2) + "\n") }, "Download JSON report"),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        id: "download-html",
        onclick: async () => {
          try {
            download("unspin-report.html", "text/html", await api("/api/check?format=html", { method: "POST", json: request, as: "text", auth: true }));
          } catch (e) {
            setStatus("check-status", `Could not make the HTML report: ${describeError(e)}`, "error");
          }
        },
      },
      "Download HTML report",
    ),
  );
}

async function check(e) {
  e.preventDefault();
  const text = byId("suspect").value;
  const body = page ? { html: page.html, input: page.name } : { text };
  if (!page && !text.trim()) {
    setStatus("check-status", "Paste an article or drop a file first.", "error");
    byId("suspect").focus();
    return;
  }
  const button = byId("check-button");
  button.disabled = true;
  setStatus("check-status", "Checking…", "busy");
  try {
    // The sources' texts are stored documents: the token goes with the check when one is set.
    const r = await api("/api/check?texts=true", { method: "POST", json: body, auth: true });
    // The HTML report is asked for with the text that was checked.
    const request = page ? { text: r.texts.suspect, input: body.input } : body;
    if (page) {
      // The text that was checked (extracted from the page); report offsets refer to it.
      byId("suspect").value = r.texts.suspect;
      byId("check-file-note").textContent = `${page.name}: the main text extracted from the page is shown above.`;
      page = null;
    }
    const result = byId("result");
    result.hidden = false;
    renderResult(result, r, downloads(r.report, request));
    const n = r.report.findings.length;
    setStatus("check-status", `Checked: ${r.report.verdict}, ${n} finding${n === 1 ? "" : "s"}.`, "ok");
    byId("verdict-heading").scrollIntoView({ block: "start", behavior: "smooth" });
  } catch (err) {
    const why = err?.status === 401 ? "this server shows the sources' texts only with its token: enter it under Index, Access token" : describeError(err);
    setStatus("check-status", `The check failed: ${why}`, "error");
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
    setStatus("check-status", "");
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
    if (f) loadFile(f).catch((e) => setStatus("check-status", describeError(e), "error"));
  });
  dropTarget(byId("drop-check"), (files) => loadFile(files[0]).catch((e) => setStatus("check-status", describeError(e), "error")));
  try {
    const [rules, health] = await Promise.all([api("/api/rules"), api("/healthz")]);
    setRules(rules.rules);
    initIndexView({ tokenRequired: health.tokenRequired });
    byId("version").textContent = `unspin ${health.version}`;
  } catch (e) {
    setStatus("check-status", `The server did not answer: ${describeError(e)}`, "error");
  }
  route();
  document.body.classList.add("ready");
}

void start();
