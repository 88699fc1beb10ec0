// Writes a report in the chosen format to --out or stdout. Colour follows the terminal: on for a
// TTY unless NO_COLOR is set, never when piped or written to a file. --out is written atomically
// (a temporary file renamed into place) and is refused when it names an input or the index.
import { randomBytes } from "node:crypto";
import { open, realpath, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { errnoWords, UnspinError } from "../errors.js";
import type { Report } from "../report/schema.js";
import { renderText } from "../report/text.js";
import { renderHtml } from "../report/html.js";
import { jsonTerminalSafe } from "../report/terminal.js";

export type Format = "text" | "json" | "html";

export interface OutputOptions {
  format: Format;
  out?: string | undefined;
  stdout: NodeJS.WritableStream;
  texts: { suspect: string; sources: Map<string, string> };
}

export function useColor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean((stream as NodeJS.WriteStream).isTTY);
}

export function formatReport(report: Report, opts: OutputOptions): string {
  switch (opts.format) {
    case "json":
      // Same JSON; C1 and bidi characters from the input as \u escapes (a terminal may show it).
      return jsonTerminalSafe(JSON.stringify(report, null, 2)) + "\n";
    case "html":
      return renderHtml(report, opts.texts);
    default:
      return renderText(report, {
        color: !opts.out && useColor(opts.stdout),
        suspectText: opts.texts.suspect,
        ...(!opts.out && (opts.stdout as NodeJS.WriteStream).columns ? { width: (opts.stdout as NodeJS.WriteStream).columns } : {}),
      });
  }
}

export async function writeReport(report: Report, opts: OutputOptions): Promise<void> {
  await writeOut(formatReport(report, opts), opts.out, opts.stdout);
}

/** Writes the whole body to --out (atomically, see openOut) or to stdout. */
export async function writeOut(body: string, out: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  const w = openOut(out, stdout);
  try {
    await w.write(body);
    await w.commit();
  } catch (e) {
    await w.abort();
    throw e;
  }
}

export interface OutWriter {
  /** Appends a chunk (to a temporary file next to --out, or to stdout). */
  write(chunk: string): Promise<void>;
  /** Puts the written file in place of --out (one rename: readers see the old file or the new). */
  commit(): Promise<void>;
  /** Removes the temporary file; --out is left as it was. Safe to call after commit or twice. */
  abort(): Promise<void>;
}

/**
 * A streaming writer for --out: chunks go to a temporary file in the same folder, renamed over
 * --out on commit and removed on abort, so a failed or interrupted run never leaves half a report
 * (or an emptied file) behind. Without --out, chunks go to stdout. A file that holds an SQLite
 * database (an index, most likely) is never replaced.
 */
