// The embedded IndexStore: one SQLite file through better-sqlite3, in WAL mode so `check` can
// read while `add` writes. Each putDocuments batch is one transaction, and every write is an
// upsert or insert-if-absent, so an `add` killed halfway leaves the index as it was after the
// last whole batch, and running it again finishes the job without double counting.

import Database from "better-sqlite3";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { UnspinError } from "../errors.js";
import { checkKey, distinctKeys } from "./keys.js";
import { prepareSchema, storeError } from "./schema.js";
import type {
  BlobWrite, DocumentInput, EdgeRecord, IndexStats, IndexStore, NumberedDocument, OpenStoreOptions, PostingGroupsOptions, PutOptions, PutResult, RemoveInput, StoredDocument,
} from "./types.js";

/** Meta key: the highest internal number a deleted document had (numbers are never reused). */
const ROWID_HIGH = "documents.rowidHigh";

interface DocRow {
  rowid: number;
  id: string;
  title: string | null;
  author: string | null;
  published: string | null;
  site: string | null;
  text: string;
}

/**
 * Opens (and creates or migrates when allowed) an SQLite index at `path`. Every SQLite failure,
 * here or in a later query, becomes an error from the catalogue that names the index and the
 * cause (INDEX_CORRUPT, INDEX_READONLY, INDEX_UNWRITABLE, INDEX_BUSY), never an internal error.
 */
export async function openSqliteStore(path: string, opts: OpenStoreOptions = {}): Promise<IndexStore> {
  const readonly = opts.readonly ?? false;
  const create = opts.create ?? !readonly;
  const doing = readonly ? "read" : "write";
  const exists = existsSync(path);
  if (!exists && !create) {
    throw new UnspinError("INDEX_MISSING", `${path}: no index here`, "build one with `unspin add PATH... --index FILE`, or give --index / UNSPIN_INDEX");
  }
  if (exists && statSync(path).isDirectory()) {
    throw new UnspinError("INDEX_CORRUPT", `${path}: is a directory, not an index file`, "give a file path such as ./unspin.index.sqlite");
  }
  let db: Database.Database;
  try {
    if (!exists) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly, fileMustExist: !create });
  } catch (e) {
    throw storeError(path, e, doing);
  }
  try {
    // First, so that every statement below waits for a writer's lock instead of failing.
    db.pragma("busy_timeout = 5000");
    // A foreign or damaged file fails on its first read, inside prepareSchema.
    const version = prepareSchema(db, path, readonly);
    if (!readonly) {
      db.pragma("journal_mode = WAL");
      // In WAL mode NORMAL keeps the file consistent after a crash; a power cut may lose the
      // last batches, which a re-run of `add` restores.
      db.pragma("synchronous = NORMAL");
    }
    // Postings are written in hash order, all over the (key, doc) B-tree: with SQLite's default
    // 2 MB page cache most inserts of a large batch miss the cache. 64 MB keeps the hot interior
    // pages in memory (ingest and lookups both gain; resident memory stays well under budget).
    db.pragma("cache_size = -65536");
    return new SqliteStore(db, path, version, readonly);
  } catch (e) {
    db.close();
    throw storeError(path, e, doing);
  }
}

class SqliteStore implements IndexStore {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly version: number;
  private readonly readonly: boolean;
  private readonly s;

