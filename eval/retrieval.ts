// Source retrieval on PAN 2013 (issue 3): index all of pan13/src plus BBC and Reuters-21578 as
// distractors through the real `unspin add` path (Reuters as a JSON Lines file written to a
// temporary folder, never into the repository), then `check` every pan13/susp document and
// score report.sources against pairs.tsv: recall@1 and recall@5 per (suspicious, source) pair by
// obfuscation type, candidate-level recall before alignment (diagnostic), and the share of
// clean documents (all pairs no-plagiarism) for which any source is claimed.
//
// Then checks the 612 Helsinki articles (news about one 2018 summit, none of them indexed) against
// the same index: any source claimed for them is a false claim unless proven a verbatim copy
// (eval/retrieval-helsinki.ts).
//
// Usage: node --import tsx eval/retrieval.ts [--data DIR] [--index FILE] [--rebuild]
//          [--split dev|test|both] [--limit N] [--align K] [--no-write] [--dump FILE]
//          [--no-helsinki | --no-pan] [--dense]
// Split: by suspicious document, FNV-1a of its file name (eval/split.ts), as pan13-compare.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { createUnspin, type CandidateOutcome, type IndexSource } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import { rankCandidates, DEFAULT_CANDIDATES } from "../src/search/candidates.js";
import { DEFAULT_TRACE, suspectKeys } from "../src/search/check.js";
import { DEFAULT_MINHASH, QUERY_STRIDE } from "../src/fingerprint/index.js";
import { DEFAULT_THRESHOLDS } from "../src/verdict/pair.js";
import { DEFAULT_CLAIM } from "../src/search/claim.js";
import { dataset, fail, parseArgs, readText, RESULTS_DIR, today } from "./args.js";
import { splitOf, type Split } from "./split.js";
import { PAN_TYPES, type PanType } from "./pan13-compare.js";
import { machine } from "./config.js";
import { pct, quantile, table } from "./measure.js";
import { writeReutersJsonl } from "./retrieval-reuters.js";
import { MIN_SHARED_RUNS, provenCopy, RUN_WORDS, wordRuns } from "./verbatim.js";

/** Issue 15: a claim on a clean suspect is unproven when the source shares fewer than 5 word 8-grams with it. */
const ISSUE_MIN_SHARED = 5;
import { retrievalScore, type DocResult, type RetrievalScore } from "./retrieval-score.js";
import { helsinkiScore, readHelsinki, type HelsinkiResult } from "./retrieval-helsinki.js";

const argv = process.argv.slice(2);
const args = parseArgs(argv);
const opt = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const work = join(tmpdir(), "unspin-retrieval");
// The index of issue 15 is all of pan13/src plus bbc; `--reuters` adds Reuters-21578 as further
// distractors (the setting of sessions 1-4), in an index of its own.
const withReuters = argv.includes("--reuters");
const indexPath = opt("index") ?? join(work, withReuters ? "index.sqlite" : "index-pan-bbc-v2.sqlite");
const alignK = opt("align") ? Number(opt("align")) : undefined;
if (alignK !== undefined && !(alignK > 0)) fail("--align needs a positive number");

const pan = dataset(args, "pan13", ["pairs.tsv", "susp", "src"]);
const bbc = dataset(args, "bbc", ["business"]);
const reutersDir = withReuters ? dataset(args, "reuters21578", ["0.sgm"]) : "";
const withPan = !argv.includes("--no-pan");
const withHelsinki = !argv.includes("--no-helsinki");
const helsinkiDir = withHelsinki ? dataset(args, "helsinki", ["helsinki_articles.csv"]) : "";

