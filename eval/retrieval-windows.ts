// Study for issue 15: could any rule on local word evidence claim the obfuscated PAN13 sources that
// `check` leaves unclaimed, without claiming same-subject news? Runs `check` (as shipped) on the
// random- and translation-obfuscation suspects and the clean suspects of PAN13, and on the BBC
// articles, against issue 15's index (pan13/src + bbc, built by eval/retrieval.ts), and keeps
// every aligned candidate that `check` does not claim:
// - positives: a listed source of an obfuscated suspect;
// - negatives: a neighbour of a clean PAN13 suspect that is no proven copy (< 5 shared word
//   8-grams, issue 15's test), and a BBC article's BBC neighbour that is no proven copy (< 3
//   shared word 8-grams, eval/verbatim.ts): another story on the same subject, which issue 10
//   says must not be called a copy.
// For each pair it measures the local evidence that survives word shuffling and translation:
// the suspect cut into windows of 10 content words, each window's best stretch of 20 content
// words of the candidate (distinct words matched, by base form), and the longest chain of windows
// that match at least T words and follow each other in both texts. Then, for a grid of rules
// "claim when a chain of L windows matches T or more", what the rule would add: PAN13 recall and
// the clean suspects and BBC articles it would accuse. Nothing is tuned here: the table shows
// whether a rule exists.
//
// Two gates, tried because PAN13's random obfuscation writes word salad: the suspect's matched
// windows read worse than the candidate's matched stretches (share of adjacent word pairs listed
// in the shipped CMU bigram model, which also drives the source-free detector); or the suspect as
// a whole reads as spun (its spin probability in the report).
//
// Usage: node --import tsx eval/retrieval-windows.ts [--data DIR] [--index FILE]
//          [--split dev|test|both] [--limit N] [--no-write]
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createUnspin, type CandidateOutcome } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import { buildUnits, type Unit } from "../src/align/units.js";
import { contentWords } from "../src/search/dense.js";
import { getContextModel } from "../src/lexicon/context-model.js";
import { dataset, fail, parseArgs, readText, RESULTS_DIR, today } from "./args.js";
import { splitOf, type Split } from "./split.js";
import { machine } from "./config.js";
import { pct, table } from "./measure.js";
import { MIN_SHARED_RUNS, provenCopy, wordRuns } from "./verbatim.js";

const argv = process.argv.slice(2);
const args = parseArgs(argv);
const opt = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const indexPath = opt("index") ?? join(tmpdir(), "unspin-retrieval", "index-pan-bbc-v2.sqlite");
if (!existsSync(indexPath)) fail(`no index at ${indexPath}: build it with \`node --import tsx eval/retrieval.ts --data DIR --no-write\` (or pass --index FILE)`);
const pan = dataset(args, "pan13", ["pairs.tsv", "susp", "src"]);
const bbc = dataset(args, "bbc", ["business"]);
/** Issue 15: a clean suspect's claim is unproven below 5 shared word 8-grams. */
const ISSUE_MIN_SHARED = 5;
const WINDOW = 10;
const STRETCH = 20;
/** Windows matching fewer words are not kept (the loosest rule of the grid asks 4). */
const MIN_KEPT = 4;
const SPLITS: Split[] = args.split === "both" ? ["dev", "test"] : [args.split];

const unspin = createUnspin();
const lexicon = unspin.lexicon;
const index = await unspin.openIndex(indexPath);
const store = await openIndexStore(indexPath, { readonly: true });
const lm = getContextModel();
if (!lm) fail("the shipped CMU bigram model did not load (models/cmu-en-us-bigram.bin)");

// Document id -> the data files it was added from (pan13/src names, bbc section/file); exact
// duplicates are one document with several names.
const filesOf = new Map<string, string[]>();
for await (const d of store.documents()) {
  for (const u of d.urls) {
    const m = /\/(pan13\/src\/source-document\d+\.txt|bbc\/[a-z]+\/\d+\.txt)$/.exec(u);
    if (m) filesOf.set(d.id, [...(filesOf.get(d.id) ?? []), m[1]!]);
  }
}
const unitsOf = (text: string): Unit[] => buildUnits(unspin.analyze(text), lexicon);

// --- evidence --------------------------------------------------------------------------------
interface Window {
  /** Window number along the suspect's content words. */
  at: number;
  /** Distinct window words found in the best stretch of the candidate. */
  matched: number;
  /** That stretch's centre, in the candidate's content words. */
  centre: number;
  /** Adjacent word pairs of the window and of the stretch, and how many of them the CMU bigram model lists (the fluency gate). */
  fluency: { suspect: [number, number]; source: [number, number] };
}

