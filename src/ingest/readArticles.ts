// The ingest entry point: paths (files, folders, "-") in, a stream of article and skip events
// out. Every failure below the level of "the whole call" is a skip event with a reason, so a
// bad file or record never stops a batch. WARC and JSONL are streamed; other formats are read
// whole, within the size limit.

import { createReadStream, readFileSync, statSync } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, createGunzip } from "node:zlib";
import { pipeline } from "node:stream";
import { isUnspinError } from "../errors.js";
import { makeArticle, titleFromText } from "./article.js";
import { decodeTextBytes } from "./decode.js";
import { readJsonl } from "./jsonl.js";
import { STDIN_NAME, formatBytes, fsError } from "./readText.js";
import { formatFromBytes, formatFromName, type Sniffed } from "./sniff.js";
import type { IngestEvent, ReadArticlesOptions } from "./types.js";

// The format parsers pull in heavy libraries (linkedom, Readability, warcio, a charset
// detector, an XML parser: about 0.2 s to load). They load on first use, so checking plain text
// files, or a `compare`, does not pay for them.
type Parsers = {
  decodeWebBytes: typeof import("./charset.js").decodeWebBytes;
  parseFeed: typeof import("./feed.js").parseFeed;
  extractHtml: typeof import("./html.js").extractHtml;
  readWarc: typeof import("./warc.js").readWarc;
};
let parsers: Promise<Parsers> | undefined;
function loadParsers(): Promise<Parsers> {
  parsers ??= Promise.all([import("./charset.js"), import("./feed.js"), import("./html.js"), import("./warc.js")]).then(([c, f, h, w]) => ({
    decodeWebBytes: c.decodeWebBytes,
    parseFeed: f.parseFeed,
    extractHtml: h.extractHtml,
    readWarc: w.readWarc,
  }));
  return parsers;
}

/** Per-document limit: far above any article, and what keeps one huge file from exhausting memory. */
export const DEFAULT_INGEST_MAX_BYTES = 50 * 1024 * 1024;
const HEAD_BYTES = 8192;

type Ctx = { input: string; fileUrl?: string; maxBytes: number; onBytes?: (n: number) => void };
type Chunks = AsyncIterable<Uint8Array>;

export async function* readArticles(inputs: string[], options: ReadArticlesOptions = {}): AsyncGenerator<IngestEvent> {
  const maxBytes = options.maxBytes ?? DEFAULT_INGEST_MAX_BYTES;
  // Adapters report increments; the caller gets the running total (what a progress bar wants).
  let total = 0;
  const report = options.onBytes;
  const opts: ReadArticlesOptions = { ...options, onBytes: report ? (n) => report((total += n)) : undefined };
  for (const input of inputs) {
    if (input === "-") {
      yield* guarded({ input: STDIN_NAME, maxBytes, onBytes: opts.onBytes }, () => readStdin(opts.stdin ?? process.stdin, opts, maxBytes));
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch (e) {
      yield skip(input, reasonOf(fsError(e, input)));
      continue;
    }
    const files = isDir ? walk(input) : single(input);
    for await (const file of files) {
      if ("reason" in file) {
        yield skip(file.path, file.reason);
        continue;
      }
      const ctx: Ctx = { input: file.path, fileUrl: pathToFileURL(resolve(file.path)).href, maxBytes, onBytes: opts.onBytes };
      yield* guarded(ctx, () => readFileEvents(file.path, ctx, opts.format));
    }
  }
}

function skip(input: string, reason: string, record?: string): IngestEvent {
  return record === undefined ? { kind: "skip", input, reason } : { kind: "skip", input, record, reason };
}

function reasonOf(e: unknown): string {
  if (isUnspinError(e)) return e.message.replace(/^.*?: /, "");
  return e instanceof Error ? e.message : String(e);
}

/** Runs one input's reader; an exception from it becomes a skip, and the batch goes on. */
async function* guarded(ctx: Ctx, run: () => AsyncGenerator<IngestEvent>): AsyncGenerator<IngestEvent> {
  try {
    yield* run();
  } catch (e) {
    yield skip(ctx.input, reasonOf(e));
  }
}

async function* single(path: string): AsyncGenerator<{ path: string } | { path: string; reason: string }> {
  yield { path };
}

/** Files under a folder, depth first in name order (stable runs), hidden entries left out. */
async function* walk(dir: string): AsyncGenerator<{ path: string } | { path: string; reason: string }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { path: dir, reason: reasonOf(fsError(e, dir)) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    if (ent.name.startsWith(".")) continue;
    const p = join(dir, ent.name);
    // Symbolic links to folders are not followed: they can loop.
    if (ent.isDirectory()) yield* walk(p);
    else if (ent.isFile() || ent.isSymbolicLink()) yield { path: p };
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function counted(src: Chunks, onBytes?: (n: number) => void): Chunks {
  if (!onBytes) return src;
  return (async function* () {
    for await (const c of src) {
      onBytes(c.length);
      yield c;
    }
  })();
}

async function* readFileEvents(path: string, ctx: Ctx, forced?: Sniffed): AsyncGenerator<IngestEvent> {
  let fmt: Sniffed | undefined = forced ?? formatFromName(path);
  // The first bytes are only needed to sniff an unknown format or to see whether a stream is
  // gzipped; a plain .txt or .html is read once, whole (what makes folder ingest fast).
  let head: Uint8Array = new Uint8Array(0);
  if (fmt === undefined || fmt === "gzip" || fmt === "warc" || fmt === "jsonl") {
    head = await readHead(path).catch((e: unknown) => {
      throw fsError(e, path);
    });
  }
  fmt ??= formatFromBytes(head);
  if (fmt === "gzip" && isWarcGzip(head)) fmt = "warc";
  if (fmt === "warc" || fmt === "jsonl") {
    const raw = counted(createReadStream(path) as unknown as Chunks, ctx.onBytes);
    yield* streamed(fmt, head[0] === 0x1f && head[1] === 0x8b ? gunzipStream(raw) : raw, ctx);
    return;
  }
  // Whole-file reads are synchronous on purpose: a folder of small articles spends most of its
  // time in thread-pool round trips otherwise (open, fstat, read, close per file), which halves
  // the ingest rate; each read is bounded by maxBytes.
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > ctx.maxBytes) {
      yield skip(ctx.input, `${formatBytes(size)} is over the limit of ${formatBytes(ctx.maxBytes)} (raise --max-bytes)`);
      return;
    }
    bytes = readFileSync(path);
  } catch (e) {
    throw fsError(e, path);
  }
  ctx.onBytes?.(bytes.length);
  yield* fromBytes(bytes, fmt, ctx, path.replace(/\.gz$/i, ""));
}

