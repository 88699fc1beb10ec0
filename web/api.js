// The page's calls to the API of the server that serves it (same origin; no other host is ever
// contacted). Errors come back as `{error: {code, message, hint}}` and become ApiError.
/* global fetch, sessionStorage */

export class ApiError extends Error {
  constructor(status, code, message, hint) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

const TOKEN_KEY = "unspin.token";

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

export function setToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives in the field only
  }
}

/**
 * Calls the API. `json` is sent as application/json, `ndjson` (an array) as one JSON document
 * per line; `as: "text"` returns the body as text (the HTML report).
 */
export async function api(path, { method = "GET", json, ndjson, auth = false, as = "json", signal } = {}) {
  const headers = { Accept: as === "text" ? "text/html" : "application/json" };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (ndjson !== undefined) {
    headers["Content-Type"] = "application/x-ndjson";
    body = ndjson.map((d) => JSON.stringify(d)).join("\n") + "\n";
  }
  const token = auth ? getToken() : "";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body, signal });
  } catch (e) {
    if (e?.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK", "the server did not answer", "check that `unspin serve` is still running");
  }
  if (!response.ok) {
    let err;
    try {
      err = (await response.json()).error;
    } catch {
      err = undefined;
    }
    throw new ApiError(response.status, err?.code ?? `HTTP_${response.status}`, err?.message ?? `the server answered ${response.status}`, err?.hint ?? "");
  }
  return as === "text" ? response.text() : response.json();
}

/** One line for the user: the message and, when there is one, what to do. */
export function describeError(e) {
  if (e instanceof ApiError) return e.hint ? `${e.message} (${e.hint})` : e.message;
  return e instanceof Error ? e.message : String(e);
}
