// A real server for the server and web tests: startServer on 127.0.0.1 and a free port, over a
// fresh index in a temporary folder; requests go over HTTP with fetch.
import { join } from "node:path";
import { startServer, type RunningServer, type ServerOptions } from "../../src/server/index.js";
import { tempDir } from "./tmp.js";

export const examples = new URL("../../examples/", import.meta.url).pathname;

export async function freshServer(options: Partial<ServerOptions> = {}): Promise<RunningServer & { index: string }> {
  const index = options.index ?? join(await tempDir("unspin-server-"), "index.sqlite");
  const server = await startServer({ host: "127.0.0.1", port: 0, workers: 2, ...options, index });
  return Object.assign(server, { index });
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A request; a JSON reply is parsed into `body` (untyped by default: tests read what they assert). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(base: string, path: string, init: { method?: string; json?: unknown; body?: string | Buffer; type?: string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: string | Buffer | undefined = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] ??= "application/json";
  }
  if (init.type) headers["content-type"] = init.type;
  const r = await fetch(base + path, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, ...(body !== undefined ? { body } : {}) });
  const text = await r.text();
  let parsed: unknown = text;
  if ((r.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
  return { status: r.status, headers: r.headers, body: parsed as T, text };
}
