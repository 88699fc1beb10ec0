// On-disk cache of built lexicon structures. Building from the text sources takes seconds; reading
// a bundle takes milliseconds. Each file carries a stamp (format version + source package
// versions); a file whose stamp differs, or that cannot be parsed, is rebuilt. The cache is an
// optimisation only: when the directory cannot be created or written, the lexicon still works.

import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";
import { BundleReader, BundleWriter } from "./bundle.js";

/** Where caches live: $UNSPIN_CACHE_DIR, else $XDG_CACHE_HOME/unspin, else ~/.cache/unspin. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.UNSPIN_CACHE_DIR) return env.UNSPIN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "unspin");
  return join(homedir(), ".cache", "unspin");
}

/** Bytes hashed at each end of a model file for its identity. */
const END_BYTES = 64 * 1024;

/**
 * What stands for a model file's content in a cache stamp: its size and a hash of its first and
 * last 64 KiB. Not its path or modification time: two installs (a global one and a project's, two
 * checkouts) share one cache without rebuilding it each time the other ran, and a replaced model
 * rebuilds. Cheap at every start. Throws the file system's error (the caller names the file).
 */
export function fileIdentity(path: string): string {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const hash = createHash("sha256");
    const buf = Buffer.alloc(Math.min(END_BYTES, size));
    hash.update(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)));
    hash.update(buf.subarray(0, readSync(fd, buf, 0, buf.length, Math.max(0, size - buf.length))));
    return `size=${size} ends=${hash.digest("hex").slice(0, 16)}`;
  } finally {
    closeSync(fd);
  }
}

export interface CacheOptions {
  /** Directory for cache files; `false` disables the cache (always build in memory). */
  dir: string | false;
  /** Expected stamp; a file with another stamp is stale. */
  stamp: string;
}

/** A cache file being built: once per machine (and after an upgrade), and slow enough to announce. */
export interface CacheBuildEvent {
  name: string;
  phase: "start" | "done";
  /** Build time, on "done". */
  ms?: number;
}

let buildListener: ((e: CacheBuildEvent) => void) | undefined;

/**
 * Tells a front end when a cache file is built, so it can say why the first run is slow (the
 * library itself never writes to a terminal). One listener per process; `undefined` removes it.
 */
export function onCacheBuild(listener: ((e: CacheBuildEvent) => void) | undefined): void {
  buildListener = listener;
}

/** Read `name` from the cache if present and fresh, else build, store (best effort) and return it. */
export function cachedBundle(
  name: string,
  opts: CacheOptions,
  build: () => BundleWriter,
): { reader: BundleReader; fromCache: boolean } {
  if (opts.dir !== false) {
    const hit = readFresh(join(opts.dir, name), opts.stamp);
    if (hit) return { reader: hit, fromCache: true };
  }
  const started = Date.now();
  buildListener?.({ name, phase: "start" });
  const bytes = build().toBuffer(opts.stamp);
  buildListener?.({ name, phase: "done", ms: Date.now() - started });
  if (opts.dir !== false) writeAtomic(opts.dir, name, bytes);
  return { reader: new BundleReader(bytes), fromCache: false };
}

function readFresh(path: string, stamp: string): BundleReader | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined; // missing or unreadable: build instead
  }
  try {
    const reader = new BundleReader(bytes);
    return reader.stamp === stamp ? reader : undefined;
  } catch {
    return undefined; // damaged (e.g. a foreign file): rebuild and overwrite
  }
}

/** Temp file + rename, so a concurrent reader never sees a half-written file. Failures are ignored. */
function writeAtomic(dir: string, name: string, bytes: Buffer): boolean {
  const tmp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(dir, name));
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return false;
  }
}