  constructor(db: Database.Database, location: string, version: number, readonly: boolean) {
    this.db = db;
    this.location = location;
    this.version = version;
    this.readonly = readonly;
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      docByIdRow: p("SELECT rowid FROM documents WHERE id = ?").pluck(),
      insertDoc: p("INSERT INTO documents (rowid, id, title, author, published, site, text, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
      maxRowid: p("SELECT coalesce(max(rowid), 0) FROM documents").pluck(),
      countDocs: p("SELECT count(*) FROM documents").pluck(),
      docByUrl: p("SELECT d.id FROM urls u JOIN documents d ON d.rowid = u.doc WHERE u.url = ? ORDER BY u.doc DESC LIMIT 1").pluck(),
      deleteUrl: p("DELETE FROM urls WHERE doc = ? AND url = ?"),
      deleteUrls: p("DELETE FROM urls WHERE doc = ?"),
      deletePosting: p("DELETE FROM postings WHERE key = ? AND doc = ?"),
      deleteDoc: p("DELETE FROM documents WHERE rowid = ?"),
      urlCount: p("SELECT count(*) FROM urls WHERE doc = ?").pluck(),
      insertUrl: p("INSERT OR IGNORE INTO urls (doc, seq, url) VALUES (?, ?, ?)"),
      insertPosting: p("INSERT OR IGNORE INTO postings (key, doc) VALUES (?, ?)"),
      // Reads the (key, doc) primary key alone: no document row is touched.
      postingNumbers: p("SELECT doc FROM postings WHERE key = ? LIMIT ?").pluck(),
      idOf: p("SELECT id FROM documents WHERE rowid = ?").pluck(),
      doc: p("SELECT rowid, id, title, author, published, site, text FROM documents WHERE id = ?"),
      urls: p("SELECT url FROM urls WHERE doc = ? ORDER BY seq").pluck(),
      allDocs: p("SELECT rowid, id, title, author, published, site, text FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 500"),
      getMeta: p("SELECT value FROM meta WHERE key = ?").pluck(),
      getBlob: p("SELECT data FROM blobs WHERE key = ?").pluck(),
      putBlob: p("INSERT INTO blobs (key, data) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data"),
      setMeta: p("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
      // The self-join: SQLite walks the (key, doc) primary key in order and hands over only the
      // keys that 2..maxDocs documents share (most keys are held by one document), paged by key.
      // Keys are read as bigints (they are 64-bit), documents as one comma-joined string per key.
      groupsFirst: p("SELECT key, group_concat(doc) FROM postings WHERE key >= ? GROUP BY key HAVING count(*) BETWEEN 2 AND ? ORDER BY key LIMIT ?").raw().safeIntegers(),
      groupsNext: p("SELECT key, group_concat(doc) FROM postings WHERE key > ? GROUP BY key HAVING count(*) BETWEEN 2 AND ? ORDER BY key LIMIT ?").raw().safeIntegers(),
      docsAfter: p("SELECT rowid AS number, id FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?"),
      rowOf: p("SELECT rowid FROM documents WHERE id = ?").pluck(),
      putEdge: p("INSERT INTO edges (a, b, payload) VALUES (?, ?, ?) ON CONFLICT(a, b) DO UPDATE SET payload = excluded.payload"),
      deleteEdgesA: p("DELETE FROM edges WHERE a = ?"),
      deleteEdgesB: p("DELETE FROM edges WHERE b = ?"),
      clearEdges: p("DELETE FROM edges"),
      edgesPage: p(
        "SELECT e.a AS ra, e.b AS rb, da.id AS a, db.id AS b, e.payload AS payload FROM edges e JOIN documents da ON da.rowid = e.a JOIN documents db ON db.rowid = e.b WHERE (e.a, e.b) > (?, ?) ORDER BY e.a, e.b LIMIT 1000",
      ),
      edgesOfA: p("SELECT da.id AS a, db.id AS b, e.payload AS payload FROM edges e JOIN documents da ON da.rowid = e.a JOIN documents db ON db.rowid = e.b WHERE e.a = ?"),
      edgesOfB: p("SELECT da.id AS a, db.id AS b, e.payload AS payload FROM edges e JOIN documents da ON da.rowid = e.a JOIN documents db ON db.rowid = e.b WHERE e.b = ?"),
    };
  }

  private addUrl(doc: number, url: string | undefined): number {
    if (!url) return 0;
    const seq = this.s.urlCount.get(doc) as number;
    return this.s.insertUrl.run(doc, seq, url).changes;
  }

  /** Flat [key, doc, key, doc, ...] of a document's distinct keys. */
  private keyPairs(doc: number, keys: readonly number[], out: number[] = []): number[] {
    for (const k of distinctKeys(keys)) out.push(k, doc);
    return out;
  }

  /**
   * Inserts postings in key order: a batch's keys are hashes spread all over the (key, doc)
   * B-tree, and visiting them in order touches each page once instead of again and again.
   */
  private insertPostings(pairs: number[]): void {
    const n = pairs.length / 2;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || pairs[2 * a + 1]! - pairs[2 * b + 1]!);
    for (const i of order) this.s.insertPosting.run(pairs[2 * i]!, pairs[2 * i + 1]!);
  }

