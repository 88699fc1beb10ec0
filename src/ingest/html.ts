// Main-text extraction from an HTML page: @mozilla/readability on a linkedom document, after
// removing page furniture Readability is known to keep, with a fallback to the cleaned body
// when Readability finds nothing worth keeping. A page too deep or too large for the DOM path
// (measured first, in one cheap pass) gets a plain tag-stripping extraction instead: its cost
// is linear, where Readability's grows faster than the square of the nesting depth.

import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { domToText, type DomNode } from "./htmlText.js";
import { readHtmlMeta, type HtmlMeta } from "./htmlMeta.js";
import { DOM_LIMITS, htmlToPlainText, measureHtml, plainTitle } from "./htmlScan.js";

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
  // Captions and credits: Readability keeps figures, but they are not the article's prose.
  "figure", "figcaption", "picture",
  "[aria-hidden=true]", "[hidden]",
  "[role=navigation]", "[role=complementary]", "[role=banner]", "[role=contentinfo]",
].join(",");

interface Removable {
  remove(): void;
}

interface El extends Removable {
  getAttribute(n: string): string | null;
  textContent: string | null;
  querySelectorAll(sel: string): ArrayLike<unknown>;
}

/**
 * Class or id words of page furniture found inside article containers on news sites: share
 * bars, related-story boxes, newsletter and subscription prompts, ads, captions, author boxes.
 */
const FURNITURE_CLASS = new RegExp(
  "(^|[\\s_-])(" +
    [
      "share", "sharing", "social", "sharebar", "related", "recommended", "recommendations", "newsletter",
      "subscribe", "subscription", "signup", "promo", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored",
      "outbrain", "taboola", "comments?", "breadcrumbs?", "tags", "caption", "credit", "toolbar", "popup", "modal",
      "cookie", "trending", "most-read", "mostread", "read-more", "readmore", "more-stories", "author-bio", "bio",
    ].join("|") +
    ")($|[\\s_-])",
  "i",
);

/** Removes furniture by class/id, but never a box that holds real prose (several paragraphs). */
function removeFurnitureByClass(doc: { querySelectorAll(sel: string): ArrayLike<El> }): void {
  for (const el of Array.from(doc.querySelectorAll("[class],[id]"))) {
    const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (!FURNITURE_CLASS.test(names)) continue;
    if (el.querySelectorAll("p").length >= 3 && (el.textContent ?? "").length > 500) continue;
    el.remove();
  }
}

function removeAll(doc: { querySelectorAll(sel: string): ArrayLike<Removable> }, selector: string): void {
  const found = Array.from(doc.querySelectorAll(selector));
  for (const el of found) el.remove();
}

/** Lines that are widget labels or photo furniture, never prose. */
const NOISE_LINE = /^(advertisement|advertising|sponsored( content)?|ad|close|caption|sign in|log in|share( this( article| story)?)?|image \d+ of \/? ?\d+|\d+ ?of ?\d+|(photo|image|picture|credit|source)s?:.*|read (more|next):?.*|continue reading.*|related( articles| stories)?:?.*)$/i;
/** A byline or dateline: "By Jo Writer", "Updated 6:55 AM", "Published 4:00 am CST, Nov 20". */
const BYLINE = /^(by|updated|published|posted|last (updated|modified))\b/i;
const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i;

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * Drops what is left of page furniture at paragraph level: the headline repeated at the top,
 * bylines and datelines at the edges, widget labels. Repeated paragraphs are kept: recipes and
 * tables repeat lines on purpose, and removing them cost more than it gained on the benchmark.
 */
export function tidyParagraphs(text: string, title?: string): string {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const t = title ? norm(title) : "";
  const paras = text.split(/\n{2,}/);
  const kept: string[] = [];
  paras.forEach((p, i) => {
    const lines = p.split("\n").filter((l) => !NOISE_LINE.test(l.trim()));
    const q = lines.join("\n").trim();
    if (!q) return;
    const n = norm(q);
    if (!n) return;
    const edge = i < 3 || i >= paras.length - 2;
    if (edge && t && (n === t || (t.includes(n) && words(q) >= 3))) return;
    if (edge && words(q) <= 12 && (BYLINE.test(q) || MONTH.test(q)) && !/[.!?]["”]?$/.test(q)) return;
    kept.push(q);
  });
  return kept.join("\n\n");
}

export function extractHtml(html: string): HtmlExtract {
  if (measureHtml(html, DOM_LIMITS).over) return extractPlain(html);
  const { document } = parseHTML(html);
  const meta = readHtmlMeta(document as never);
  removeAll(document as never, FURNITURE);
  removeFurnitureByClass(document as never);
  let text = "";
  let byline: string | undefined;
  try {
    // Readability drops nodes from the document it is given; clone-free is fine because
    // metadata was read first and the fallback below re-parses.
    // The serializer hands back Readability's DOM node itself, saving a serialise-and-reparse.
    const result = new Readability<DomNode>(document as never, { charThreshold: 300, serializer: (el) => el as unknown as DomNode }).parse();
    if (result?.content) text = domToText(result.content);
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
  const out: HtmlExtract = { ...meta, text: tidyParagraphs(text, meta.title) };
  if (!out.author && byline && byline.length < 100) out.author = byline.replace(/^by\s+/i, "");
  return out;
}

/** Extraction without a DOM for the page as a whole: metadata from the head when it is small. */
function extractPlain(html: string): HtmlExtract {
  const bodyAt = html.search(/<body[\s>]/i);
  const head = bodyAt > 0 ? html.slice(0, bodyAt) : "";
  let meta: HtmlMeta = {};
  if (head && !measureHtml(head, DOM_LIMITS).over) meta = readHtmlMeta(parseHTML(`${head}</head><body></body></html>`).document as never);
  else {
    const title = plainTitle(html);
    if (title) meta.title = title;
  }
  const text = htmlToPlainText(bodyAt > 0 ? html.slice(bodyAt) : html);
  return { ...meta, text: tidyParagraphs(text, meta.title) };
}
