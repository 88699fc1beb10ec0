// Ingest rate through the real `unspin add` path (budget: >= 2,000 news articles/s on the 2-core
// machine): BBC (2,225 text files) plus Reuters-21578 (records with a BODY, converted once to a
// JSON Lines file in a temporary folder) into a fresh SQLite index. Reports articles per second
// (articles read, new or duplicate, over wall time, lexicon already loaded), index bytes per
// stored document, peak resident memory and the load average (other jobs share the machine).
// Usage: node --import tsx bench/ingest.ts [--data DIR] [--keep]   Prints one JSON line.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { createUnspin } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import { writeReutersJsonl } from "../eval/retrieval-reuters.js";
import { tuneHeap } from "../src/runtime.js";

// As the CLI launcher does (bin/unspin.js); --default-heap measures with V8's defaults.
if (!process.argv.includes("--default-heap")) tuneHeap();

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
if (!existsSync(join(data, "bbc")) || !existsSync(join(data, "reuters21578"))) {
  console.error(`bench ingest: needs ${join(data, "bbc")} and ${join(data, "reuters21578")} (pass --data DIR)`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "unspin-ingest-"));
try {
  const jsonl = join(dir, "reuters.jsonl");
  const records = writeReutersJsonl(join(data, "reuters21578"), jsonl);
  const index = join(dir, "index.sqlite");
  const unspin = createUnspin();
  void unspin.lexicon; // start-up is measured by the lexicon-startup benchmark, not here
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const opened = await unspin.openIndex(index);
  const s = await opened.add([join(data, "bbc"), jsonl]);
  await opened.close();
  const seconds = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  // CPU seconds of this process: on a shared machine wall time includes other jobs' turns.
  const cpuSeconds = (c1.user + c1.system) / 1e6;
  const store = await openIndexStore(index, { readonly: true });
  const st = await store.stats();
  await store.close();
  const bytes = ["", "-wal"].reduce((n, x) => n + (existsSync(index + x) ? statSync(index + x).size : 0), 0);
  const articles = s.added + s.duplicates;
  console.log(
    JSON.stringify({
      bench: "ingest",
      corpus: `bbc (2,225 files) + reuters21578 (${records} records with BODY, as JSON Lines)`,
      articles,
      added: s.added,
      duplicates: s.duplicates,
      skipped: s.skipped.length,
      seconds: +seconds.toFixed(2),
      articlesPerSecond: Math.round(articles / seconds),
      cpuSeconds: +cpuSeconds.toFixed(2),
      articlesPerCpuSecond: Math.round(articles / cpuSeconds),
      indexBytes: bytes,
      bytesPerArticle: Math.round(bytes / st.documents),
      postings: st.postings,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      load: [+load0.toFixed(2), +loadavg()[0]!.toFixed(2)],
      budgetArticlesPerSecond: 2000,
    }),
  );
} finally {
  if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
}
