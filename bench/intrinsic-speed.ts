// Intrinsic analysis throughput on real news text, one core: MB of text per second for
// analyzeText + analyzeIntrinsic (the budget in DESIGN.md is >= 1 MB/s per core). Lexicon load is
// excluded (measured by bench/lexicon-startup.ts); the first pass warms memo tables and the JIT
// and is reported separately.
// Usage: node --import tsx bench/intrinsic-speed.ts [--data ../shared/data] [--mb 3] [--no-vectors] [--symspell] [--default-heap] [--source]
// The context model is the CLI's (getContextModel: CMU's model shipped in models/, or what
// UNSPIN_TRIGRAM_LM names); --symspell (formerly --no-trigram) uses the SymSpell counts instead.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBbc, loadReuters } from "../eval/intrinsic-data.js";
import { tuneHeap, YOUNG_SEMI_SPACE_MB } from "../src/runtime.js";
import { codeLabel, load } from "./built.js";

// As the CLI launcher does (bin/unspin.js); --default-heap measures with V8's defaults.
if (!process.argv.includes("--default-heap")) tuneHeap();

// The pipeline as the CLI runs it (bench/built.ts): compiled, or the sources with --source.
const [{ getLexicon }, { getWordVectors }, { getContextModel }, { analyzeText }, { analyzeIntrinsic }] = await Promise.all([
  load<typeof import("../src/lexicon/index.js")>("lexicon/index"),
  load<typeof import("../src/lexicon/vectors.js")>("lexicon/vectors"),
  load<typeof import("../src/lexicon/context-model.js")>("lexicon/context-model"),
  load<typeof import("../src/text/index.js")>("text/index"),
  load<typeof import("../src/intrinsic/index.js")>("intrinsic/index"),
]);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const here = dirname(fileURLToPath(import.meta.url));
const root = arg("data", join(here, "..", "..", "shared", "data"));
if (!existsSync(join(root, "bbc")) || !existsSync(join(root, "reuters21578"))) {
  console.error(`bench/intrinsic-speed: no bbc/ and reuters21578/ under ${root}; pass --data PATH`);
  process.exit(2);
}
const limit = Number(arg("mb", "3")) * 1e6;
const lexicon = getLexicon();
// --no-vectors: without the word-vector coherence signals (as before they were added).
const vectors = process.argv.includes("--no-vectors") ? undefined : getWordVectors();
const languageModel = process.argv.includes("--symspell") || process.argv.includes("--no-trigram") ? null : getContextModel();
const docs: string[] = [];
let total = 0;
for (const a of [...loadBbc(root), ...loadReuters(root, 50)]) {
  if (total >= limit) break;
  docs.push(a.text);
  total += a.text.length;
}

// Wall time and this process's CPU time: on a shared machine wall time includes waiting for a
// core, so MB per CPU-second is the fairer "per core" figure.
function pass(): { mbs: number; ms: number; cpuMbs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const d of docs) analyzeIntrinsic(analyzeText(d), lexicon, { ...(vectors ? { vectors } : {}), languageModel });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { mbs: total / 1e6 / (ms / 1000), ms, cpuMbs: total / 1e6 / ((c.user + c.system) / 1e6) };
}
const cold = pass();
const warm = [pass(), pass(), pass()].sort((a, b) => a.ms - b.ms)[1]!;
console.log(`intrinsic analysis${vectors ? "" : " without word vectors"} with the ${languageModel ? `${languageModel.name} model` : "SymSpell counts"} on ${docs.length} real articles, ${(total / 1e6).toFixed(2)} MB (text model included; ${codeLabel()}; ${process.argv.includes("--default-heap") ? "V8 default heap" : `young generation ${YOUNG_SEMI_SPACE_MB} MB semi-spaces, as the CLI`}):`);
console.log(`  first pass (cold memo, JIT): ${cold.mbs.toFixed(2)} MB/s (${cold.cpuMbs.toFixed(2)} MB per CPU-s)`);
console.log(`  warm, median of 3:           ${warm.mbs.toFixed(2)} MB/s per core (${warm.cpuMbs.toFixed(2)} MB per CPU-s)`);
