// The ingest entry point: paths (files, folders, "-") in, a stream of article and skip events
// out. Every failure below the level of "the whole call" is a skip event with a reason, so a
// bad file or record never stops a batch. WARC and JSONL are streamed; other formats are read
// whole, within the size limit.

import { closeSync, constants, createReadStream, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { isUnspinError } from "../errors.js";
import { makeArticle, titleFromText } from "./article.js";
import { decodeTextBytes } from "./decode.js";
import { capped, counted, kindOf, readAllSync, reasonOf, single, walk } from "./files.js";
import { gunzipBounded, InputLimitError, isTruncation } from "./gunzip.js";
import { readJsonl } from "./jsonl.js";
import { STDIN_NAME, formatBytes, fsError } from "./readText.js";
import { formatFromBytes, formatFromName, type Sniffed } from "./sniff.js";
import type { IngestEvent, ReadArticlesOptions } from "./types.js";

// The format parsers pull in heavy libraries (linkedom, Readability, a charset
// detector, an XML parser: about 0.2 s to load). They load on first use, so checking plain text
// files, or a `compare`, does not pay for them.
type Parsers = {
  decodeWebBytes: typeof import("./charset.js").decodeWebBytes;
  decodingNote: typeof import("./charset.js").decodingNote;
  parseFeed: typeof import("./feed.js").parseFeed;
  extractHtml: typeof import("./html.js").extractHtml;
  readWarc: typeof import("./warc.js").readWarc;
};
let parsers: Promise<Parsers> | undefined;
function loadParsers(): Promise<Parsers> {
  parsers ??= Promise.all([import("./charset.js"), import("./feed.js"), import("./html.js"), import("./warc.js")]).then(([c, f, h, w]) => ({
    decodeWebBytes: c.decodeWebBytes,
    decodingNote: c.decodingNote,
    parseFeed: f.parseFeed,
    extractHtml: h.extractHtml,
    readWarc: w.readWarc,
  }));
  return parsers;
}

/** Per-document limit: far above any article, and what keeps one huge file from exhausting memory. */
export const DEFAULT_INGEST_MAX_BYTES = 50 * 1024 * 1024;
/**
 * Per-input limit on bytes decompressed (.warc.gz, .gz) or streamed from a pipe or stdin: a
 * whole crawl file decompresses to a few GB; a gzip bomb of zeros to any size.
 */
export const DEFAULT_INGEST_MAX_FILE_BYTES = 16 * 1024 * 1024 * 1024;
const HEAD_BYTES = 8192;

type Ctx = {
  input: string;
  fileUrl?: string;
  maxBytes: number;
  maxFileBytes: number;
  /** " (raise --max-bytes)" when the caller has such an option, else "". */
  hint: string;
  fileHint: string;
  onBytes?: (n: number) => void;
};
type Chunks = AsyncIterable<Uint8Array>;

export async function* readArticles(inputs: string[], options: ReadArticlesOptions = {}): AsyncGenerator<IngestEvent> {
  // Adapters report increments; the caller gets the running total (what a progress bar wants).
  let total = 0;
  const report = options.onBytes;
  const base = {
    maxBytes: options.maxBytes ?? DEFAULT_INGEST_MAX_BYTES,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_INGEST_MAX_FILE_BYTES,
    hint: options.optionNames?.maxBytes ? ` (raise ${options.optionNames.maxBytes})` : "",
    fileHint: options.optionNames?.maxFileBytes ? ` (raise ${options.optionNames.maxFileBytes})` : "",
    ...(report ? { onBytes: (n: number) => report((total += n)) } : {}),
  };
  for (const input of inputs) {
    if (input === "-") {
      const ctx: Ctx = { ...base, input: STDIN_NAME };
      yield* guarded(ctx, () => readStream(options.stdin ?? process.stdin, ctx, options.format));
      continue;
    }
    let st: Stats;
    try {
      st = await stat(input);
    } catch (e) {
      yield skip(input, reasonOf(fsError(e, input)));
      continue;
    }
    const files = st.isDirectory() ? walk(input) : single(input, kindOf(st));
    for await (const file of files) {
      if ("reason" in file) {
        yield skip(file.path, file.reason);
        continue;
      }
      if (file.kind !== "file" && file.kind !== "fifo") {
        yield skip(file.path, `is ${file.kind}, not a file; skipped`);
        continue;
      }
      const ctx: Ctx = { ...base, input: file.path, fileUrl: pathToFileURL(resolve(file.path)).href };
      // A named pipe is read like stdin: counted as it arrives, within the limits.
      if (file.kind === "fifo") yield* guarded(ctx, () => readStream(createReadStream(file.path), ctx, options.format ?? formatFromName(file.path)));
      else yield* guarded(ctx, () => readFileEvents(file.path, ctx, options.format));
    }
  }
}

function skip(input: string, reason: string, record?: string): IngestEvent {
  return record === undefined ? { kind: "skip", input, reason } : { kind: "skip", input, record, reason };
}

/** Runs one input's reader; an exception from it becomes a skip, and the batch goes on. */
async function* guarded(ctx: Ctx, run: () => AsyncGenerator<IngestEvent>): AsyncGenerator<IngestEvent> {
  try {
    yield* run();
  } catch (e) {
    yield skip(ctx.input, reasonOf(e));
  }
}

async function* readFileEvents(path: string, ctx: Ctx, forced?: Sniffed): AsyncGenerator<IngestEvent> {
  // Whole-file reads are synchronous on purpose: a folder of small articles spends most of its
  // time in thread-pool round trips otherwise (open, fstat, read, close per file), which halves
  // the ingest rate; each read is bounded by maxBytes. O_NONBLOCK keeps the open from waiting
  // for a writer should the file have been replaced by a named pipe; it changes nothing for a
  // regular file.
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fsError(e, path);
  }
  let st: Stats;
  let head: Uint8Array = new Uint8Array(0);
  let fmt: Sniffed | undefined = forced ?? formatFromName(path);
  let bytes: Buffer | null = null;
  let streaming = false;
  try {
    st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind !== "file") {
      yield skip(ctx.input, kind === "fifo" ? "became a named pipe while being opened; skipped" : `is ${kind}, not a file; skipped`);
      return;
    }
    // The first bytes are only needed to sniff an unknown format or to see whether a stream is
    // gzipped; a plain .txt or .html is read once, whole (what makes folder ingest fast).
    if (fmt === undefined || fmt === "gzip" || fmt === "warc" || fmt === "jsonl") {
      const buf = Buffer.alloc(HEAD_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0));
    }
    fmt ??= formatFromBytes(head);
    const inner = isGzip(head) ? formatFromName(path.replace(/\.gz$/i, "")) : undefined;
    if (fmt === "gzip" && (inner === "warc" || isWarcGzip(head))) fmt = "warc";
    else if (fmt === "gzip" && inner === "jsonl") fmt = "jsonl";
    streaming = fmt === "warc" || fmt === "jsonl";
    if (!streaming && st.size <= ctx.maxBytes) bytes = readAllSync(fd, st.size, ctx.maxBytes);
  } catch (e) {
    throw fsError(e, path);
  } finally {
    if (!streaming) closeSync(fd);
  }
  if (fmt === "warc" || fmt === "jsonl") {
    // The stream owns the descriptor from here and closes it when it ends or is dropped.
    const raw = counted(createReadStream(path, { fd, start: 0 }) as unknown as Chunks, ctx.onBytes);
    yield* streamed(fmt, isGzip(head) ? gunzipBounded(raw, ctx.maxFileBytes) : raw, ctx);
    return;
  }
  if (st.size > ctx.maxBytes) {
    yield skip(ctx.input, `${formatBytes(st.size)} is over the per-document limit of ${formatBytes(ctx.maxBytes)}; skipped${ctx.hint}`);
    return;
  }
  if (!bytes) {
    // Counted while reading: a file can grow after fstat, and some report a size of 0.
    yield skip(ctx.input, `more than the per-document limit of ${formatBytes(ctx.maxBytes)}; skipped${ctx.hint}`);
    return;
  }
  ctx.onBytes?.(bytes.length);
  yield* fromBytes(bytes, fmt, ctx, path.replace(/\.gz$/i, ""));
}

