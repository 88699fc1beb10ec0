// Lexicon start-up: cold (build every part from the source packages into an empty cache) and
// warm (a fresh process-free load from that cache), plus the cost of a first question per lazy
// part. Prints one JSON line. Usage: node --import tsx bench/lexicon-startup.ts
// In-process warm figures are medians over several loads; `warmProcess` is a new Node process
// loading from the warm cache (what a CLI start-up pays, minus tsx's compilation which a build
// does not have; its own elapsed time is given as processWallMs for reference).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadLexicon, type EnglishLexicon } from "../src/lexicon/index.js";

function timeAll(lx: () => EnglishLexicon): { wordnetMs: number; firstWordMs: number; frequenciesMs: number; correctionsMs: number; spellingMs: number; totalMs: number } {
  const t0 = performance.now();
  const l = lx();
  const t1 = performance.now();
  l.relation("hostile", "friendly");
  const t2 = performance.now();
  l.unigram("the");
  const t3 = performance.now();
  l.corrections("recieve");
  const t4 = performance.now();
  l.isWord("comfortableity"); // a non-word consults every source
  const t5 = performance.now();
  return { wordnetMs: t1 - t0, firstWordMs: t2 - t1, frequenciesMs: t3 - t2, correctionsMs: t4 - t3, spellingMs: t5 - t4, totalMs: t5 - t0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const round = (o: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10]));

if (process.argv[2] === "--child") {
  // Child mode: one warm load, measured from inside the new process.
  console.log(JSON.stringify(round(timeAll(() => loadLexicon({ cacheDir: process.argv[3]! })))));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "unspin-lexicon-bench-"));
try {
  const cold = timeAll(() => loadLexicon({ cacheDir: dir }));
  const runs = Array.from({ length: 7 }, () => timeAll(() => loadLexicon({ cacheDir: dir })));
  const keys = Object.keys(runs[0]!) as (keyof (typeof runs)[0])[];
  const warm = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
  const t = performance.now();
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", dir], { encoding: "utf8" });
  const processWallMs = performance.now() - t;
  const warmProcess = JSON.parse(child.stdout) as Record<string, number>;
  const noCache = timeAll(() => loadLexicon({ cacheDir: false }));
  console.log(
    JSON.stringify({
      bench: "lexicon-startup",
      node: process.version,
      cold: round(cold),
      warmFirst: round(runs[0]!),
      warmMedian: round(warm),
      warmProcess,
      processWallMs: Math.round(processWallMs),
      noCache: round(noCache),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
