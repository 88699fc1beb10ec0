// WARC and WARC.gz crawls, streamed record by record: only HTTP `response` records holding HTML
// become articles (a crawl is mostly requests, images and scripts, which are not "bad records"
// and are passed over silently). URL and date come from the WARC headers, the charset from the
// HTTP Content-Type.
//
// Records are framed here, not by a library, because crawls are hostile input: every step is
// bounded (a header block of at most 256 KiB, a body read only when it is a page within the
// per-record limit, bodies of other records skipped without being held), a record with a
// malformed header or a Content-Length that does not match is reported and reading
// resynchronises on the next line that starts a record ("WARC/1."), and nothing is ever written
// to the console. A damaged or truncated file yields the records before the damage, then one
// skip that says where reading stopped.

import { ByteReader } from "./byteReader.js";
import { makeArticle } from "./article.js";
import { decodeWebBytes } from "./charset.js";
import { extractHtml } from "./html.js";
import { decodeBody, parseHttpHead } from "./http.js";
import { InputLimitError, isTruncation } from "./gunzip.js";
import { formatBytes } from "./readText.js";
import type { Article } from "./types.js";

export type WarcRecord = { record: string; article: Article } | { record: string; reason: string };

export interface WarcLimits {
  /** Largest record body read (a page), and the most bytes passed over looking for a record. */
  maxBytes: number;
  /** Appended to reasons that name the limit, e.g. " (raise --max-bytes)"; empty by default. */
  hint?: string;
}

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)/i;
/** A WARC header block (version line and named fields) longer than this is not one. */
export const WARC_HEADER_MAX = 256 * 1024;
/** Where a record starts: a version line at the start of a line. */
const RECORD_START = Buffer.from("WARC/");
const NEXT_RECORD = Buffer.from("\nWARC/");
const CRLFCRLF = Buffer.from("\r\n\r\n");
const LFLF = Buffer.from("\n\n");
/** Read from the start of an oversized page record: enough for its HTTP headers. */
const PEEK_BYTES = 64 * 1024;

interface WarcHead {
  version: string;
  fields: Map<string, string>;
  length: number;
}

/** Parses a WARC header block; a string says what is wrong with it. */
function parseWarcHead(block: string): WarcHead | string {
  const lines = block.split(/\r?\n/);
  const version = lines[0]!.trim();
  if (!/^WARC\/\d+\.\d+$/.test(version)) return `not a WARC version line: ${JSON.stringify(version.slice(0, 40))}`;
  const fields = new Map<string, string>();
  let last = "";
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    if ((line[0] === " " || line[0] === "\t") && last) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return `header line without a name: ${JSON.stringify(line.slice(0, 40))}`;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(last)) fields.set(last, line.slice(colon + 1).trim());
  }
  const cl = fields.get("content-length");
  if (cl === undefined) return "no Content-Length";
  if (!/^\d{1,15}$/.test(cl)) return `Content-Length is not a number: ${JSON.stringify(cl.slice(0, 40))}`;
  return { version, fields, length: Number(cl) };
}

/**
 * Reads an uncompressed WARC stream (the caller gunzips .warc.gz with gunzipBounded, which,
 * unlike a quiet decoder, reports a truncated gzip member and stops at a size limit).
 */