// --- index -----------------------------------------------------------------------------------
const ratio = opt("ratio") !== undefined ? Number(opt("ratio")) : undefined;
const misses = opt("misses") !== undefined ? Number(opt("misses")) : undefined;
const trace = {
  ...DEFAULT_TRACE,
  ...(alignK ? { maxAligned: alignK } : {}),
  ...(ratio !== undefined ? { minScoreRatio: ratio } : {}),
  ...(misses !== undefined ? { maxMisses: misses } : {}),
};
// --loose: claim every candidate with an aligned passage, whatever the pair verdict says (to tune
// the claim rule offline from the dump: coverage, similarity, aligned words and runs per source).
const loose = argv.includes("--loose");
// --dense: the dense-stretch claim on (off by default since session 6); --dense-floors a,b,...: record
// every aligned candidate's best dense stretch at these share floors in the dump (offline replay).
const denseFloors = opt("dense-floors")?.split(",").map(Number);
const unspin = createUnspin({
  trace,
  ...(argv.includes("--dense") ? { dense: {} } : {}),
  ...(denseFloors ? { denseFloors } : {}),
  ...(loose ? { claim: { longWords: 0, longRuns: 0 }, thresholds: { ...DEFAULT_THRESHOLDS, minCoverage: 0, minAlignedWords: 1 } } : {}),
  candidates: { ...DEFAULT_CANDIDATES, limit: Math.max(trace.maxAligned, DEFAULT_CANDIDATES.limit) },
});
let build: { seconds: number; added: number; duplicates: number; skipped: number } | null = null;
if (argv.includes("--rebuild") || !existsSync(indexPath)) {
  mkdirSync(work, { recursive: true });
  for (const s of ["", "-wal", "-shm"]) rmSync(indexPath + s, { force: true });
  const inputs = [join(pan, "src"), bbc];
  if (withReuters) {
    const jsonl = join(work, "reuters.jsonl");
    writeReutersJsonl(reutersDir, jsonl);
    inputs.push(jsonl);
  }
  const t0 = performance.now();
  const opened = await unspin.openIndex(indexPath);
  const s = await opened.add(inputs);
  await opened.close();
  build = { seconds: (performance.now() - t0) / 1000, added: s.added, duplicates: s.duplicates, skipped: s.skipped.length };
  console.error(`indexed ${s.added} documents (${s.duplicates} duplicates, ${s.skipped.length} skipped) in ${build.seconds.toFixed(1)} s`);
}
const store = await openIndexStore(indexPath, { readonly: true });
const stats = await store.stats();
// Document id -> pan13 source file names, from the file:// URLs each added file keeps (two pairs
// of pan13 source files are the same text, hence one indexed document with two names).
const panNames = new Map<string, string[]>();
const nameToId = new Map<string, string>();
for await (const d of store.documents()) {
  for (const u of d.urls) {
    const m = /\/pan13\/src\/(source-document\d+\.txt)$/.exec(u);
    if (!m) continue;
    panNames.set(d.id, [...(panNames.get(d.id) ?? []), m[1]!].sort());
    nameToId.set(m[1]!, d.id);
  }
}

// --- pairs -----------------------------------------------------------------------------------
const truth = new Map<string, { type: PanType; sources: string[] }>();
for (const line of readFileSync(join(pan, "pairs.tsv"), "utf8").trim().split(/\r?\n/).slice(1)) {
  const [susp, src, type] = line.split("\t") as [string, string, PanType];
  if (!(PAN_TYPES as readonly string[]).includes(type)) fail(`pairs.tsv: unknown type ${type}`);
  const t = truth.get(susp) ?? { type, sources: [] };
  if (t.type !== type) fail(`pairs.tsv: ${susp} has pairs of two types`);
  t.sources.push(src);
  truth.set(susp, t);
}
let docs = withPan ? [...truth.keys()].sort().filter((d) => args.split === "both" || splitOf(d) === args.split) : [];
if (args.limit) docs = docs.slice(0, args.limit);

