// The library factory: one object that every front end (CLI, server, scripts) calls. No I/O
// here beyond what the lexicon loader does on first use; inputs are strings, outputs plain data.
import { readFileSync } from "node:fs";
import { analyzeText } from "./text/index.js";
import type { Text } from "./text/types.js";
import type { Lexicon } from "./lexicon/types.js";
import type { Unit } from "./align/index.js";
import { getLexicon } from "./lexicon/index.js";
import { alignTexts, type AlignOptions } from "./align/index.js";
import { buildReport, isCopyVerdict, measure, type SourceInput } from "./report/build.js";
import type { Report } from "./report/schema.js";
import { DEFAULT_THRESHOLDS, pairVerdict, type VerdictThresholds } from "./verdict/pair.js";
import { rankCandidates, DEFAULT_CANDIDATES, type Candidate, type CandidateOptions, type Postings } from "./search/candidates.js";
import { DEFAULT_TRACE, suspectKeys, traceSources, type CandidateDocument, type TraceOptions } from "./search/check.js";
import { documentNgrams, prepareDocument, type PreparedDocument } from "./search/prepare.js";
import { claimDense, claimSource, DEFAULT_CLAIM, DEFAULT_DENSE_CLAIM, rarity, sharedRuns, sharedStretches, type ClaimOptions, type DenseClaimOptions, type DenseEvidence } from "./search/claim.js";
import { withStretch } from "./search/stretch.js";
import { denseProfile } from "./search/dense.js";
import { checkDirection } from "./cluster/reversed.js";
import { withoutShadowed } from "./search/shadowed.js";
import type { Article } from "./ingest/types.js";
import { requireWords } from "./ingest/decode.js";
import { analyzeIntrinsic, type CorpusCounts, type IntrinsicResult, type WordVectors } from "./intrinsic/index.js";
import { getWordVectors } from "./lexicon/vectors.js";
import { getContextModel, type ContextLanguageModel } from "./lexicon/context-model.js";
import { mergeIntrinsic } from "./report/intrinsic.js";
import { RULES, type RuleSpec } from "./rules/catalogue.js";
import { openIndex, targetOf } from "./library/open-index.js";
import { checkInputs } from "./library/check.js";
import type { ArticleInput, CheckEvent, CheckInputsOptions, HtmlArticleInput, MigrateOptions, MigrateSummary, OpenIndexOptions, UnspinIndex } from "./library/types.js";
import { migrateIndex } from "./library/migrate.js";
import { articleFromHtml } from "./library/article.js";

/** What a library caller does about a text without words (the CLI and the server say it their way). */
const LIBRARY_HINT = "pass the article's text";

export { onCacheBuild, type CacheBuildEvent } from "./lexicon/cache.js";

/** The package's version (package.json sits one level up from both src/ and dist/). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}
export { defaultIndexPath } from "./store/paths.js";
export { isRedisLocation } from "./store/redis/location.js";
export type * from "./library/types.js";
export { clusterMemberTexts } from "./library/cluster-texts.js";

/**
 * What `check` needs of an index (the IndexStore backends provide it): postings as document
 * numbers (see src/store/types.ts), ids for the few numbers that rank, and the documents.
 */
export interface IndexSource {
  postingNumbers(keys: readonly number[], limit: number): Promise<Postings<number>>;
  documentIds(numbers: readonly number[]): Promise<ReadonlyMap<number, string>>;
  getDocuments(ids: readonly string[]): Promise<readonly (CandidateDocument & { urls?: string[] })[]>;
}

export interface UnspinOptions {
  /** A lexicon to use instead of the shared default (loaded lazily on first use). */
  lexicon?: Lexicon;
  /** Word vectors for source-free analysis (default: the shared GloVe table, loaded on first use; `false`: none). */
  vectors?: WordVectors | false;
  /**
   * The language model for source-free analysis (default: the shared one, getContextModel(): CMU's
   * model shipped with unspin, or what UNSPIN_TRIGRAM_LM names; `false`: none, the SymSpell counts).
   */
  languageModel?: ContextLanguageModel | false;
  align?: Partial<AlignOptions>;
  thresholds?: VerdictThresholds;
  candidates?: CandidateOptions;
  /** How many ranked candidates `check` aligns at most (default DEFAULT_TRACE.maxAligned). */
  alignCandidates?: number;
  /** Pre-filter and early stop of `check`'s alignment of candidates. */
  trace?: Partial<TraceOptions>;
  /** What `check` requires of an aligned candidate, beyond the pair verdict, to claim it as a source. */
  claim?: Partial<ClaimOptions>;
  /**
   * The dense-stretch claim of copies whose word order is gone (src/search/claim.ts): off unless
   * given (`{}` for its defaults). It finds word-shuffled copies (PAN13's random obfuscation) but
   * also claims sources between different news stories on one subject (eval/results/retrieval.md,
   * session 6: BBC articles with a claimed source 243 -> 289 of 1,013), so `check` leaves it off.
   */
  dense?: Partial<DenseClaimOptions> | false;
  /** Diagnostics: share floors at which `onCandidate` reports each candidate's best dense stretch. */
  denseFloors?: number[];
}

