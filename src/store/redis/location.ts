// `redis://host:port[,host:port...][/name][?option=value&...]` (rediss:// for TLS): the nodes to
// start from (any few of the cluster's; the client finds the rest), the index name (key prefix,
// default "unspin", so one cluster can hold several indexes) and the write options.
import { UnspinError } from "../../errors.js";

export interface RedisLocation {
  nodes: { host: string; port: number }[];
  name: string;
  tls: boolean;
  username?: string;
  password?: string;
  /** Replicas that must hold a batch before `add` goes on (WAIT); 0 acknowledges on the masters alone. */
  wait: number;
  /** How long a batch may wait for its replicas, in ms. */
  waitTimeout: number;
  /** How long a batch is retried through failovers and unreachable nodes before `add` gives up, in ms. */
  retryTimeout: number;
  /** Posting buckets, fixed when the index is created (see README: sizing). */
  buckets: number;
  /** The location with any password left out (for messages and `stats`). */
  display: string;
}

export const DEFAULT_BUCKETS = 65536;

export function isRedisLocation(location: string): boolean {
  return /^rediss?:\/\//i.test(location);
}

function bad(location: string, why: string): UnspinError {
  return new UnspinError("USAGE", `${location}: ${why}`, "write it as redis://host:port[,host:port...][/name][?wait=1&waitTimeout=10000&buckets=65536]");
}

export function parseRedisLocation(location: string): RedisLocation {
  const m = /^(rediss?):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(location.trim());
  if (!m) throw bad(location, "not a Redis location");
  const [, scheme, auth, hosts, path, query] = m;
  const nodes = hosts!.split(",").map((h) => {
    const hm = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h.trim());
    if (!hm) throw bad(location, `"${h}" is not host:port`);
    const port = hm[2] === undefined ? 6379 : Number(hm[2]);
    if (!(port > 0 && port < 65536)) throw bad(location, `"${h}" has no valid port`);
    return { host: hm[1]!.replace(/^\[|\]$/g, ""), port };
  });
  const name = decodeURIComponent(path ?? "") || "unspin";
  if (/[{}\s]/.test(name)) throw bad(location, `the index name "${name}" may not hold braces or spaces`);
  const params = new URLSearchParams(query ?? "");
  const num = (key: string, dflt: number, ok: (n: number) => boolean): number => {
    const v = params.get(key);
    if (v === null) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || !ok(n)) throw bad(location, `${key}=${v} is not allowed`);
    return n;
  };
  for (const key of params.keys()) if (!["wait", "waitTimeout", "retryTimeout", "buckets"].includes(key)) throw bad(location, `unknown option ${key}`);
  const buckets = num("buckets", DEFAULT_BUCKETS, (n) => n >= 16384 && (n & (n - 1)) === 0 && n <= 2 ** 30);
  let username: string | undefined;
  let password: string | undefined;
  if (auth) {
    const i = auth.indexOf(":");
    username = decodeURIComponent(i >= 0 ? auth.slice(0, i) : "") || undefined;
    password = decodeURIComponent(i >= 0 ? auth.slice(i + 1) : auth) || undefined;
  }
  return {
    nodes,
    name,
    tls: scheme!.toLowerCase() === "rediss",
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    wait: num("wait", 1, (n) => n >= 0 && n <= 16),
    waitTimeout: num("waitTimeout", 10_000, (n) => n >= 0),
    retryTimeout: num("retryTimeout", 120_000, (n) => n >= 0),
    buckets,
    display: `${scheme!.toLowerCase()}://${hosts}/${name}`,
  };
}
