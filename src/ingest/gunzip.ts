// Streaming gunzip with a bound on what comes out. A gzip stream of zeros compresses about
// 1,000:1, so a 47 MB download can hold 10 GB: reading stops at the caller's limit instead of
// decompressing (and buffering) everything. Input is fed in small slices, one at a time, and
// the next slice is written only when the reader has taken the output of the last one, so at
// most one slice's expansion (~16 MB) is held at once.
//
// Everything decompressed before an error is handed out before the error is thrown: a cut-off
// download still yields its complete records, then says it was truncated. (Node's own async
// iterator over a zlib stream drops the buffered output when the stream errors.)

import { createGunzip, type Gunzip } from "node:zlib";

/** Compressed bytes per write: caps the output held at once at about 1,000 times this. */
const SLICE = 16 * 1024;

/** Thrown when the decompressed stream passes the limit; `limit` is in bytes. */
export class InputLimitError extends Error {
  readonly limit: number;
  constructor(message: string, limit: number) {
    super(message);
    this.name = "InputLimitError";
    this.limit = limit;
  }
}

/** A gzip error that means the data stopped early (a truncated file), not that it is damaged. */
export function isTruncation(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === "Z_BUF_ERROR";
}

function settle(gz: Gunzip, start: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      gz.off("error", done);
      gz.off("close", done);
      resolve();
    };
    gz.once("error", done);
    gz.once("close", done);
    start(done);
  });
}

/**
 * Decompresses a gzip stream (one or more members, as in a .warc.gz). Throws InputLimitError
 * once more than `maxOut` bytes have come out, and zlib's error (code Z_BUF_ERROR for a
 * truncated stream, Z_DATA_ERROR for damaged data) after yielding everything before it.
 */
export async function* gunzipBounded(src: AsyncIterable<Uint8Array>, maxOut: number): AsyncGenerator<Buffer> {
  const gz = createGunzip();
  const out: Buffer[] = [];
  let failed: Error | undefined;
  let total = 0;
  gz.on("data", (c: Buffer) => out.push(c));
  // A listener for the whole life of the stream: an error is recorded, never unhandled.
  gz.on("error", (e: Error) => {
    failed ??= e;
  });
  const take = function* (): Generator<Buffer> {
    while (out.length) {
      const c = out.shift()!;
      total += c.length;
      if (total > maxOut) throw new InputLimitError(`decompresses past ${maxOut} bytes`, maxOut);
      yield c;
    }
  };
  try {
    for await (const chunk of src) {
      for (let off = 0; off < chunk.length && !failed; off += SLICE) {
        const piece = chunk.subarray(off, off + SLICE);
        await settle(gz, (done) => gz.write(piece, () => done()));
        yield* take();
      }
      if (failed) break;
    }
    if (!failed) {
      await settle(gz, (done) => {
        gz.once("end", done);
        gz.end();
      });
    }
    yield* take();
    if (failed) throw failed;
  } finally {
    gz.destroy();
  }
}
