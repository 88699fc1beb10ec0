// The public shape of an open index: what the CLI, the HTTP server and library users call. Plain
// data in and out; progress by callback, cancellation by AbortSignal, never a terminal or
// process.exit.
import type { Report } from "../report/schema.js";
import type { IndexStats, StoredDocument } from "../store/types.js";
import type { Format } from "../ingest/types.js";
import type { CandidateOptions, ExamineOptions, GraphOptions } from "../cluster/index.js";
import type { ClustersReport } from "../report/clusters-schema.js";
import type { CheckOptions } from "../unspin.js";

export type { ClustersReport, Cluster, ClusterEdge, ClusterMember, ClusterMembership, ClustersStats, DirectionEvidence } from "../report/clusters-schema.js";

/** Where a `clusters` run is: reading the postings, counting pairs, aligning them, building clusters. */
export interface ClustersProgress {
  phase: "postings" | "candidates" | "align" | "clusters";
  done: number;
  /** When known: documents (postings of new documents, candidates), pairs (align). */
  total?: number;
  /** Edges confirmed so far by this run. */
  edges: number;
}

export interface ClustersOptions {
  /** Edges below this similarity (0..1) are not shown; every confirmed edge is still stored (default 0). */
  minSimilarity?: number;
  /**
   * Examine the documents added since the last run before reporting (default true). A read-only
   * index only reports what is stored.
   */
  update?: boolean;
  /** Drop the stored edges and examine every pair again. */
  rebuild?: boolean;
  onProgress?: (p: ClustersProgress) => void;
  /** Aborting stops after the pair in hand; the edges found are kept, and the next run goes on. */
  signal?: AbortSignal;
  /** Candidate rule of the self-join (evaluation and tuning). */
  candidates?: Partial<CandidateOptions>;
  /** Confirmation and direction rules. */
  examine?: ExamineOptions;
  /** Cuts of the clustering (see src/cluster/graph.ts). */
  graph?: Partial<Omit<GraphOptions, "minSimilarity">>;
}

/** An article handed over as data (the server's POST /api/documents, a library caller). */
export interface ArticleInput {
  text: string;
  url?: string;
  title?: string;
  author?: string;
  published?: string;
  site?: string;
}

/**
 * An HTML page handed over as data: its main text is extracted as `add` extracts an HTML file's
 * (Readability; title, author, date and site from the page's metadata). Fields given here win
 * over the page's own.
 */
export interface HtmlArticleInput {
  html: string;
  url?: string;
  title?: string;
  author?: string;
  published?: string;
  site?: string;
}

/** What `add` reads: paths (files, folders, "-" for stdin) or articles (text or HTML) as data. */
export type AddSource = readonly string[] | Iterable<ArticleInput | HtmlArticleInput> | AsyncIterable<ArticleInput | HtmlArticleInput>;

export interface AddProgress {
  /** Articles read so far (added, duplicates and updates, including the batch not yet written). */
  documents: number;
  /** Input bytes read so far. */
  bytes: number;
  /** Input bytes in all, when known (not for stdin or articles given as data). */
  totalBytes?: number;
}

/** What happened to one article of an `add`. */
export interface AddedDocument {
  id: string;
  url?: string;
  /** added: new text; duplicate: the text was already indexed; updated: the URL held another text, which it replaces. */
  status: "added" | "duplicate" | "updated";
}

export interface SkippedInput {
  input: string;
  /** Where inside the input; for articles given as data, the article's 1-based position. */
  record?: string;
  reason: string;
}

export interface AddOptions {
  onProgress?: (p: AddProgress) => void;
  /** Called for each article once its batch is written (in input order). */
  onDocument?: (d: AddedDocument) => void;
  onSkip?: (s: SkippedInput) => void;
  /** Aborting finishes the batch in hand (whole batches only) and returns with `interrupted`. */
  signal?: AbortSignal;
  /** Inputs of at least this many bytes in all are prepared in a worker thread (default 4 MiB). */
  workerMinBytes?: number;
  /** Read options of ingest: per-document byte limit, stdin stream, forced format. */
  maxBytes?: number;
  /** How the caller's users raise the limit (e.g. `{ maxBytes: "--max-bytes" }`), named in skip reasons. */
  optionNames?: { maxBytes?: string };
  stdin?: NodeJS.ReadableStream;
  format?: Format;
}

