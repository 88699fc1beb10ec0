// `unspin serve`: the HTTP API and the web page over one index. The main thread answers HTTP;
// a pool of reader threads runs checks and compares (each opens the index read-only through the
// library); one writer thread adds and removes. Started by startServer, stopped by close().
import { availableParallelism } from "node:os";
import { setMaxListeners } from "node:events";
import type { FastifyInstance } from "fastify";
import { UnspinError } from "../errors.js";
import { createUnspin, packageVersion, type UnspinIndex } from "../unspin.js";
import { buildApp } from "./app.js";
import { hostCheck, isLoopback, tokenCheck } from "./auth.js";
import { ReaderPool } from "./pool.js";
import { Writer } from "./writer.js";
import { listenError } from "./errors.js";


export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_QUEUE = 256;

export interface ServerOptions {
  /** The index: an SQLite file (created when missing) or a Redis Cluster location (redis://...). */
  index: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Bearer token for writes and document reads; required on a non-loopback host. */
  token?: string;
  /** Largest request body in bytes (413 past it). */
  maxBodyBytes?: number;
  /** Time budget of one request's work in milliseconds (504 past it, the work stopped). */
  timeoutMs?: number;
  /** Reader threads (default: the number of cores). */
  workers?: number;
  /** Checks that may wait for a reader thread before the server answers 503. */
  maxQueue?: number;
}

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly app: FastifyInstance;
  readonly pool: ReaderPool;
  /**
   * Stops accepting connections, lets work in hand finish within its time budget (or stops it
   * after `graceMs`), then closes the pool, the writer and the index.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const loopback = isLoopback(host);
  const token = options.token || undefined;
  if (!loopback && !token) {
    throw new UnspinError(
      "USAGE",
      `refusing to listen on ${host} without a token: other computers could add and remove documents`,
      "give --token TOKEN (or set UNSPIN_TOKEN), or listen on 127.0.0.1",
    );
  }
  const size = Math.max(1, options.workers ?? availableParallelism());
  const unspin = createUnspin();
  const generation = new SharedArrayBuffer(4);
  // The writer first: it creates the index when missing and sets WAL mode before readers open it.
  const writer = await Writer.start(options.index, generation);
  let pool: ReaderPool | undefined;
  let reader: UnspinIndex | undefined;
  const shutdown = new AbortController();
  let closingNow = false;
  // Every request in flight listens for the shutdown.
  setMaxListeners(0, shutdown.signal);
  try {
    reader = await unspin.openIndex(options.index, { readonly: true });
    pool = new ReaderPool({ location: options.index, size, maxQueue: options.maxQueue ?? DEFAULT_MAX_QUEUE, generation });
    await pool.ready();
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const app = await buildApp({
      unspin,
      pool,
      writer,
      reader,
      version: packageVersion(),
      maxBodyBytes,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      shutdown: shutdown.signal,
      closing: () => closingNow,
      requireToken: tokenCheck(token),
      checkHost: hostCheck(loopback),
      tokenRequired: Boolean(token),
    });
    await app.listen({ host, port: options.port ?? DEFAULT_PORT }).catch(async (e: unknown) => {
      await app.close().catch(() => {});
      throw listenError(e, host, options.port ?? DEFAULT_PORT);
    });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : (options.port ?? DEFAULT_PORT);
    const shown = host.includes(":") ? `[${host}]` : host;
    const p = pool;
    const r = reader;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${shown}:${port}`,
      host,
      port,
      app,
      pool,
      close(o = {}) {
        closing ??= (async () => {
          closingNow = true;
          // Past the grace period, work still in hand is stopped (its requests answer 503).
          const grace = setTimeout(() => shutdown.abort(), o.graceMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
          // Connections that fall idle once their response is sent are closed at once, rather
          // than after the keep-alive timeout.
          const idle = setInterval(() => app.server.closeIdleConnections(), 100);
          try {
            await app.close();
          } finally {
            clearTimeout(grace);
            clearInterval(idle);
            shutdown.abort();
            // Readers first: the writer's connection, closing last, folds the write-ahead log
            // back into the index (a read-only connection cannot).
            await p.close();
            await r.close();
            await writer.close();
          }
        })();
        return closing;
      },
    };
  } catch (e) {
    await pool?.close().catch(() => {});
    await reader?.close().catch(() => {});
    await writer.close().catch(() => {});
    throw e;
  }
}
