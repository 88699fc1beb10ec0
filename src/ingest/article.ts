// Building an Article from the fields an adapter found: drops empty fields, fills `site` from
// the URL's host when the source names none, and refuses text without words.

import { articleId } from "./id.js";
import type { Article } from "./types.js";

export interface ArticleFields {
  url?: string | undefined;
  title?: string | undefined;
  author?: string | undefined;
  published?: string | undefined;
  site?: string | undefined;
  text: string;
}

/** Returns the article, or a reason why the fields hold no article. */
export function makeArticle(f: ArticleFields): Article | { reason: string } {
  const text = f.text.replace(/^\s+|\s+$/g, "");
  if (!text) return { reason: "no text" };
  if (!/\p{L}/u.test(text)) return { reason: "text holds no letters" };
  const a: Article = { id: articleId(text), text };
  const clean = (s: string | undefined): string | undefined => {
    const t = s?.replace(/\s+/g, " ").trim();
    return t ? t : undefined;
  };
  const url = clean(f.url);
  const title = clean(f.title);
  const author = clean(f.author);
  const published = normaliseDate(clean(f.published));
  const site = clean(f.site) ?? hostOf(url);
  if (url) a.url = url;
  if (title) a.title = title;
  if (author) a.author = author;
  if (published) a.published = published;
  if (site) a.site = site;
  return a;
}

/**
 * ISO 8601 when the date parses (RFC 822 feed dates, WARC dates), else none: publication dates
 * decide who copied whom (src/cluster/direction.ts), and a date that cannot be ordered must not
 * be stored looking like one.
 */
export function normaliseDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export function hostOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:/i.test(url)) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || undefined;
  } catch {
    return undefined;
  }
}

/** A short first line is taken as the title of a plain-text article (as in the BBC corpus). */
export function titleFromText(text: string): string | undefined {
  const first = text.replace(/^\s+/, "").split(/\r?\n/, 1)[0]?.trim();
  if (!first || first.length > 150 || first.split(/\s+/).length > 25) return undefined;
  return first;
}
