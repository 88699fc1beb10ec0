// Redis Cluster against SQLite on this machine: ingest rate, `check` latency and memory per
// article. Starts its own cluster (test/helpers/redis-cluster.ts: Debian's redis-server on free
// ports of 127.0.0.1, append-only files on, every master with `--replicas` replicas, batches
// confirmed on one replica by WAIT), ingests BBC (2,225 files) plus Reuters-21578 (records with a
// BODY, as JSON Lines) through the library's `add`, then measures:
//   - ingest: articles per second (wall, and per CPU-second of this process; the Redis servers
//     run on the same two cores, so wall time is the honest figure);
//   - memory: INFO memory used_memory summed over the masters, after minus before the ingest, per
//     stored article; and MEMORY USAGE of every key, by kind (records, postings, ids, URLs, ...);
//   - check: the spun-BBC queries of bench/check-latency.ts (30% of content words, debris), 20
//     warm-up then `--queries` timed, p50/p99 of the whole `check` and of the store calls alone.
// The same ingest and queries on a fresh SQLite index follow in the same process (skip with
// --no-sqlite). Everything runs on this one machine: masters, replicas and the client share the
// two cores; the figures say what the code costs, not what a real cluster of machines delivers.
// --bbc-only ingests the BBC articles alone (longer news articles: memory per article of full-length news).
// Usage: node --import tsx bench/redis.ts [--masters N] [--replicas R] [--queries Q] [--data DIR] [--no-sqlite] [--bbc-only]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { Cluster } from "ioredis";
import { createUnspin, type IndexSource } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import type { IndexStore } from "../src/store/types.js";
import { readArticles } from "../src/ingest/readArticles.js";
import { writeReutersJsonl } from "../eval/retrieval-reuters.js";
import { spin } from "./spinner.js";
import { tuneHeap } from "../src/runtime.js";
import { startCluster } from "../test/helpers/redis-cluster.js";

tuneHeap();
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const masters = Number(arg("--masters") ?? 3);
const replicas = Number(arg("--replicas") ?? 1);
const queries = Number(arg("--queries") ?? 200);
const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
if (!existsSync(join(data, "bbc")) || !existsSync(join(data, "reuters21578"))) {
  console.error(`bench redis: needs ${join(data, "bbc")} and ${join(data, "reuters21578")} (pass --data DIR)`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "unspin-redis-bench-"));
const cluster = await startCluster({ masters, replicas });
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const unspin = createUnspin();
void unspin.lexicon;

async function usedMemory(): Promise<number> {
  let total = 0;
  for (const port of cluster.masters()) total += Number(/used_memory:(\d+)/.exec(cluster.cli(port, "info", "memory"))![1]);
  return total;
}

/** MEMORY USAGE of every key on the masters, summed by kind (the letter after "<name>:"). */
async function memoryByKind(name: string): Promise<Record<string, { keys: number; bytes: number }>> {
  const kinds: Record<string, string> = { p: "postings", d: "documents", s: "counters", i: "ids", c: "claims", u: "urls", b: "blobs", m: "meta", e: "edges", E: "edges" };
  const out: Record<string, { keys: number; bytes: number }> = {};
  const client = new Cluster(cluster.masters().map((port) => ({ host: "127.0.0.1", port })));
  await new Promise((resolve) => client.once("ready", resolve));
  for (const node of client.nodes("master")) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", `${name}:*`, "COUNT", 1000);
      cursor = next;
      const sizes = await Promise.all(keys.map((k) => node.memory("USAGE", k, "SAMPLES", "0") as Promise<number | null>));
      keys.forEach((k, i) => {
        const kind = kinds[k[name.length + 1]!] ?? "other";
        // Overflow posting lists (key|field) are counted apart from the bucket hashes.
        const label = kind === "postings" && k.includes("|") ? "postings (long lists)" : kind;
        const e = (out[label] ??= { keys: 0, bytes: 0 });
        e.keys++;
        e.bytes += sizes[i] ?? 0;
      });
    } while (cursor !== "0");
  }
  await client.quit();
  return out;
}