const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

async function* streamed(fmt: "warc" | "jsonl", src: Chunks, ctx: Ctx): AsyncGenerator<IngestEvent> {
  if (fmt === "warc") {
    const { readWarc } = await loadParsers();
    for await (const r of readWarc(src, { maxBytes: ctx.maxBytes, hint: ctx.hint })) {
      if ("reason" in r) yield skip(ctx.input, r.reason, r.record);
      else yield { kind: "article", input: ctx.input, record: r.record, article: r.article };
    }
    return;
  }
  let last: string | undefined;
  try {
    for await (const r of readJsonl(src, ctx.maxBytes)) {
      last = r.record;
      if ("reason" in r) yield skip(ctx.input, r.reason, r.record);
      else yield { kind: "article", input: ctx.input, record: r.record, article: r.article };
    }
  } catch (e) {
    yield skip(ctx.input, streamFailure(e, last ? `after ${last}` : "at the start", ctx));
  }
}

/** Why a stream stopped early: a size limit, a truncated or damaged gzip stream, a read error. */
function streamFailure(e: unknown, at: string, ctx: Ctx): string {
  if (e instanceof InputLimitError) return `decompresses or streams past ${formatBytes(e.limit)} (the per-file limit) ${at}; rest of input skipped${ctx.fileHint}`;
  if (isTruncation(e)) return `truncated: the gzip data ends ${at}`;
  const code = (e as { code?: string } | null)?.code;
  if (code === "Z_DATA_ERROR") return `gzip data damaged ${at} (${(e as Error).message})`;
  return `read error ${at} (${reasonOf(e)})`;
}

