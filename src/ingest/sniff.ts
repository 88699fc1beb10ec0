// Which adapter reads an input: by extension first (cheap, and what the user meant), else by
// looking at the first bytes, so files without extensions and stdin work too.

import { extname } from "node:path";
import { sniffBinary } from "./decode.js";
import type { Format } from "./types.js";

export type Sniffed = Format | "gzip" | "binary";

const BY_EXTENSION: Record<string, Format> = {
  ".txt": "text", ".text": "text", ".md": "text",
  ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
  ".warc": "warc",
  ".rss": "feed", ".atom": "feed", ".xml": "feed",
  ".jsonl": "jsonl", ".ndjson": "jsonl",
};

/** Format from the file name; `.warc.gz` is WARC, other `.gz` names are judged by their inner name. */
export function formatFromName(name: string): Sniffed | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".warc.gz")) return "warc";
  if (lower.endsWith(".gz")) return "gzip";
  return BY_EXTENSION[extname(lower)];
}

/** Format from content: the first few KiB are enough for every format read here. */
export function formatFromBytes(head: Uint8Array): Sniffed {
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  const s = Buffer.from(head.subarray(start, start + 2048)).toString("latin1").trimStart();
  if (s.startsWith("WARC/")) return "warc";
  if (/^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/i.test(s) || /^<(rss|feed|rdf:RDF)\b/i.test(s)) return "feed";
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|meta|title|article|div|p)\b/i.test(s) || /^<\?xml[^>]*>\s*<!doctype html/i.test(s)) return "html";
  if (s.startsWith("{")) return "jsonl";
  return sniffBinary(head.subarray(start)).binary ? "binary" : "text";
}
