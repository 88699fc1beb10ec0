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
 * A document left with no URL is deleted with its postings: `keys` are that document's posting
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
   * Deletes documents with their URLs and postings, and writes `blob` (the corpus sketch without
   * them): in the same transaction on SQLite, right after on Redis. Returns the ids that existed.
   */
  removeDocuments(items: readonly RemoveInput[], blob?: BlobWrite): Promise<string[]>;
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
