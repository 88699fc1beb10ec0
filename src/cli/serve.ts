// `unspin serve`: starts the HTTP API and web page (src/server) and stops it gracefully on
// SIGINT/SIGTERM: no new connections, work in hand finishes within its time budget, then the
// reader pool, the writer and the index are closed. A second signal stops at once.
import { once } from "node:events";
import { InvalidArgumentError } from "commander";
import { startServer, type ServerOptions } from "../server/index.js";
import { interruptible } from "./signals.js";

/** Bytes, with an optional binary suffix: 5242880, 512k, 5M, 1G. */
export function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  const n = m ? Math.round(Number(m[1]) * 1024 ** " kmg".indexOf((m[2] || " ").toLowerCase())) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError("expected a size in bytes, e.g. 5242880, 512k or 5M");
  return n;
}

/** Seconds (decimals allowed) to milliseconds. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number of seconds, e.g. 30 or 0.5");
  return Math.round(n * 1000);
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535 (0: any free port)");
  return n;
}

export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError("expected a whole number of worker threads from 1 to 256");
  return n;
}

/** Serves until SIGINT or SIGTERM; resolves with the exit status once everything is closed. */
export async function runServe(options: ServerOptions, stderr: NodeJS.WritableStream): Promise<number> {
  const server = await startServer(options);
  stderr.write(`unspin: serving ${server.url}/ (index ${options.index}, ${server.pool.stats().threads} worker threads${options.token ? ", token required for writes" : ""}); Ctrl-C stops\n`);
  // A second signal while closing stops at once (the handlers stay until the server is closed).
  const stop = interruptible(() => stderr.write("unspin: stopping: finishing the requests in hand (Ctrl-C again to stop at once)\n"));
  await once(stop.signal, "abort");
  await server.close().finally(() => stop.dispose());
  stderr.write("unspin: stopped\n");
  return 0;
}
