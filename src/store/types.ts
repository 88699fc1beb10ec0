// The index behind `add`, `check` and `clusters`, as one backend-neutral interface: SQLite is
// the embedded default, a Redis Cluster backend follows. Everything is async (Redis is) and
// batch-shaped (one round trip or one transaction per batch, which is also what makes a
// crashed `add` safe to run again). Both backends must pass test/store.contract.ts.

import type { Article } from "../ingest/types.js";

/**
 * A document as the store is given it: an ingest Article (whose `id` is the content hash, so the
 * same text from two places is one document), plus its fingerprint keys.
 */
export interface DocumentInput extends Article {
  /**
   * Posting keys (fingerprint hashes; integers, number or bigint, within signed 64 bits, or
   * unsigned 64-bit bigints, which are stored as their signed twin). Written in the same
   * transaction as the document.
   */
  keys?: readonly (number | bigint)[];
  /**
   * Corpus n-gram counts contributed by this document. Added only when the document is new, so
   * adding the same input twice never counts it twice.
   */
  ngrams?: ReadonlyMap<string, number>;
}

export interface StoredDocument {
  id: string;
  /** Every URL the document was added under, in the order first seen. */
  urls: string[];
  title?: string;
  author?: string;
  published?: string;
  site?: string;
  text: string;
}

export interface PutResult {
  /** Documents that were new. */
  added: number;
  /** URLs that moved to a new document (a page whose text changed), see PutOptions.detach. */
  updated: number;
  /** Documents deleted because their last URL moved to a new document. */
  removed: string[];
  /** Documents whose id was already stored (inside this batch or before). */
  duplicates: number;
  /** URLs newly recorded, on new or existing documents. */
  urlsAdded: number;
}

/**
 * A URL to take away from the document that held it, because the same URL now holds a new text.
 * A document left with no URL is deleted with its postings and edges: `keys` are that document's posting
 * keys (the caller fingerprints its stored text; the store keeps no key list per document).
 */
export interface DetachUrl {
  url: string;
  from: string;
  keys: readonly (number | bigint)[];
}

export interface PutOptions {
  /** Applied in the same transaction, after the batch's documents are written. */
  detach?: readonly DetachUrl[];
}

/** A document to delete, with its posting keys (see DetachUrl). */
export interface RemoveInput {
  id: string;
  keys: readonly (number | bigint)[];
}

/** A blob and metadata written in the same transaction as another change. */
export interface BlobWrite {
  key: string;
  data: Uint8Array;
  meta?: Readonly<Record<string, string>>;
}

export interface PostingInput {
  docId: string;
  keys: readonly (number | bigint)[];
}

export interface SourceCount {
  /** Site name or host; "(unknown)" for documents without one. */
  site: string;
  documents: number;
}

/**
 * A confirmed near-duplicate pair of documents, as the cluster stage made it. The store keeps it
 * opaque (`payload` is the stage's JSON) and deletes it with either document. `a` and `b` are
 * document ids, `a < b`: one record per unordered pair.
 */
export interface EdgeRecord {
  a: string;
  b: string;
  payload: string;
}

/** A document's internal number (see postingNumbers) with its id. */
export interface NumberedDocument {
  number: number;
  id: string;
}

export interface PostingGroupsOptions {
  /** Keys held by more documents than this are left out (boilerplate; the self-join ignores them). */
  maxDocs: number;
  /** Groups per batch (default 20,000): bounds what one batch holds. */
  batchGroups?: number;
}

export interface IndexStats {
  documents: number;
  urls: number;
  /** Documents per site, largest first (at most `topSources`). */
  sources: SourceCount[];
  /** How many distinct sites there are in all. */
  siteCount: number;
  postings: number;
  ngrams: number;
  /** Bytes on disk (for SQLite: the database with its WAL and shared-memory files). */
  sizeBytes: number;
  schemaVersion: number;
  /** Where the index lives (a path or a URL). */
  location: string;
  /** Confirmed near-duplicate pairs stored by `clusters`. */
  edges?: number;
}

