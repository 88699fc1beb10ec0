// Replays the ordered-chain claim (src/search/chain.ts, src/search/claim.ts) offline over a dump of
// eval/retrieval.ts: every aligned candidate that the passage rule and the dense stretch leave
// unclaimed, but with which the aligner found some passage, carries its heaviest chain in the dump
// (`chain`), so each weight floor can be tried without checking again: which listed sources would
// be reported, how many clean suspects and Helsinki articles would gain a claim, and the heaviest
// chain among clean suspects' and Helsinki articles' candidates (the margin).
// Approximate: tracing's patience is as in the dump (a claim renews it). Every new claim on a clean
// suspect counts as unproven unless it shares 5 word 8-grams with the suspect (issue 15's test).
// Choose on the dev split only.
// Usage: node --import tsx eval/retrieval-chain-replay.ts DUMP [dev|test] [PAN13_DIR]
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pct } from "./measure.js";
import { provenCopy, wordRuns } from "./verbatim.js";

interface Outcome {
  source: string;
  claimed: boolean;
  byChain?: boolean;
  chain?: { weight: number; length: number } | null;
}
interface Doc {
  susp: string;
  type: string;
  split: string;
  claimed: string[];
  outcomes?: Outcome[];
  pairs: { source: string }[];
}
interface Article {
  split: string;
  outcomes?: Outcome[];
}
const [file, split = "dev", panDir = "../shared/data/pan13"] = process.argv.slice(2);
if (!file) throw new Error("usage: retrieval-chain-replay.ts DUMP [dev|test] [PAN13_DIR]");
const dump = JSON.parse(readFileSync(file, "utf8")) as { pan: Doc[]; helsinki: Article[] };
const pan = dump.pan.filter((d) => d.split === split);
const helsinki = dump.helsinki.filter((h) => h.split === split);
const types = ["no-obfuscation", "random-obfuscation", "translation-obfuscation", "summary-obfuscation"];
const shares5 = (susp: string, src: string) => {
  const path = join(panDir, "src", src);
  return existsSync(path) && provenCopy(wordRuns(readFileSync(join(panDir, "susp", susp), "utf8")), wordRuns(readFileSync(path, "utf8")), 5);
};

/** Claimed without the chain rule, or with it at `floor`. */
const claimedAt = (o: Outcome, floor: number) => (o.claimed && !o.byChain) || (o.chain ? o.chain.weight >= floor : false);

function score(floor: number) {
  const hit: Record<string, [number, number]> = Object.fromEntries(types.map((t) => [t, [0, 0]]));
  let cleanNew = 0;
  let cleanDocs = 0;
  for (const d of pan) {
    const outcomes = d.outcomes ?? [];
    const claimed = new Set(outcomes.filter((o) => claimedAt(o, floor)).map((o) => o.source));
    // Sources claimed but not among the aligned outcomes (none expected) count as in the dump.
    for (const s of d.claimed) if (!outcomes.some((o) => o.source === s)) claimed.add(s);
    if (d.type === "no-plagiarism") {
      cleanDocs++;
      const gained = outcomes.filter((o) => o.chain && o.chain.weight >= floor && !(o.claimed && !o.byChain));
      if (gained.some((o) => !shares5(d.susp, o.source))) cleanNew++;
      continue;
    }
    for (const p of d.pairs) {
      hit[d.type]![1]++;
      if (claimed.has(p.source)) hit[d.type]![0]++;
    }
  }
  const hNew = helsinki.filter((h) => (h.outcomes ?? []).some((o) => o.chain && o.chain.weight >= floor && !(o.claimed && !o.byChain))).length;
  return { hit, cleanNew, cleanDocs, hNew };
}

const heaviest = (outcomes: Outcome[]) => Math.max(0, ...outcomes.map((o) => o.chain?.weight ?? 0));
const cleanMax = heaviest(pan.filter((d) => d.type === "no-plagiarism").flatMap((d) => d.outcomes ?? []));
const helsinkiMax = heaviest(helsinki.flatMap((h) => h.outcomes ?? []));
console.log(`Split: ${split}. Heaviest chain of a candidate the other rules leave unclaimed: clean suspects ${cleanMax}, Helsinki articles ${helsinkiMax}.\n`);
console.log("| chain weight floor | " + types.join(" | ") + " | clean suspects with a new unproven claim | Helsinki articles with a new claim |");
console.log("| --- ".repeat(types.length + 3) + "|");
for (const floor of [Infinity, 2, 2.5, 3, 3.5, 4, 5, 6]) {
  const s = score(floor);
  console.log(`| ${floor === Infinity ? "off" : floor} | ${types.map((t) => pct(s.hit[t]![0] / Math.max(1, s.hit[t]![1]))).join(" | ")} | ${s.cleanNew} of ${s.cleanDocs} | ${s.hNew} of ${helsinki.length} |`);
}