/** Disjoint windows of WINDOW content words, each with its best candidate stretch of STRETCH content words. */
function windows(sus: readonly Unit[], src: readonly Unit[]): Window[] {
  const { sc, oc, at } = contentWords(sus, src);
  const out: Window[] = [];
  for (let a = 0; a + WINDOW <= sc.length; a += WINDOW) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < WINDOW; i++) for (const j of at.get(sus[sc[a + i]!]!.key) ?? []) pairs.push([j, i]);
    if (pairs.length === 0) continue;
    pairs.sort((x, y) => x[0] - y[0]);
    const count = new Uint16Array(WINDOW);
    let n = 0;
    let lo = 0;
    let best = 0;
    let bestLo = 0;
    let bestHi = 0;
    for (let hi = 0; hi < pairs.length; hi++) {
      if (count[pairs[hi]![1]]!++ === 0) n++;
      while (pairs[hi]![0] - pairs[lo]![0] >= STRETCH) if (--count[pairs[lo++]![1]]! === 0) n--;
      if (n > best) [best, bestLo, bestHi] = [n, lo, hi];
    }
    if (best < MIN_KEPT) continue;
    const from = pairs[bestLo]![0];
    const to = pairs[bestHi]![0];
    const fluency = { suspect: listed(sus, sc[a]!, sc[a + WINDOW - 1]! + 1), source: listed(src, oc[from]!, oc[to]! + 1) };
    out.push({ at: a / WINDOW, matched: best, centre: (from + to) >> 1, fluency });
  }
  return out;
}

/** The longest run of windows matching >= t words, each after the last in both texts (one window may be skipped). */
function chain(ws: readonly Window[], t: number): Window[] {
  const strong = ws.filter((w) => w.matched >= t);
  const len = strong.map(() => 1);
  const prev = strong.map(() => -1);
  let end = -1;
  for (let i = 0; i < strong.length; i++) {
    for (let j = Math.max(0, i - 6); j < i; j++) {
      const da = strong[i]!.at - strong[j]!.at;
      const dc = strong[i]!.centre - strong[j]!.centre;
      if (da >= 1 && da <= 2 && dc >= -5 && dc <= 4 * WINDOW * da && len[j]! + 1 > len[i]!) [len[i], prev[i]] = [len[j]! + 1, j];
    }
    if (end < 0 || len[i]! > len[end]!) end = i;
  }
  const out: Window[] = [];
  for (let i = end; i >= 0; i = prev[i]!) out.unshift(strong[i]!);
  return out;
}

/** Adjacent word pairs (within a sentence) of units [from, to), and how many the CMU bigram model lists. */
function listed(us: readonly Unit[], from: number, to: number): [number, number] {
  let pairs = 0;
  let seen = 0;
  for (let i = Math.max(1, from); i < to; i++) {
    if (us[i]!.sentence !== us[i - 1]!.sentence) continue;
    const x = lm!.id(us[i - 1]!.norm);
    const y = lm!.id(us[i]!.norm);
    if (x < 0 || y < 0) continue;
    lm!.bigramIds(x, y);
    pairs++;
    if (lm!.lastBigramSeen) seen++;
  }
  return [pairs, seen];
}

/** Share of the chain's word pairs listed (null under 10 pairs: too few to say). */
function listedShare(counts: readonly [number, number][]): number | null {
  const pairs = counts.reduce((a, c) => a + c[0], 0);
  return pairs >= 10 ? counts.reduce((a, c) => a + c[1], 0) / pairs : null;
}

interface Pair {
  set: "pan-obfuscated" | "pan-clean" | "bbc";
  type: string;
  split: Split;
  suspect: string;
  /** The suspect's spin probability by the source-free analysis (the report's), 0 when too short to judge. */
  spin: number;
  windows: Window[];
}
const pairs: Pair[] = [];
/** Per split and type: listed pairs, and those `check` reports today. */
const recall = new Map<string, { pairs: number; reported: number }>();
const checked = { "pan-clean": new Map<Split, number>(), bbc: new Map<Split, number>(), bbcClaimed: new Map<Split, number>() };
const bump = (m: Map<Split, number>, s: Split) => m.set(s, (m.get(s) ?? 0) + 1);

async function neighbours(text: string, input: string): Promise<{ outcomes: CandidateOutcome[]; reported: Set<string>; spin: number }> {
  const outcomes: CandidateOutcome[] = [];
  const report = await index.check(text, { input, onCandidate: (o) => outcomes.push(o) });
  return { outcomes: outcomes.filter((o) => !o.claimed), reported: new Set(report.sources.flatMap((s) => filesOf.get(s.id) ?? [s.id])), spin: report.stats.spinProbability ?? 0 };
}
async function textOf(id: string): Promise<string | null> {
  const [d] = await store.getDocuments([id]);
  return d?.text ?? null;
}

