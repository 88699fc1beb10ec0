// The shipped context model (models/cmu-en-us-bigram.bin, src/lexicon/context-model.ts): cold load
// (decode the shipped file, build the hash tables and write the cache, once per machine), warm
// load (median of five in-process loads from the cache, and one load in a fresh Node process),
// file sizes, and bigram lookups per second. Prints one JSON line.
// Usage: node --import tsx bench/context-model-load.ts
// Lookups: every pair of neighbouring words of examples/ (text), and the detector's pattern: each
// of those left words with 20 other words of the examples after it (candidates).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleWords, median } from "./model-queries.js";
import { loadBigramModel, SHIPPED_CONTEXT_MODEL } from "../src/lexicon/context-model.js";
import type { ContextLanguageModel } from "../src/lexicon/language-model.js";

if (process.argv[2] === "--child") {
  const t = performance.now();
  const m = loadBigramModel({ cacheDir: process.argv[3]! });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms: Math.round(ms * 10) / 10, fromCache: m.fromCache }));
  process.exit(0);
}

/** Calls per second of `fn` over `n` queries, best of 5 passes (the first warms the JIT). */
function rate(n: number, fn: () => number): number {
  let best = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return Math.round(n / (best / 1000));
}

function lookups(m: ContextLanguageModel): Record<string, number> {
  const ids = exampleWords().map((w) => m.id(w)).filter((i) => i >= 0);
  // Candidate words: the example words themselves, as a stand-in for a text's synonyms.
  const frequent = [...new Set(ids)].slice(0, 500);
  const REPEAT = 50;
  const text = rate(ids.length * REPEAT, () => {
    let s = 0;
    for (let r = 0; r < REPEAT; r++) for (let i = 1; i < ids.length; i++) s += m.bigramIds(ids[i - 1]!, ids[i]!);
    return s;
  });
  const CANDIDATES = 20;
  const candidates = rate(ids.length * CANDIDATES * 5, () => {
    let s = 0;
    for (let r = 0; r < 5; r++) {
      for (let i = 1; i < ids.length; i++) {
        for (let c = 0; c < CANDIDATES; c++) s += m.bigramIds(ids[i - 1]!, frequent[(i * 7 + c * 13 + r) % frequent.length]!);
      }
    }
    return s;
  });
  return { textWords: ids.length, textLookupsPerSecond: text, candidateLookupsPerSecond: candidates };
}

const dir = mkdtempSync(join(tmpdir(), "unspin-context-model-bench-"));
try {
  let t = performance.now();
  const cold = loadBigramModel({ cacheDir: dir });
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    loadBigramModel({ cacheDir: dir });
    warm.push(performance.now() - t);
  }
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", dir], { encoding: "utf8" });
  const warmProcess = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as { ms?: number; fromCache?: boolean };
  console.log(
    JSON.stringify({
      model: cold.name,
      shippedBytes: statSync(SHIPPED_CONTEXT_MODEL).size,
      cacheBytes: statSync(join(dir, "bigram.bin")).size,
      coldMs: Math.round(coldMs),
      warmMs: Math.round(median(warm) * 10) / 10,
      warmProcessMs: warmProcess.ms,
      warmProcessFromCache: warmProcess.fromCache,
      ...lookups(cold),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