export function openOut(out: string | undefined, stdout: NodeJS.WritableStream): OutWriter {
  if (!out) {
    return {
      async write(chunk) {
        if (!stdout.write(chunk)) await new Promise<void>((resolve) => stdout.once("drain", resolve));
      },
      async commit() {},
      async abort() {},
    };
  }
  // The system's reason in words; a missing file here means a missing folder.
  const why = (e: unknown): string => {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `the folder ${dirname(out)} does not exist` : (errnoWords(code) ?? String(e));
  };
  const failed = (e: unknown, doing: string): UnspinError =>
    e instanceof UnspinError ? e : new UnspinError("OUTPUT_UNWRITABLE", `cannot ${doing} ${out}: ${why(e)}`, "choose a writable --out path", { cause: e });
  let target = out;
  let tmp: string | undefined;
  let fh: FileHandle | undefined;
  let state: "new" | "open" | "done" = "new";
  const start = async (): Promise<FileHandle> => {
    if (fh) return fh;
    try {
      target = await realpath(out).catch(() => out); // write through a symbolic link, as writeFile did
      const st = await stat(target).catch(() => undefined);
      if (st && !st.isFile()) {
        // A device or pipe (/dev/stdout, a FIFO): written in place, there is nothing to replace.
        fh = await open(out, "w");
      } else {
        await refuseDatabase(target, out);
        tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
        try {
          fh = await open(tmp, "wx", 0o666);
        } catch (e) {
          // A writable file in a folder where no new file can be made: replaced in place.
          const code = (e as NodeJS.ErrnoException).code;
          if (!st || (code !== "EACCES" && code !== "EPERM" && code !== "EROFS")) throw e;
          tmp = undefined;
          fh = await open(target, "w");
        }
      }
      state = "open";
      return fh;
    } catch (e) {
      throw failed(e, "write to");
    }
  };
  const cleanup = async (): Promise<void> => {
    await fh?.close().catch(() => {});
    fh = undefined;
    if (tmp) await unlink(tmp).catch(() => {});
    tmp = undefined;
  };
  return {
    async write(chunk) {
      const h = await start();
      try {
        await h.writeFile(chunk, "utf8");
      } catch (e) {
        throw failed(e, "write to");
      }
    },
    async commit() {
      if (state === "done") return;
      const h = await start();
      try {
        if (tmp) {
          // Keep the permissions of the file being replaced.
          const mode = await stat(target).then((st) => st.mode & 0o7777, () => undefined);
          if (mode !== undefined) await h.chmod(mode);
        }
        await h.close();
        fh = undefined;
        if (tmp) await rename(tmp, target);
        tmp = undefined;
        state = "done";
      } catch (e) {
        await cleanup();
        throw failed(e, "write to");
      }
    },
    async abort() {
      state = "done";
      await cleanup();
    },
  };
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** Refuses to replace an SQLite database: a report written over an index destroys it. */
async function refuseDatabase(path: string, out: string): Promise<void> {
  let head: Buffer;
  try {
    const h = await open(path, "r");
    try {
      const buf = Buffer.alloc(SQLITE_MAGIC.length);
      const { bytesRead } = await h.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await h.close();
    }
  } catch {
    return; // missing (a new file) or unreadable: the write itself will tell
  }
  if (head.equals(SQLITE_MAGIC)) {
    throw new UnspinError("USAGE", `--out ${out} is an SQLite database (an unspin index?); a report would replace it`, "give --out a new file name, or remove that file first if you mean to replace it");
  }
}

/**
 * Refuses an --out that would overwrite what the command reads: an input file, anything inside
 * an input folder, or the index (or its -wal, -shm, -journal files). Paths are compared after
 * resolving symbolic links, and existing files also by device and inode (hard links). Call it
 * before any work, so a refused run changes nothing.
 */
export async function assertSafeOut(out: string | undefined, opts: { inputs: readonly string[]; index?: string | undefined }): Promise<void> {
  if (!out) return;
  const outReal = await canonical(out);
  const outStat = await stat(out).catch(() => undefined);
  if (outStat?.isDirectory()) throw new UnspinError("USAGE", `--out ${out} is a folder`, "give --out a file name, e.g. report.txt");
  const refuse = (what: string): never => {
    throw new UnspinError("USAGE", `--out ${out} is ${what}; writing the report there would replace it`, "give --out a new file name, e.g. report.txt, outside the inputs and the index");
  };
  const same = async (path: string): Promise<boolean> => {
    if ((await canonical(path)) === outReal) return true;
    if (!outStat) return false;
    const st = await stat(path).catch(() => undefined);
    return st !== undefined && st.ino === outStat.ino && st.dev === outStat.dev;
  };
  if (opts.index && !/^rediss?:\/\//i.test(opts.index)) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) {
      if (await same(opts.index + suffix)) refuse(suffix ? `a file of the index ${opts.index} (${suffix})` : `the index ${opts.index}`);
    }
  }
  for (const input of opts.inputs) {
    if (input === "-") continue;
    const st = await stat(input).catch(() => undefined);
    if (st?.isDirectory()) {
      const dir = await canonical(input);
      if (outReal.startsWith(dir.endsWith(sep) ? dir : dir + sep)) refuse(`inside the input folder ${input}`);
    } else if (await same(input)) refuse(`the input ${input}`);
  }
}

/** An absolute path with symbolic links resolved as far as the path exists. */
async function canonical(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(await canonical(parent), basename(abs));
  }
}