// --- PAN13 -----------------------------------------------------------------------------------
const truth = new Map<string, { type: string; sources: string[] }>();
for (const line of readFileSync(join(pan, "pairs.tsv"), "utf8").trim().split(/\r?\n/).slice(1)) {
  const [susp, src, type] = line.split("\t") as [string, string, string];
  const t = truth.get(susp) ?? { type, sources: [] };
  t.sources.push(`pan13/src/${src}`);
  truth.set(susp, t);
}
const STUDIED = ["random-obfuscation", "translation-obfuscation", "no-plagiarism"];
let panDocs = [...truth.keys()].sort().filter((d) => SPLITS.includes(splitOf(d)) && STUDIED.includes(truth.get(d)!.type));
if (args.limit) panDocs = panDocs.slice(0, args.limit);
let done = 0;
for (const susp of panDocs) {
  const t = truth.get(susp)!;
  const split = splitOf(susp);
  const text = readText(join(pan, "susp", susp));
  const { outcomes, reported, spin } = await neighbours(text, susp);
  const clean = t.type === "no-plagiarism";
  if (clean) bump(checked["pan-clean"], split);
  else {
    const r = recall.get(`${split} ${t.type}`) ?? { pairs: 0, reported: 0 };
    r.pairs += t.sources.length;
    r.reported += t.sources.filter((s) => reported.has(s)).length;
    recall.set(`${split} ${t.type}`, r);
  }
  const sus = unitsOf(text);
  const runs = clean ? wordRuns(text) : null;
  for (const o of outcomes) {
    const listed = (filesOf.get(o.id) ?? []).some((f) => t.sources.includes(f));
    if (!clean && !listed) continue;
    const other = await textOf(o.id);
    if (other === null) continue;
    if (clean && provenCopy(runs!, wordRuns(other), ISSUE_MIN_SHARED)) continue;
    const src = unitsOf(other);
    pairs.push({ set: clean ? "pan-clean" : "pan-obfuscated", type: t.type, split, suspect: susp, spin, windows: windows(sus, src) });
  }
  if (++done % 50 === 0) console.error(`PAN13 ${done}/${panDocs.length}`);
}

// --- BBC -------------------------------------------------------------------------------------
let bbcFiles: string[] = [];
for (const section of readdirSync(bbc).filter((s) => !s.includes(".")).sort()) {
  for (const f of readdirSync(join(bbc, section)).filter((n) => n.endsWith(".txt")).sort()) bbcFiles.push(`${section}/${f}`);
}
bbcFiles = bbcFiles.filter((f) => SPLITS.includes(splitOf(f)));
if (args.limit) bbcFiles = bbcFiles.slice(0, args.limit * 4);
done = 0;
for (const file of bbcFiles) {
  const split = splitOf(file);
  const text = readText(join(bbc, file));
  const { outcomes, reported, spin } = await neighbours(text, `bbc/${file}`);
  bump(checked.bbc, split);
  if ([...reported].some((r) => r.startsWith("bbc/"))) bump(checked.bbcClaimed, split);
  const sus = unitsOf(text);
  const runs = wordRuns(text);
  for (const o of outcomes) {
    if (!filesOf.get(o.id)?.some((f) => f.startsWith("bbc/"))) continue;
    const other = await textOf(o.id);
    if (other === null || provenCopy(runs, wordRuns(other), MIN_SHARED_RUNS)) continue;
    const src = unitsOf(other);
    pairs.push({ set: "bbc", type: "news", split, suspect: file, spin, windows: windows(sus, src) });
  }
  if (++done % 200 === 0) console.error(`BBC ${done}/${bbcFiles.length}`);
}
await index.close();
await store.close();

// --- rules -----------------------------------------------------------------------------------
interface Rule {
  t: number;
  l: number;
  /** Fluency gate: the suspect's chained windows list this much less of their word pairs than the candidate's stretches. */
  gap?: number;
  /** Spin gate: the suspect's spin probability (source-free analysis) is at least this. */
  spin?: number;
}
function claims(p: Pair, r: Rule): boolean {
  const c = chain(p.windows, r.t);
  if (c.length < r.l) return false;
  if (r.spin !== undefined && p.spin < r.spin) return false;
  if (r.gap === undefined) return true;
  const s = listedShare(c.map((w) => w.fluency.suspect));
  const o = listedShare(c.map((w) => w.fluency.source));
  return s !== null && o !== null && o - s >= r.gap;
}
const rules: Rule[] = [];
for (const t of [4, 5, 6, 7, 8]) for (const l of [1, 2, 3, 4, 6]) rules.push({ t, l });
for (const t of [5, 6]) for (const l of [1, 2, 3]) for (const gap of [0.1, 0.2]) rules.push({ t, l, gap });
for (const t of [5, 6, 7]) for (const l of [1, 2, 3]) rules.push({ t, l, spin: 0.5 });