  /**
   * The number for the next new document. SQLite would reuse the number of a deleted last row;
   * postings of a deleted document whose keys changed since it was indexed could then point at
   * a stranger, so numbers start above every number ever deleted.
   */
  private nextRowid(): number {
    const high = Number((this.s.getMeta.get(ROWID_HIGH) as string | undefined) ?? 0);
    return Math.max(high, this.s.maxRowid.get() as number) + 1;
  }

  /** Deletes one document (by internal number) with its URLs, edges and the postings of `keys`. */
  private deleteRow(row: number, keys: readonly number[]): void {
    for (const k of distinctKeys(keys)) this.s.deletePosting.run(k, row);
    this.s.deleteUrls.run(row);
    this.s.deleteEdgesA.run(row);
    this.s.deleteEdgesB.run(row);
    this.s.deleteDoc.run(row);
    const high = Number((this.s.getMeta.get(ROWID_HIGH) as string | undefined) ?? 0);
    if (row > high) this.s.setMeta.run(ROWID_HIGH, String(row));
  }

  async putDocuments(batch: readonly DocumentInput[], options: PutOptions = {}): Promise<PutResult> {
    // Checked up front, as the Redis backend does: a bad key anywhere in the batch writes nothing.
    for (const d of batch) for (const k of d.keys ?? []) checkKey(k);
    return this.run("write", () => {
      const run = this.db.transaction((docs: readonly DocumentInput[]) => {
        const r: PutResult = { added: 0, updated: 0, removed: [], duplicates: 0, urlsAdded: 0 };
        const now = new Date().toISOString();
        const postings: number[] = [];
        let next = this.nextRowid();
        for (const d of docs) {
          if (!d.id || typeof d.text !== "string") throw new TypeError("a document needs an id and a text");
          let row = this.s.docByIdRow.get(d.id) as number | undefined;
          if (row === undefined) {
            row = next++;
            this.s.insertDoc.run(row, d.id, d.title ?? null, d.author ?? null, d.published ?? null, d.site ?? null, d.text, now);
            r.added++;
            if (d.keys) this.keyPairs(row, d.keys, postings);
          } else {
            r.duplicates++;
          }
          r.urlsAdded += this.addUrl(row, d.url);
        }
        this.insertPostings(postings);
        for (const x of options.detach ?? []) {
          const row = this.s.docByIdRow.get(x.from) as number | undefined;
          if (row === undefined || this.s.deleteUrl.run(row, x.url).changes === 0) continue;
          r.updated++;
          if ((this.s.urlCount.get(row) as number) > 0) continue;
          this.deleteRow(row, x.keys);
          r.removed.push(x.from);
        }
        return r;
      });
      return run.immediate(batch);
    });
  }


  async removeDocuments(items: readonly RemoveInput[], blob?: BlobWrite): Promise<string[]> {
    return this.run("write", () => {
      const run = this.db.transaction(() => {
        const removed: string[] = [];
        for (const it of items) {
          const row = this.s.docByIdRow.get(it.id) as number | undefined;
          if (row === undefined) continue;
          this.deleteRow(row, it.keys);
          removed.push(it.id);
        }
        if (blob) this.writeBlob(blob);
        return removed;
      });
      return run.immediate();
    });
  }

  private writeBlob(b: BlobWrite): void {
    this.s.putBlob.run(b.key, b.data);
    for (const [k, v] of Object.entries(b.meta ?? {})) this.s.setMeta.run(k, v);
  }

  async countDocuments(): Promise<number> {
    return this.run("read", () => this.s.countDocs.get() as number);
  }

  async documentIdByUrl(url: string): Promise<string | undefined> {
    return this.run("read", () => this.s.docByUrl.get(url) as string | undefined);
  }

