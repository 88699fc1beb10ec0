// `clusters` time and peak memory on a GENERATED corpus (budget for 100k articles on the 2-core
// machine: under 2 minutes and under 2 GB). Background articles come from bench/gen-corpus.ts
// (runs of real BBC/Reuters sentences) and are made mutually distinct, as unrelated news articles
// are: 60% of their longer words are replaced by corpus words (by frequency) and every name and
// number is redrawn, because with the pool's ~150k sentences 100k articles would otherwise share
// each sentence with a handful of others, names and numbers intact, and every such pair is a real
// partial copy (at 10k, with gen-corpus's 35% and names kept, 2,851 such edges among 10,000
// background articles). Vocabulary, key statistics and lengths stay those of real news. Planted copies, so there
// is something to find: for 2% of the articles a chain original -> spun copy (bench/spinner.ts,
// 30% of content words, pipeline debris) -> respun copy (15% more), half of the chains dated (the
// copy an hour or a day later), half not; and for every fifth chain a roundup stitched from the
// first half of its original and the second half of another chain's original.
// The first run builds the index (through `unspin add`, not timed here: see the ingest benchmark);
// the clustering is then measured in a fresh Node process (so its peak memory is its own), first
// the full run, then an incremental run after adding 0.5% more articles (planted copies of indexed
// originals among them).
// Usage: node --import tsx bench/clusters.ts --size N [--data DIR] [--dir DIR] [--source]
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateArticle, loadPool, prng, type Pool } from "./gen-corpus.js";
import { spin } from "./spinner.js";
import { tuneHeap } from "../src/runtime.js";
import { codeLabel, load } from "./built.js";

if (!process.argv.includes("--default-heap")) tuneHeap();
const [{ createUnspin }] = await Promise.all([load<typeof import("../src/unspin.js")>("unspin")]);

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const size = Number(arg("--size") ?? 10000);
const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
const dir = arg("--dir") ?? join(tmpdir(), "unspin-bench-clusters");
const index = join(dir, `clusters-${size}.sqlite`);
const truthPath = join(dir, `clusters-${size}.truth.json`);
mkdirSync(dir, { recursive: true });

interface Truth {
  /** Planted copy pairs by URL: [original, copy] (the stitched roundup counts as a copy of both). */
  pairs: [string, string][];
  /** Documents of the incremental batch. */
  extra: { text: string; url: string; published?: string }[];
  extraPairs: [string, string][];
}

type Row = { text: string; url: string; title?: string; site: string; published?: string };

/** A background article: gen-corpus's, with 60% of longer words replaced and names and numbers redrawn. */
function backgroundArticle(pool: Pool, names: readonly string[], rand: () => number): { title: string; text: string } {
  const a = generateArticle(pool, rand, 0.6);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  // Words after a sentence start that begin with a capital are names; numbers get new digits.
  const text = a.text
    .replace(/(?<=[a-z,;:] )[A-Z][a-z]+/g, () => pick(names))
    .replace(/\d+/g, (d) => String(Math.floor(rand() * 10 ** d.length)));
  return { title: text.split(" ").slice(0, 8).join(" "), text };
}

function plant(pool: Pool, lexicon: Parameters<typeof spin>[1], rand: () => number, n: number, prefix: string, t0: number): { rows: Row[]; pairs: [string, string][] } {
  const rows: Row[] = [];
  const pairs: [string, string][] = [];
  const originals: Row[] = [];
  for (let k = 0; k < n; k++) {
    const base = generateArticle(pool, rand);
    const dated = k % 2 === 0;
    const at = (h: number) => (dated ? { published: new Date(t0 + k * 3_600_000 + h * 3_600_000).toISOString() } : {});
    const o: Row = { text: base.text, url: `${prefix}:${k}:o`, site: "origin.example", ...at(0) };
    const c1: Row = { text: spin(base.text, lexicon, { rate: 0.3, debris: "pipeline", seed: 7 * k + 1 }).text, url: `${prefix}:${k}:c1`, site: "farm-a.example", ...at(1) };
    const c2: Row = { text: spin(c1.text, lexicon, { rate: 0.15, seed: 7 * k + 2 }).text, url: `${prefix}:${k}:c2`, site: "farm-b.example", ...at(25) };
    rows.push(o, c1, c2);
    originals.push(o);
    pairs.push([o.url, c1.url], [c1.url, c2.url], [o.url, c2.url]);
    if (k % 5 === 4 && originals.length >= 2) {
      const other = originals[originals.length - 2]!;
      const half = (t: string, first: boolean) => {
        const ss = t.match(/[^.!?]+[.!?]+\s*/g) ?? [t];
        const m = Math.ceil(ss.length / 2);
        return (first ? ss.slice(0, m) : ss.slice(m)).join("").trim();
      };
      const s: Row = { text: `${half(o.text, true)}\n\n${half(other.text, false)}`, url: `${prefix}:${k}:stitch`, site: "roundup.example" };
      rows.push(s);
      pairs.push([o.url, s.url], [other.url, s.url]);
    }
  }
  return { rows, pairs };
}

