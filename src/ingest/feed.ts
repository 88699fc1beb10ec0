// RSS 2.0 / RSS 1.0 (RDF) and Atom feeds: one article per item or entry, with the full content
// (content:encoded, Atom content) when the feed carries it, else the description or summary.

import { XMLParser } from "fast-xml-parser";
import { makeArticle } from "./article.js";
import { htmlFragmentToText } from "./htmlText.js";
import type { Article } from "./types.js";

type Node = Record<string, unknown>;
export type FeedRecord = { record: string; article: Article } | { record: string; reason: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  isArray: (name) => name === "item" || name === "entry" || name === "link",
  // Feed content is HTML: keep it as a string, do not try to turn its markup into numbers.
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
});

function text(x: unknown): string | undefined {
  if (typeof x === "string") return x;
  if (typeof x === "number") return String(x);
  if (Array.isArray(x)) return text(x[0]);
  if (x && typeof x === "object") {
    const o = x as Node;
    if (typeof o["#text"] === "string" || typeof o["#text"] === "number") return String(o["#text"]);
    if (o["name"] !== undefined) return text(o["name"]);
  }
  return undefined;
}

/** HTML (or escaped HTML) to text; Atom's type="text" content is already plain. */
function body(x: unknown): string | undefined {
  const raw = text(x);
  if (!raw) return undefined;
  const type = x && typeof x === "object" && !Array.isArray(x) ? (x as Node)["@_type"] : undefined;
  if (type === "text") return raw;
  return htmlFragmentToText(raw);
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return text(links);
  const pick = links.find((l) => (l as Node)["@_rel"] === undefined || (l as Node)["@_rel"] === "alternate") ?? links[0];
  if (pick && typeof pick === "object") return ((pick as Node)["@_href"] as string | undefined) ?? text(pick);
  return text(pick);
}

/** Is this XML a feed? Checked on the parsed root so a sitemap or SVG is not taken for one. */
export function parseFeed(xml: string): FeedRecord[] | null {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    throw new Error(`not well-formed XML: ${(e as Error).message.split("\n")[0]}`);
  }
  const rss = doc["rss"] as Node | undefined;
  const rdf = doc["rdf:RDF"] as Node | undefined;
  const atom = doc["feed"] as Node | undefined;
  if (rss || rdf) {
    const channel = ((rss ?? rdf)!["channel"] ?? {}) as Node;
    const items = ((rss ? channel["item"] : rdf!["item"]) ?? []) as Node[];
    const site = text(channel["title"]);
    return items.map((it, i) => {
      const record = `item ${i + 1}`;
      const content = body(it["content:encoded"]) || body(it["description"]);
      const a = makeArticle({
        text: content ?? "",
        title: text(it["title"]),
        url: text(it["link"]) ?? text(it["guid"]),
        author: text(it["dc:creator"]) ?? text(it["author"]),
        published: text(it["pubDate"]) ?? text(it["dc:date"]),
        site,
      });
      return "reason" in a ? { record, reason: `${record}: ${a.reason}` } : { record, article: a };
    });
  }
  if (atom) {
    const site = text(atom["title"]);
    const entries = (atom["entry"] ?? []) as Node[];
    return entries.map((e, i) => {
      const record = `entry ${i + 1}`;
      const content = body(e["content"]) || body(e["summary"]);
      const a = makeArticle({
        text: content ?? "",
        title: text(e["title"]),
        url: atomLink(e["link"]),
        author: text(e["author"]),
        published: text(e["published"]) ?? text(e["updated"]),
        site,
      });
      return "reason" in a ? { record, reason: `${record}: ${a.reason}` } : { record, article: a };
    });
  }
  return null;
}
