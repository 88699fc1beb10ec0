// The index behind `add`, `check` and `clusters`, as one backend-neutral interface: SQLite is
// the embedded default (sqlite.ts), a Redis Cluster the distributed one (redis/). Everything is
// async and batch-shaped (one transaction, or one pipelined round of idempotent writes, per
// batch, which is also what makes a crashed `add` safe to run again). Both backends pass
// test/store.contract.ts.
//
// Document numbers: each stored document gets a positive integer, its number, when it is first
// written. Numbers increase in insertion order and are never given to another document, even
// after a deletion (a stale posting then finds nothing). They are compact (postings hold numbers,
// not ids) and mean nothing outside one index: a migrated index numbers its documents anew.
// SQLite uses the row id; Redis takes them from a counter (INCRBY).

import type { Article } from "../ingest/types.js";

/**
 * A document as the store is given it: an ingest Article (whose `id` is the content hash, so the
 * same text from two places is one document), plus its fingerprint keys.
 */
export interface DocumentInput extends Article {
  /**
   * Posting keys: the fingerprint's 53-bit hashes (integers from 0 to 2^53 - 1; anything else is
   * a RangeError before anything is written). Stored only when the document is new.
   */
  keys?: readonly number[];
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
  keys: readonly number[];
}

export interface PutOptions {
  /** Applied in the same transaction, after the batch's documents are written. */
  detach?: readonly DetachUrl[];
}

/** A document to delete, with its posting keys (see DetachUrl). */
export interface RemoveInput {
  id: string;
  keys: readonly number[];
}

/** A blob and metadata written in the same transaction as another change. */
export interface BlobWrite {
  key: string;
  data: Uint8Array;
  meta?: Readonly<Record<string, string>>;
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
  /**
   * Bytes the index takes: for SQLite the database with its WAL and shared-memory files on disk;
   * for Redis the memory the cluster's masters use (INFO memory, used_memory: all their data).
   */
  sizeBytes: number;
  schemaVersion: number;
  /** Where the index lives (a path or a URL). */
  location: string;
  /** Confirmed near-duplicate pairs stored by `clusters`. */
  edges?: number;
}

export interface IndexStore {
  readonly location: string;
  /**
   * Writes documents, their URLs and postings. Idempotent: a batch that failed halfway (or a
   * crash) is finished by writing it again. SQLite writes a batch in one transaction; Redis
   * writes it in idempotent steps, a document becoming visible (hasDocument) only once its
   * postings and URLs are written, and acknowledges it once replicas have it (see README).
   */
  putDocuments(batch: readonly DocumentInput[], options?: PutOptions): Promise<PutResult>;
  /**
   * Deletes documents with their URLs, postings and edges, and writes `blob` (the corpus sketch
   * without them): in the same transaction on SQLite, right after on Redis. Returns the ids that
   * existed.
   */
  removeDocuments(items: readonly RemoveInput[], blob?: BlobWrite): Promise<string[]>;
  /** How many documents the index holds (cheap, unlike `stats`). */
  countDocuments(): Promise<number>;
  /** The document that holds this URL now (a URL belongs to at most one document). */
  documentIdByUrl(url: string): Promise<string | undefined>;
  /**
   * For each key, the numbers of the documents holding it (see "Document numbers" above), at
   * most `limit + 1` of them: a list longer than `limit` tells the caller the key is too common
   * to rank by (search ignores it). Ranking needs only to tell documents apart; `documentIds`
   * turns the few numbers that matter into ids. A key no document holds maps to [].
   */
  postingNumbers(keys: readonly number[], limit: number): Promise<Map<number, number[]>>;
  /** Ids of documents by number (numbers with no document are left out). */
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
  /**
   * No document has ever had a higher number (0 for an empty index). SQLite: the highest number
   * given; Redis: its number counter, which a retried or raced batch may have moved past the
   * highest number a document got.
   */
  lastDocumentNumber(): Promise<number>;
  /**
   * Writes edges (replacing a stored edge of the same pair) and metadata: in one transaction on
   * SQLite, the metadata right after the edges on Redis. An edge naming a document that is not
   * stored is skipped (it was removed meanwhile).
   */
  putEdges(edges: readonly EdgeRecord[], meta?: Readonly<Record<string, string>>): Promise<void>;
  /** Every stored edge, streamed in batches. */
  edges(): AsyncIterable<EdgeRecord[]>;
  /** The stored edges that touch any of these documents. */
  edgesOf(ids: readonly string[]): Promise<EdgeRecord[]>;
  /**
   * Deletes every stored edge and writes metadata, in one transaction (a rebuild starts here).
   * Redis switches to a new generation of edge keys with the metadata in one script, then
   * deletes the old generation's keys.
   */
  clearEdges(meta?: Readonly<Record<string, string>>): Promise<void>;
  getDocument(id: string): Promise<StoredDocument | undefined>;
  getDocuments(ids: readonly string[]): Promise<StoredDocument[]>;
  hasDocument(id: string): Promise<boolean>;
  /** Every document, in insertion order, streamed. */
  documents(): AsyncIterable<StoredDocument>;
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
