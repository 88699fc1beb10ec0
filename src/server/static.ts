// The web page: the files of web/ (plain HTML, CSS and JavaScript, nothing fetched from elsewhere),
// read once at start and served from memory by name, so no request can name a path outside it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** The page's Content-Security-Policy: its own scripts and styles only, requests to itself only. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

// src/server and dist/server both sit two levels below the package root, beside web/.
const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const type = TYPES[extname(name)];
    if (!type || !statSync(path).isFile()) continue;
    const body = readFileSync(path);
    assets.set(name, { body, type, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"` });
  }
  return assets;
}

export function registerPage(app: FastifyInstance): void {
  const assets = loadAssets(WEB_DIR);
  const serve = (name: string) => async (request: import("fastify").FastifyRequest, reply: import("fastify").FastifyReply) => {
    const a = assets.get(name)!;
    reply.header("Content-Type", a.type).header("ETag", a.etag).header("Cache-Control", "no-cache");
    if (a.type.startsWith("text/html")) reply.header("Content-Security-Policy", PAGE_CSP);
    if (request.headers["if-none-match"] === a.etag) return reply.code(304).send();
    return reply.send(a.body);
  };
  for (const name of assets.keys()) {
    const url = name === "index.html" ? "/" : `/${name}`;
    app.get(url, { schema: { hide: true } }, serve(name));
  }
}