async function* fromBytes(bytes: Uint8Array, fmt: Sniffed, ctx: Ctx, innerName: string): AsyncGenerator<IngestEvent> {
  switch (fmt) {
    case "gzip": {
      let inner: Uint8Array;
      try {
        inner = gunzipSync(bytes, { maxOutputLength: ctx.maxBytes });
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
          yield skip(ctx.input, `decompresses past ${formatBytes(ctx.maxBytes)} (the per-document limit); skipped${ctx.hint}`);
        } else if (isTruncation(e)) {
          yield skip(ctx.input, `truncated: the gzip data ends early (${(e as Error).message})`);
        } else {
          yield skip(ctx.input, `gzip data could not be read: ${(e as Error).message}`);
        }
        return;
      }
      const innerFmt = formatFromName(innerName);
      const f = innerFmt && innerFmt !== "gzip" ? innerFmt : formatFromBytes(inner);
      if (f === "gzip") {
        yield skip(ctx.input, "gzip inside gzip is not read");
        return;
      }
      if (f === "warc" || f === "jsonl") yield* streamed(f, [inner] as unknown as Chunks, ctx);
      else yield* fromBytes(inner, f, ctx, innerName);
      return;
    }
    case "warc":
    case "jsonl":
      yield* streamed(fmt, (async function* () {
        yield bytes;
      })(), ctx);
      return;
    case "binary":
      yield skip(ctx.input, "binary data, not text or a known document format (give plain text, HTML, RSS/Atom, JSON Lines or WARC files)");
      return;
    case "html": {
      const { extractHtml, decodeWebBytes, decodingNote } = await loadParsers();
      const decoded = decodeWebBytes(bytes);
      const fields = extractHtml(decoded.text);
      yield article(ctx, { ...fields, url: ctx.fileUrl ?? fields.url }, decodingNote(decoded));
      return;
    }
    case "feed": {
      const { parseFeed, decodeWebBytes, decodingNote } = await loadParsers();
      const decoded = decodeWebBytes(bytes);
      const note = decodingNote(decoded);
      const items = parseFeed(decoded.text);
      if (!items) {
        yield skip(ctx.input, "XML, but not an RSS or Atom feed");
        return;
      }
      if (items.length === 0) yield skip(ctx.input, "feed with no items");
      for (const it of items) {
        if ("reason" in it) yield skip(ctx.input, it.reason, it.record);
        else yield { kind: "article", input: ctx.input, record: it.record, article: it.article, ...(note ? { notes: [note] } : {}) };
      }
      return;
    }
    case "text": {
      let text: string;
      let note: string | undefined;
      try {
        text = decodeTextBytes(bytes, ctx.input);
      } catch (e) {
        if (!isUnspinError(e) || e.code !== "INPUT_INVALID_UTF8") throw e;
        // Legacy encodings are common in old text corpora.
        const { decodeWebBytes, decodingNote } = await loadParsers();
        const decoded = decodeWebBytes(bytes);
        text = decoded.text;
        note = decodingNote(decoded);
      }
      yield article(ctx, { text, title: titleFromText(text), url: ctx.fileUrl }, note);
      return;
    }
  }
}