const bbcFiles: string[] = [];
for (const topic of readdirSync(join(data, "bbc")).sort()) {
  if (!/^[a-z]+$/.test(topic)) continue;
  for (const f of readdirSync(join(data, "bbc", topic)).sort()) if (f.endsWith(".txt")) bbcFiles.push(join(data, "bbc", topic, f));
}
const step = Math.max(1, Math.floor(bbcFiles.length / (queries + 20)));
const qs: { id: string; text: string }[] = [];
for (const [i, f] of bbcFiles.filter((_, i) => i % step === 0).slice(0, queries + 20).entries()) {
  for await (const ev of readArticles([f])) {
    if (ev.kind === "article") qs.push({ id: ev.article.id, text: spin(readFileSync(f, "utf8"), unspin.lexicon, { rate: 0.3, debris: true, seed: 100 + i }).text });
  }
}

async function measure(location: string) {
  const jsonl = join(dir, "reuters.jsonl");
  if (!existsSync(jsonl)) writeReutersJsonl(join(data, "reuters21578"), jsonl);
  const mem0 = location.startsWith("redis") ? await usedMemory() : 0;
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const index = await unspin.openIndex(location);
  const s = await index.add(process.argv.includes("--bbc-only") ? [join(data, "bbc")] : [join(data, "bbc"), jsonl]);
  const seconds = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  const stats = await index.stats();
  await index.close();
  const articles = s.added + s.duplicates;
  const ingest = {
    articles,
    added: s.added,
    seconds: +seconds.toFixed(1),
    articlesPerSecond: Math.round(articles / seconds),
    articlesPerCpuSecond: Math.round(articles / ((c1.user + c1.system) / 1e6)),
    load: [+load0.toFixed(2), +loadavg()[0]!.toFixed(2)],
  };
  const memory = location.startsWith("redis")
    ? await (async () => {
        const used = (await usedMemory()) - mem0;
        const byKind = await memoryByKind(location.slice(location.lastIndexOf("/") + 1));
        const perArticle = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { keys: v.keys, bytesPerArticle: Math.round(v.bytes / stats.documents) }]));
        return { usedMemoryBytes: used, bytesPerArticle: Math.round(used / stats.documents), keysBytesPerArticle: Math.round(Object.values(byKind).reduce((a, v) => a + v.bytes, 0) / stats.documents), byKind: perArticle };
      })()
    : { fileBytes: stats.sizeBytes, bytesPerArticle: Math.round(stats.sizeBytes / stats.documents) };

  const store: IndexStore = await openIndexStore(location, { readonly: true });
  let storeMs = 0;
  const timed = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A) => {
    const t = performance.now();
    const r = await f(...a);
    storeMs += performance.now() - t;
    return r;
  };
  const source: IndexSource = {
    postingNumbers: timed((k: readonly number[], l: number) => store.postingNumbers(k, l)),
    documentIds: timed((n: readonly number[]) => store.documentIds(n)),
    getDocuments: timed((ids: readonly string[]) => store.getDocuments(ids)),
  };
  for (const x of qs.slice(queries)) await unspin.check(x.text, source);
  const wall: number[] = [];
  const storeTimes: number[] = [];
  let found = 0;
  const cl0 = loadavg()[0]!;
  for (const x of qs.slice(0, queries)) {
    storeMs = 0;
    const t = performance.now();
    const r = await unspin.check(x.text, source);
    wall.push(performance.now() - t);
    storeTimes.push(storeMs);
    if (r.sources.some((src) => src.id === x.id)) found++;
  }
  await store.close();
  const check = {
    queries: wall.length,
    found: +(found / wall.length).toFixed(3),
    p50Ms: +q(wall, 0.5).toFixed(1),
    p99Ms: +q(wall, 0.99).toFixed(1),
    storeP50Ms: +q(storeTimes, 0.5).toFixed(2),
    storeP99Ms: +q(storeTimes, 0.99).toFixed(2),
    load: +cl0.toFixed(2),
  };
  return { documents: stats.documents, postings: stats.postings, ingest, memory, check };
}

try {
  const redis = await measure(`${cluster.url}/bench`);
  const sqlite = process.argv.includes("--no-sqlite") ? undefined : await measure(join(dir, "index.sqlite"));
  console.log(
    JSON.stringify({
      bench: "redis",
      date: new Date().toISOString(),
      cluster: `${masters} master(s) x ${replicas} replica(s), redis-server ${/redis_version:(\S+)/.exec(cluster.cli(cluster.nodes[0]!.port, "info", "server"))?.[1] ?? "?"} on 127.0.0.1, appendonly yes, WAIT 1 replica per batch`,
      corpus: process.argv.includes("--bbc-only") ? "bbc (2,225 files)" : "bbc (2,225 files) + reuters21578 (records with BODY, as JSON Lines)",
      redis,
      ...(sqlite ? { sqlite } : {}),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
