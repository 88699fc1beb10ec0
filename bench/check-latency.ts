// `check` latency and resident memory at 10k, 100k and 1M indexed articles (budget at 1M: p50
// under 20 ms, p99 under 100 ms after start-up, under 1 GB resident).
// Index: real articles first (BBC, then Reuters-21578 records with a BODY, as JSON Lines), then,
// past the ~21k real ones, GENERATED articles (bench/gen-corpus.ts: real BBC/Reuters sentences
// with a third of their longer words replaced by corpus words), all added through `unspin add`.
// Queries: BBC articles of the index spun by the evaluation spinner (30% of content words, with
// tokenizer debris), each checked once after a warm-up; a query counts as found when the BBC
// original is among report.sources.
// Usage: node --import tsx bench/check-latency.ts --size N [--build] [--queries Q] [--clean C] [--data DIR] [--dir DIR] [--source] [--default-heap]
//   The 10k index is made when missing; larger ones only with --build (1M takes long: run it in
//   the background with nohup).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, createReadStream } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { createInterface } from "node:readline";
import type { IndexSource } from "../src/unspin.js";
import { writeReutersJsonl } from "../eval/retrieval-reuters.js";
import { generateArticle, loadPool, prng, writeCorpus } from "./gen-corpus.js";
import { spin } from "./spinner.js";
import { tuneHeap } from "../src/runtime.js";
import { codeLabel, load } from "./built.js";

// As the CLI launcher does (bin/unspin.js); --default-heap measures with V8's defaults.
if (!process.argv.includes("--default-heap")) tuneHeap();
// The code as the CLI runs it (bench/built.ts): compiled, or the sources with --source.
const [{ createUnspin }, { openIndexStore }, { readArticles }] = await Promise.all([
  load<typeof import("../src/unspin.js")>("unspin"),
  load<typeof import("../src/store/index.js")>("store/index"),
  load<typeof import("../src/ingest/readArticles.js")>("ingest/readArticles"),
]);

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const size = Number(arg("--size") ?? 10000);
const queries = Number(arg("--queries") ?? 200);
const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
const dir = arg("--dir") ?? join(tmpdir(), "unspin-bench");
const index = join(dir, `index-${size}.sqlite`);
mkdirSync(dir, { recursive: true });
if (!existsSync(join(data, "bbc")) || !existsSync(join(data, "reuters21578"))) {
  console.error(`bench check-latency: needs ${data}/bbc and ${data}/reuters21578 (pass --data DIR)`);
  process.exit(2);
}

async function head(path: string, out: string, n: number): Promise<void> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (lines.length >= n) break;
    lines.push(line);
  }
  writeFileSync(out, lines.join("\n") + "\n");
}

const bbcFiles: string[] = [];
for (const topic of readdirSync(join(data, "bbc")).sort()) {
  if (!/^[a-z]+$/.test(topic)) continue;
  for (const f of readdirSync(join(data, "bbc", topic)).sort()) if (f.endsWith(".txt")) bbcFiles.push(join(data, "bbc", topic, f));
}