// --- check -----------------------------------------------------------------------------------
// The candidate documents fetched, in order (each one is then aligned).
let fetched = 0;
let fetchedIds: string[] = [];
const source: IndexSource = {
  postingNumbers: (k, l) => store.postingNumbers(k, l),
  documentIds: (n) => store.documentIds(n),
  getDocuments: (ids) => {
    fetched += ids.length;
    fetchedIds.push(...ids);
    return store.getDocuments(ids);
  },
};
const results: DocResult[] = [];
const t0 = performance.now();
for (const [i, susp] of docs.entries()) {
  const t = truth.get(susp)!;
  const text = readText(join(pan, "susp", susp));
  const tc = performance.now();
  const outcomes: CandidateOutcome[] = [];
  fetched = 0;
  fetchedIds = [];
  const cpu0 = process.cpuUsage();
  const report = await unspin.check(text, source, { input: susp, onCandidate: (o) => outcomes.push(o) });
  const ms = performance.now() - tc;
  const cpu = process.cpuUsage(cpu0);
  const order = fetchedIds;
  const alignedCount = fetched;
  // Diagnostic: the ranked candidates before alignment, far deeper than what is aligned.
  const keys = suspectKeys(unspin.analyze(text), unspin.lexicon);
  const rankedNumbers = rankCandidates(await store.postingNumbers(keys, DEFAULT_CANDIDATES.maxPostings), { ...DEFAULT_CANDIDATES, limit: 100 });
  const rankedIds = await store.documentIds(rankedNumbers.map((c) => c.doc));
  const ranked = rankedNumbers.map((c) => ({ ...c, doc: rankedIds.get(c.doc) ?? `#${c.doc}` }));
  const candRank = (id: string | undefined) => (id === undefined ? -1 : ranked.findIndex((c) => c.doc === id));
  // Why an aligned true source was not reported: the pair verdict of `compare` on that pair.
  const miss = (src: string, candidateRank: number, sourceRank: number) => {
    if (sourceRank >= 0 || candidateRank < 0 || candidateRank >= trace.maxAligned) return {};
    const r = unspin.compare(text, { text: readText(join(pan, "src", src)), id: src });
    const words = r.stats.suspectWords;
    return { miss: { verdict: r.verdict, coverage: r.stats.coverage ?? 0, alignedWords: Math.round((r.stats.coverage ?? 0) * words) } };
  };
  const listed = new Set(t.sources);
  const runs = wordRuns(text);
  // A claimed document counts as the listed source when any of its names is listed.
  const nameOf = (id: string) => {
    const names = panNames.get(id);
    return names?.find((n) => listed.has(n)) ?? names?.[0] ?? id;
  };
  const claimed = report.sources.map((s) => nameOf(s.id));
  const proven = claimed.map((c) => !listed.has(c) && c.startsWith("source-") && provenCopy(runs, wordRuns(readText(join(pan, "src", c)))));
  const sourceTexts = new Map((await store.getDocuments(report.sources.map((s) => s.id))).map((d) => [d.id, d.text]));
  const shares5 = report.sources.map((s) => provenCopy(runs, wordRuns(sourceTexts.get(s.id) ?? ""), ISSUE_MIN_SHARED));
  results.push({
    susp,
    type: t.type,
    split: splitOf(susp) as Split,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    keys: keys.length,
    claimed,
    proven,
    shares5,
    words: report.stats.suspectWords,
    runs: report.sources.map((s) => outcomes.find((o) => o.id === s.id)?.sharedRuns ?? -1),
    alignedWords: report.sources.map((s) => outcomes.find((o) => o.id === s.id)?.alignedWords ?? -1),
    details: report.sources.map((s) => ({ similarity: s.similarity, passages: s.passages.map((p): [number, number] => [p.suspect.end - p.suspect.start, p.similarity]) })),
    coverage: report.sources.map((s) => s.coverage),
    aligned: alignedCount,
    outcomes: outcomes.map((o) => ({ source: nameOf(o.id), rank: ranked.findIndex((c) => c.doc === o.id), at: order.indexOf(o.id), copy: o.copy, alignedWords: o.alignedWords, runs: o.sharedRuns, dense: o.dense, ...(o.denseProfile ? { profile: o.denseProfile } : {}), byDense: o.byDense, claimed: o.claimed })),
    order: order.map(nameOf),
    ranked: ranked.map((c): [string, number] => [nameOf(c.doc), Math.round(c.score * 1000) / 1000]),
    pairs:
      t.type === "no-plagiarism"
        ? []
        : t.sources.map((src) => {
            const candidateRank = candRank(nameToId.get(src));
            const sourceRank = claimed.indexOf(src);
            return { source: src, candidateRank, sourceRank, ...miss(src, candidateRank, sourceRank) };
          }),
  });
  if ((i + 1) % 50 === 0) console.error(`${i + 1}/${docs.length} checked, ${((performance.now() - t0) / (i + 1)).toFixed(0)} ms/doc`);
}

