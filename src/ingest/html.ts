// Main-text extraction from an HTML page: @mozilla/readability on a linkedom document, after
// removing page furniture Readability is known to keep, with a fallback to the cleaned body
// when Readability finds nothing worth keeping.

import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { domToText, htmlFragmentToText, type DomNode } from "./htmlText.js";
import { readHtmlMeta, type HtmlMeta } from "./htmlMeta.js";

export interface HtmlExtract extends HtmlMeta {
  text: string;
}

/** Below this many characters Readability's result is taken to have missed the article. */
const MIN_ARTICLE_CHARS = 200;

/**
 * Elements that are never article text but that Readability keeps when they sit inside the
 * article container: captions, share and newsletter widgets, related links, ads.
 */
const FURNITURE = [
  "script", "style", "noscript", "template", "iframe", "svg", "button",
  "nav", "footer", "aside",
  "[aria-hidden=true]", "[hidden]",
  "[role=navigation]", "[role=complementary]", "[role=banner]", "[role=contentinfo]",
].join(",");

interface Removable {
  remove(): void;
}

function removeAll(doc: { querySelectorAll(sel: string): ArrayLike<Removable> }, selector: string): void {
  const found = Array.from(doc.querySelectorAll(selector));
  for (const el of found) el.remove();
}

export function extractHtml(html: string): HtmlExtract {
  const { document } = parseHTML(html);
  const meta = readHtmlMeta(document as never);
  removeAll(document as never, FURNITURE);
  let text = "";
  let byline: string | undefined;
  try {
    // Readability drops nodes from the document it is given; clone-free is fine because
    // metadata was read first and the fallback below re-parses.
    const result = new Readability(document as never, { charThreshold: 300 }).parse();
    if (result?.content) text = htmlFragmentToText(result.content);
    byline = result?.byline?.trim() || undefined;
  } catch {
    text = ""; // a page that trips Readability still gets the fallback
  }
  if (text.length < MIN_ARTICLE_CHARS) {
    const fresh = parseHTML(html).document;
    removeAll(fresh as never, `${FURNITURE},header`);
    const body = fresh.body ? domToText(fresh.body as unknown as DomNode) : "";
    if (body.length > text.length) text = body;
  }
  const out: HtmlExtract = { ...meta, text };
  if (!out.author && byline && byline.length < 100) out.author = byline.replace(/^by\s+/i, "");
  return out;
}
