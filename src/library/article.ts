// Articles handed over as data (the server's requests, library callers): an HTML page becomes an
// article the way an HTML file does in `add` (src/ingest/html.ts), so a page checked or added
// through the API gives the same text, and the same offsets, as the same page read from disk.
import { normaliseDate } from "../ingest/article.js";
import type { ArticleInput, HtmlArticleInput } from "./types.js";

export function isHtmlInput(a: ArticleInput | HtmlArticleInput): a is HtmlArticleInput {
  return typeof (a as HtmlArticleInput).html === "string" && typeof (a as ArticleInput).text !== "string";
}

/**
 * The article an HTML page holds: its main text, and metadata where the caller gave none. The
 * extractor (Readability on linkedom) is loaded on first use, as `add` loads it for HTML files.
 */
export async function articleFromHtml(input: HtmlArticleInput): Promise<ArticleInput> {
  const { html, ...given } = input;
  const { extractHtml } = await import("../ingest/html.js");
  const page = extractHtml(html);
  const out: ArticleInput = { text: page.text };
  for (const k of ["url", "title", "author", "published", "site"] as const) {
    const v = k === "published" ? normaliseDate(given[k] ?? page[k]) : (given[k] ?? page[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