export async function* readWarc(source: AsyncIterable<Uint8Array>, limits: WarcLimits): AsyncGenerator<WarcRecord> {
  const { maxBytes } = limits;
  const hint = limits.hint ?? "";
  const r = new ByteReader(source);
  let n = 0;
  let done = 0;
  let name = "start of file";
  const label = (): string => (name === `record ${n}` ? name : `record ${n} (${name})`);
  const where = (): string => (n === 0 ? "at the start of the file" : `${done === n ? "after" : "inside"} ${label()}`);
  // The end of the data: the source may have stopped early, which is what the reason says then.
  const end = (plain: string | null): WarcRecord | null => {
    if (r.failure !== undefined) return { record: name, reason: sourceReason(r.failure, where(), hint) };
    return plain === null ? null : { record: name, reason: plain };
  };
  const lost = (): string => `no WARC record start within ${formatBytes(maxBytes)} ${n === 0 ? "of the start of the file" : `after record ${n}`}; rest of file skipped${hint}`;
  for (;;) {
    // Records are separated by a blank line; tolerate any run of line breaks.
    await skipBreaks(r);
    if (await r.atEnd()) {
      const e = end(null);
      if (e) yield e;
      return;
    }
    n++;
    name = `record ${n}`;
    const start = r.offset;
    const head = await readHead(r);
    if (head === "eof") {
      yield end(`truncated: the data ends inside the header of record ${n} (at byte ${start}); records before it were read`)!;
      return;
    }
    if ("problem" in head) {
      if (head.uri) name = head.uri;
      done = n;
      const bad: WarcRecord = { record: name, reason: `record ${n} (${head.uri ?? `at byte ${start}`}): malformed WARC header (${head.problem}); skipped` };
      const next = await resync(r, maxBytes);
      if (next === "limit" && start === 0) {
        // Not a WARC at all (a gzip of zeros named .warc.gz): one reason, not two.
        yield { record: name, reason: `no WARC record in the first ${formatBytes(maxBytes)} (${head.problem}); skipped${hint}` };
        return;
      }
      yield bad;
      if (next !== "found") {
        const e = end(next === "end" ? null : lost());
        if (e) yield e;
        return;
      }
      continue;
    }
    const uri = stripAngles(head.fields.get("warc-target-uri"));
    if (uri) name = uri;
    let read = 0;
    let body: Buffer | null = null;
    let event: WarcRecord | null = null;
    if (head.fields.get("warc-type") !== "response") {
      read = await r.skip(head.length);
    } else {
      // The HTTP headers say whether the record is a page; other bodies are never held.
      const peek = await r.read(Math.min(head.length, PEEK_BYTES));
      read = peek.length;
      const http = parseHttpHead(peek);
      const ct = http?.headers.get("content-type");
      const page = Boolean(http && ct && HTML_TYPE.test(ct));
      if (page && head.length > maxBytes) {
        event = { record: name, reason: `${name}: record of ${formatBytes(head.length)} is over the per-record limit of ${formatBytes(maxBytes)}; skipped${hint}` };
      }
      if (page && !event) {
        body = peek.length < head.length ? Buffer.concat([peek, await r.read(head.length - peek.length)]) : peek;
        read = body.length;
      } else {
        read += await r.skip(head.length - peek.length);
      }
    }
    if (read < head.length) {
      yield end(`truncated: the data ends inside ${label()}, ${head.length - read} of its ${head.length} bytes missing; records before it were read`)!;
      return;
    }
    done = n;
    if (!(await recordEnds(r))) {
      // A Content-Length too long swallowed the start of the next record: find it in the body.
      const inside = body ? body.indexOf(NEXT_RECORD) : -1;
      if (body && inside >= 0) r.unread(body.subarray(inside + 1));
      yield { record: name, reason: `${label()}: Content-Length ${head.length} does not match the record (no record boundary after it); skipped` };
      const next = inside < 0 ? await resync(r, maxBytes) : "found";
      if (next !== "found") {
        const e = end(next === "end" ? null : lost());
        if (e) yield e;
        return;
      }
      continue;
    }
    if (event) yield event;
    else if (body) {
      const out = responseArticle(body, name, uri, head.fields.get("warc-date"), maxBytes, hint);
      if (out) yield out;
    }
  }
}

function sourceReason(e: unknown, where: string, hint: string): string {
  if (e instanceof InputLimitError) return `decompresses past ${formatBytes(e.limit)} (the per-file limit) ${where}; rest of file skipped${hint}`;
  if (isTruncation(e)) return `truncated: the gzip data ends ${where}; records before it were read`;
  const code = (e as { code?: string } | null)?.code;
  if (code === "Z_DATA_ERROR" || code === "Z_STREAM_ERROR") return `gzip data damaged ${where} (${(e as Error).message}); records before it were read`;
  return `read error ${where} (${e instanceof Error ? e.message : String(e)}); records before it were read`;
}

function stripAngles(s: string | undefined): string | undefined {
  return s?.replace(/^<(.*)>$/, "$1") || undefined;
}

const isBreak = (b: number | undefined): boolean => b === 0x0d || b === 0x0a;

