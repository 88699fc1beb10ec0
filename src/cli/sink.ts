// Where a command's output goes, written as it is produced: standard output, or --out, which is
// written to a temporary file beside it and renamed into place when the command ends, so a
// reader never sees a half-written file and a failed run leaves the previous file as it was.
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { once } from "node:events";
import { UnspinError } from "../errors.js";

export interface Sink {
  write(chunk: string): Promise<void>;
  /** Ends the output: renames --out into place when `keep`, else removes the temporary file. */
  close(keep: boolean): Promise<void>;
}

function unwritable(out: string, e: unknown): UnspinError {
  return new UnspinError("OUTPUT_UNWRITABLE", `cannot write to ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, "choose a writable --out path", { cause: e });
}

export async function openSink(out: string | undefined, stdout: NodeJS.WritableStream): Promise<Sink> {
  if (!out) {
    return {
      async write(chunk) {
        // Respect back-pressure: a slow pipe must not make reports pile up in memory.
        if (!stdout.write(chunk)) await once(stdout, "drain");
      },
      async close() {},
    };
  }
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${Date.now()}.tmp`);
  const stream: WriteStream = createWriteStream(tmp, { flags: "wx" });
  let failure: unknown;
  stream.on("error", (e) => (failure = e));
  await Promise.race([once(stream, "open"), once(stream, "error")]).catch(() => {});
  if (failure) throw unwritable(out, failure);
  return {
    async write(chunk) {
      if (failure) throw unwritable(out, failure);
      if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), once(stream, "error")]);
      if (failure) throw unwritable(out, failure);
    },
    async close(keep) {
      stream.end();
      await once(stream, "close").catch(() => {});
      if (keep && !failure) {
        try {
          await rename(tmp, out);
          return;
        } catch (e) {
          failure = e;
        }
      }
      await unlink(tmp).catch(() => {});
      if (keep && failure) throw unwritable(out, failure);
    },
  };
}
