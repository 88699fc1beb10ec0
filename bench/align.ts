// Alignment speed: median time to align two ~1,000-word articles (budget: < 5 ms), measured
// after warm-up, with the lexicon loaded and both texts already analysed (text analysis is
// reported separately as part of the whole compare).
// Source: real BBC news articles from --data (default ../shared/data) joined to >= 1,000 words;
// suspect: the same text spun by the evaluation spinner (30% of content words, with debris).
// Without the data folder it falls back to the project's own example articles (stated in the
// output as corpus "examples").
// Usage: node --import tsx bench/align.ts [--runs N] [--data DIR]   Prints one JSON line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeText } from "../src/text/index.js";
import { getLexicon } from "../src/lexicon/index.js";
import { alignTexts } from "../src/align/index.js";
import { buildReport } from "../src/report/build.js";
import { spin } from "./spinner.js";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg("--runs")) || 200;
const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const lexicon = getLexicon();

let source = "";
let suspect = "";
let corpus: string;
const bbc = join(data, "bbc", "business");
if (existsSync(bbc)) {
  corpus = "bbc/business (first files to 1,000 words), spun 30% with debris";
  for (const f of readdirSync(bbc).filter((f) => f.endsWith(".txt")).sort()) {
    if (words(source) >= 1000) break;
    source += readFileSync(join(bbc, f), "utf8") + "\n";
  }
  suspect = spin(source, lexicon, { rate: 0.3, debris: true, seed: 7 }).text;
} else {
  corpus = "examples (project-written originals and spun variants, repeated)";
  const ex = (p: string) => readFileSync(new URL(`../examples/${p}`, import.meta.url), "utf8");
  const pairs = [["original/harbour-council.txt", "spun/harbour-council.txt"], ["original/library-hours.txt", "spun/library-hours.txt"]];
  for (let k = 0; words(source) < 1000; k++) {
    const [o, s] = pairs[k % pairs.length]!;
    source += ex(o!) + "\n";
    suspect += ex(s!) + "\n";
  }
}

const sText = analyzeText(suspect);
const oText = analyzeText(source);
// Warm-up: fills the lexicon's lazy parts and memo tables, lets the JIT settle.
for (let k = 0; k < 30; k++) alignTexts(sText, oText, lexicon);

// Wall time, and this process's CPU time for the same runs: on a shared machine (other jobs on
// the two cores) wall time includes waiting for a core; CPU time is the work itself.
const alignCpu: number[] = [];
const align: number[] = [];
const full: number[] = [];
for (let k = 0; k < runs; k++) {
  // Fresh Text objects each run, so that no per-text memo (units) carries over between runs.
  const sFresh = analyzeText(suspect);
  const oFresh = analyzeText(source);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const a = alignTexts(sFresh, oFresh, lexicon);
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  alignCpu.push((c1.user + c1.system) / 1000);
  buildReport(analyzeText(suspect), [{ id: "s", text: analyzeText(source), alignment: a }]);
  const t2 = performance.now();
  align.push(t1 - t0);
  // Whole compare: analyse both texts, align, build the report.
  const t3 = performance.now();
  const s2 = analyzeText(suspect);
  const o2 = analyzeText(source);
  buildReport(s2, [{ id: "s", text: o2, alignment: alignTexts(s2, o2, lexicon) }]);
  full.push(performance.now() - t3);
  void t2;
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(JSON.stringify({
  bench: "align",
  corpus,
  suspectWords: words(suspect),
  sourceWords: words(source),
  runs,
  alignMedianMs: +q(align, 0.5).toFixed(3),
  alignP95Ms: +q(align, 0.95).toFixed(3),
  // Per-run CPU readings are coarse (scheduler ticks); their mean over all runs is not.
  alignCpuMeanMs: +(alignCpu.reduce((x, y) => x + y, 0) / alignCpu.length).toFixed(3),
  compareMedianMs: +q(full, 0.5).toFixed(3),
  budgetMs: 5,
  load: (await import("node:os")).loadavg()[0]!.toFixed(2),
}));