if (!process.argv.includes("--measure")) {
  if (!existsSync(index)) {
    if (!existsSync(join(data, "bbc")) || !existsSync(join(data, "reuters21578"))) {
      console.error(`bench clusters: needs ${data}/bbc and ${data}/reuters21578 (pass --data DIR)`);
      process.exit(2);
    }
    const unspin = createUnspin();
    const pool = loadPool(data);
    const names = [...new Set(pool.sentences.flatMap((x) => x.match(/(?<=[a-z,;:] )[A-Z][a-z]{2,}/g) ?? []))];
    const rand = prng(12);
    const chains = Math.round(size * 0.02);
    const planted = plant(pool, unspin.lexicon, rand, chains, "plant", Date.UTC(2026, 0, 1));
    const background = size - planted.rows.length;
    const rows: Row[] = [];
    // Planted documents spread through the background (insertion order matters to nothing, but real crawls interleave).
    const every = Math.max(1, Math.floor(background / planted.rows.length));
    let p = 0;
    for (let k = 0; k < background; k++) {
      const a = backgroundArticle(pool, names, rand);
      rows.push({ text: a.text, title: a.title, url: `gen:${k}`, site: "generated" });
      if (k % every === 0 && p < planted.rows.length) rows.push(planted.rows[p++]!);
    }
    while (p < planted.rows.length) rows.push(planted.rows[p++]!);
    // The incremental batch: 0.5% more articles, a fifth of them copies of indexed originals.
    const extraN = Math.round(size * 0.005);
    const extra: Row[] = [];
    const extraPairs: [string, string][] = [];
    for (let k = 0; k < extraN; k++) {
      if (k % 5 === 0) {
        const o = planted.rows.find((r) => r.url === `plant:${(k * 7) % chains}:o`)!;
        const c: Row = { text: spin(o.text, unspin.lexicon, { rate: 0.3, debris: "pipeline", seed: 9000 + k }).text, url: `late:${k}`, site: "farm-c.example" };
        extra.push(c);
        extraPairs.push([o.url, c.url]);
      } else {
        const a = backgroundArticle(pool, names, rand);
        extra.push({ text: a.text, url: `late:${k}`, site: "generated" });
      }
    }
    const truth: Truth = { pairs: planted.pairs, extra, extraPairs };
    writeFileSync(truthPath, JSON.stringify(truth));
    const t = performance.now();
    const opened = await unspin.openIndex(index);
    const s = await opened.add(rows);
    await opened.close();
    console.error(`bench clusters: built ${index}: ${s.added} added, ${s.duplicates} duplicates in ${((performance.now() - t) / 1000).toFixed(0)} s (${chains} planted chains)`);
  }
  // Measure in a fresh process.
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...process.execArgv, self, ...process.argv.slice(2), "--measure"], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const { readFileSync } = await import("node:fs");
const truth = JSON.parse(readFileSync(truthPath, "utf8")) as Truth;
const unspin = createUnspin();
void unspin.lexicon; // lexicon start-up is its own benchmark
const rssBase = process.memoryUsage().rss;
const opened = await unspin.openIndex(index);

async function measure(label: string, pairs: [string, string][]) {
  const load0 = loadavg()[0]!;
  const phases: Record<string, number> = {};
  let phase = "";
  let at = performance.now();
  const t0 = at;
  const c0 = process.cpuUsage();
  const report = await opened.clusters({
    rebuild: label === "full",
    onProgress: (p) => {
      if (p.phase === phase) return;
      const now = performance.now();
      if (phase) phases[phase] = +((now - at) / 1000).toFixed(1);
      phase = p.phase;
      at = now;
    },
  });
  phases[phase] = +((performance.now() - at) / 1000).toFixed(1);
  const seconds = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  // Planted pairs found as edges (by URL: members carry their first URL).
  const edges = new Set<string>();
  for (const c of report.clusters) {
    const url = new Map(c.members.map((m) => [m.id, m.url!]));
    for (const e of c.edges) edges.add([url.get(e.from)!, url.get(e.to)!].sort().join(" "));
  }
  const found = pairs.filter(([a, b]) => edges.has([a, b].sort().join(" "))).length;
  const plantedDocs = new Set(pairs.flat());
  let unplanted = 0;
  let directed = 0;
  let correct = 0;
  const truthDir = new Map(pairs.map(([o, c]) => [[o, c].sort().join(" "), o]));
  for (const c of report.clusters) {
    const url = new Map(c.members.map((m) => [m.id, m.url!]));
    for (const e of c.edges) {
      const [f, t] = [url.get(e.from)!, url.get(e.to)!];
      if (!plantedDocs.has(f) && !plantedDocs.has(t) && !f.startsWith("plant") && !t.startsWith("plant")) unplanted++;
      const o = truthDir.get([f, t].sort().join(" "));
      if (o === undefined || e.direction.state !== "known") continue;
      directed++;
      if (e.from && f === o) correct++;
    }
  }
  return {
    run: label,
    documents: report.stats.documents,
    newlyExamined: report.stats.newlyExamined,
    candidatePairs: report.stats.candidatePairs,
    confirmed: report.stats.confirmed,
    clusters: report.stats.clusters,
    seconds: +seconds.toFixed(1),
    cpuSeconds: +((c1.user + c1.system) / 1e6).toFixed(1),
    phases,
    plantedPairs: pairs.length,
    plantedFound: found,
    unplantedEdges: unplanted,
    directionKnown: directed,
    directionCorrect: correct,
    load: [+load0.toFixed(2), +loadavg()[0]!.toFixed(2)],
  };
}

const full = await measure("full", truth.pairs);
const peakFull = Math.round(process.resourceUsage().maxRSS / 1024);
await opened.add(truth.extra.map((r) => ({ ...r })));
const incremental = await measure("incremental", [...truth.pairs, ...truth.extraPairs]);
await opened.close();
console.log(
  JSON.stringify({
    bench: "clusters",
    code: codeLabel(),
    corpus: `generated (bench/gen-corpus.ts) with planted spun copies, ${size} articles`,
    full,
    peakRssMB: peakFull,
    rssBeforeIndexMB: Math.round(rssBase / 1048576),
    incremental,
    peakRssAfterIncrementalMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedAtEndMB: Math.round(process.memoryUsage().heapUsed / 1048576),
    budget: { seconds: 120, rssMB: 2048, at: 100000 },
  }),
);
