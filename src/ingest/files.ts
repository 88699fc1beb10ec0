// Listing inputs and reading bytes within limits: what a path names (a folder walked in a stable
// order, a file, a named pipe, a device), and byte streams counted for progress or cut at a
// limit. Sizes from stat are never trusted alone: a pipe or /dev/zero reports 0 and never ends.

import { readdir } from "node:fs/promises";
import { readSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { InputLimitError } from "./gunzip.js";
import { fsError } from "./readText.js";
import { isUnspinError } from "../errors.js";

type Chunks = AsyncIterable<Uint8Array>;

/** One line for a skip: an UnspinError's message without the input name it starts with. */
export function reasonOf(e: unknown): string {
  // The hint goes along: a skip line should say what to do, as the error of a single input does.
  if (isUnspinError(e)) return `${e.message.replace(/^.*?: /, "")} (${e.hint})`;
  return e instanceof Error ? e.message : String(e);
}

export type Entry = { path: string; kind: Kind } | { path: string; reason: string };
export type Kind = "file" | "fifo" | "a device" | "a socket" | "a directory" | "not a regular file";

export async function* single(path: string, kind: Kind): AsyncGenerator<Entry> {
  yield { path, kind };
}

/** Files under a folder, depth first in name order (stable runs), hidden entries left out. */
export async function* walk(dir: string): AsyncGenerator<Entry> {
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
    else if (ent.isSymbolicLink()) {
      let st: Stats;
      try {
        st = statSync(p);
      } catch (e) {
        yield { path: p, reason: reasonOf(fsError(e, p)) };
        continue;
      }
      if (!st.isDirectory()) yield { path: p, kind: kindOf(st) };
    } else yield { path: p, kind: kindOf(ent) };
  }
}

export function counted(src: Chunks, onBytes?: (n: number) => void): Chunks {
  if (!onBytes) return src;
  return (async function* () {
    for await (const c of src) {
      onBytes(c.length);
      yield c;
    }
  })();
}

/** Stops a stream of unknown length (a pipe, stdin) once it passes `max` bytes. */
export async function* capped(src: Chunks, max: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const c of src) {
    n += c.length;
    if (n > max) throw new InputLimitError(`more than ${max} bytes`, max);
    yield c;
  }
}

/** What kind of file system object a path names (pipes are read, devices and sockets are not). */
export function kindOf(st: Pick<Stats, "isFile" | "isFIFO" | "isCharacterDevice" | "isBlockDevice" | "isSocket" | "isDirectory">): Kind {
  if (st.isFile()) return "file";
  if (st.isFIFO()) return "fifo";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  if (st.isDirectory()) return "a directory";
  return "not a regular file";
}

/** Reads a file to its end, or returns null once it passes `max` bytes. */
export function readAllSync(fd: number, size: number, max: number): Buffer | null {
  let buf = Buffer.allocUnsafe(Math.min(max, size || 65536) + 1);
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n > max) return null;
      const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const got = readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) break;
    n += got;
  }
  return n > max ? null : buf.subarray(0, n);
}
