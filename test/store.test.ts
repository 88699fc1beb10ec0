import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../src/store/sqlite.js";
import { defaultIndexPath, openIndexStore, SCHEMA_VERSION } from "../src/store/index.js";
import { APPLICATION_ID, MIGRATIONS } from "../src/store/schema.js";
import { UnspinError, type ErrorCode } from "../src/errors.js";
import { lookup, storeContract } from "./store.contract.js";
import { tempDir } from "./helpers/tmp.js";

let n = 0;
storeContract("sqlite", {
  async make() {
    const path = join(await tempDir("unspin-store-"), `index-${n++}.sqlite`);
    return { store: await openSqliteStore(path), reopen: () => openSqliteStore(path) };
  },
});

async function rejectsCode(p: Promise<unknown>, code: ErrorCode, re?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof UnspinError, String(e));
    assert.equal(e.code, code, e.message);
    if (re) assert.match(e.message, re);
    assert.ok(e.hint, "has a hint");
    return true;
  });
}

test("sqlite: WAL mode (while a writer has it open), application id and schema version are set on a new index", async () => {
  const path = join(await tempDir(), "deep", "er", "i.sqlite");
  const s = await openIndexStore(path);
  await s.putDocuments([{ id: "x", text: "words" }]);
  const db = new Database(path, { readonly: true });
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  await s.close();
  assert.equal(db.pragma("application_id", { simple: true }), APPLICATION_ID);
  assert.equal(db.pragma("user_version", { simple: true }), SCHEMA_VERSION);
  assert.equal((db.prepare("SELECT count(*) AS n FROM migrations").get() as { n: number }).n, SCHEMA_VERSION);
  db.close();
});

test("sqlite: an index from a newer version is refused with INDEX_VERSION", async () => {
  const path = join(await tempDir(), "future.sqlite");
  await (await openSqliteStore(path)).close();
  const db = new Database(path);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  await rejectsCode(openSqliteStore(path), "INDEX_VERSION", /newer than this unspin understands/);
  await rejectsCode(openSqliteStore(path, { readonly: true }), "INDEX_VERSION");
});

test("sqlite: files that are not unspin indexes are refused with INDEX_CORRUPT, and left untouched", async () => {
  const dir = await tempDir();
  const text = join(dir, "notes.txt");
  await writeFile(text, "This is a text file, not a database. ".repeat(200));
  const before = await readFile(text);
  await rejectsCode(openSqliteStore(text), "INDEX_CORRUPT", /notes\.txt/);
  assert.deepEqual(await readFile(text), before);
  const other = join(dir, "other.sqlite");
  const db = new Database(other);
  db.exec("CREATE TABLE songs (title TEXT)");
  db.close();
  await rejectsCode(openSqliteStore(other), "INDEX_CORRUPT", /not an unspin index/);
  await mkdir(join(dir, "adir"));
  await rejectsCode(openSqliteStore(join(dir, "adir")), "INDEX_CORRUPT", /directory/);
});

test("sqlite: read-only opening of a missing index is INDEX_MISSING and creates nothing", async () => {
  const path = join(await tempDir(), "none.sqlite");
  await rejectsCode(openSqliteStore(path, { readonly: true }), "INDEX_MISSING");
  await assert.rejects(stat(path));
});

test("sqlite: a reader sees a writer's committed batches (WAL)", async () => {
  const path = join(await tempDir(), "shared.sqlite");
  const w = await openSqliteStore(path);
  await w.putDocuments([{ id: "a", text: "first" }]);
  const r = await openSqliteStore(path, { readonly: true });
  assert.equal((await r.stats()).documents, 1);
  await w.putDocuments([{ id: "b", text: "second" }]);
  assert.equal(await r.hasDocument("b"), true);
  await r.close();
  await w.close();
});

test("defaultIndexPath: UNSPIN_INDEX, then XDG_DATA_HOME, then ~/.local/share", () => {
  assert.equal(defaultIndexPath({ UNSPIN_INDEX: "/x/i.sqlite" }), "/x/i.sqlite");
  assert.equal(defaultIndexPath({ XDG_DATA_HOME: "/data" }), "/data/unspin/index.sqlite");
  assert.match(defaultIndexPath({}), /\.local\/share\/unspin\/index\.sqlite$/);
});

test("sqlite: a writer killed mid-batch (SIGKILL) leaves whole batches only, and a re-run finishes the job", async () => {
  const { spawn } = await import("node:child_process");
  const path = join(await tempDir(), "crash.sqlite");
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "helpers", "storeWriter.ts"), path], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((res) => child.stdout!.once("data", () => res()));
  await new Promise((res) => setTimeout(res, 300));
  child.kill("SIGKILL");
  await new Promise((res) => child.once("exit", res));
  const db = new Database(path);
  assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
  db.close();
  const store = await openSqliteStore(path);
  const st = await store.stats();
  assert.ok(st.documents > 0 && st.documents % 50 === 0, `whole batches only: ${st.documents}`);
  assert.equal((await lookup(store, [7], 1e9)).size, st.documents, "postings match the documents");
  // Re-running the same input (the first batches again, then more) adds only what is missing.
  const total = st.documents + 100;
  const all = Array.from({ length: total }, (_, n) => ({ id: `doc${n}`, url: `https://x.example/${n}`, text: `Text ${n} `.repeat(200), keys: [n, n + 1, 7] }));
  const r = await store.putDocuments(all);
  assert.deepEqual(r, { added: 100, updated: 0, removed: [], duplicates: st.documents, urlsAdded: 100 });
  assert.equal((await lookup(store, [7], 1e9)).size, total);
  await store.close();
});

test("sqlite: an index of schema version 3 is migrated: the unused n-gram table is dropped, documents stay", async () => {
  const path = join(await tempDir(), "v3.sqlite");
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
    db.exec(m.sql);
    db.prepare("INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)").run(m.version, m.description, "2026-01-01");
    db.pragma(`user_version = ${m.version}`);
  }
  db.prepare("INSERT INTO documents (rowid, id, text, added_at) VALUES (1, 'old', 'An old text.', '2026-01-01')").run();
  db.prepare("INSERT INTO postings (key, doc) VALUES (42, 1)").run();
  db.prepare("INSERT INTO ngrams (gram, count) VALUES ('old text', 1)").run();
  db.close();
  await rejectsCode(openSqliteStore(path, { readonly: true }), "INDEX_VERSION", /needs an upgrade/);
  const store = await openSqliteStore(path);
  assert.equal((await store.getDocument("old"))!.text, "An old text.");
  assert.deepEqual([...(await lookup(store, [42]))], [["old", 1]]);
  const st = await store.stats();
  assert.equal(st.schemaVersion, SCHEMA_VERSION);
  await store.close();
  const check = new Database(path, { readonly: true });
  assert.equal((check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ngrams'").get() as { n: number }).n, 0);
  check.close();
});