async function skipBreaks(r: ByteReader): Promise<void> {
  for (;;) {
    if ((await r.fill(1)) === 0) return;
    const b = r.peek();
    let i = 0;
    while (i < b.length && isBreak(b[i])) i++;
    r.take(i);
    if (i < b.length) return;
  }
}

/**
 * Reads the header block at the reader's position: the parsed head, a string saying what is
 * wrong with it, or "eof" when the stream ends inside it.
 */
async function readHead(r: ByteReader): Promise<WarcHead | { problem: string; uri?: string } | "eof"> {
  await r.fill(RECORD_START.length);
  const first = r.peek(RECORD_START.length);
  if (!RECORD_START.subarray(0, first.length).equals(first)) return { problem: `does not start with "WARC/"` };
  const crlf = await r.find(CRLFCRLF, WARC_HEADER_MAX);
  // A header block written with bare line feeds ends at the first blank line.
  const lf = await r.find(LFLF, crlf >= 0 ? crlf + 1 : WARC_HEADER_MAX);
  let end: { at: number; sep: number };
  if (lf >= 0 && (crlf < 0 || lf < crlf)) end = { at: lf, sep: 2 };
  else if (crlf >= 0) end = { at: crlf, sep: 4 };
  else return r.available >= WARC_HEADER_MAX ? { problem: `no header end within ${formatBytes(WARC_HEADER_MAX)}` } : "eof";
  const block = r.peek(end.at).toString("latin1");
  const head = parseWarcHead(block);
  if (typeof head === "string") {
    const uri = stripAngles(/^WARC-Target-URI:[ \t]*(\S{1,2000})/im.exec(block)?.[1]);
    return uri ? { problem: head, uri } : { problem: head };
  }
  r.take(end.at + end.sep);
  return head;
}

/** After a body: line breaks, then the end of the stream or the next record. */
async function recordEnds(r: ByteReader): Promise<boolean> {
  const want = 64 + RECORD_START.length;
  await r.fill(want);
  const b = r.peek(want);
  // The blank line the format puts after every block: the length was right, whatever follows
  // (the next record start is judged on its own).
  if (b.subarray(0, 4).equals(CRLFCRLF)) {
    r.take(4);
    return true;
  }
  let i = 0;
  while (i < b.length && isBreak(b[i])) i++;
  const rest = b.subarray(i);
  // Fewer bytes than asked for means the stream ends here: a partial record start is left for
  // the next read to report as truncated.
  const ok = rest.length < RECORD_START.length ? b.length < want && RECORD_START.subarray(0, rest.length).equals(rest) : rest.subarray(0, RECORD_START.length).equals(RECORD_START);
  if (ok) r.take(i);
  return ok;
}

/** Skips to the next line that starts a record: "found", or "limit" after `max` bytes without one, or "end". */
async function resync(r: ByteReader, max: number): Promise<"found" | "limit" | "end"> {
  const got = await r.skipTo(NEXT_RECORD, max);
  if (got === "found") r.take(1);
  return got;
}

function responseArticle(block: Buffer, name: string, uri: string | undefined, date: string | undefined, maxBytes: number, hint: string): WarcRecord | null {
  const http = parseHttpHead(block);
  if (!http) return null;
  const contentType = http.headers.get("content-type") ?? "";
  if (http.status < 200 || http.status >= 300) return { record: name, reason: `${name}: HTTP ${http.status}, not a page` };
  let payload: Buffer;
  try {
    payload = decodeBody(http, block.subarray(http.bodyStart), maxBytes);
  } catch (e) {
    if (e instanceof InputLimitError) return { record: name, reason: `${name}: page decompresses past ${formatBytes(maxBytes)} (the per-record limit); skipped${hint}` };
    throw e;
  }
  let fields;
  try {
    fields = extractHtml(decodeWebBytes(payload, contentType).text);
  } catch (e) {
    return { record: name, reason: `${name}: HTML could not be read (${(e as Error).message})` };
  }
  const a = makeArticle({ ...fields, url: uri ?? fields.url, published: fields.published ?? date });
  return "reason" in a ? { record: name, reason: `${name}: ${a.reason}` } : { record: name, article: a };
}
