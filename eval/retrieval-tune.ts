// Candidate ranking variants on the DEV split of PAN 2013 (never the test split): for each
// suspicious document, fetches the postings of its keys once from the evaluation index built by
// eval/retrieval.ts, then ranks candidates by each variant and reports candidate@k per
// obfuscation type, plus the best score seen on clean documents (for a pre-alignment cut-off).
// Usage: node --import tsx eval/retrieval-tune.ts [--data DIR] [--index FILE] [--limit N] [--strides]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { analyzeText } from "../src/text/index.js";
import { buildUnits } from "../src/align/units.js";
import { getLexicon } from "../src/lexicon/index.js";
import { locatedFingerprint, queryFingerprint } from "../src/fingerprint/index.js";
import type { Unit } from "../src/align/units.js";
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

// A variant ranks with other options, or looks up other keys of the suspect (`keys`; the index
// is unchanged, so only query-side changes can be tried here: MinHash windows of the suspect at a
// finer stride than the index's, so that some suspect window starts where a source window does).
// (Weighting MinHash keys against anchor keys was tried too, with a ranking option since removed:
// it did not help; the rows are in eval/results/retrieval.md, made by this script at c155789.)
type Variant = { name: string; options: Partial<CandidateOptions>; keys?: (units: Unit[]) => number[] };
const queryKeys = (stride: number) => (units: Unit[]) => queryFingerprint(units, lexicon, stride).keys;
const variants: Variant[] = argv.includes("--strides")
  ? [
      { name: "baseline: suspect windows at the index stride (12)", options: {} },
      ...[6, 4, 3, 2, 1].map((stride) => ({ name: `suspect windows at stride ${stride}`, options: {}, keys: queryKeys(stride) })),
    ]
  : [
      { name: "baseline (sum 1/log2(1+df))", options: {} },
      ...[100, 400].map((span) => ({ name: `local span ${span}`, options: { span } })),
      ...[50, 100, 300, 1000].map((maxPostings) => ({ name: `maxPostings ${maxPostings}`, options: { maxPostings } })),
      { name: "minSharedKeys 3", options: { minSharedKeys: 3 } },
    ];
const keyCounts = variants.map(() => [] as number[]);
const ranks = variants.map(() => [] as { type: PanType; rank: number }[]);
const cleanTop = variants.map(() => [] as number[]);
const trueScores = variants.map(() => [] as { type: PanType; score: number }[]);
const trueRatios = variants.map(() => [] as number[]);
for (const susp of docs) {
  const t = truth.get(susp)!;
  const units = buildUnits(analyzeText(readText(join(pan, "susp", susp))), lexicon);
  const fp = locatedFingerprint(units, lexicon);
  const lists = await store.postingNumbers(fp.keys, DEFAULT_CANDIDATES.maxPostings);
  for (const [vi, v] of variants.entries()) {
    const keys = v.keys ? v.keys(units) : fp.keys;
    keyCounts[vi]!.push(keys.length);
    const vLists = v.keys ? await store.postingNumbers(keys, DEFAULT_CANDIDATES.maxPostings) : lists;
    const rankedNumbers = rankCandidates(vLists, { ...DEFAULT_CANDIDATES, limit: 1000, ...v.options }, v.keys ? undefined : fp.positions);
    const ids = await store.documentIds(rankedNumbers.map((c) => c.doc));
    const ranked = rankedNumbers.map((c) => ({ ...c, doc: ids.get(c.doc) }));
    if (t.type === "no-plagiarism") {
      cleanTop[vi]!.push(ranked[0]?.score ?? 0);
      continue;
    }
    for (const s of t.sources) {
      const id = panId.get(s);
      const rank = ranked.findIndex((c) => c.doc === id);
      ranks[vi]!.push({ type: t.type, rank });
      trueScores[vi]!.push({ type: t.type, score: rank >= 0 ? ranked[rank]!.score : 0 });
      trueRatios[vi]!.push(rank >= 0 ? ranked[rank]!.score / ranked[0]!.score : 0);
    }
  }
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
  const kc = keyCounts[vi]!;
  return [v.name, ...types.map((t) => `${at(t, 5)} / ${at(t, 10)} / ${at(t, 20)} / ${at(t, 50)} / ${at(t, 100)}`), `${at(null, 5)} / ${at(null, 10)} / ${at(null, 20)} / ${at(null, 50)} / ${at(null, 100)}`, (kc.reduce((a, b) => a + b, 0) / Math.max(1, kc.length)).toFixed(0), `${quantile(clean, 0.5).toFixed(1)} / ${quantile(clean, 0.95).toFixed(1)} / ${(clean[clean.length - 1] ?? 0).toFixed(1)}`, `${quantile(tru, 0.05).toFixed(1)} / ${quantile(tru, 0.1).toFixed(1)}`, `${quantile(rat, 0.02).toFixed(3)} / ${quantile(rat, 0.05).toFixed(3)} / ${quantile(rat, 0.1).toFixed(3)}`];
});
console.log(`Dev split, ${docs.length} suspicious documents; candidate@5 / @10 / @20 / @50 / @100 per type.\n`);
console.log(table(["variant", ...types, "all", "keys per suspect", "clean top score p50 / p95 / max", "true source score p5 / p10", "true score / best p2 / p5 / p10"], rows));
