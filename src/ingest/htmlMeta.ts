// Article metadata from an HTML document's head: Open Graph and article: tags, common name=
// tags, and schema.org JSON-LD (NewsArticle and friends). Read before Readability runs,
// because Readability mutates the document.

export interface HtmlMeta {
  title?: string;
  author?: string;
  published?: string;
  site?: string;
  /** The canonical or og:url, when the page names one. */
  url?: string;
}

interface MetaDocument {
  querySelector(sel: string): { getAttribute(n: string): string | null; textContent: string | null } | null;
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(n: string): string | null; textContent: string | null }>;
}

/** All <meta> values by property, name or itemprop (lower case; the first one wins), in one pass. */
function metaTable(doc: MetaDocument): Map<string, string> {
  const table = new Map<string, string>();
  const els = doc.querySelectorAll("meta[content]");
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const v = el.getAttribute("content")?.trim();
    if (!v) continue;
    for (const attr of ["property", "name", "itemprop"]) {
      const k = el.getAttribute(attr)?.trim().toLowerCase();
      if (k && !table.has(k)) table.set(k, v);
    }
  }
  return table;
}

function pick(table: Map<string, string>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = table.get(k.toLowerCase());
    if (v) return v;
  }
  return undefined;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage/;

/** The first JSON-LD object that looks like an article, searching @graph and arrays. */
function jsonLdArticle(doc: MetaDocument): Record<string, Json> | undefined {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  let page: Record<string, Json> | undefined;
  for (let i = 0; i < scripts.length; i++) {
    let data: Json;
    try {
      data = JSON.parse(scripts[i]!.textContent ?? "") as Json;
    } catch {
      continue; // broken JSON-LD is common; it is only a hint
    }
    const stack: Json[] = [data];
    while (stack.length) {
      const x = stack.pop();
      if (Array.isArray(x)) stack.push(...x);
      else if (x && typeof x === "object") {
        const t = x["@type"];
        const types = Array.isArray(t) ? t.join(" ") : typeof t === "string" ? t : "";
        if (ARTICLE_TYPES.test(types)) {
          if (!/WebPage/.test(types) || /Article/.test(types)) return x;
          page ??= x;
        }
        if (x["@graph"]) stack.push(x["@graph"]);
      }
    }
  }
  return page;
}

function str(x: Json | undefined): string | undefined {
  if (typeof x === "string") return x.trim() || undefined;
  if (Array.isArray(x)) return x.map(str).filter(Boolean).join(", ") || undefined;
  if (x && typeof x === "object") return str(x["name"]);
  return undefined;
}

export function readHtmlMeta(doc: MetaDocument): HtmlMeta {
  const ld = jsonLdArticle(doc);
  const table = metaTable(doc);
  const meta = (...keys: string[]): string | undefined => pick(table, ...keys);
  const titleEl = doc.querySelector("title")?.textContent?.replace(/\s+/g, " ").trim();
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim();
  const out: HtmlMeta = {
    title: meta("og:title", "twitter:title") ?? str(ld?.["headline"]) ?? (titleEl || undefined),
    author: meta("author", "article:author", "byl", "dc.creator", "parsely-author") ?? str(ld?.["author"]),
    published:
      meta("article:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date", "dcterms.created", "parsely-pub-date", "og:published_time") ??
      str(ld?.["datePublished"]) ??
      doc.querySelector("time[datetime]")?.getAttribute("datetime")?.trim(),
    site: meta("og:site_name", "application-name") ?? str(ld?.["publisher"]),
    url: meta("og:url") ?? canonical,
  };
  // An author given as a profile URL (article:author on Facebook-style pages) is no name.
  if (out.author && /^https?:\/\//.test(out.author)) out.author = str(ld?.["author"]);
  for (const k of Object.keys(out) as (keyof HtmlMeta)[]) if (out[k] === undefined) delete out[k];
  return out;
}
