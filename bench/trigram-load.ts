// Trigram language model (src/lexicon/trigram.ts): cold load (parse the Sphinx file and write the
// cache), warm load (median of in-process loads from the cache, and one load in a fresh Node
// process), cache size, and lookups per second. Prints one JSON line.
// Usage: node --import tsx bench/trigram-load.ts
// Lookups: every word of examples/ in its real two-word context (text), and the spin detector's
// pattern: each of those contexts with 20 frequent candidate words in place of the real one.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleWords, median } from "./model-queries.js";
import { DEFAULT_TRIGRAM_LM, loadTrigramModel, type TrigramModel } from "../src/lexicon/trigram.js";

const path = process.env.UNSPIN_TRIGRAM_LM || DEFAULT_TRIGRAM_LM;

if (process.argv[2] === "--child") {
  const t = performance.now();
  const m = loadTrigramModel({ path, cacheDir: process.argv[3]! });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms: Math.round(ms * 10) / 10, fromCache: m?.fromCache }));
  process.exit(0);
}

/** Calls per second of `fn` over `n` queries, best of 5 passes (the first warms the JIT). */
function rate(n: number, fn: () => number): { perSecond: number; checksum: number } {
  let best = Infinity;
  let checksum = 0;
  for (let pass = 0; pass < 5; pass++) {
    const t = performance.now();
    checksum = fn();
    best = Math.min(best, performance.now() - t);
  }
  return { perSecond: Math.round(n / (best / 1000)), checksum };
}

function lookups(m: TrigramModel): Record<string, number> {
  const ids = exampleWords().map((w) => m.id(w));
  const frequent = Array.from({ length: m.size }, (_, i) => i)
    .sort((a, b) => m.logProbIds(b, -1, -1) - m.logProbIds(a, -1, -1))
    .slice(0, 500);
  const REPEAT = 50;
  const text = rate(ids.length * REPEAT, () => {
    let s = 0;
    for (let r = 0; r < REPEAT; r++) for (let i = 2; i < ids.length; i++) s += m.logProbIds(ids[i]!, ids[i - 2]!, ids[i - 1]!);
    return s;
  });
  const CANDIDATES = 20;
  const candidates = rate(ids.length * CANDIDATES * 5, () => {
    let s = 0;
    for (let r = 0; r < 5; r++) {
      for (let i = 2; i < ids.length; i++) {
        for (let c = 0; c < CANDIDATES; c++) s += m.logProbIds(frequent[(i * 7 + c * 13 + r) % frequent.length]!, ids[i - 2]!, ids[i - 1]!);
      }
    }
    return s;
  });
  const words = exampleWords();
  const strings = rate(words.length * 10, () => {
    let s = 0;
    for (let r = 0; r < 10; r++) for (let i = 2; i < words.length; i++) s += m.logProb(words[i]!, [words[i - 2]!, words[i - 1]!]);
    return s;
  });
  return {
    textWords: ids.length,
    textLookupsPerSecond: text.perSecond,
    candidateLookupsPerSecond: candidates.perSecond,
    stringLookupsPerSecond: strings.perSecond,
  };
}

const dir = mkdtempSync(join(tmpdir(), "unspin-trigram-bench-"));
try {
  let t = performance.now();
  const cold = loadTrigramModel({ path, cacheDir: dir });
  const coldMs = performance.now() - t;
  if (!cold) {
    console.log(JSON.stringify({ error: `no model at ${path}` }));
    process.exit(0);
  }
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    loadTrigramModel({ path, cacheDir: dir });
    warm.push(performance.now() - t);
  }
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", dir], { encoding: "utf8" });
  const warmProcess = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as { ms?: number };
  console.log(
    JSON.stringify({
      model: path,
      counts: cold.counts,
      cacheBytes: statSync(join(dir, "trigram.bin")).size,
      coldMs: Math.round(coldMs),
      warmMs: Math.round(median(warm) * 10) / 10,
      warmProcessMs: warmProcess.ms,
      ...lookups(cold),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