function article(ctx: Ctx, fields: Parameters<typeof makeArticle>[0], note?: string): IngestEvent {
  const a = makeArticle(fields);
  return "reason" in a ? skip(ctx.input, a.reason) : { kind: "article", input: ctx.input, article: a, ...(note ? { notes: [note] } : {}) };
}

/**
 * A stream of unknown length (stdin, a named pipe): sniffed from its first bytes, then streamed
 * (WARC, JSONL) within the per-file limit, or read whole within the per-document limit.
 */
async function* readStream(stream: NodeJS.ReadableStream, ctx: Ctx, named?: Sniffed): AsyncGenerator<IngestEvent> {
  const it = (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  try {
    const headParts: Buffer[] = [];
    let headLen = 0;
    let done = false;
    while (headLen < HEAD_BYTES) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      const b = Buffer.from(r.value);
      headParts.push(b);
      headLen += b.length;
    }
    const head = Buffer.concat(headParts);
    const rest: Chunks = (async function* () {
      yield head;
      if (done) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield Buffer.from(r.value);
    })();
    let fmt = named ?? formatFromBytes(head);
    const gz = isGzip(head);
    if (gz && (fmt === "warc" || (fmt === "gzip" && isWarcGzip(head)))) fmt = "warc";
    const src = counted(rest, ctx.onBytes);
    if (fmt === "warc" || fmt === "jsonl") {
      yield* streamed(fmt, gz ? gunzipBounded(src, ctx.maxFileBytes) : capped(src, ctx.maxFileBytes), ctx);
      return;
    }
    const parts: Buffer[] = [];
    let total = 0;
    for await (const c of src) {
      total += c.length;
      if (total > ctx.maxBytes) {
        yield skip(ctx.input, `more than the per-document limit of ${formatBytes(ctx.maxBytes)}; skipped${ctx.hint}`);
        return;
      }
      parts.push(Buffer.from(c));
    }
    yield* fromBytes(Buffer.concat(parts), fmt, ctx, ctx.input === STDIN_NAME ? "" : ctx.input.replace(/\.gz$/i, ""));
  } finally {
    // Stop reading a pipe that is not read to its end (a skip, a limit).
    await it.return?.();
  }
}

/** A gzip stream whose first member starts with "WARC/" (checked on the head alone). */
function isWarcGzip(head: Uint8Array): boolean {
  try {
    const inner = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: accept a partial stream */, maxOutputLength: 64 * 1024 });
    return Buffer.from(inner.subarray(0, 5)).toString("latin1") === "WARC/";
  } catch {
    return false;
  }
}
