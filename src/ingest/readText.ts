// Reads one text input (a file path, or "-" for standard input) for `check` and `compare`.
// Every way an input can be wrong becomes an UnspinError that names the input and says what to
// do; the text itself is returned exactly as decoded so offsets point at the original.

import { readFile, stat } from "node:fs/promises";
import { UnspinError } from "../errors.js";
import { decodeTextBytes, requireWords } from "./decode.js";

/** Default size limit for one input: 5 MiB, far above any news article, far below a crawl. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReadTextOptions {
  /** Reject inputs larger than this many bytes (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /** Stream read for "-" (default process.stdin); tests pass their own. */
  stdin?: NodeJS.ReadableStream;
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
  const bytes = input === "-" ? await readStream(opts.stdin ?? process.stdin, name, maxBytes) : await readFileBytes(input, maxBytes);
  const text = decodeTextBytes(bytes, name);
  requireWords(text, name);
  return { name, text };
}

/** `size` is undefined for a stream, whose reading stops at the limit. */
export function tooLarge(name: string, size: number | undefined, maxBytes: number): UnspinError {
  const what = size === undefined ? "more than the limit" : `${formatBytes(size)}, over the limit`;
  return new UnspinError(
    "INPUT_TOO_LARGE",
    `${name}: ${what} of ${formatBytes(maxBytes)}`,
    "raise the limit with --max-bytes N, or split the input",
  );
}

/** Stats then reads a file, mapping file-system errors to the error catalogue. */
export async function readFileBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw new UnspinError(
        "INPUT_IS_DIRECTORY",
        `${path}: is a directory, not a file`,
        "give one file, or use `unspin add` for a folder",
      );
    }
    size = st.size;
  } catch (e) {
    throw fsError(e, path);
  }
  if (size > maxBytes) throw tooLarge(path, size, maxBytes);
  try {
    const bytes = await readFile(path);
    // A file can grow between stat and read (or be a device or FIFO that reports size 0).
    if (bytes.length > maxBytes) throw tooLarge(path, bytes.length, maxBytes);
    return bytes;
  } catch (e) {
    throw fsError(e, path);
  }
}

/** Maps a Node file-system error to INPUT_MISSING or INPUT_UNREADABLE; UnspinErrors pass. */
export function fsError(e: unknown, path: string): unknown {
  if (e instanceof UnspinError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new UnspinError("INPUT_MISSING", `${path}: no such file`, "check the path (relative paths start from the current folder)", { cause: e });
  }
  if (code === "EISDIR") {
    return new UnspinError("INPUT_IS_DIRECTORY", `${path}: is a directory, not a file`, "give one file, or use `unspin add` for a folder", { cause: e });
  }
  const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code ? `${code}` : String(e);
  return new UnspinError(
    "INPUT_UNREADABLE",
    `${path}: cannot be read (${why})`,
    code === "EACCES" || code === "EPERM" ? "check the file's permissions (`chmod +r FILE`)" : "check that the path is a regular, readable file",
    { cause: e },
  );
}

/** Reads a whole stream, stopping as soon as it passes the limit instead of buffering it all. */
export async function readStream(stream: NodeJS.ReadableStream, name: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
      total += buf.length;
      if (total > maxBytes) throw tooLarge(name, undefined, maxBytes);
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