// --- Helsinki: a clean set of news articles none of which is indexed --------------------------
const helsinki: HelsinkiResult[] = [];
if (withHelsinki) {
  let articles = readHelsinki(join(helsinkiDir, "helsinki_articles.csv")).filter((a) => args.split === "both" || a.split === args.split);
  if (args.limit) articles = articles.slice(0, args.limit);
  const h0 = performance.now();
  for (const [i, a] of articles.entries()) {
    const outcomes: CandidateOutcome[] = [];
    fetched = 0;
    fetchedIds = [];
    const tc = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await unspin.check(a.text, source, { input: a.id, onCandidate: (o) => outcomes.push(o) });
    const ms = performance.now() - tc;
    const cpu = process.cpuUsage(cpu0);
    const order = fetchedIds;
    const runs = wordRuns(a.text);
    const texts = new Map((await store.getDocuments(report.sources.map((s) => s.id))).map((d) => [d.id, d.text]));
    helsinki.push({
      id: a.id,
      publisher: a.publisher,
      split: a.split,
      words: unspin.analyze(a.text).words.length,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      claimed: report.sources.map((s) => panNames.get(s.id)?.[0] ?? s.id),
      proven: report.sources.map((s) => provenCopy(runs, wordRuns(texts.get(s.id) ?? ""))),
      alignedWords: report.sources.map((s) => outcomes.find((o) => o.id === s.id)?.alignedWords ?? -1),
      runs: report.sources.map((s) => outcomes.find((o) => o.id === s.id)?.sharedRuns ?? -1),
      aligned: fetched,
      order: order.map((id) => panNames.get(id)?.[0] ?? id),
      outcomes: outcomes.map((o) => ({ source: panNames.get(o.id)?.[0] ?? o.id, at: order.indexOf(o.id), copy: o.copy, alignedWords: o.alignedWords, runs: o.sharedRuns, dense: o.dense, ...(o.denseProfile ? { profile: o.denseProfile } : {}), byDense: o.byDense, claimed: o.claimed })),
    });
    if ((i + 1) % 100 === 0) console.error(`helsinki ${i + 1}/${articles.length} checked, ${((performance.now() - h0) / (i + 1)).toFixed(0)} ms/doc`);
  }
}
await store.close();
const dump = opt("dump");
if (dump) writeFileSync(dump, JSON.stringify({ pan: results, helsinki }));

// --- report ----------------------------------------------------------------------------------
const aligned = trace.maxAligned;
function section(title: string, s: RetrievalScore): string {
  const rows = PAN_TYPES.filter((t) => t !== "no-plagiarism").map((t) => {
    const r = s.byType[t];
    return [t, r.pairs, pct(r.at1), pct(r.at5), pct(r.ceiling5), pct(r.at5f), pct(r.atAll), pct(r.cand[0]!), pct(r.cand[1]!), pct(r.cand[2]!), pct(r.cand[3]!)];
  });
  const all = s.all;
  rows.push(["all plagiarised", all.pairs, pct(all.at1), pct(all.at5), pct(all.ceiling5), pct(all.at5f), pct(all.atAll), pct(all.cand[0]!), pct(all.cand[1]!), pct(all.cand[2]!), pct(all.cand[3]!)]);
  return [
    `### ${title} (${s.docs} suspicious documents)`,
    "",
    table(["type", "pairs", "recall@1", "recall@5", "recall@5 ceiling", "recall@5 filtered", "reported at any rank", "candidate@5", "candidate@10", "candidate@20", "candidate@100"], rows),
    "",
    `Clean documents (all pairs no-plagiarism): ${s.clean.docs}; any source claimed for ${s.clean.claimed} (${pct(s.clean.docs ? s.clean.claimed / s.clean.docs : 0)}); a source that is not a proven copy claimed for ${s.clean.unproven} (${pct(s.clean.docs ? s.clean.unproven / s.clean.docs : 0)}); **unproven claims (issue 15: a claimed source sharing fewer than ${ISSUE_MIN_SHARED} word 8-grams): ${s.clean.under5} (${pct(s.clean.docs ? s.clean.under5 / s.clean.docs : 0)})**.`,
    `Plagiarised documents claiming a source outside pairs.tsv: ${s.extraDocs} of ${s.plagDocs}; unlisted sources claimed ${s.unlisted.claimed}, of which proven copies (>= ${MIN_SHARED_RUNS} shared ${RUN_WORDS}-word runs) ${s.unlisted.proven}.`,
    `Pairs whose true source was among the ${aligned} candidates aligned but is not in report.sources: ${s.alignedNotReported}; \`compare\` on those pairs says ${Object.entries(s.missVerdicts).map(([v, n]) => `${v} ${n}`).join(", ") || "-"}` +
      (s.missSameStoryWords.some((x) => x > 0) ? ` (same-story ones have ${s.missSameStoryWords.join(" / ")} aligned suspect words at p25 / p50 / p75).` : "."),
  ].join("\n");
}

