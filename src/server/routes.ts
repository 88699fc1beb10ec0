// The API's routes: each validates its request (schemas.ts), hands the work to the reader pool
// or the writer under the request's time budget, and shapes the reply. No checking, indexing or
// extraction happens here; that is the library's, in the worker threads.
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { UnspinIndex, ArticleInput, HtmlArticleInput } from "../unspin.js";
import { HttpError } from "./errors.js";
import { startBudget } from "./budget.js";
import type { ReaderPool } from "./pool.js";
import type { Writer } from "./writer.js";
import type { ReadTask, ReportResult } from "./tasks.js";
import type { ClustersFormat } from "../report/clusters-render.js";
import { REPORT_SCRIPT } from "../report/html.js";
import {
  addResultSchema,
  checkBodySchema,
  clustersQuerySchema,
  compareBodySchema,
  idParamsSchema,
  removeResultSchema,
  reportQuerySchema,
  reportWithTextsSchema,
  statsSchema,
  storedDocumentSchema,
} from "./schemas.js";

export interface RouteDeps {
  pool: ReaderPool;
  writer: Writer;
  /** The index opened read-only in the main thread, for single-document reads. */
  reader: UnspinIndex;
  timeoutMs: number;
  shutdown: AbortSignal;
  /** Throws UNAUTHORIZED unless the request carries the token (a no-op when none is set). */
  requireToken: (request: FastifyRequest) => void;
}

