// Builders for ingest fixtures in the real formats, written by the tests themselves: news-like
// HTML pages with boilerplate around the article, WARC files made with warcio's own writer,
// RSS and Atom feeds. Texts are invented for this project.
import { WARCRecord, WARCSerializer } from "warcio";

export const STORY = [
  "The city council voted on Tuesday to close the Elm Street library next spring, citing a budget gap of 2.4 million dollars.",
  "Residents packed the meeting hall and several speakers urged the council to delay the decision until a review of the branch network was finished.",
  "Mayor Ana Kovacs said the vote was painful but necessary, and promised that mobile library services would visit the neighbourhood twice a week.",
];

export function newsPage(opts: { title?: string; body?: string[]; extraHead?: string; charsetMeta?: string } = {}): string {
  const body = opts.body ?? STORY;
  return `<!doctype html>
<html><head>${opts.charsetMeta ?? '<meta charset="utf-8">'}
<title>${opts.title ?? "Council votes to close library"} | Example Gazette</title>
<meta property="og:title" content="${opts.title ?? "Council votes to close library"}">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2024-05-07T09:30:00Z">
<meta name="author" content="Jo Writer">
${opts.extraHead ?? ""}
</head><body>
<header><div class="logo">Example Gazette</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport results</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav></header>
<div class="ad-banner">ADVERTISEMENT Buy cheap flights now and save big</div>
<main><article>
<h1>${opts.title ?? "Council votes to close library"}</h1>
<div class="article-byline">By Jo Writer</div><p class="stamp">Updated May 7, 2024 9:30 AM</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
<figure><img src="lib.jpg" alt=""><figcaption>The Elm Street branch in 2019. Photo: Sam Lens / Gazette archive</figcaption></figure>
${body.map((p, i) => `<p>${p}</p>${i === 0 ? '<div class="inline-related"><a href="/x">Read more: Council budget explained in five charts</a></div>' : ""}`).join("\n")}
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens floating restaurant</a></li><li><a href="/b">Ten gadgets you need this summer</a></li></ul></aside>
</main>
<footer><p>Copyright 2024 Example Gazette Media Group. All rights reserved. Privacy policy and cookie settings.</p></footer>
<script>window.trackingPixel = "should never appear";</script>
</body></html>`;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export interface WarcEntry {
  url: string;
  date?: string;
  type?: "response" | "request" | "resource";
  contentType?: string;
  status?: number;
  body: string | Uint8Array;
}

/** Serialises records with warcio's WARCSerializer (gzip: one gzip member per record, as crawlers write). */
export async function buildWarc(entries: WarcEntry[], gzip: boolean): Promise<Buffer> {
  const out: Uint8Array[] = [];
  const info = WARCRecord.createWARCInfo({ filename: gzip ? "test.warc.gz" : "test.warc", warcVersion: "WARC/1.1" }, { software: "unspin tests" });
  out.push(await WARCSerializer.serialize(info, { gzip }));
  for (const e of entries) {
    const body = typeof e.body === "string" ? new TextEncoder().encode(e.body) : e.body;
    const type = e.type ?? "response";
    const rec = WARCRecord.create(
      {
        url: e.url,
        date: e.date ?? "2024-05-07T10:00:00Z",
        type,
        warcVersion: "WARC/1.1",
        ...(type === "resource" ? {} : { httpHeaders: type === "request" ? {} : { "Content-Type": e.contentType ?? "text/html; charset=utf-8" }, statusline: type === "request" ? `GET / HTTP/1.1` : `HTTP/1.1 ${e.status ?? 200} OK` }),
      },
      once(body),
    );
    out.push(await WARCSerializer.serialize(rec, { gzip }));
  }
  return Buffer.concat(out);
}

export function rss(items: { title: string; link: string; description?: string; content?: string; pubDate?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Gazette</title><link>https://gazette.example/</link><description>News</description>
${items
  .map(
    (i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ""}<dc:creator>Jo Writer</dc:creator>
${i.description !== undefined ? `<description>${i.description}</description>` : ""}
${i.content !== undefined ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ""}</item>`,
  )
  .join("\n")}
</channel></rss>`;
}

export function atom(entries: { title: string; link: string; content?: string; summary?: string; updated: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Blog</title><id>urn:x</id><updated>2024-05-07T00:00:00Z</updated>
${entries
  .map(
    (e) => `<entry><title>${e.title}</title><link rel="alternate" href="${e.link}"/><link rel="edit" href="${e.link}/edit"/><id>${e.link}</id><updated>${e.updated}</updated><author><name>Sam Blogger</name></author>
${e.summary !== undefined ? `<summary>${e.summary}</summary>` : ""}${e.content !== undefined ? `<content type="html">${e.content.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</content>` : ""}</entry>`,
  )
  .join("\n")}
</feed>`;
}