const md: string[] = [
  "# PAN 2013 source retrieval through the index",
  "",
  `Command: \`node --import tsx eval/retrieval.ts --data ${argv.includes("--data") ? opt("data") : "../shared/data"}${args.split !== "both" ? ` --split ${args.split}` : ""}${alignK ? ` --align ${alignK}` : ""}${ratio !== undefined ? ` --ratio ${ratio}` : ""}${misses !== undefined ? ` --misses ${misses}` : ""}${loose ? " --loose" : ""}${withPan ? "" : " --no-pan"}${withHelsinki ? "" : " --no-helsinki"}${withReuters ? " --reuters" : ""}\` (run ${today()}; machine: ${machine()}).`,
  "",
  (withReuters
    ? `Index: all of pan13/src, bbc and reuters21578 (records with a BODY, converted to JSON Lines in ${work} and added through \`unspin add\`): `
    : "Index (issue 15's): all of pan13/src and bbc, added through `unspin add`: ") +
    `${stats.documents} documents, ${stats.postings} postings, ${(stats.sizeBytes / 1e6).toFixed(1)} MB.` +
    (build ? ` Built in ${build.seconds.toFixed(1)} s (${build.added} added, ${build.duplicates} duplicates, ${build.skipped} skipped).` : ""),
  `Fingerprint: anchor shingles + MinHash/LSH window ${DEFAULT_MINHASH.window}, stride ${DEFAULT_MINHASH.stride} (the suspect's windows at stride ${QUERY_STRIDE}), ${DEFAULT_MINHASH.bands} bands x ${DEFAULT_MINHASH.rows} rows; candidates: maxPostings ${DEFAULT_CANDIDATES.maxPostings}, minSharedKeys ${DEFAULT_CANDIDATES.minSharedKeys}; at most ${aligned} candidates aligned, those scoring under ${trace.minScoreRatio} of the best skipped, stop after ${trace.maxMisses} in a row that align nothing or at ${trace.stopCoverage} coverage; claim rule ${JSON.stringify(loose ? "loose" : DEFAULT_CLAIM)} (src/search/claim.ts).`,
  "",
  "Every (suspicious, source) pair of pairs.tsv counts once. recall@k: the true source is among the first k of `report.sources` (in report order). recall@5 ceiling: the best recall@5 possible, since a suspect with n > 5 listed sources can hold only five in its first five. recall@5 filtered: the same with the suspect's other listed sources, and unlisted sources proven copies by an independent verbatim test (>= " + MIN_SHARED_RUNS + " shared " + RUN_WORDS + "-word runs, eval/verbatim.ts), removed from the ranking first (the filtered setting of link-prediction evaluation; pairs.tsv lists only part of each suspect's sources). candidate@k: the true source is among the first k ranked candidates before alignment (diagnostic; only the first " +
    `${aligned} are aligned). Split by suspicious document (FNV-1a of the file name, even -> dev, odd -> test); parameters were tuned on dev only.`,
  "",
];
const splits: [string, Split | null][] = args.split === "both" ? [["Test split", "test"], ["Dev split (tuned on)", "dev"], ["All", null]] : [[args.split === "test" ? "Test split" : "Dev split (tuned on)", args.split]];
if (withPan) for (const [title, sp] of splits) md.push(section(title, retrievalScore(results.filter((r) => sp === null || r.split === sp), aligned)), "");
if (withHelsinki) {
  const rows = splits.map(([title, sp]) => {
    const s = helsinkiScore(helsinki.filter((r) => sp === null || r.split === sp));
    return [title.replace(" (tuned on)", " (choices made on)"), s.docs, `${s.claimed} (${pct(s.docs ? s.claimed / s.docs : 0)})`, `${s.unproven} (${pct(s.docs ? s.unproven / s.docs : 0)})`];
  });
  md.push(
    "### Clean news: the Helsinki articles",
    "",
    "612 news articles about the July 2018 Trump-Putin summit (../shared/data/helsinki), none of them in the index, checked against it: any source claimed is a false claim unless it is a proven verbatim copy (eval/verbatim.ts). Split by article id (FNV-1a of `helsinki-<id>`).",
    "",
    table(["split", "articles", "any source claimed", "a source that is not a proven copy claimed"], rows),
    "",
  );
  const claims = helsinki.filter((r) => r.claimed.length).map((r) => `${r.id} (${r.split}, ${r.publisher}): ${r.claimed.map((c, i) => `${c} ${r.alignedWords[i]} words, ${r.runs[i]} runs${r.proven[i] ? ", proven" : ""}`).join("; ")}`);
  if (claims.length) md.push("Claims: " + claims.join(" | ") + ".", "");
}
const times = results.map((r) => r.ms).sort((a, b) => a - b);
const cpus = results.map((r) => r.cpuMs ?? 0).sort((a, b) => a - b);
const hCpus = helsinki.map((r) => r.cpuMs).sort((a, b) => a - b);
const hTimes = helsinki.map((r) => r.ms).sort((a, b) => a - b);
const hWords = helsinki.map((r) => r.words).sort((a, b) => a - b);
md.push("### Time per check", "");
if (withPan)
  md.push(
    `PAN13 suspicious documents (long: up to 100 kB): whole \`unspin.check\` (fingerprint, postings, ranking, alignment of up to ${aligned} candidates, report, source-free analysis), one thread: median ${quantile(times, 0.5).toFixed(0)} ms, p90 ${quantile(times, 0.9).toFixed(0)} ms, p99 ${quantile(times, 0.99).toFixed(0)} ms, max ${(times[times.length - 1] ?? 0).toFixed(0)} ms over ${times.length} documents (CPU time, all threads: median ${quantile(cpus, 0.5).toFixed(0)} ms, p90 ${quantile(cpus, 0.9).toFixed(0)} ms); candidates aligned per check: median ${quantile(results.map((r) => r.aligned ?? 0).sort((a, b) => a - b), 0.5)}, mean ${(results.reduce((n, r) => n + (r.aligned ?? 0), 0) / Math.max(1, results.length)).toFixed(1)}.`,
    "",
  );
if (withHelsinki)
  md.push(
    `Helsinki news articles (median ${quantile(hWords, 0.5)} words): median ${quantile(hTimes, 0.5).toFixed(0)} ms, p90 ${quantile(hTimes, 0.9).toFixed(0)} ms, p99 ${quantile(hTimes, 0.99).toFixed(0)} ms over ${hTimes.length} articles (CPU time: median ${quantile(hCpus, 0.5).toFixed(0)} ms, p90 ${quantile(hCpus, 0.9).toFixed(0)} ms); candidates aligned per check: mean ${(helsinki.reduce((n, r) => n + r.aligned, 0) / Math.max(1, helsinki.length)).toFixed(1)}. Machine load during the run: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (1 / 5 / 15 min, at the end).`,
    "",
  );
const text = md.join("\n");
console.log(text);
if (args.write) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, "retrieval.md"), text);
}
