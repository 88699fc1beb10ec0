// Replays the dense-stretch claim (src/search/claim.ts) offline over a dump of eval/retrieval.ts
// made with `--dense-floors F1,F2,...` (the dense claim off, as by default) (every aligned candidate's best dense stretch
// at each share floor), over a grid of (share floor, weight, matched words): which listed sources
// would be reported, and how many clean suspects and Helsinki articles would gain a claim.
// Approximate: tracing's patience is as in the dump (a dense claim would renew it), the
// furniture filter (maxSharers) is not applied, and every new claim on a clean suspect counts as
// unproven unless it shares 5 word 8-grams with the suspect (issue 15's test; pan13 sources only).
// Choose on the dev dump only.
// Usage: node --import tsx eval/retrieval-dense-replay.ts DUMP F1,F2,... [PAN13_DIR]
import { readFileSync } from "node:fs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pct } from "./measure.js";
import { provenCopy, wordRuns } from "./verbatim.js";

interface Dense {
  weight: number;
  share: number;
  matched: number;
}
interface Outcome {
  source: string;
  claimed: boolean;
  profile?: (Dense | null)[];
}
interface Doc {
  susp: string;
  type: string;
  claimed: string[];
  outcomes?: Outcome[];
  pairs: { source: string }[];
}
const [file, floorsArg, panDir = "../shared/data/pan13"] = process.argv.slice(2);
const proven = new Map<string, boolean>();
const shares5 = (susp: string, src: string) => {
  const key = susp + " " + src;
  if (!proven.has(key)) {
    const path = join(panDir, "src", src);
    proven.set(key, existsSync(path) && provenCopy(wordRuns(readFileSync(join(panDir, "susp", susp), "utf8")), wordRuns(readFileSync(path, "utf8")), 5));
  }
  return proven.get(key)!;
};
if (!file || !floorsArg) throw new Error("usage: retrieval-dense-replay.ts DUMP F1,F2,...");
const floors = floorsArg.split(",").map(Number);
const dump = JSON.parse(readFileSync(file, "utf8")) as { pan: Doc[]; helsinki: { outcomes: Outcome[]; claimed: string[] }[] };
const types = ["no-obfuscation", "random-obfuscation", "translation-obfuscation", "summary-obfuscation"];

function score(f: number, w: number, m: number) {
  const pass = (o: Outcome) => {
    const d = o.profile?.[f];
    return Boolean(d && d.weight >= w && d.matched >= m);
  };
  const hit: Record<string, [number, number]> = Object.fromEntries(types.map((t) => [t, [0, 0]]));
  let cleanNew = 0;
  let cleanDocs = 0;
  for (const d of dump.pan) {
    const extra = new Set((d.outcomes ?? []).filter((o) => !o.claimed && pass(o)).map((o) => o.source));
    if (d.type === "no-plagiarism") {
      cleanDocs++;
      if ([...extra].some((src) => !shares5(d.susp, src))) cleanNew++;
      continue;
    }
    for (const p of d.pairs) {
      hit[d.type]![1]++;
      if (d.claimed.includes(p.source) || extra.has(p.source)) hit[d.type]![0]++;
    }
  }
  const hNew = dump.helsinki.filter((h) => h.outcomes.some((o) => !o.claimed && pass(o))).length;
  return { hit, cleanNew, cleanDocs, hNew, hDocs: dump.helsinki.length };
}

const base = score(0, Infinity, Infinity);
console.log("| floor | weight | matched | " + types.join(" | ") + " | clean docs with a new unproven claim | Helsinki with a new claim |");
console.log("| --- ".repeat(types.length + 5) + "|");
const row = (label: string[], s: ReturnType<typeof score>) =>
  console.log(`| ${label.join(" | ")} | ${types.map((t) => pct(s.hit[t]![0] / Math.max(1, s.hit[t]![1]))).join(" | ")} | ${s.cleanNew} of ${s.cleanDocs} | ${s.hNew} of ${s.hDocs} |`);
row(["off", "-", "-"], base);
for (const [k, f] of floors.entries())
  for (const w of [3, 4, 5, 6, 7, 8])
    for (const m of [6, 8, 10]) row([String(f), String(w), String(m)], score(k, w, m));
