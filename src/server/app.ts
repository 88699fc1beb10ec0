// The fastify application: validation settings, errors as JSON, security headers, the OpenAPI
// document, the small read-only routes (health, stats, rules) and the web page. The routes that
// do work are in routes.ts.
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import swagger from "@fastify/swagger";
import type { Unspin, UnspinIndex } from "../unspin.js";
import { HttpError, toHttpError } from "./errors.js";
import { documentSchema, errorSchema, formatValidationErrors, healthSchema, reportSchema, rulesSchema } from "./schemas.js";
import { registerRoutes } from "./routes.js";
import { registerPage } from "./static.js";
import type { ReaderPool } from "./pool.js";
import type { Writer } from "./writer.js";

export interface AppOptions {
  unspin: Unspin;
  pool: ReaderPool;
  writer: Writer;
  reader: UnspinIndex;
  version: string;
  maxBodyBytes: number;
  timeoutMs: number;
  shutdown: AbortSignal;
  /** True once close() was called (before work in hand is stopped). */
  closing: () => boolean;
  requireToken: (request: FastifyRequest) => void;
  checkHost: (request: FastifyRequest) => void;
  tokenRequired: boolean;
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: o.maxBodyBytes,
    // Keep-alive connections that sit idle are closed at shutdown; busy ones finish first.
    forceCloseConnections: "idle",
    return503OnClosing: true,
    ajv: {
      // A wrong type is a 400, not a silent conversion; an unknown field is a 400, not dropped.
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: true },
    },
    schemaErrorFormatter: (errors, part) => new Error(formatValidationErrors(errors, part)),
  });
  // Replies are the library's data as they are: JSON.stringify, never a schema-driven serialiser
  // that would drop a field the response schema does not list.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // Bodies are JSON (and NDJSON for documents): a text/plain body, which a form on another site
  // could send without a preflight, is refused as a 415.
  app.removeContentTypeParser("text/plain");

  app.setErrorHandler((error, request, reply) => {
    const e = toHttpError(error, { maxBodyBytes: o.maxBodyBytes, contentType: request.headers["content-type"] });
    return reply.code(e.status).headers(e.headers).type("application/json; charset=utf-8").send(e.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new HttpError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`, "see /api/openapi.json for the API, / for the web page");
    return reply.code(e.status).send(e.body());
  });
  app.addHook("onRequest", async (request) => {
    o.checkHost(request);
    if (o.shutdown.aborted) throw new HttpError("SHUTTING_DOWN", "the server is stopping", "send the request again once it has restarted");
  });
  app.addHook("onSend", async (_request, reply) => {
    reply.header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
    // While the server stops, a kept-alive connection is not kept for another request.
    if (o.closing()) reply.header("Connection", "close");
    if (!reply.hasHeader("Content-Security-Policy")) reply.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "unspin",
        version: o.version,
        description:
          "Find machine-spun copies of news articles, trace them to their source in an index, and explain every change. Reports follow the versioned JSON schema `unspin/report@1` (see the README). Errors are `{error: {code, message, hint}}`.",
      },
      tags: [
        { name: "reports", description: "Checks and comparisons (CPU work, in worker threads, under a time budget)" },
        { name: "index", description: "The documents of the index" },
        { name: "meta", description: "Health, statistics, the rule catalogue, this document" },
      ],
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "The token the server was started with (--token or UNSPIN_TOKEN)." } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === "string" ? json.$id : `def-${i}`) },
  });
  app.addSchema(errorSchema);
  app.addSchema(documentSchema);
  app.addSchema(reportSchema(o.unspin.rules.map((r) => r.id)));

  app.get("/healthz", { schema: { tags: ["meta"], summary: "Liveness: answers at once, even while every worker is busy", response: { 200: healthSchema } } }, async () => ({
    status: o.shutdown.aborted ? "stopping" : "ok",
    version: o.version,
    uptimeSeconds: Math.round(process.uptime()),
    tokenRequired: o.tokenRequired,
    workers: o.pool.stats(),
  }));

  const rules = { rules: o.unspin.rules };
  app.get("/api/rules", { schema: { tags: ["meta"], summary: "The rule catalogue: id, stage, severity, description, example and colour of every rule", response: { 200: rulesSchema } } }, async () => rules);

  app.get("/api/openapi.json", { schema: { tags: ["meta"], summary: "This OpenAPI document", response: { 200: { type: "object", description: "OpenAPI 3.0 document" } } } }, async () => app.swagger());

  registerRoutes(app, { pool: o.pool, writer: o.writer, reader: o.reader, timeoutMs: o.timeoutMs, shutdown: o.shutdown, requireToken: o.requireToken });
  registerPage(app);
  return app;
}
