// The HTTP response stored in a WARC `response` record: status line, headers, body. The body is
// undone as the server sent it: chunked transfer coding removed, gzip, deflate or brotli content
// coding decompressed within the caller's limit (a compressed body is one more way to hide a
// gigabyte in a few kilobytes). Crawlers often store bodies already decoded but keep the header,
// so a body that does not decode as announced is used as it is.

import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { InputLimitError } from "./gunzip.js";

export interface HttpHead {
  status: number;
  /** Header names lower-cased; a repeated header keeps its first value. */
  headers: Map<string, string>;
  /** Offset of the body in the record block. */
  bodyStart: number;
}

const CRLFCRLF = Buffer.from("\r\n\r\n");
const LFLF = Buffer.from("\n\n");
/** An HTTP header block longer than this is not one. */
export const HTTP_HEAD_MAX = 64 * 1024;

/** Parses the status line and headers at the start of `block`; null when they are not HTTP. */
export function parseHttpHead(block: Buffer): HttpHead | null {
  const window = block.subarray(0, HTTP_HEAD_MAX);
  let end = window.indexOf(CRLFCRLF);
  let sep = 4;
  const lf = window.indexOf(LFLF);
  if (lf >= 0 && (end < 0 || lf < end)) {
    end = lf;
    sep = 2;
  }
  if (end < 0) {
    // Headers with no body after them end at the block's end.
    if (block.length > HTTP_HEAD_MAX) return null;
    end = block.length;
    sep = 0;
  }
  const lines = window.subarray(0, end).toString("latin1").split(/\r?\n/);
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(lines[0] ?? "");
  if (!m) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { status: Number(m[1]), headers, bodyStart: Math.min(block.length, end + sep) };
}

/** Removes chunked transfer coding; null when the body is not validly chunked. */
export function dechunk(body: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const nl = body.indexOf(0x0a, at);
    if (nl < 0 || nl - at > 64) return null;
    const size = parseInt(body.subarray(at, nl).toString("latin1").split(";")[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) return null;
    at = nl + 1;
    if (size === 0) return Buffer.concat(parts);
    if (at + size > body.length) {
      // A cut-off chunk: keep what arrived.
      parts.push(body.subarray(at));
      return Buffer.concat(parts);
    }
    parts.push(body.subarray(at, at + size));
    at += size;
    if (body[at] === 0x0d) at++;
    if (body[at] === 0x0a) at++;
    if (at >= body.length) return Buffer.concat(parts);
  }
}

/**
 * The body as the page's bytes: transfer coding and content coding undone. Throws
 * InputLimitError when the decoded body would pass `maxBytes`.
 */
export function decodeBody(head: HttpHead, body: Buffer, maxBytes: number): Buffer {
  const transfer = (head.headers.get("transfer-encoding") ?? "").toLowerCase();
  let out = body;
  if (transfer.includes("chunked")) out = dechunk(out) ?? out;
  const coding = (head.headers.get("content-encoding") ?? (transfer.includes("chunked") ? "" : transfer)).toLowerCase().trim();
  const opts = { maxOutputLength: maxBytes };
  const tries: ((b: Buffer) => Buffer)[] =
    coding === "gzip" || coding === "x-gzip"
      ? [(b) => gunzipSync(b, opts)]
      : coding === "deflate"
        ? [(b) => inflateSync(b, opts), (b) => inflateRawSync(b, opts)]
        : coding === "br"
          ? [(b) => brotliDecompressSync(b, opts)]
          : [];
  for (const t of tries) {
    try {
      return t(out);
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
        throw new InputLimitError(`content decompresses past ${maxBytes} bytes`, maxBytes);
      }
      // Not compressed after all: crawlers often store the decoded body and keep the header.
    }
  }
  if (out.length > maxBytes) throw new InputLimitError(`body of ${out.length} bytes`, maxBytes);
  return out;
}