  async postingNumbers(keys: readonly number[], limit: number): Promise<Map<number, number[]>> {
    return this.run("read", () => {
      const out = new Map<number, number[]>();
      for (const k of keys) if (!out.has(k)) out.set(k, this.s.postingNumbers.all(checkKey(k), limit + 1) as number[]);
      return out;
    });
  }

  async documentIds(numbers: readonly number[]): Promise<Map<number, string>> {
    return this.run("read", () => {
      const out = new Map<number, string>();
      for (const n of numbers) {
        const id = this.s.idOf.get(n) as string | undefined;
        if (id !== undefined) out.set(n, id);
      }
      return out;
    });
  }

  async *postingGroups(options: PostingGroupsOptions): AsyncIterable<number[][]> {
    const max = options.maxDocs;
    const limit = options.batchGroups ?? 20_000;
    let after: bigint | null = null;
    while (true) {
      const rows = (after === null ? this.s.groupsFirst.all(-(2n ** 63n), max, limit) : this.s.groupsNext.all(after, max, limit)) as [bigint, string][];
      if (rows.length === 0) return;
      const groups: number[][] = [];
      for (const [, docs] of rows) {
        const g = docs.split(",").map(Number);
        // group_concat follows the (key, doc) scan order, which SQLite does not promise.
        for (let i = 1; i < g.length; i++) {
          if (g[i]! < g[i - 1]!) {
            g.sort((x, y) => x - y);
            break;
          }
        }
        groups.push(g);
      }
      after = rows[rows.length - 1]![0];
      yield groups;
      if (rows.length < limit) return;
    }
  }

  async documentsAfter(after: number, limit: number): Promise<NumberedDocument[]> {
    return this.s.docsAfter.all(after, limit) as NumberedDocument[];
  }

  async lastDocumentNumber(): Promise<number> {
    const high = Number((this.s.getMeta.get(ROWID_HIGH) as string | undefined) ?? 0);
    return Math.max(high, this.s.maxRowid.get() as number);
  }

  async putEdges(edges: readonly EdgeRecord[], meta: Readonly<Record<string, string>> = {}): Promise<void> {
    const run = this.db.transaction(() => {
      for (const e of edges) {
        if (!(e.a < e.b)) throw new RangeError(`an edge's ids must be in order (a < b): ${e.a}, ${e.b}`);
        const a = this.s.rowOf.get(e.a) as number | undefined;
        const b = this.s.rowOf.get(e.b) as number | undefined;
        if (a === undefined || b === undefined) continue;
        this.s.putEdge.run(a, b, e.payload);
      }
      for (const [k, v] of Object.entries(meta)) this.s.setMeta.run(k, v);
    });
    run.immediate();
  }

  async *edges(): AsyncIterable<EdgeRecord[]> {
    let ra = -1;
    let rb = -1;
    while (true) {
      const rows = this.s.edgesPage.all(ra, rb) as (EdgeRecord & { ra: number; rb: number })[];
      if (rows.length === 0) return;
      yield rows.map((r) => ({ a: r.a, b: r.b, payload: r.payload }));
      ra = rows[rows.length - 1]!.ra;
      rb = rows[rows.length - 1]!.rb;
    }
  }