function gunzipStream(src: Chunks): Chunks {
  // zlib reads multi-member gzip (one member per WARC record) and, unlike a quiet decoder,
  // fails on a truncated member, which is how a cut-off download is noticed.
  return pipeline(src, createGunzip(), () => {}) as unknown as Chunks;
}

async function* streamed(fmt: "warc" | "jsonl", src: Chunks, ctx: Ctx): AsyncGenerator<IngestEvent> {
  const records = fmt === "warc" ? (await loadParsers()).readWarc(src, ctx.maxBytes) : readJsonl(src, ctx.maxBytes);
  for await (const r of records) {
    if ("reason" in r) yield skip(ctx.input, r.reason, r.record);
    else yield { kind: "article", input: ctx.input, record: r.record, article: r.article };
  }
}

async function* fromBytes(bytes: Uint8Array, fmt: Sniffed, ctx: Ctx, innerName: string): AsyncGenerator<IngestEvent> {
  switch (fmt) {
    case "gzip": {
      let inner: Uint8Array;
      try {
        inner = gunzipSync(bytes, { maxOutputLength: ctx.maxBytes });
      } catch (e) {
        yield skip(ctx.input, `gzip data could not be read: ${(e as Error).message}`);
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
      yield skip(ctx.input, "binary data, not text or a known document format");
      return;
    case "html": {
      const { extractHtml, decodeWebBytes } = await loadParsers();
      const fields = extractHtml(decodeWebBytes(bytes).text);
      yield article(ctx, { ...fields, url: ctx.fileUrl ?? fields.url });
      return;
    }
    case "feed": {
      const { parseFeed, decodeWebBytes } = await loadParsers();
      const items = parseFeed(decodeWebBytes(bytes).text);
      if (!items) {
        yield skip(ctx.input, "XML, but not an RSS or Atom feed");
        return;
      }
      if (items.length === 0) yield skip(ctx.input, "feed with no items");
      for (const it of items) {
        if ("reason" in it) yield skip(ctx.input, it.reason, it.record);
        else yield { kind: "article", input: ctx.input, record: it.record, article: it.article };
      }
      return;
    }
    case "text": {
      let text: string;
      try {
        text = decodeTextBytes(bytes, ctx.input);
      } catch (e) {
        if (isUnspinError(e) && e.code === "INPUT_INVALID_UTF8") text = (await loadParsers()).decodeWebBytes(bytes).text; // legacy encodings are common in old text corpora
        else throw e;
      }
      yield article(ctx, { text, title: titleFromText(text), url: ctx.fileUrl });
      return;
    }
  }
}

function article(ctx: Ctx, fields: Parameters<typeof makeArticle>[0]): IngestEvent {
  const a = makeArticle(fields);
  return "reason" in a ? skip(ctx.input, a.reason) : { kind: "article", input: ctx.input, article: a };
}

/** Standard input: sniffed from its first bytes, then streamed (WARC, JSONL) or read whole. */
async function* readStdin(stream: NodeJS.ReadableStream, opts: ReadArticlesOptions, maxBytes: number): AsyncGenerator<IngestEvent> {
  const ctx: Ctx = { input: STDIN_NAME, maxBytes, onBytes: opts.onBytes };
  const it = (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  const headParts: Buffer[] = [];
  let headLen = 0;
  let done = false;
  while (headLen < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = typeof r.value === "string" ? Buffer.from(r.value) : Buffer.from(r.value);
    headParts.push(b);
    headLen += b.length;
  }
  const head = Buffer.concat(headParts);
  const rest: Chunks = (async function* () {
    yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield typeof r.value === "string" ? Buffer.from(r.value) : Buffer.from(r.value);
  })();
  const fmt = opts.format ?? formatFromBytes(head);
  const src = counted(rest, opts.onBytes);
  if (fmt === "warc" || fmt === "jsonl" || (fmt === "gzip" && isWarcGzip(head))) {
    yield* streamed(fmt === "jsonl" ? "jsonl" : "warc", fmt === "gzip" ? gunzipStream(src) : src, ctx);
    return;
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const c of src) {
    total += c.length;
    if (total > maxBytes) {
      yield skip(ctx.input, `more than the limit of ${formatBytes(maxBytes)} (raise --max-bytes)`);
      return;
    }
    parts.push(Buffer.from(c));
  }
  yield* fromBytes(Buffer.concat(parts), fmt, ctx, "");
}

/** A gzip stream whose first member starts with "WARC/" (checked on the head alone). */
function isWarcGzip(head: Uint8Array): boolean {
  try {
    const inner = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: accept a partial stream */ });
    return Buffer.from(inner.subarray(0, 5)).toString("latin1") === "WARC/";
  } catch {
    return false;
  }
}
