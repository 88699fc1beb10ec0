// Small DOM helpers. Every piece of text from the user, a report or the server goes into the page
// as a text node (textContent), never as HTML: there is no innerHTML anywhere in this page.
/* global document, URL, Blob, FileReader, setTimeout */

/**
 * Makes an element: h("p", {class: "note", onclick: fn}, "text", child). Attributes are set with
 * setAttribute (or as event listeners for on*), children are nodes or strings (as text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el, ...children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/** Removes every child of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export const byId = (id) => document.getElementById(id);

/** Shows `text` in the status line with id `id`; `kind` ("ok", "error", "busy" or "") is its class. */
export function setStatus(id, text, kind = "") {
  const el = byId(id);
  el.className = kind;
  el.textContent = text;
}

export function percent(x) {
  return `${Math.round(x * 100)}%`;
}

/** How a document or source is named: its title, else its URL, else its id. */
export function docLabel(d) {
  return d.title || d.url || d.id;
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Offers data as a file download. */
export function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file's contents as text. */
export function readText(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error(`could not read ${file.name}`));
    r.readAsText(file);
  });
}

/** True for a file that holds an HTML page, by name or type. */
export function isHtmlFile(file) {
  return /\.(x?html?)$/i.test(file.name) || file.type === "text/html" || file.type === "application/xhtml+xml";
}

/** Makes an element a drop target for files; `onFiles` gets the dropped File list. */
export function dropTarget(el, onFiles) {
  let depth = 0;
  el.addEventListener("dragenter", (e) => {
    if (!e.dataTransfer || ![...e.dataTransfer.types].includes("Files")) return;
    e.preventDefault();
    depth++;
    el.classList.add("dragging");
  });
  el.addEventListener("dragover", (e) => {
    if (!e.dataTransfer || ![...e.dataTransfer.types].includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  el.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) el.classList.remove("dragging");
  });
  el.addEventListener("drop", (e) => {
    if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    depth = 0;
    el.classList.remove("dragging");
    onFiles([...e.dataTransfer.files]);
  });
}
