// JSON Lines: one article per line, fields text (required), title, url, author, published,
// site. A line that is not JSON or has no text is a skip naming the line (its `record`; the reason
// does not repeat it); the batch goes on.

import { makeArticle } from "./article.js";
import type { Article } from "./types.js";

export type JsonlRecord = { record: string; article: Article } | { record: string; reason: string };

function field(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

export function parseJsonLine(line: string, lineNo: number): JsonlRecord | null {
  const record = `line ${lineNo}`;
  if (!line.trim()) return null; // blank lines separate nothing and are no records
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch (e) {
    return { record, reason: `not valid JSON (${(e as Error).message})` };
  }
  if (!o || typeof o !== "object" || Array.isArray(o)) return { record, reason: "not a JSON object" };
  const obj = o as Record<string, unknown>;
  const text = obj.text;
  if (text === undefined) return { record, reason: 'no "text" field' };
  if (typeof text !== "string") return { record, reason: `"text" is ${text === null ? "null" : Array.isArray(text) ? "an array" : `a ${typeof text}`}, not a string` };
  const a = makeArticle({
    text,
    title: field(obj, "title"),
    url: field(obj, "url"),
    author: field(obj, "author"),
    published: field(obj, "published"),
    site: field(obj, "site"),
  });
  return "reason" in a ? { record, reason: a.reason } : { record, article: a };
}

/** Splits a byte stream into lines without holding the whole file (JSONL dumps get large). */
export async function* readJsonl(source: AsyncIterable<Uint8Array | string>, maxLineBytes: number): AsyncGenerator<JsonlRecord> {
  const decoder = new TextDecoder("utf-8");
  let buf = "";
  let lineNo = 0;
  let overlong = false;
  const handle = function* (line: string): Generator<JsonlRecord> {
    lineNo++;
    if (overlong) {
      overlong = false;
      yield { record: `line ${lineNo}`, reason: `over the limit of ${maxLineBytes} bytes` };
      return;
    }
    const r = parseJsonLine(line.replace(/\r$/, "").replace(/^\uFEFF/, ""), lineNo);
    if (r) yield r;
  };
  for await (const chunk of source) {
    buf += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      yield* handle(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
    if (buf.length > maxLineBytes) {
      // Drop the rest of a runaway line instead of buffering it; report it when it ends.
      overlong = true;
      buf = "";
    }
  }
  buf += decoder.decode();
  if (buf.length || overlong) yield* handle(buf);
}