/** One aligned candidate of `check`, for diagnostics: whether it was claimed, and on what evidence. */
export interface CandidateOutcome {
  id: string;
  /** The pair verdict calls it a copy. */
  copy: boolean;
  /** Suspect words inside aligned passages. */
  alignedWords: number;
  /** Distinct word runs shared inside aligned passages (see src/search/claim.ts). */
  sharedRuns: number;
  /** The best dense stretch at the dense claim's share floor (null: none, or the dense claim is off, as by default). */
  dense: DenseEvidence | null;
  /** ...at each of `denseFloors` (when asked for). */
  denseProfile?: (DenseEvidence | null)[];
  /** Claimed only on the dense stretch (the rule on aligned passages did not claim it). */
  byDense: boolean;
  claimed: boolean;
}

export interface CheckOptions {
  input?: string;
  corpus?: CorpusCounts;
  /**
   * Indexed documents that are the suspect itself (by id, or by one of their URLs): they are not
   * candidates, so an indexed article is traced to the others and not to itself.
   */
  exclude?: { ids?: ReadonlySet<string>; urls?: ReadonlySet<string> };
  /** Called for every candidate aligned (with passages or none). */
  onCandidate?: (outcome: CandidateOutcome) => void;
  /** The suspect's publication date, when known: an indexed document published after it is its copy, not its source. */
  published?: string;
}

export interface CompareInput {
  text: string | Text;
  id?: string;
  url?: string;
  title?: string;
}

/** A rule of the catalogue as front ends show it: id, severity, description, example, colour of its marks, verdict weight. */
export type RuleInfo = RuleSpec;

export interface Unspin {
  readonly lexicon: Lexicon;
  /** The rule catalogue (src/rules/catalogue.ts), colours included: the HTML report and the web page both paint with them. */
  readonly rules: readonly RuleInfo[];
  /**
   * The article an HTML page holds, extracted as `add` extracts an HTML file: main text by
   * Readability, and title, author, date, site and canonical URL from the page's metadata unless
   * given. `check` offsets then refer to the returned text.
   */
  extract(page: HtmlArticleInput): Promise<ArticleInput>;
  analyze(text: string): Text;
  /** Aligns a suspect with one source and reports verdict, passages and typed edits. */
  compare(suspect: string | Text, source: CompareInput | string, options?: { input?: string }): Report;
  /** Finds the indexed articles a suspect was copied from and explains the copy. */
  check(suspect: string | Text, index: IndexSource, options?: CheckOptions): Promise<Report>;
  /** Source-free analysis alone: is this text spinner output, and where? */
  intrinsic(text: string | Text, options?: { input?: string; corpus?: CorpusCounts }): Report;
  /** Fingerprint keys and n-gram counts of an article, ready for the store. */
  prepare(article: Article): PreparedDocument;
  /** The corpus n-gram counts `prepare` gives, alone (no fingerprint): for the index's corpus statistics. */
  ngrams(text: string | Text): Map<string, number>;
  /**
   * Opens (or, unless read-only, creates) the index at `location`: an SQLite file path, or a
   * Redis Cluster as redis://host:port[,host:port...][/name][?options]. A
   * read-only open of a missing index is an INDEX_MISSING error.
   */
  openIndex(location: string, options?: OpenIndexOptions): Promise<UnspinIndex>;
  /**
   * Copies the index at `from` to `to` (an SQLite file or a redis:// location, either way): the
   * documents with their URLs, postings, corpus counts and cluster edges. Safe to run again.
   */
  migrate(from: string, to: string, options?: MigrateOptions): Promise<MigrateSummary>;
  /**
   * Checks every article of the inputs (files, folders, feeds, WARCs, "-"), one event per article
   * as soon as it is done; with `index`, traced to its sources, else source-free evidence only.
   */
  checkInputs(inputs: readonly string[], options?: CheckInputsOptions & { index?: UnspinIndex | null }): AsyncGenerator<CheckEvent>;
}

