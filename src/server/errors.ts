// Errors over HTTP: every error the API returns is JSON `{error: {code, message, hint}}`. The
// codes are the project's (src/errors.ts) wherever one applies (a body over the limit is
// INPUT_TOO_LARGE, a text without words INPUT_EMPTY, a body that is not JSON INPUT_FORMAT); the
// few that only a server can meet (a missing token, an unknown document, a time budget spent)
// are listed here beside the HTTP status each one goes with.
import { ERROR_CODES, isUnspinError, UnspinError, type ErrorCode } from "../errors.js";

export const SERVER_ERROR_CODES = {
  BAD_REQUEST: { status: 400, what: "a field of the request is missing, unknown or of the wrong type" },
  UNAUTHORIZED: { status: 401, what: "this request needs the server's bearer token" },
  FORBIDDEN_HOST: { status: 403, what: "the Host header names no loopback address of a loopback-only server" },
  NOT_FOUND: { status: 404, what: "no such document or route" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, what: "the body's Content-Type is not one the endpoint reads" },
  BUSY: { status: 503, what: "every worker is busy and the queue is full" },
  SHUTTING_DOWN: { status: 503, what: "the server is stopping" },
  TIMEOUT: { status: 504, what: "the work did not finish within the time budget and was stopped" },
  INTERNAL: { status: 500, what: "a fault of the server" },
} as const;

export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;
export type ApiErrorCode = ServerErrorCode | ErrorCode;

/** HTTP status of each library error code. */
const LIBRARY_STATUS: Record<ErrorCode, number> = {
  INPUT_MISSING: 400,
  INPUT_IS_DIRECTORY: 400,
  INPUT_BINARY: 400,
  INPUT_INVALID_UTF8: 400,
  INPUT_EMPTY: 400,
  INPUT_TOO_LARGE: 413,
  INPUT_UNREADABLE: 400,
  INPUT_FORMAT: 400,
  INDEX_VERSION: 500,
  INDEX_CORRUPT: 500,
  INDEX_MISSING: 500,
  INDEX_READONLY: 500,
  INDEX_UNWRITABLE: 500,
  // Another process holds the lock, or the Redis Cluster is failing over: worth retrying.
  INDEX_BUSY: 503,
  INDEX_UNAVAILABLE: 503,
  OUTPUT_UNWRITABLE: 500,
  USAGE: 400,
  LEXICON: 500,
};

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; hint: string };
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly hint: string;
  /** Extra response headers (Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string>;
  constructor(code: ApiErrorCode, message: string, hint: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "HttpError";
    this.code = code;
    this.hint = hint;
    this.status = code in SERVER_ERROR_CODES ? SERVER_ERROR_CODES[code as ServerErrorCode].status : LIBRARY_STATUS[code as ErrorCode];
    this.headers = headers;
  }
  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, hint: this.hint } };
  }
}

/** An error as plain data, to cross a worker boundary (Error subclasses do not survive it). */
export interface PlainError {
  code: ApiErrorCode;
  message: string;
  hint: string;
}

export function toPlainError(e: unknown): PlainError {
  if (e instanceof HttpError || isUnspinError(e)) return { code: e.code, message: e.message, hint: e.hint };
  return { code: "INTERNAL", message: `internal error: ${e instanceof Error ? e.message : String(e)}`, hint: "report it with the request that caused it" };
}

export const fromPlain = (e: PlainError): HttpError => new HttpError(e.code, e.message, e.hint);

/** A library error that crossed a worker boundary, as the library's own error again (for callers outside HTTP, such as startup). */
export const unspinErrorOf = (e: PlainError): UnspinError | HttpError => (e.code in ERROR_CODES ? new UnspinError(e.code as ErrorCode, e.message, e.hint) : fromPlain(e));

/**
 * Why the server could not listen, in words, as a usage error: a port in use or not allowed is the
 * user's to fix, not a bug to report. Other errors pass through.
 */
export function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as { code?: string })?.code;
  if (code === "EADDRINUSE") return new UnspinError("USAGE", `port ${port} on ${host} is already in use`, "stop what listens there, or give another --port (--port 0 picks a free one)", { cause: e });
  if (code === "EACCES") return new UnspinError("USAGE", `not allowed to listen on port ${port}`, "ports under 1024 need root: give --port 8080 or another port above 1023", { cause: e });
  if (code === "EADDRNOTAVAIL") return new UnspinError("USAGE", `${host} is not an address of this computer`, "give --host 127.0.0.1 (this computer only) or 0.0.0.0 (all addresses, with --token)", { cause: e });
  return e;
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
}

/** Maps whatever a route or fastify threw to the API's error. */
export function toHttpError(e: unknown, context: { maxBodyBytes: number; contentType?: string | undefined }): HttpError {
  if (e instanceof HttpError) return e;
  if (isUnspinError(e)) return new HttpError(e.code, e.message, e.hint);
  const f = e as FastifyLikeError;
  switch (f?.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError("INPUT_TOO_LARGE", `the request body is over the limit of ${context.maxBodyBytes} bytes`, "send a smaller document, split a batch into several requests, or start the server with a larger --max-body");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new HttpError(
        "UNSUPPORTED_MEDIA_TYPE",
        `this endpoint does not read a body of type ${JSON.stringify(context.contentType ?? "(none)")}`,
        "send Content-Type: application/json (or application/x-ndjson for a batch of documents)",
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new HttpError("INPUT_FORMAT", "the request body is empty", "send a JSON object");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new HttpError("INPUT_FORMAT", `the request body is not valid JSON: ${f.message}`, "send a JSON object");
    case "FST_ERR_VALIDATION":
      return new HttpError("BAD_REQUEST", f.message, "see /api/openapi.json for the fields each endpoint takes");
  }
  if (e instanceof SyntaxError || (f?.statusCode === 400 && /JSON/.test(f.message))) {
    return new HttpError("INPUT_FORMAT", `the request body is not valid JSON: ${f.message}`, "send a JSON object");
  }
  if (typeof f?.statusCode === "number" && f.statusCode >= 400 && f.statusCode < 500) {
    return new HttpError("BAD_REQUEST", f.message, "see /api/openapi.json for what each endpoint takes");
  }
  return new HttpError("INTERNAL", `internal error: ${f?.message ?? String(e)}`, "report it with the request that caused it");
}

/** Every code the API can answer with, for the OpenAPI document. */
export const API_ERROR_CODES: readonly ApiErrorCode[] = [...(Object.keys(ERROR_CODES) as ErrorCode[]), ...(Object.keys(SERVER_ERROR_CODES) as ServerErrorCode[])];