  async edgesOf(ids: readonly string[]): Promise<EdgeRecord[]> {
    const out: EdgeRecord[] = [];
    const seen = new Set<string>();
    for (const id of new Set(ids)) {
      const row = this.s.rowOf.get(id) as number | undefined;
      if (row === undefined) continue;
      for (const r of [...(this.s.edgesOfA.all(row) as EdgeRecord[]), ...(this.s.edgesOfB.all(row) as EdgeRecord[])]) {
        const k = `${r.a}\u0000${r.b}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ a: r.a, b: r.b, payload: r.payload });
      }
    }
    return out;
  }

  async clearEdges(meta: Readonly<Record<string, string>> = {}): Promise<void> {
    this.db
      .transaction(() => {
        this.s.clearEdges.run();
        for (const [k, v] of Object.entries(meta)) this.s.setMeta.run(k, v);
      })
      .immediate();
  }

  private toDoc(r: DocRow): StoredDocument {
    const d: StoredDocument = { id: r.id, urls: this.s.urls.all(r.rowid) as string[], text: r.text };
    if (r.title !== null) d.title = r.title;
    if (r.author !== null) d.author = r.author;
    if (r.published !== null) d.published = r.published;
    if (r.site !== null) d.site = r.site;
    return d;
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    return this.run("read", () => {
      const r = this.s.doc.get(id) as DocRow | undefined;
      return r ? this.toDoc(r) : undefined;
    });
  }

  async getDocuments(ids: readonly string[]): Promise<StoredDocument[]> {
    return this.run("read", () => {
      const out: StoredDocument[] = [];
      for (const id of ids) {
        const r = this.s.doc.get(id) as DocRow | undefined;
        if (r) out.push(this.toDoc(r));
      }
      return out;
    });
  }

  async hasDocument(id: string): Promise<boolean> {
    return this.run("read", () => {
      return this.s.docByIdRow.get(id) !== undefined;
    });
  }

  async *documents(): AsyncIterable<StoredDocument> {
    // Pages by rowid rather than holding one cursor open, so writers are not blocked meanwhile.
    let after = 0;
    while (true) {
      const rows = this.run("read", () => (this.s.allDocs.all(after) as DocRow[]).map((r) => ({ row: r.rowid, doc: this.toDoc(r) })));
      if (rows.length === 0) return;
      for (const r of rows) yield r.doc;
      after = rows[rows.length - 1]!.row;
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    return this.run("read", () => {
      return this.s.getMeta.get(key) as string | undefined;
    });
  }

  async setMeta(key: string, value: string): Promise<void> {
    return this.run("write", () => {
      this.s.setMeta.run(key, value);
    });
  }

  async getBlob(key: string): Promise<Buffer | undefined> {
    return this.run("read", () => {
      return (this.s.getBlob.get(key) as Buffer | undefined) ?? undefined;
    });
  }

  async putBlob(key: string, data: Uint8Array, meta: Readonly<Record<string, string>> = {}): Promise<void> {
    return this.run("write", () => {
      this.db.transaction(() => this.writeBlob({ key, data, meta })).immediate();
    });
  }

  async stats(opts: { topSources?: number } = {}): Promise<IndexStats> {
    return this.run("read", () => {
      const one = (sql: string): number => this.db.prepare(sql).pluck().get() as number;
      const sources = this.db
        .prepare("SELECT coalesce(site, '(unknown)') AS site, count(*) AS documents FROM documents GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?")
        .all(opts.topSources ?? 20) as { site: string; documents: number }[];
      let sizeBytes = 0;
      for (const suffix of ["", "-wal", "-shm"]) {
        try {
          sizeBytes += statSync(this.location + suffix).size;
        } catch {
          // the WAL and shared-memory files exist only while a writer has the index open
        }
      }
      return {
        documents: one("SELECT count(*) FROM documents"),
        urls: one("SELECT count(*) FROM urls"),
        sources,
        siteCount: one("SELECT count(DISTINCT coalesce(site, '')) FROM documents"),
        postings: one("SELECT count(*) FROM postings"),
        sizeBytes,
        schemaVersion: this.version,
        location: this.location,
        edges: one("SELECT count(*) FROM edges"),
      };
    });
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (!this.readonly) {
      // Leave the file in rollback-journal mode when this is the last connection: a WAL-mode
      // file cannot be read from a read-only folder (readers need a -shm file beside it). The
      // next writer turns WAL on again. With another connection open the switch fails at once
      // (no waiting) and the file stays in WAL mode, which is just as correct.
      try {
        this.db.pragma("busy_timeout = 0");
        this.db.pragma("journal_mode = DELETE");
      } catch {
        // another process has the index open
      }
    }
    this.db.close();
  }

  /** Runs statements; an SQLite failure becomes an error naming the index and the cause. */
  private run<T>(doing: "read" | "write", f: () => T): T {
    try {
      return f();
    } catch (e) {
      // The caller's own mistakes (a document without an id) pass unchanged.
      if (!String((e as { code?: unknown } | null)?.code ?? "").startsWith("SQLITE_")) throw e;
      throw storeError(this.location, e, doing);
    }
  }
}
