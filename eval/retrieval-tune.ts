// Candidate ranking variants on the DEV split of PAN 2013 (never the test split): for each
// suspicious document, fetches the postings of its keys once from the evaluation index built by
// eval/retrieval.ts, then ranks candidates by each variant and reports candidate@k per
// obfuscation type, plus the best score seen on clean documents (for a pre-alignment cut-off).
// Usage: node --import tsx eval/retrieval-tune.ts [--data DIR] [--index FILE] [--limit N]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { analyzeText } from "../src/text/index.js";
import { buildUnits } from "../src/align/units.js";
import { getLexicon } from "../src/lexicon/index.js";
import { locatedFingerprint } from "../src/fingerprint/index.js";
import { rankCandidates, DEFAULT_CANDIDATES, type CandidateOptions } from "../src/search/candidates.js";
import { openIndexStore } from "../src/store/index.js";
import { dataset, parseArgs, readText } from "./args.js";
import { splitOf } from "./split.js";
import { PAN_TYPES, type PanType } from "./pan13-compare.js";
import { pct, quantile, table } from "./measure.js";

const argv = process.argv.slice(2);
const args = parseArgs(argv);
const indexPath = argv.includes("--index") ? argv[argv.indexOf("--index") + 1]! : join(tmpdir(), "unspin-retrieval", "index.sqlite");
const pan = dataset(args, "pan13", ["pairs.tsv", "susp", "src"]);
const store = await openIndexStore(indexPath, { readonly: true });
const lexicon = getLexicon();
const panId = new Map<string, string>();
for await (const d of store.documents()) {
  for (const u of d.urls) {
    const m = /\/pan13\/src\/(source-document\d+\.txt)$/.exec(u);
    if (m) panId.set(m[1]!, d.id);
  }
}
const truth = new Map<string, { type: PanType; sources: string[] }>();
for (const line of readFileSync(join(pan, "pairs.tsv"), "utf8").trim().split(/\r?\n/).slice(1)) {
  const [susp, src, type] = line.split("\t") as [string, string, PanType];
  const t = truth.get(susp) ?? { type, sources: [] };
  t.sources.push(src);
  truth.set(susp, t);
}
let docs = [...truth.keys()].sort().filter((d) => splitOf(d) === "dev");
if (args.limit) docs = docs.slice(0, args.limit);

type Variant = { name: string; options: Partial<CandidateOptions> };
const variants: Variant[] = [
  { name: "baseline (sum 1/log2(1+df))", options: {} },
  ...[100, 400].map((span) => ({ name: `local span ${span}`, options: { span } })),
  ...[50, 100, 300, 1000].map((maxPostings) => ({ name: `maxPostings ${maxPostings}`, options: { maxPostings } })),
  { name: "minSharedKeys 3", options: { minSharedKeys: 3 } },
];
const ranks = variants.map(() => [] as { type: PanType; rank: number }[]);
const cleanTop = variants.map(() => [] as number[]);
const trueScores = variants.map(() => [] as { type: PanType; score: number }[]);
const trueRatios = variants.map(() => [] as number[]);
for (const susp of docs) {
  const t = truth.get(susp)!;
  const units = buildUnits(analyzeText(readText(join(pan, "susp", susp))), lexicon);
  const fp = locatedFingerprint(units, lexicon);
  const lists = await store.postings(fp.keys, DEFAULT_CANDIDATES.maxPostings);
  variants.forEach((v, vi) => {
    const ranked = rankCandidates(lists, { ...DEFAULT_CANDIDATES, limit: 1000, ...v.options }, fp.positions);
    if (t.type === "no-plagiarism") {
      cleanTop[vi]!.push(ranked[0]?.score ?? 0);
      return;
    }
    for (const s of t.sources) {
      const id = panId.get(s);
      const rank = ranked.findIndex((c) => c.doc === id);
      ranks[vi]!.push({ type: t.type, rank });
      trueScores[vi]!.push({ type: t.type, score: rank >= 0 ? ranked[rank]!.score : 0 });
      trueRatios[vi]!.push(rank >= 0 ? ranked[rank]!.score / ranked[0]!.score : 0);
    }
  });
}
await store.close();
const types = PAN_TYPES.filter((t) => t !== "no-plagiarism");
const rows = variants.map((v, vi) => {
  const at = (type: PanType | null, k: number) => {
    const rs = ranks[vi]!.filter((r) => type === null || r.type === type);
    return pct(rs.filter((r) => r.rank >= 0 && r.rank < k).length / Math.max(1, rs.length));
  };
  const clean = [...cleanTop[vi]!].sort((a, b) => a - b);
  const tru = trueScores[vi]!.map((x) => x.score).sort((a, b) => a - b);
  const rat = [...trueRatios[vi]!].sort((a, b) => a - b);
  return [v.name, ...types.map((t) => `${at(t, 5)} / ${at(t, 10)}`), `${at(null, 5)} / ${at(null, 10)}`, `${quantile(clean, 0.5).toFixed(1)} / ${quantile(clean, 0.95).toFixed(1)} / ${(clean[clean.length - 1] ?? 0).toFixed(1)}`, `${quantile(tru, 0.05).toFixed(1)} / ${quantile(tru, 0.1).toFixed(1)}`, `${quantile(rat, 0.02).toFixed(3)} / ${quantile(rat, 0.05).toFixed(3)} / ${quantile(rat, 0.1).toFixed(3)}`];
});
console.log(`Dev split, ${docs.length} suspicious documents; candidate@5 / candidate@10 per type.\n`);
console.log(table(["variant", ...types, "all", "clean top score p50 / p95 / max", "true source score p5 / p10", "true score / best p2 / p5 / p10"], rows));
