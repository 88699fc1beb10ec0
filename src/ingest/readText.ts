// Reads one text input (a file path, or "-" for standard input) for `compare`. Every way an input
// can be wrong becomes an UnspinError that names the input and says what to do; the text itself
// is returned exactly as decoded so offsets point at the original. An HTML page is read as `add`
// and `check` read it: its main text, extracted (offsets then point into that text).

import { constants, createReadStream, type Stats } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import { errnoWords, UnspinError } from "../errors.js";
import { decodeTextBytes, requireWords } from "./decode.js";
import { formatFromBytes, formatFromName } from "./sniff.js";

/** Default size limit for one input: 5 MiB, far above any news article, far below a crawl. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReadTextOptions {
  /** Reject inputs larger than this many bytes (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Stream read for "-" (default process.stdin); tests pass their own. */
  stdin?: NodeJS.ReadableStream;
  /** How the caller's users raise the limit (e.g. `{ maxBytes: "--max-bytes" }`), named in the hint. */
  optionNames?: { maxBytes?: string };
}

export interface TextInput {
  /** The input as the user named it ("-" is reported as "<stdin>"). */
  name: string;
  text: string;
}

export const STDIN_NAME = "<stdin>";

export async function readTextInput(input: string, opts: ReadTextOptions = {}): Promise<TextInput> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = input === "-" ? STDIN_NAME : input;
  const option = opts.optionNames?.maxBytes;
  const bytes = input === "-" ? await readStream(opts.stdin ?? process.stdin, name, maxBytes, option) : await readFileBytes(input, maxBytes, option);
  if ((formatFromName(name) ?? formatFromBytes(bytes)) === "html") {
    // The parsers load on first use only (about 0.2 s), as in readArticles.
    const [{ decodeWebBytes }, { extractHtml }] = await Promise.all([import("./charset.js"), import("./html.js")]);
    const text = extractHtml(decodeWebBytes(bytes).text).text;
    requireWords(text, `${name} (the page's main text)`);
    return { name, text };
  }
  const text = decodeTextBytes(bytes, name);
  requireWords(text, name);
  return { name, text };
}

/** `size` is undefined for a stream, whose reading stops at the limit; `option` is the caller's way to raise it. */
export function tooLarge(name: string, size: number | undefined, maxBytes: number, option?: string): UnspinError {
  const what = size === undefined ? "more than the limit" : `${formatBytes(size)}, over the limit`;
  return new UnspinError(
    "INPUT_TOO_LARGE",
    `${name}: ${what} of ${formatBytes(maxBytes)}`,
    option ? `raise the limit with ${option} N, or split the input` : "split the input, or raise the size limit",
  );
}

/**
 * Reads a file within the limit, counting bytes as they arrive: a size from stat means nothing
 * for a named pipe or a device (/dev/zero reports 0 and never ends). A named pipe is read up to
 * the limit; devices and sockets are refused.
 */
export async function readFileBytes(path: string, maxBytes: number, option?: string): Promise<Uint8Array> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw fsError(e, path);
  }
  if (st.isDirectory()) {
    throw new UnspinError("INPUT_IS_DIRECTORY", `${path}: is a directory, not a file`, "give one file, or use `unspin add` for a folder");
  }
  // A named pipe: read through a stream, which stops at the limit.
  if (st.isFIFO()) return readStream(createReadStream(path), path, maxBytes, option);
  if (!st.isFile()) throw notAFile(path, st);
  if (st.size > maxBytes) throw tooLarge(path, st.size, maxBytes, option);
  let fh: FileHandle;
  try {
    // O_NONBLOCK: should the file have been replaced by a pipe since stat, the open does not
    // wait for a writer. It changes nothing for a regular file.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fsError(e, path);
  }
  try {
    const now = await fh.stat();
    if (!now.isFile()) throw notAFile(path, now);
    // Counted while reading: a file can grow after stat, and some report a size of 0.
    let bytes = Buffer.allocUnsafe(Math.min(maxBytes, now.size || 65536) + 1);
    let n = 0;
    for (;;) {
      if (n === bytes.length) {
        if (n > maxBytes) throw tooLarge(path, undefined, maxBytes, option);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, bytes.length * 2));
        bytes.copy(bigger, 0, 0, n);
        bytes = bigger;
      }
      const { bytesRead } = await fh.read(bytes, n, bytes.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > maxBytes) throw tooLarge(path, undefined, maxBytes, option);
    return bytes.subarray(0, n);
  } catch (e) {
    throw fsError(e, path);
  } finally {
    await fh.close();
  }
}

function notAFile(path: string, st: Stats): UnspinError {
  const kind = st.isCharacterDevice() || st.isBlockDevice() ? "a device" : st.isSocket() ? "a socket" : st.isFIFO() ? "a named pipe (replaced while being opened)" : "not a regular file";
  return new UnspinError("INPUT_UNREADABLE", `${path}: is ${kind}, not a file`, "give a regular file, or pipe the text in and name the input -");
}

/** Maps a Node file-system error to INPUT_MISSING or INPUT_UNREADABLE; UnspinErrors pass. */
export function fsError(e: unknown, path: string): unknown {
  if (e instanceof UnspinError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new UnspinError("INPUT_MISSING", `${path}: no such file`, "check the path; relative paths start from the current folder", { cause: e });
  }
  if (code === "EISDIR") {
    return new UnspinError("INPUT_IS_DIRECTORY", `${path}: is a directory, not a file`, "give one file, or use `unspin add` for a folder", { cause: e });
  }
  const why = errnoWords(code) ?? String(e);
  return new UnspinError(
    "INPUT_UNREADABLE",
    `${path}: cannot be read (${why})`,
    code === "EACCES" || code === "EPERM" ? "check the file's permissions (`chmod +r FILE`)" : "check that the path is a regular, readable file",
    { cause: e },
  );
}

/** Reads a whole stream, stopping as soon as it passes the limit instead of buffering it all. */
export async function readStream(stream: NodeJS.ReadableStream, name: string, maxBytes: number, option?: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
      total += buf.length;
      if (total > maxBytes) throw tooLarge(name, undefined, maxBytes, option);
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof UnspinError) throw e;
    throw new UnspinError("INPUT_UNREADABLE", `${name}: cannot be read (${String(e)})`, "check what is piped into unspin", { cause: e });
  }
  return Buffer.concat(chunks, total);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
