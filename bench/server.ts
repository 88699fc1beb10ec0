// Load on `unspin serve`: 16 concurrent clients (autocannon) post news-sized suspects to
// POST /api/check for 60 s against a 10k-article index. Reports checks per second, p50/p99
// latency, errors, the /healthz p99 while the CPU is saturated (probed from a worker thread every
// 50 ms), and the server's resident memory before and after. In the same run, the library alone
// (worker threads calling index.check directly, as many as the server's reader pool) gives the
// throughput the server is compared with (target: at least 90% of it).
// Suspects: BBC articles of the index spun by the evaluation spinner (30% of content words, with
// tokenizer debris), as in bench/check-latency.ts.
// Usage: npm run bench -- server   or   node --import tsx bench/server.ts [--seconds 60] [--connections 16]
//        [--workers 2] [--data DIR] [--dir DIR]
//   The 10k index is bench/check-latency.ts's (/tmp/unspin-bench/index-10000.sqlite); it is built
//   when missing. The server gets a copy, so the shared index is never opened for writing.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { tuneHeap } from "../src/runtime.js";
import { spin } from "./spinner.js";
import { codeLabel, load } from "./built.js";
import { READER_NICE } from "../src/server/pool.js";

tuneHeap();
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const seconds = Number(arg("--seconds") ?? 60);
const connections = Number(arg("--connections") ?? 16);
const workers = Number(arg("--workers") ?? availableParallelism());
// ../shared/data beside the repository (a git worktree sits one level deeper).
const data = arg("--data") ?? ["../../shared/data", "../../../shared/data"].map((p) => new URL(p, import.meta.url).pathname).find((p) => existsSync(join(p, "bbc"))) ?? new URL("../../shared/data", import.meta.url).pathname;
const dir = arg("--dir") ?? join(tmpdir(), "unspin-bench");
const root = new URL("../", import.meta.url).pathname;
const shared = join(dir, "index-10000.sqlite");

if (!existsSync(join(data, "bbc"))) {
  console.error(`bench server: needs ${data}/bbc and ${data}/reuters21578 (pass --data DIR)`);
  process.exit(2);
}
if (!existsSync(shared)) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "bench/check-latency.ts"), "--size", "10000", "--queries", "5", "--clean", "0", "--data", data, "--dir", dir], { stdio: "inherit" });
  if (r.status !== 0 || !existsSync(shared)) process.exit(2);
}
// A private copy for the server (its writer thread opens the index for writing).
const index = join(dir, `server-bench-${process.pid}.sqlite`);
new Database(shared, { readonly: true }).exec(`VACUUM INTO '${index.replace(/'/g, "''")}'`);
const cleanup = () => {
  for (const s of ["", "-wal", "-shm"]) rmSync(index + s, { force: true });
};
process.on("exit", cleanup);

const { createUnspin } = await load<typeof import("../src/unspin.js")>("unspin");
const unspin = createUnspin();
// An index built by older code is migrated to the current schema by its first writable open;
// the private copy takes that here, before threads open it read-only.
await (await unspin.openIndex(index)).close();
const bbcFiles: string[] = [];
for (const topic of readdirSync(join(data, "bbc")).sort()) {
  if (!/^[a-z]+$/.test(topic)) continue;
  for (const f of readdirSync(join(data, "bbc", topic)).sort()) if (f.endsWith(".txt")) bbcFiles.push(join(data, "bbc", topic, f));
}
const step = Math.floor(bbcFiles.length / 200);
const suspects = bbcFiles.filter((_, i) => i % step === 1).slice(0, 200).map((f, i) => spin(readFileSync(f, "utf8"), unspin.lexicon, { rate: 0.3, debris: true, seed: 500 + i }).text);
const meanBytes = Math.round(suspects.reduce((n, s) => n + Buffer.byteLength(s), 0) / suspects.length);

const q = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN);
const round = (x: number, d = 1) => +x.toFixed(d);

// ---- The library alone: `workers` threads, each with the index open read-only, checking in a loop,
// at the server's reader priority (READER_NICE), so both compete alike with other jobs.
/** CPU time (user + system, all threads) a process has used, in ms. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}

interface LibraryRun {
  checksPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  checks: number;
  /** CPU of this process (the checking threads; the main thread waits) per check. */
  cpuMsPerCheck: number;
  cpuCores: number;
  /** Resident memory the checking threads added to this process (at the end, over before they started). */
  rssAddedMB: number;
}

