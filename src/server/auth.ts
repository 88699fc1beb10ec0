// Who may do what. A server on a loopback address serves this computer only; on any other address
// writes and reads of stored documents need the bearer token (and the server refuses to start
// without one). A token, once given, is required on loopback too.
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { FastifyRequest } from "fastify";
import { HttpError } from "./errors.js";

/** True for addresses only this computer can reach: 127.0.0.0/8, ::1, "localhost". */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith("127.");
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** A check of the Authorization header in constant time (hashes of equal length are compared). */
export function tokenCheck(token: string | undefined): (request: FastifyRequest) => void {
  if (!token) return () => {};
  const want = digest(token);
  return (request) => {
    const header = request.headers.authorization ?? "";
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!m || !timingSafeEqual(digest(m[1]!), want)) {
      throw new HttpError(
        "UNAUTHORIZED",
        m ? "the bearer token is wrong" : "this request needs the server's token (Authorization: Bearer TOKEN)",
        "send the token the server was started with (--token or UNSPIN_TOKEN)",
        { "WWW-Authenticate": 'Bearer realm="unspin"' },
      );
    }
  };
}

/**
 * For a server bound to loopback: the Host header must name a loopback address, so a web page
 * elsewhere cannot reach this server through a DNS name rebound to 127.0.0.1.
 */
export function hostCheck(loopbackOnly: boolean): (request: FastifyRequest) => void {
  if (!loopbackOnly) return () => {};
  return (request) => {
    const host = request.headers.host ?? "";
    const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
    if (!isLoopback(name)) {
      throw new HttpError("FORBIDDEN_HOST", `this server listens on a loopback address and does not answer requests for host ${JSON.stringify(host)}`, "open it as http://127.0.0.1:PORT/ or http://localhost:PORT/, or start it with --host and --token to serve other computers");
    }
  };
}
