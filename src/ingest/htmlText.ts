// Turns a DOM subtree into plain text the way a reader sees it: block elements become
// paragraphs separated by a blank line, <br> a newline, inline runs of white space one space.
// Readability's own textContent glues blocks together ("HeadlineFirst sentence"), which would
// make false words for every later stage.

import { parseHTML } from "linkedom";
import { DOM_LIMITS, htmlToPlainText, measureHtml } from "./htmlScan.js";

const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET",
  "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR",
  "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT",
  "TH", "THEAD", "TR", "UL", "CAPTION",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "OBJECT", "EMBED", "CANVAS", "HEAD", "TITLE", "BUTTON", "SELECT", "TEXTAREA", "INPUT"]);

/** Minimal DOM surface used here, so the function works on any linkedom node. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export function domToText(root: DomNode): string {
  const out: string[] = [];
  let line = "";
  const paragraphs: string[] = [];
  const flushLine = (): void => {
    const t = line.replace(/[ \t\f\r\n\u00a0]+/g, " ").trim();
    if (t) out.push(t);
    line = "";
  };
  const flushPara = (): void => {
    flushLine();
    if (out.length) paragraphs.push(out.join("\n"));
    out.length = 0;
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      line += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === "BR") {
      flushLine();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flushPara();
    if (name === "PRE") {
      // Keep preformatted text's own lines.
      for (const l of (node.textContent ?? "").split("\n")) {
        line = l;
        flushLine();
      }
      flushPara();
      return;
    }
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
    if (block) flushPara();
    else if (name === "TD" || name === "TH") line += " ";
  };
  walk(root);
  flushPara();
  return paragraphs.join("\n\n");
}

/** Plain text of an HTML fragment (feed item content, Readability output). */
export function htmlFragmentToText(html: string): string {
  // A fragment too deep or too large for a DOM (and for the recursion below) is read without one.
  if (measureHtml(html, DOM_LIMITS).over) return htmlToPlainText(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return domToText(document.body as unknown as DomNode);
}
