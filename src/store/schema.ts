// The SQLite index's schema and its migrations. The file is marked as ours with
// PRAGMA application_id, and its version is PRAGMA user_version (read without touching any
// table, so even a damaged or foreign file is judged safely); each applied migration is also
// recorded in `migrations` for people inspecting the file. An index whose version is newer
// than this code knows is refused: guessing at a future layout could damage it.

import type { Database } from "better-sqlite3";
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
    throw corrupt(location, e);
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
    throw corrupt(location, e);
  }
  return SCHEMA_VERSION;
}

export function corrupt(location: string, cause: unknown): UnspinError {
  if (cause instanceof UnspinError) return cause;
  const why = cause instanceof Error ? cause.message : String(cause);
  return new UnspinError(
    "INDEX_CORRUPT",
    `${location}: not a usable unspin index (${why})`,
    "check the path; if the index is damaged, move it away and rebuild it with `unspin add`",
    { cause },
  );
}