/** The HTML reports' own policy: their inline style and the one script of the report's source tabs (allowed by its hash), nothing else. */
const REPORT_CSP = `default-src 'none'; script-src 'sha256-${createHash("sha256").update(REPORT_SCRIPT).digest("base64")}'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { description: "An error: `{error: {code, message, hint}}`.", $ref: "Error#" }]));

const reportResponses = {
  200: {
    description: "The report (`unspin/report@1`); with `texts=true`, `{report, texts}`; with `format=html`, the HTML report.",
    content: {
      "application/json": { schema: { anyOf: [{ $ref: "Report#" }, reportWithTextsSchema] } },
      "text/html": { schema: { type: "string" } },
    },
  },
  ...errors(400, 401, 403, 413, 415, 503, 504),
};

interface ReportQuery {
  format?: "json" | "html";
  texts?: "true" | "false";
}

/** HTML when asked for by ?format=html, or by an Accept header that wants HTML and not JSON. */
function wantsHtml(request: FastifyRequest<{ Querystring: { format?: string } }>): boolean {
  if (request.query.format) return request.query.format === "html";
  const accept = request.headers.accept ?? "";
  return /\btext\/html\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

function sendReport(reply: FastifyReply, r: ReportResult): FastifyReply {
  if ("page" in r) return reply.type("text/html; charset=utf-8").header("Content-Security-Policy", REPORT_CSP).send(r.page);
  return reply.type("application/json; charset=utf-8").send(r.json);
}

/** Runs work under the request's time budget; the budget's reason is the error when it fires. */
async function budgeted<T>(deps: RouteDeps, reply: FastifyReply, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const budget = startBudget(reply, deps.timeoutMs, deps.shutdown, what);
  try {
    return await work(budget.signal);
  } catch (e) {
    if (budget.signal.aborted && budget.signal.reason instanceof HttpError) throw budget.signal.reason;
    throw e;
  } finally {
    budget.done();
  }
}

/** Work the budget stopped part-way: the budget's reason, saying what was kept, and what to do now. */
function stoppedPartWay(signal: AbortSignal, what: string, kept: string, hint: string): HttpError {
  const reason = signal.reason instanceof HttpError ? signal.reason : new HttpError("TIMEOUT", `${what} was stopped`, hint);
  return new HttpError(reason.code, `${reason.message}; ${kept}`, hint);
}

const CLUSTERS_TYPES: Record<ClustersFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  text: "text/plain; charset=utf-8",
};

type DocumentBody = (ArticleInput | HtmlArticleInput) & Record<string, unknown>;

/** NDJSON: one JSON document per line; blank lines only at the end. */
function parseNdjson(body: string): unknown[] {
  const lines = body.replace(/\s+$/, "").split(/\r?\n/);
  return lines.map((line, k) => {
    if (!line.trim()) throw new HttpError("INPUT_FORMAT", `line ${k + 1} of the NDJSON body is empty`, "send one JSON document per line, without blank lines");
    try {
      return JSON.parse(line) as unknown;
    } catch (e) {
      throw new HttpError("INPUT_FORMAT", `line ${k + 1} of the NDJSON body is not valid JSON: ${(e as Error).message}`, "send one JSON document per line");
    }
  });
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    "/api/stats",
    { schema: { tags: ["meta"], summary: "What the index holds: documents, URLs, sources (sites), size, schema version", response: { 200: statsSchema, ...errors(503, 504) } } },
    async (_request, reply) => {
      const r = await budgeted(deps, reply, "counting the index", (signal) => deps.pool.run({ kind: "stats" }, signal));
      if (!("stats" in r)) throw new Error("the worker answered another task");
      // The index's path on the server's disk is not the client's business.
      const { location: _location, ...stats } = r.stats;
      return stats;
    },
  );

  app.post<{ Body: { text?: string; html?: string; url?: string; input?: string }; Querystring: ReportQuery }>(
    "/api/check",
    {
      schema: {
        tags: ["reports"],
        summary: "Trace a suspect article to its sources in the index and explain every change",
        description: "The suspect as `text`, or as an HTML page (`html`, optionally with its `url`), whose main text is extracted first. Runs in a worker thread under the time budget. The report needs no token; `texts=true` and the HTML report hold the sources' stored texts and need the token when the server has one.",
        querystring: reportQuerySchema,
        body: checkBodySchema,
        response: reportResponses,
      },
    },
    async (request, reply) => {
      const { text, html, url, input } = request.body;
      const page = wantsHtml(request);
      const texts = request.query.texts === "true";
      // The source texts (asked for, or embedded in the HTML report) are stored documents: reading
      // them needs the token, as GET /api/documents/:id does; the report alone does not.
      if (texts || page) deps.requireToken(request);
      const task: ReadTask = {
        kind: "check",
        suspect: text !== undefined ? { text } : { html: html! },
        ...(url ? { url } : {}),
        ...(input !== undefined ? { input } : {}),
        want: { texts, page },
      };
      const r = (await budgeted(deps, reply, "the check", (signal) => deps.pool.run(task, signal))) as ReportResult;
      return sendReport(reply, r);
    },
  );

  app.post<{ Body: { suspect: string; source: string; input?: string }; Querystring: ReportQuery }>(
    "/api/compare",
    {
      schema: {
        tags: ["reports"],
        summary: "Align a suspect text with one source text and explain every edit",
        querystring: reportQuerySchema,
        body: compareBodySchema,
        response: reportResponses,
      },
    },
    async (request, reply) => {
      const page = wantsHtml(request);
      const texts = request.query.texts === "true";
      const { suspect, source, input } = request.body;
      const task: ReadTask = { kind: "compare", suspect, source, ...(input !== undefined ? { input } : {}), want: { texts, page } };
      const r = (await budgeted(deps, reply, "the comparison", (signal) => deps.pool.run(task, signal))) as ReportResult;
      return sendReport(reply, r);
    },
  );

  // Documents: an encapsulated context, so only this route reads NDJSON bodies.
  app.register(async (docs) => {
    docs.addContentTypeParser("application/x-ndjson", { parseAs: "string" }, (_request, body, done) => {
      try {
        done(null, parseNdjson(body as string));
      } catch (e) {
        done(e as Error, undefined);
      }
    });
    docs.post<{ Body: DocumentBody | DocumentBody[] }>(
      "/api/documents",
      {
        schema: {
          tags: ["index"],
          summary: "Add one document (JSON) or a batch (NDJSON, one document per line) to the index",
          description:
            "Each document is `text` or an HTML page (`html`) with optional `url`, `title`, `author`, `published`, `site`. Exact duplicates are one document that remembers every URL. A document without words is skipped with a reason; it never stops the batch. Needs the bearer token when the server has one.",
          security: [{ bearerAuth: [] }],
          body: {
            content: {
              "application/json": { schema: { $ref: "Document#" } },
              "application/x-ndjson": { schema: { type: "array", minItems: 1, items: { $ref: "Document#" } } },
            },
          },
          response: { 200: { description: "What happened to each document, in order.", ...addResultSchema }, ...errors(400, 401, 403, 413, 415, 503, 504) },
        },
        preHandler: async (request) => deps.requireToken(request),
      },
      async (request, reply) => {
        const documents = Array.isArray(request.body) ? request.body : [request.body];
        const { summary, entries } = await budgeted(deps, reply, "adding the documents", async (signal) => {
          const r = await deps.writer.add(documents, signal);
          if (r.summary.interrupted && signal.aborted) {
            const written = r.entries.filter((e) => e.status !== "not-written").length;
            throw stoppedPartWay(signal, "adding the documents", `${written} of ${documents.length} documents were written first`, "send the batch again in smaller parts: documents already added come back as duplicates");
          }
          return r;
        });
        return {
          added: summary.added,
          duplicates: summary.duplicates,
          updated: summary.updated,
          skipped: summary.skipped.length,
          documents: entries.map((e, k) => ({ line: k + 1, ...e })),
        };
      },
    );
  });

  app.get<{ Params: { id: string } }>(
    "/api/documents/:id",
    {
      schema: {
        tags: ["index"],
        summary: "Read one stored document",
        description: "Needs the bearer token when the server has one.",
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        response: { 200: { description: "The stored document.", ...storedDocumentSchema }, ...errors(400, 401, 403, 404) },
      },
      preHandler: async (request) => deps.requireToken(request),
    },
    async (request) => {
      const doc = await deps.reader.get(request.params.id);
      if (!doc) throw new HttpError("NOT_FOUND", `no document ${JSON.stringify(request.params.id)} in the index`, "use an id returned by POST /api/documents or listed in a report's sources");
      return doc;
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/documents/:id",
    {
      schema: {
        tags: ["index"],
        summary: "Remove one document from the index (its URLs, fingerprints and corpus counts)",
        description: "Needs the bearer token when the server has one.",
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        response: { 200: { description: "The removed document.", ...removeResultSchema }, ...errors(400, 401, 403, 404, 503) },
      },
      preHandler: async (request) => deps.requireToken(request),
    },
    async (request) => {
      const id = request.params.id;
      // Ids only: the library would also take a URL or a local path here.
      if (!(await deps.reader.get(id))) throw new HttpError("NOT_FOUND", `no document ${JSON.stringify(id)} in the index`, "use an id returned by POST /api/documents or listed in a report's sources");
      const summary = await deps.writer.remove([id]);
      const removed = summary.removed[0];
      if (!removed) throw new HttpError("NOT_FOUND", `no document ${JSON.stringify(id)} in the index`, "it may have been removed already");
      return { removed };
    },
  );
  app.get<{ Querystring: { minSimilarity?: string; format?: ClustersFormat } }>(
    "/api/clusters",
    {
      schema: {
        tags: ["index"],
        summary: "Which indexed articles are copies of which, and who copied whom (as `unspin clusters`)",
        description:
          "Examines the pairs that involve documents added since the last run (the confirmed edges are stored in the index, so a second call is quick), then groups every stored edge into clusters. Past the time budget the run stops after the pair in hand and answers 504; the edges found so far are kept, so calling again goes on where it stopped. Needs the bearer token when the server has one (the report lists stored documents).",
        security: [{ bearerAuth: [] }],
        querystring: clustersQuerySchema,
        response: {
          200: {
            description: "The clusters report (`unspin/clusters@1`), as JSON, CSV, HTML or text.",
            content: {
              "application/json": { schema: { type: "object", additionalProperties: true } },
              "text/csv": { schema: { type: "string" } },
              "text/html": { schema: { type: "string" } },
              "text/plain": { schema: { type: "string" } },
            },
          },
          ...errors(400, 401, 403, 503, 504),
        },
      },
      preHandler: async (request) => deps.requireToken(request),
    },
    async (request, reply) => {
      const format: ClustersFormat = request.query.format ?? (wantsHtml(request) ? "html" : "json");
      const r = await budgeted(deps, reply, "clustering the index", async (signal) => {
        const run = await deps.writer.clusters(Number(request.query.minSimilarity ?? 0), format, signal);
        if (run.interrupted && signal.aborted) {
          throw stoppedPartWay(signal, "clustering the index", "the edges confirmed so far are stored", "ask again: the next run goes on where this one stopped (or run `unspin clusters` on the server's machine, with a progress bar)");
        }
        return run;
      });
      if (format === "html") reply.header("Content-Security-Policy", REPORT_CSP);
      return reply.type(CLUSTERS_TYPES[format]).send(r.body);
    },
  );
}