const lines: string[] = [];
for (const split of SPLITS) {
  const sp = pairs.filter((p) => p.split === split);
  const rec = (type: string) => recall.get(`${split} ${type}`) ?? { pairs: 0, reported: 0 };
  const rows = rules.map((r) => {
    const hit = sp.filter((p) => claims(p, r));
    const gained = (type: string) => hit.filter((p) => p.set === "pan-obfuscated" && p.type === type).length;
    const accused = (set: Pair["set"]) => new Set(hit.filter((p) => p.set === set).map((p) => p.suspect)).size;
    const cell = (type: string) => `${pct((rec(type).reported + gained(type)) / rec(type).pairs)} (+${gained(type)})`;
    return [
      `${r.l} x ${r.t}/${WINDOW}${r.gap !== undefined ? `, fluency gap >= ${r.gap}` : ""}${r.spin !== undefined ? `, suspect's spin probability >= ${r.spin}` : ""}`,
      cell("random-obfuscation"),
      cell("translation-obfuscation"),
      `${accused("pan-clean")} of ${checked["pan-clean"].get(split) ?? 0}`,
      `${accused("bbc")} of ${checked.bbc.get(split) ?? 0}`,
      hit.filter((p) => p.set === "bbc").length,
    ];
  });
  const count = (set: Pair["set"], type?: string) => sp.filter((p) => p.set === set && (type === undefined || p.type === type)).length;
  lines.push(
    `### ${split === "dev" ? "Dev" : "Test"} split`,
    "",
    `Today (\`check\` as shipped): random obfuscation ${pct(rec("random-obfuscation").reported / rec("random-obfuscation").pairs)} of ${rec("random-obfuscation").pairs} pairs reported, translation ${pct(rec("translation-obfuscation").reported / rec("translation-obfuscation").pairs)} of ${rec("translation-obfuscation").pairs}; BBC articles with a BBC source claimed ${checked.bbcClaimed.get(split) ?? 0} of ${checked.bbc.get(split) ?? 0}.`,
    `Unclaimed aligned pairs studied: listed sources ${count("pan-obfuscated", "random-obfuscation")} random, ${count("pan-obfuscated", "translation-obfuscation")} translation; clean suspects' neighbours ${count("pan-clean")}; BBC neighbours (other stories) ${count("bbc")}.`,
    "",
    table(["rule: a chain of L windows matching T of 10 content words", "random (+pairs)", "translation (+pairs)", "clean PAN13 suspects accused", "BBC articles accused", "BBC pairs"], rows),
    "",
  );
}

const cmd = `node --import tsx eval/retrieval-windows.ts --data ${opt("data") ?? "../shared/data"}${args.split !== "both" ? ` --split ${args.split}` : ""}${args.limit ? ` --limit ${args.limit}` : ""}`;
const md = [
  "# Issue 15: is there local evidence that claims PAN13's obfuscated sources but not same-subject news?",
  "",
  `Command: \`${cmd}\` (run ${today()}; machine: ${machine()}).`,
  "",
  `Index: issue 15's (${indexPath.endsWith("index-pan-bbc-v2.sqlite") ? "pan13/src + bbc, built by eval/retrieval.ts" : indexPath}). Pairs: every aligned candidate that \`check\` leaves unclaimed, of PAN13's random- and translation-obfuscation suspects (their listed sources), of its clean suspects (neighbours that are no proven copy: < ${ISSUE_MIN_SHARED} shared word 8-grams) and of the BBC articles (BBC neighbours that are no proven copy: < ${MIN_SHARED_RUNS} shared word 8-grams). Each column after the rule says what \`check\` would report if it also claimed every pair the rule passes. The recall columns count listed pairs reported at any rank (issue 15's metric).`,
  "",
  `Evidence: the suspect in disjoint windows of ${WINDOW} content words, each window's best stretch of ${STRETCH} content words of the candidate (distinct words matched by base form); a chain is windows matching T or more, each following the last in both texts (one window may be skipped). The fluency gate asks that the candidate's matched stretches, summed over the chain, list at least that share more of their adjacent word pairs in the CMU bigram model than the suspect's chained windows do (word salad reads worse than its source; at least 10 pairs on each side). The spin gate asks that the suspect as a whole reads as spun: its spin probability in the report (the source-free analysis) at least 0.5.`,
  "",
  ...lines,
];
if (argv.includes("--no-write")) console.log(md.join("\n"));
else {
  writeFileSync(join(RESULTS_DIR, "retrieval-windows.md"), md.join("\n") + "\n");
  console.log(md.join("\n"));
  console.error(`wrote ${join(RESULTS_DIR, "retrieval-windows.md")}`);
}
