// The SQLite index's schema and its migrations. The file is marked as ours with
// PRAGMA application_id, and its version is PRAGMA user_version (read without touching any
// table, so even a damaged or foreign file is judged safely); each applied migration is also
// recorded in `migrations` for people inspecting the file. An index whose version is newer
// than this code knows is refused: guessing at a future layout could damage it.

import type { Database } from "better-sqlite3";
import { accessSync, constants, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UnspinError } from "../errors.js";

/** "unsp" in ASCII: marks a SQLite file as an unspin index (see `file(1)` magic). */
export const APPLICATION_ID = 0x756e7370;

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "documents, urls, postings, n-gram counts, metadata",
    sql: `
      CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
      -- rowid is the compact internal number postings refer to; id is the public content hash.
      CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT, author TEXT, published TEXT, site TEXT,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE INDEX documents_site ON documents(site);
      CREATE TABLE urls (doc INTEGER NOT NULL REFERENCES documents(rowid), seq INTEGER NOT NULL, url TEXT NOT NULL, PRIMARY KEY (doc, url)) WITHOUT ROWID;
      CREATE TABLE postings (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID;
      CREATE TABLE ngrams (gram TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: "named blobs (the corpus n-gram sketch)",
    sql: `
      CREATE TABLE blobs (key TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: "documents found by URL (re-adding a changed page replaces it; remove by URL)",
    sql: `
      CREATE INDEX urls_url ON urls(url);
    `,
  },
  {
    version: 4,
    description: "near-duplicate edges found by `unspin clusters` (deleted with either document)",
    sql: `
      -- a and b are the documents' internal numbers (rowid); the pair is stored once, in the order
      -- of the documents' ids. payload is the cluster stage's JSON for the edge.
      CREATE TABLE edges (a INTEGER NOT NULL, b INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
      CREATE INDEX edges_b ON edges(b);
    `,
  },
  {
    version: 5,
    description: "the unused n-gram table goes (corpus counts live in the n-gram sketch blob)",
    sql: `
      DROP TABLE ngrams;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function pragmaNumber(db: Database, name: string): number {
  return db.pragma(name, { simple: true }) as number;
}

/**
 * Checks that the open file is an unspin index this code can use, and brings an older one (or
 * a new empty file) up to SCHEMA_VERSION. Throws INDEX_CORRUPT or INDEX_VERSION.
 */
export function prepareSchema(db: Database, location: string, readonly: boolean): number {
  let appId: number;
  let version: number;
  let tables: number;
  try {
    appId = pragmaNumber(db, "application_id");
    version = pragmaNumber(db, "user_version");
    tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n;
  } catch (e) {
    throw storeError(location, e, readonly ? "read" : "write");
  }
  if (appId !== APPLICATION_ID && (tables > 0 || appId !== 0 || version !== 0)) {
    throw new UnspinError(
      "INDEX_CORRUPT",
      `${location}: is a SQLite database, but not an unspin index`,
      "give the path of an index made by `unspin add`, or a new path to create one",
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new UnspinError(
      "INDEX_VERSION",
      `${location}: index schema version ${version} is newer than this unspin understands (up to ${SCHEMA_VERSION})`,
      "upgrade unspin, or build a new index with `unspin add --index NEW_PATH`",
    );
  }
  if (version === SCHEMA_VERSION) return version;
  if (readonly) {
    throw new UnspinError(
      "INDEX_VERSION",
      `${location}: index schema version ${version} needs an upgrade to ${SCHEMA_VERSION}`,
      "run `unspin add` (or any writing command) on it once to migrate it",
    );
  }
  const migrate = db.transaction(() => {
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      db.exec(m.sql);
      db.prepare("INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)").run(m.version, m.description, new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    }
  });
  try {
    migrate.immediate();
  } catch (e) {
    throw storeError(location, e);
  }
  return SCHEMA_VERSION;
}

/**
 * An error from SQLite as the catalogue's error naming the index and the cause. `doing` says
 * what the index was being opened for: a read-only problem means different things to a reader
 * (a write-ahead log that needs a -shm file in a read-only folder) and to a writer.
 */
export function storeError(location: string, cause: unknown, doing: "read" | "write" = "write"): UnspinError {
  if (cause instanceof UnspinError) return cause;
  const code = String((cause as { code?: unknown } | null)?.code ?? "");
  const why = cause instanceof Error ? cause.message : String(cause);
  const folder = dirname(resolve(location));
  const writable = (p: string): boolean => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return corrupt(location, cause);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new UnspinError("INDEX_BUSY", `${location}: the index is locked by another process (${why})`, "wait for the other `unspin add` to finish, then run again", { cause });
  }
  if (code.startsWith("SQLITE_READONLY") || (code.startsWith("SQLITE_CANTOPEN") && existsSync(location))) {
    if (doing === "read") {
      return new UnspinError(
        "INDEX_READONLY",
        `${location}: cannot read the index in the read-only folder ${folder}: it is in write-ahead-log mode, which needs -wal and -shm files beside it (${why})`,
        "copy the index to a writable folder, or run `unspin add` on it once where its folder is writable: that leaves it readable from read-only folders",
        { cause },
      );
    }
    const where = !writable(location) ? "the file is read-only" : !writable(folder) ? `its folder ${folder} is read-only` : "read-only file system or lock";
    return new UnspinError("INDEX_READONLY", `${location}: cannot write the index: ${where} (${why})`, "make the index and its folder writable with chmod u+w, or give --index a writable path", { cause });
  }
  if (code.startsWith("SQLITE_CANTOPEN") || code === "EACCES" || code === "EPERM" || code === "EROFS") {
    const where = writable(folder) || !existsSync(folder) ? why : `${folder} is not writable`;
    return new UnspinError("INDEX_UNWRITABLE", `${location}: cannot create the index (${where})`, "give --index a path in a folder you can write", { cause });
  }
  if (code === "SQLITE_FULL" || code.startsWith("SQLITE_IOERR") || code === "ENOSPC") {
    return new UnspinError("INDEX_UNWRITABLE", `${location}: the index could not be ${doing === "read" ? "read" : "written"} (${why})`, "check the disk (free space, errors) and run again; an interrupted `unspin add` can simply be run again", { cause });
  }
  return corrupt(location, cause);
}

export function corrupt(location: string, cause: unknown): UnspinError {
  if (cause instanceof UnspinError) return cause;
  const why = cause instanceof Error ? cause.message : String(cause);
  const code = String((cause as { code?: unknown } | null)?.code ?? "");
  const damaged = code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB";
  return new UnspinError(
    "INDEX_CORRUPT",
    damaged ? `${location}: the index is damaged or not an index (${why})` : `${location}: not a usable unspin index (${why})`,
    damaged
      ? "move it away and rebuild it with `unspin add`; `sqlite3 FILE .recover` may save its documents"
      : "check the path; if the index is damaged, move it away and rebuild it with `unspin add`",
    { cause },
  );
}
