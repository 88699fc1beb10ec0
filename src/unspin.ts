// The library factory: one object that every front end (CLI, server, scripts) calls. No I/O
// here beyond what the lexicon loader does on first use; inputs are strings, outputs plain data.
import { analyzeText } from "./text/index.js";
import type { Text } from "./text/types.js";
import type { Lexicon } from "./lexicon/types.js";
import { getLexicon } from "./lexicon/index.js";
import { alignTexts, type AlignOptions } from "./align/index.js";
import { buildReport } from "./report/build.js";
import type { Report } from "./report/schema.js";
import { DEFAULT_THRESHOLDS, type VerdictThresholds } from "./verdict/pair.js";
import { rankCandidates, DEFAULT_CANDIDATES, type CandidateOptions, type Postings } from "./search/candidates.js";
import { alignCandidates, suspectKeys, type CandidateDocument } from "./search/check.js";
import { prepareDocument, type PreparedDocument } from "./search/prepare.js";
import type { Article } from "./ingest/types.js";
import { analyzeIntrinsic, LIKELY_SPUN_THRESHOLD, type CorpusCounts } from "./intrinsic/index.js";
import { mergeIntrinsic } from "./report/intrinsic.js";

/** What `check` needs of an index (the IndexStore backends provide it). */
export interface IndexSource {
  postings(keys: readonly number[], limit: number): Promise<Postings>;
  getDocuments(ids: readonly string[]): Promise<readonly (CandidateDocument & { urls?: string[] })[]>;
}

export interface UnspinOptions {
  /** A lexicon to use instead of the shared default (loaded lazily on first use). */
  lexicon?: Lexicon;
  align?: Partial<AlignOptions>;
  thresholds?: VerdictThresholds;
  candidates?: CandidateOptions;
  /** How many ranked candidates `check` aligns. */
  alignCandidates?: number;
}

export interface CompareInput {
  text: string | Text;
  id?: string;
  url?: string;
  title?: string;
}

export interface Unspin {
  readonly lexicon: Lexicon;
  analyze(text: string): Text;
  /** Aligns a suspect with one source and reports verdict, passages and typed edits. */
  compare(suspect: string | Text, source: CompareInput | string, options?: { input?: string }): Report;
  /** Finds the indexed articles a suspect was copied from and explains the copy. */
  check(suspect: string | Text, index: IndexSource, options?: { input?: string; corpus?: CorpusCounts }): Promise<Report>;
  /** Source-free analysis alone: is this text spinner output, and where? */
  intrinsic(text: string | Text, options?: { input?: string; corpus?: CorpusCounts }): Report;
  /** Fingerprint keys and n-gram counts of an article, ready for the store. */
  prepare(article: Article): PreparedDocument;
}

export function createUnspin(options: UnspinOptions = {}): Unspin {
  let lexicon = options.lexicon;
  const lex = () => (lexicon ??= getLexicon());
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const toText = (t: string | Text) => (typeof t === "string" ? analyzeText(t) : t);
  return {
    get lexicon() {
      return lex();
    },
    analyze: analyzeText,
    compare(suspect, source, opts = {}) {
      const src: CompareInput = typeof source === "string" ? { text: source } : source;
      const sText = toText(suspect);
      const oText = toText(src.text);
      const alignment = alignTexts(sText, oText, lex(), options.align);
      return buildReport(sText, [{ id: src.id ?? "source", ...(src.url ? { url: src.url } : {}), ...(src.title ? { title: src.title } : {}), text: oText, alignment }], {
        ...(opts.input !== undefined ? { input: opts.input } : {}),
        thresholds,
      });
    },
    async check(suspect, index, opts = {}) {
      const sText = toText(suspect);
      const candidateOptions = options.candidates ?? DEFAULT_CANDIDATES;
      const keys = suspectKeys(sText, lex());
      const ranked = keys.length ? rankCandidates(await index.postings(keys, candidateOptions.maxPostings), candidateOptions) : [];
      const top = ranked.slice(0, options.alignCandidates ?? 5).map((c) => c.doc);
      const docs = top.length ? await index.getDocuments(top) : [];
      const candidates = docs.map((d) => ({ id: d.id, text: d.text, ...(d.title ? { title: d.title } : {}), ...((d.url ?? d.urls?.[0]) ? { url: d.url ?? d.urls![0]! } : {}) }));
      const sources = alignCandidates(sText, candidates, lex(), options.align);
      const report = buildReport(sText, sources, { ...(opts.input !== undefined ? { input: opts.input } : {}), thresholds, onlyCopies: true });
      return mergeIntrinsic(report, analyzeIntrinsic(sText, lex(), opts.corpus ? { corpus: opts.corpus } : {}), LIKELY_SPUN_THRESHOLD);
    },
    intrinsic(text, opts = {}) {
      const t = toText(text);
      const report = buildReport(t, [], opts.input !== undefined ? { input: opts.input } : {});
      return mergeIntrinsic(report, analyzeIntrinsic(t, lex(), opts.corpus ? { corpus: opts.corpus } : {}), LIKELY_SPUN_THRESHOLD);
    },
    prepare(article) {
      return prepareDocument(article, lex());
    },
  };
}