if (!existsSync(index)) {
  if (!process.argv.includes("--build") && size > 10000) {
    console.error(`bench check-latency: no index at ${index} (add --build to make it)`);
    process.exit(2);
  }
  const reuters = join(dir, "reuters.jsonl");
  const nReuters = writeReutersJsonl(join(data, "reuters21578"), reuters);
  const paths = [join(data, "bbc")];
  const real = bbcFiles.length + nReuters;
  if (size < real) {
    await head(reuters, join(dir, `reuters-${size}.jsonl`), size - bbcFiles.length);
    paths.push(join(dir, `reuters-${size}.jsonl`));
  } else {
    paths.push(reuters);
    const gen = join(dir, `gen-${size - real}.jsonl`);
    if (!existsSync(gen)) await writeCorpus(loadPool(data), size - real, gen, 1);
    paths.push(gen);
  }
  const t0 = performance.now();
  const opened = await createUnspin().openIndex(index);
  const s = await opened.add(paths);
  await opened.close();
  console.error(`built ${index}: ${s.added} added, ${s.duplicates} duplicates in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const rssBefore = process.memoryUsage().rss;
const store = await openIndexStore(index, { readonly: true });
const st = await store.stats();
const unspin = createUnspin();
let postingsMs = 0;
let docsMs = 0;
let fetched = 0;
const source: IndexSource = {
  postingNumbers: async (k, l) => {
    const t = performance.now();
    const r = await store.postingNumbers(k, l);
    postingsMs += performance.now() - t;
    return r;
  },
  documentIds: async (n) => {
    const t = performance.now();
    const r = await store.documentIds(n);
    docsMs += performance.now() - t;
    return r;
  },
  getDocuments: async (ids) => {
    const t = performance.now();
    const r = await store.getDocuments(ids);
    docsMs += performance.now() - t;
    fetched += ids.length;
    return r;
  },
};
// Queries: every k-th BBC file, spun; the warm-up uses other BBC files.
const step = Math.max(1, Math.floor(bbcFiles.length / (queries + 20)));
const picked = bbcFiles.filter((_, i) => i % step === 0).slice(0, queries + 20);
const qs: { id: string; text: string }[] = [];
for (const [i, f] of picked.entries()) {
  // The id the index gave this file, by the same ingest path.
  for await (const ev of readArticles([f])) {
    if (ev.kind === "article") qs.push({ id: ev.article.id, text: spin(readFileSync(f, "utf8"), unspin.lexicon, { rate: 0.3, debris: true, seed: 100 + i }).text });
  }
}
for (const q of qs.slice(queries)) await unspin.check(q.text, source);
const total: number[] = [];
const retrieval: number[] = [];
// CPU time of this process per query: wall time on a shared 2-core machine includes waiting
// for other jobs' processes; CPU time is what the query itself costs.
const cpu: number[] = [];
let found = 0;
fetched = 0;
for (const q of qs.slice(0, queries)) {
  postingsMs = docsMs = 0;
  const t = performance.now();
  const c0 = process.cpuUsage();
  const r = await unspin.check(q.text, source);
  const c1 = process.cpuUsage(c0);
  total.push(performance.now() - t);
  cpu.push((c1.user + c1.system) / 1000);
  retrieval.push(postingsMs + docsMs);
  if (r.sources.some((s) => s.id === q.id)) found++;
}
// "Unindexed" queries: generated articles of another seed, not in the index. Their sentences
// come from indexed BBC/Reuters articles (two thirds of the words kept), so they are patchworks
// of many partial copies: the worst case for early stopping, which rarely triggers for them.
const mainFetched = fetched;
// Resident memory after the copy queries, before the generator's word pool is loaded below.
const rssAfter = process.memoryUsage().rss;
const cleanN = Number(arg("--clean") ?? 50);
const cleanWall: number[] = [];
const cleanCpu: number[] = [];
let cleanFetched = 0;
let cleanClaimed = 0;
if (cleanN > 0) {
  const pool = loadPool(data);
  const rand = prng(999);
  for (let k = 0; k < cleanN; k++) {
    const text = generateArticle(pool, rand).text;
    fetched = 0;
    const t = performance.now();
    const c0 = process.cpuUsage();
    const r = await unspin.check(text, source);
    const c1 = process.cpuUsage(c0);
    cleanWall.push(performance.now() - t);
    cleanCpu.push((c1.user + c1.system) / 1000);
    cleanFetched += fetched;
    if (r.sources.length) cleanClaimed++;
  }
}
await store.close();
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(
  JSON.stringify({
    bench: "check-latency",
    code: codeLabel(),
    heap: process.argv.includes("--default-heap") ? "V8 default" : "CLI setting",
    size,
    documents: st.documents,
    corpus: size > 21268 ? "bbc + reuters21578 + generated (bench/gen-corpus.ts)" : "bbc + reuters21578",
    indexMB: +(st.sizeBytes / 1e6).toFixed(1),
    postings: st.postings,
    queries: total.length,
    found: +(found / total.length).toFixed(3),
    alignedPerQuery: +(mainFetched / total.length).toFixed(2),
    p50Ms: +q(total, 0.5).toFixed(1),
    p99Ms: +q(total, 0.99).toFixed(1),
    cpuP50Ms: +q(cpu, 0.5).toFixed(1),
    cpuP99Ms: +q(cpu, 0.99).toFixed(1),
    storeP50Ms: +q(retrieval, 0.5).toFixed(1),
    storeP99Ms: +q(retrieval, 0.99).toFixed(1),
    ...(cleanN > 0
      ? {
          unindexed: { queries: cleanN, alignedPerQuery: +(cleanFetched / cleanN).toFixed(2), withSources: cleanClaimed, p50Ms: +q(cleanWall, 0.5).toFixed(1), p99Ms: +q(cleanWall, 0.99).toFixed(1), cpuP50Ms: +q(cleanCpu, 0.5).toFixed(1), cpuP99Ms: +q(cleanCpu, 0.99).toFixed(1) },
        }
      : {}),
    rssMB: Math.round(rssAfter / 1e6),
    rssBeforeOpenMB: Math.round(rssBefore / 1e6),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    load: +loadavg()[0]!.toFixed(2),
  }),
);