async function libraryAlone(): Promise<LibraryRun> {
  const dist = new URL("../dist/unspin.js", import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    try { require(${JSON.stringify(createRequire(import.meta.url).resolve("@napi-rs/nice"))}).nice(workerData.nice); } catch {}
    import(${JSON.stringify(dist)}).then(async ({ createUnspin }) => {
      const index = await createUnspin().openIndex(workerData.index, { readonly: true });
      await index.check(workerData.suspects[0]);
      parentPort.postMessage({ ready: true });
      await new Promise((r) => parentPort.once("message", r));
      const end = Date.now() + workerData.ms;
      const times = [];
      for (let k = workerData.offset; Date.now() < end; k++) {
        const t = performance.now();
        await index.check(workerData.suspects[k % workerData.suspects.length]);
        times.push(performance.now() - t);
      }
      await index.close();
      parentPort.postMessage({ times });
    });`;
  const rss0 = rssMB(process.pid);
  const threads = Array.from({ length: workers }, (_, k) => new Worker(code, { eval: true, workerData: { index, suspects, ms: seconds * 1000, offset: k * 37, nice: READER_NICE } }));
  await Promise.all(threads.map((w) => new Promise((r) => w.once("message", r))));
  const t0 = performance.now();
  const c0 = cpuMs(process.pid);
  const done = threads.map((w) => new Promise<number[]>((r) => w.once("message", (m: { times: number[] }) => r(m.times))));
  for (const w of threads) w.postMessage("go");
  const times = (await Promise.all(done)).flat();
  const cpu = cpuMs(process.pid) - c0;
  const rssAddedMB = rssMB(process.pid) - rss0;
  const elapsed = (performance.now() - t0) / 1000;
  await Promise.all(threads.map((w) => w.terminate()));
  return { checksPerSecond: round(times.length / elapsed, 2), p50Ms: round(q(times, 0.5)), p99Ms: round(q(times, 0.99)), checks: times.length, cpuMsPerCheck: round(cpu / times.length), cpuCores: round(cpu / 1000 / elapsed, 2), rssAddedMB };
}

// ---- The server: `unspin serve` in its own process, as a user starts it.
function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

interface AutocannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

async function server(): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [join(root, "bin/unspin.js"), "serve", "--port", "0", "--index", index, "--workers", String(workers)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const started = Date.now();
  while (!/serving (http:\/\/\S+)\//.test(stderr)) {
    if (child.exitCode !== null || Date.now() - started > 180_000) throw new Error(`the server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const startupSeconds = round((Date.now() - started) / 1000);
  const base = /serving (http:\/\/\S+)\//.exec(stderr)![1]!;
  const bodies = suspects.map((text) => JSON.stringify({ text }));
  // Warm-up: every suspect once, so both readers have the index's pages in cache.
  for (const body of bodies.slice(0, 20)) await fetch(`${base}/api/check`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const rssBefore = rssMB(child.pid!);
  // /healthz probed from another thread every 50 ms, so the load client's event loop does not
  // delay the probe's own timing.
  const probe = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const times = []; let stop = false;
     parentPort.on("message", () => { stop = true; });
     (async () => {
       while (!stop) {
         const t = performance.now();
         const r = await fetch(workerData.url);
         await r.text();
         times.push(performance.now() - t);
         await new Promise((r) => setTimeout(r, 50));
       }
       parentPort.postMessage(times);
     })();`,
    { eval: true, workerData: { url: `${base}/healthz` } },
  );
  const probed = new Promise<number[]>((r) => probe.once("message", r));
  let next = 0;
  const cpu0 = cpuMs(child.pid!);
  // Resident memory half-way too: does it level off or keep growing?
  let rssMid = NaN;
  const mid = setTimeout(() => (rssMid = rssMB(child.pid!)), (seconds * 1000) / 2);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [
      {
        method: "POST",
        path: "/api/check",
        headers: { "content-type": "application/json" },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  const cpu = cpuMs(child.pid!) - cpu0;
  clearTimeout(mid);
  probe.postMessage("stop");
  const health = await probed;
  await probe.terminate();
  const rssAfter = rssMB(child.pid!);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return {
    startupSeconds,
    checksPerSecond: round(result["2xx"] / result.duration, 2),
    checks: result["2xx"],
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    healthzProbes: health.length,
    healthzP50Ms: round(q(health, 0.5)),
    healthzP99Ms: round(q(health, 0.99)),
    healthzMaxMs: round(Math.max(...health)),
    cpuMsPerCheck: round(cpu / Math.max(1, result["2xx"])),
    cpuCores: round(cpu / 1000 / result.duration, 2),
    rssBeforeMB: rssBefore,
    rssMidMB: rssMid,
    rssAfterMB: rssAfter,
  };
}

// Library, server, library: other jobs on a shared machine come and go, so the library is measured
// before and after the server and the server is compared with the mean of the two.
const load0 = loadavg().map((x) => round(x, 2));
const libraryBefore = await libraryAlone();
const load1 = loadavg().map((x) => round(x, 2));
const served = await server();
const load2 = loadavg().map((x) => round(x, 2));
const libraryAfter = await libraryAlone();
const load3 = loadavg().map((x) => round(x, 2));
const library = {
  checksPerSecond: round((libraryBefore.checksPerSecond + libraryAfter.checksPerSecond) / 2, 2),
  cpuMsPerCheck: round((libraryBefore.cpuMsPerCheck * libraryBefore.checks + libraryAfter.cpuMsPerCheck * libraryAfter.checks) / (libraryBefore.checks + libraryAfter.checks)),
  before: libraryBefore,
  after: libraryAfter,
};
console.log(
  JSON.stringify({
    bench: "server",
    code: codeLabel(),
    index: "10k (bbc + reuters21578)",
    suspects: suspects.length,
    suspectMeanBytes: meanBytes,
    seconds,
    connections,
    workers,
    library,
    server: served,
    // Throughput ratio: what the target names; on a shared machine it also measures how much CPU
    // other jobs left each phase. CPU per check is the load-independent cost ratio.
    serverVsLibrary: round((served.checksPerSecond as number) / library.checksPerSecond, 3),
    serverVsLibraryByCpu: round(library.cpuMsPerCheck / (served.cpuMsPerCheck as number), 3),
    load: { start: load0, afterLibrary: load1, afterServer: load2, end: load3 },
  }),
);