export interface AddSummary {
  added: number;
  /** URLs whose text changed: the new text (counted in `added` too) replaced the document that held the URL. */
  updated: number;
  duplicates: number;
  /** Older versions deleted because their last URL now holds a new text. */
  replaced: number;
  skipped: SkippedInput[];
  interrupted: boolean;
}

export interface RemoveSummary {
  /** Ids of the documents removed, with the URLs they had. */
  removed: { id: string; urls: string[] }[];
  /** Ids or URLs given that matched no document. */
  notFound: string[];
}

export interface IndexCheckOptions {
  /** Name of the input, shown in the report (`input`). */
  input?: string;
  /** URL of the suspect, when known: a document indexed under it is the suspect itself. */
  url?: string;
  /**
   * Leave out the suspect's own document when it is indexed (the document under its URL; or the
   * same text, unless the suspect's URL is known and the index never saw that text there: then it
   * is a word-for-word copy and is reported): default true. The report names it in `indexed`.
   */
  excludeSelf?: boolean;
  signal?: AbortSignal;
  /** Diagnostics: called for every candidate aligned (as `Unspin.check`'s option; the evaluations use it). */
  onCandidate?: CheckOptions["onCandidate"];
}

/** One input of a batch check: a report, or the reason the input could not be checked. */
export type CheckEvent =
  | { kind: "report"; input: string; report: Report; text: string; sources: Map<string, string> }
  | { kind: "failed"; input: string; reason: string };

export interface CheckInputsOptions {
  /** Fetch the texts of the sources found (the HTML report shows them side by side). */
  sourceTexts?: boolean;
  onProgress?: (p: { checked: number; failed: number; bytes: number; totalBytes?: number }) => void;
  signal?: AbortSignal;
  /** Per-document byte limit of ingest (default 50 MiB), and how the caller's users raise it (named in failure reasons). */
  maxBytes?: number;
  optionNames?: { maxBytes?: string };
  stdin?: NodeJS.ReadableStream;
}

export interface IndexStatsReport extends IndexStats {
  /** Documents and word tokens counted in the corpus n-gram sketch. */
  corpusDocuments: number;
  corpusTokens: number;
}

/** An open index: the one object every front end calls to build and query it. */
export interface UnspinIndex {
  /** Where the index lives (a path or a URL). */
  readonly location: string;
  readonly readonly: boolean;
  /** Reads and indexes articles; bad records are skipped with a reason, never stopping the batch. */
  add(source: AddSource, options?: AddOptions): Promise<AddSummary>;
  /** Traces one suspect to its indexed sources and explains the copy. */
  check(suspect: string | ArticleInput, options?: IndexCheckOptions): Promise<Report>;
  /** Fetches one stored document. */
  get(id: string): Promise<StoredDocument | undefined>;
  /** Forgets documents, given by id or by URL, with their postings and corpus counts. */
  remove(idsOrUrls: readonly string[]): Promise<RemoveSummary>;
  stats(options?: { topSources?: number }): Promise<IndexStatsReport>;
  /**
   * Which indexed articles are copies of which, and who copied whom: examines the pairs that
   * involve documents added since the last run (stored in the index), then clusters every stored
   * edge. A read-only index is reported as stored.
   */
  clusters(options?: ClustersOptions): Promise<ClustersReport>;
  close(): Promise<void>;
}

export interface OpenIndexOptions {
  /** Open for reading only; a missing index is then an INDEX_MISSING error. */
  readonly?: boolean;
  /** Create the index when it is missing (default: true unless read-only). */
  create?: boolean;
}

export interface MigrateProgress {
  /** Source documents handled so far (copied or already in the target). */
  documents: number;
  copied: number;
  /** Documents in the source when the migration began. */
  total: number;
}

export interface MigrateOptions {
  onProgress?: (p: MigrateProgress) => void;
  /** Aborting finishes the batch in hand and returns with `interrupted` (run again to go on). */
  signal?: AbortSignal;
}

export interface MigrateSummary {
  from: string;
  to: string;
  total: number;
  /** Documents written to the target by this run. */
  copied: number;
  /** Documents the target already held (an earlier, interrupted run). */
  skipped: number;
  /** Stored cluster edges copied. */
  edges: number;
  interrupted: boolean;
}