/**
 * Candidates ranked on document numbers, then named. Candidates of equal score are ordered by id,
 * not by number: numbers differ between backends (and after a migration), ids do not, so the
 * same index content ranks the same way on SQLite and Redis.
 */
async function rankIndex(index: IndexSource, keys: number[], options: CandidateOptions): Promise<Candidate[]> {
  const all = rankCandidates(await index.postingNumbers(keys, options.maxPostings), { ...options, limit: Infinity });
  let end = Math.min(options.limit, all.length);
  while (end > 0 && end < all.length && all[end]!.score === all[end - 1]!.score) end++;
  const ranked = all.slice(0, end);
  const ids = await index.documentIds(ranked.map((c) => c.doc));
  return ranked
    .flatMap((c) => (ids.has(c.doc) ? [{ ...c, doc: ids.get(c.doc)! }] : []))
    .sort((a, b) => b.score - a.score || (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0))
    .slice(0, options.limit);
}

export function createUnspin(options: UnspinOptions = {}): Unspin {
  let lexicon = options.lexicon;
  const lex = () => (lexicon ??= getLexicon());
  let vectors = options.vectors;
  let languageModel: ContextLanguageModel | false | undefined = options.languageModel;
  const intrinsic = (t: Text, corpus?: CorpusCounts): IntrinsicResult => {
    vectors ??= getWordVectors();
    languageModel ??= getContextModel() ?? false;
    return analyzeIntrinsic(t, lex(), { ...(corpus ? { corpus } : {}), ...(vectors ? { vectors } : {}), ...(languageModel ? { languageModel } : {}) });
  };
  const merge = (report: Report, r: IntrinsicResult) => mergeIntrinsic(report, r, r.threshold);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const claim: ClaimOptions = { ...DEFAULT_CLAIM, ...options.claim };
  const dense: DenseClaimOptions | null = options.dense ? { ...DEFAULT_DENSE_CLAIM, ...options.dense } : null;
  const toText = (t: string | Text) => (typeof t === "string" ? analyzeText(t) : t);
  const self: Unspin = {
    get lexicon() {
      return lex();
    },
    rules: RULES,
    extract: articleFromHtml,
    analyze: analyzeText,
    compare(suspect, source, opts = {}) {
      const src: CompareInput = typeof source === "string" ? { text: source } : source;
      const sText = toText(suspect);
      const oText = toText(src.text);
      requireWords(sText.source, "the suspect", LIBRARY_HINT);
      requireWords(oText.source, "the source", LIBRARY_HINT);
      const alignment = alignTexts(sText, oText, lex(), options.align);
      return buildReport(sText, [{ id: src.id ?? "source", ...(src.url ? { url: src.url } : {}), ...(src.title ? { title: src.title } : {}), text: oText, alignment }], {
        ...(opts.input !== undefined ? { input: opts.input } : {}),
        thresholds,
      });
    },
    async check(suspect, index, opts = {}) {
      const sText = toText(suspect);
      requireWords(sText.source, "the suspect", LIBRARY_HINT);
      const trace: TraceOptions = { ...DEFAULT_TRACE, ...options.trace, ...(options.alignCandidates !== undefined ? { maxAligned: options.alignCandidates } : {}) };
      const base = options.candidates ?? DEFAULT_CANDIDATES;
      // Rank at least as many candidates as may be aligned.
      const candidateOptions = { ...base, limit: Math.max(base.limit, trace.maxAligned) };
      const keys = suspectKeys(sText, lex());
      const excludeIds = opts.exclude?.ids;
      const excludeUrls = opts.exclude?.urls;
      const ranked = (keys.length ? await rankIndex(index, keys, candidateOptions) : []).filter((c) => !excludeIds?.has(c.doc));
      const isSelf = (d: { url?: string; urls?: string[] }) => Boolean(excludeUrls?.size && [d.url, ...(d.urls ?? [])].some((u) => u !== undefined && excludeUrls.has(u)));
      const fetch = async (ids: readonly string[]) =>
        (await index.getDocuments(ids))
          .filter((d) => !isSelf(d))
          .map((d) => ({ id: d.id, text: d.text, ...(d.title ? { title: d.title } : {}), ...(d.published ? { published: d.published } : {}), ...((d.url ?? d.urls?.[0]) ? { url: d.url ?? d.urls![0]! } : {}) }));
      const weightOf = (u: Unit) => rarity(u, lex());
      const floors = [...(dense ? [dense.denseShare] : []), ...(options.denseFloors ?? [])];
      // Every aligned candidate's passing dense stretch (the document frequency of stretches), and
      // the sources claimed on a dense stretch alone.
      const denseSeen: { id: string; suspect: { start: number; end: number } }[] = [];
      const denseClaimed: { id: string; suspect: { start: number; end: number } }[] = [];
      const isSource = (s: SourceInput): boolean | SourceInput => {
        const m = measure(s.alignment);
        const copy = isCopyVerdict(pairVerdict(m, thresholds).verdict);
        const runs = sharedRuns(s.alignment, claim.runWords);
        const claimed = claimSource({ copy, alignedWords: m.alignedUnits, suspectWords: m.suspectUnits, sharedRuns: runs }, claim);
        const { suspectUnits: su, sourceUnits: ou } = s.alignment;
        const profile = floors.length ? denseProfile(su, ou, weightOf, floors) : [];
        const best = dense ? (profile[0] ?? null) : null;
        if (best && claimDense(best, dense || undefined)) denseSeen.push({ id: s.id, suspect: best.suspect });
        let result: boolean | SourceInput = claimed;
        if (!claimed && best && dense && claimDense(best, dense)) {
          // Claimed on the dense stretch: it becomes a passage of its own.
          const passages = withStretch(s.alignment, best, lex(), options.align);
          if (passages.length) {
            result = { ...s, claimed: true, alignment: { ...s.alignment, passages } };
            denseClaimed.push({ id: s.id, suspect: best.suspect });
          }
        }
        const brief = (e: DenseEvidence | null) => (e ? { weight: Math.round(e.weight * 100) / 100, share: Math.round(e.share * 1000) / 1000, matched: e.matched } : null);
        opts.onCandidate?.({
          id: s.id,
          copy,
          alignedWords: m.alignedUnits,
          sharedRuns: runs,
          dense: brief(best),
          ...(options.denseFloors ? { denseProfile: profile.slice(dense ? 1 : 0).map(brief) } : {}),
          byDense: result !== claimed,
          claimed: result !== false,
        });
        return result;
      };
      let sources = await traceSources(sText, ranked, fetch, lex(), trace, options.align, isSource);
      if (dense && denseClaimed.length) {
        const drop = sharedStretches(denseClaimed, denseSeen, dense);
        if (drop.size) sources = sources.filter((s) => !drop.has(s.id));
      }
      // Chance passages inside another source's stretch go (a stitched text); a traced document
      // published after the suspect is its copy, not its source (left out, said in the report),
      // and one whose text suggests so is kept with a note (src/cluster/reversed.ts).
      const split = checkDirection(sText, withoutShadowed(sources), lex(), opts.published);
      const built = buildReport(sText, split.sources, { ...(opts.input !== undefined ? { input: opts.input } : {}), thresholds, onlyCopies: true, mode: "check" });
      // Doubts about sources the report left out (no copy by the pair verdict) go unsaid.
      const doubts = split.doubts.filter((d) => built.sources.some((s) => s.id === d.id));
      const notes = [...built.notes, ...split.copies.map((c) => `${c.url ?? c.id} is a copy of this text, not its source (${c.why}), so it is not listed as a source`), ...doubts.map((d) => d.note)];
      const report: Report = {
        ...built,
        notes,
        ...(split.copies.length ? { copies: split.copies } : {}),
        ...(doubts.length ? { directionInDoubt: doubts.map(({ id, url }) => ({ id, ...(url ? { url } : {}) })) } : {}),
      };
      return merge(report, intrinsic(sText, opts.corpus));
    },
    intrinsic(text, opts = {}) {
      const t = toText(text);
      requireWords(t.source, "the text", LIBRARY_HINT);
      const report = buildReport(t, [], { ...(opts.input !== undefined ? { input: opts.input } : {}), mode: "source-free" });
      return merge(report, intrinsic(t, opts.corpus));
    },
    prepare(article) {
      return prepareDocument(article, lex());
    },
    ngrams(text) {
      return documentNgrams(toText(text));
    },
    openIndex(location, opts) {
      return openIndex(self, location, opts);
    },
    migrate(from, to, opts) {
      return migrateIndex(self, from, to, opts);
    },
    checkInputs(inputs, opts = {}) {
      const { index, ...rest } = opts;
      return checkInputs(self, index ? targetOf(index) : null, inputs, rest);
    },
  };
  return self;
}