export interface IndexStore {
  readonly location: string;
  /** Writes documents, their URLs, postings and n-gram counts in one transaction. Idempotent. */
  putDocuments(batch: readonly DocumentInput[], options?: PutOptions): Promise<PutResult>;
  /**
   * Deletes documents with their URLs, postings and edges, and writes `blob` (the corpus sketch without
   * them) in the same transaction. Returns the ids that existed. Internal document numbers of
   * deleted documents are never given to another document, so a stale posting finds nothing.
   */
  removeDocuments(items: readonly RemoveInput[], blob?: BlobWrite): Promise<string[]>;
  /** How many documents the index holds (cheap, unlike `stats`). */
  countDocuments(): Promise<number>;
  /** The document that holds this URL now (a URL belongs to at most one document). */
  documentIdByUrl(url: string): Promise<string | undefined>;
  /** Adds posting keys to existing documents (idempotent: a key is stored once per document). */
  putPostings(batch: readonly PostingInput[]): Promise<void>;
  /** For each document holding any of the keys: how many distinct query keys it holds. */
  lookup(keys: readonly (number | bigint)[]): Promise<Map<string, number>>;
  /**
   * For each key, the ids of documents holding it, at most `limit + 1` of them: a list longer
   * than `limit` tells the caller the key is too common to rank by (search ignores it).
   */
  postings(keys: readonly number[], limit: number): Promise<Map<number, string[]>>;
  /**
   * As `postings`, but with the store's internal document numbers instead of ids: ranking needs
   * only to tell documents apart, and skipping the id lookup for every posting keeps `check`
   * fast on large indexes. `documentIds` turns the few numbers that matter into ids.
   */
  postingNumbers(keys: readonly number[], limit: number): Promise<Map<number, number[]>>;
  /** Ids of documents by internal number (numbers with no document are left out). */
  documentIds(numbers: readonly number[]): Promise<Map<number, string>>;
  /**
   * The self-join of the postings, streamed: for every key held by 2 to `maxDocs` documents, the
   * internal numbers of those documents in increasing order, in batches of groups. Keys come in
   * no particular order; each key once. Writers may go on meanwhile (a document added during the
   * stream may or may not appear in it).
   */
  postingGroups(options: PostingGroupsOptions): AsyncIterable<number[][]>;
  /**
   * Internal numbers increase in insertion order. The documents numbered above `after`, lowest
   * first, at most `limit` of them (page on with the last number seen).
   */
  documentsAfter(after: number, limit: number): Promise<NumberedDocument[]>;
  /** The highest internal number any document has ever had (0 for an empty index). */
  lastDocumentNumber(): Promise<number>;
  /**
   * Writes edges (replacing a stored edge of the same pair) and metadata in one transaction.
   * An edge naming a document that is not stored is skipped (it was removed meanwhile).
   */
  putEdges(edges: readonly EdgeRecord[], meta?: Readonly<Record<string, string>>): Promise<void>;
  /** Every stored edge, streamed in batches. */
  edges(): AsyncIterable<EdgeRecord[]>;
  /** The stored edges that touch any of these documents. */
  edgesOf(ids: readonly string[]): Promise<EdgeRecord[]>;
  /** Deletes every stored edge and writes metadata, in one transaction (a rebuild starts here). */
  clearEdges(meta?: Readonly<Record<string, string>>): Promise<void>;
  getDocument(id: string): Promise<StoredDocument | undefined>;
  getDocuments(ids: readonly string[]): Promise<StoredDocument[]>;
  hasDocument(id: string): Promise<boolean>;
  /** Every document, in insertion order, streamed. */
  documents(): AsyncIterable<StoredDocument>;
  /** Adds raw counts (not idempotent: prefer DocumentInput.ngrams, which is). */
  addNgramCounts(counts: ReadonlyMap<string, number>): Promise<void>;
  ngramCount(gram: string): Promise<number>;
  ngramCounts(grams: readonly string[]): Promise<Map<string, number>>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  getBlob(key: string): Promise<Buffer | undefined>;
  /** Writes a blob and metadata entries in one transaction (both or neither). */
  putBlob(key: string, data: Uint8Array, meta?: Readonly<Record<string, string>>): Promise<void>;
  stats(opts?: { topSources?: number }): Promise<IndexStats>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Open without writing; a missing index is then INDEX_MISSING instead of being created. */
  readonly?: boolean;
  /** Create the index when missing (default true unless readonly). */
  create?: boolean;
}
