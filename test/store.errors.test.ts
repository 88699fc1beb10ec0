// A damaged, read-only or unreachable index is an error that names the index and the cause, never
// an "internal error"; a healthy index in a read-only folder can be read. Permission cases run
// as an unprivileged user: directly when the tests do, through `setpriv` as nobody when they run
// as root (root writes anything whatever the modes); skipped when neither is possible.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmod, copyFile, mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStore } from "../src/store/sqlite.js";
import { storeError } from "../src/store/schema.js";
import { isUnspinError, type ErrorCode } from "../src/errors.js";
import { runCli } from "./helpers/cli-run.js";
import { tempDir } from "./helpers/tmp.js";

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

test("storeError: SQLite failures become catalogue errors naming the index and the cause", () => {
  const at = "/no/such/folder/idx.sqlite";
  const cases: [string, "read" | "write", ErrorCode, RegExp][] = [
    ["SQLITE_CORRUPT", "read", "INDEX_CORRUPT", /damaged/],
    ["SQLITE_NOTADB", "write", "INDEX_CORRUPT", /damaged or not an index/],
    ["SQLITE_READONLY", "write", "INDEX_READONLY", /cannot write the index/],
    ["SQLITE_READONLY_DIRECTORY", "read", "INDEX_READONLY", /read-only folder \/no\/such\/folder: it is in write-ahead-log mode/],
    ["SQLITE_CANTOPEN", "write", "INDEX_UNWRITABLE", /cannot create the index/],
    ["SQLITE_BUSY", "write", "INDEX_BUSY", /locked by another process/],
    ["SQLITE_FULL", "write", "INDEX_UNWRITABLE", /could not be written \(database or disk is full\)/],
    ["SQLITE_IOERR_READ", "read", "INDEX_UNWRITABLE", /could not be read/],
  ];
  for (const [code, doing, want, re] of cases) {
    const why = code === "SQLITE_FULL" ? "database or disk is full" : `${code} happened`;
    const e = storeError(at, sqliteError(code, why), doing);
    assert.equal(e.code, want, code);
    assert.ok(e.message.startsWith(`${at}: `), `${code}: names the index`);
    assert.match(e.message, re, code);
    assert.ok(e.hint.length > 10 && !/--max-bytes/.test(e.hint), code);
  }
});

test("the store's own argument errors are not disguised as index errors", async () => {
  const store = await openSqliteStore(join(await tempDir(), "i.sqlite"));
  await assert.rejects(store.putDocuments([{ id: "", text: "x" }]), TypeError);
  await store.close();
});

/** An index of `n` documents, closed. */
async function makeIndex(path: string, n: number): Promise<void> {
  const s = await openSqliteStore(path);
  const docs = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, title: `Doc ${i}`, site: "x.example", text: `Document ${i}. ${"The council met and voted on the library budget again. ".repeat(40)}` }));
  await s.putDocuments(docs);
  await s.close();
}

test("a damaged index (pages overwritten) is INDEX_CORRUPT naming the index, in the store and on the command line", async () => {
  const dir = await tempDir();
  const path = join(dir, "damaged.sqlite");
  await makeIndex(path, 300);
  const fh = await open(path, "r+");
  const { size } = await fh.stat();
  for (let at = 4096 * 3; at < size; at += 4096 * 5) await fh.write(Buffer.alloc(1024, 0xde), 0, 1024, at);
  await fh.close();
  await assert.rejects(
    (async () => {
      const s = await openSqliteStore(path, { readonly: true });
      try {
        await s.stats();
        for await (const d of s.documents()) void d;
      } finally {
        await s.close();
      }
    })(),
    (e: unknown) => isUnspinError(e) && e.code === "INDEX_CORRUPT" && e.message.startsWith(`${path}: `),
  );
  const input = join(dir, "in.txt");
  await writeFile(input, "The council met and voted on the library budget again.");
  for (const args of [["stats"], ["check", input], ["add", input]]) {
    const { code, err } = await runCli([...args, "--index", path]);
    assert.equal(code, 2, `${args[0]}: ${err}`);
    assert.ok(err.startsWith(`unspin: ${path}: the index is damaged`), `${args[0]}: ${err}`);
    assert.equal(err.trim().split("\n").length, 1, "one line");
  }
});

test("a writer leaves the index readable without -wal/-shm files; another open connection keeps WAL, without waiting", async () => {
  const path = join(await tempDir(), "modes.sqlite");
  const w = await openSqliteStore(path);
  await w.putDocuments([{ id: "a", text: "words" }]);
  const mode = () => {
    const db = new Database(path, { readonly: true });
    try {
      return db.pragma("journal_mode", { simple: true });
    } finally {
      db.close();
    }
  };
  assert.equal(mode(), "wal", "WAL while a writer works, so readers are not blocked");
  const reader = await openSqliteStore(path, { readonly: true });
  await reader.stats();
  const t0 = Date.now();
  await w.close();
  assert.ok(Date.now() - t0 < 1000, "close does not wait for the reader");
  await reader.close();
  const w2 = await openSqliteStore(path);
  await w2.close();
  assert.equal(mode(), "delete", "the last writer out leaves rollback-journal mode");
});

type Outcome = { ok: boolean; code?: string; message?: string; documents?: number };

/** Runs test/helpers/indexAccess.ts as an unprivileged user; null when that is not possible here. */
function asUser(): ((probes: ["read" | "write", string][]) => Outcome[]) | null {
  const helper = join(import.meta.dirname, "helpers", "indexAccess.ts");
  const root = process.getuid?.() === 0;
  const cmd = root ? "setpriv" : process.execPath;
  const pre = root ? ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath] : [];
  try {
    if (root) execFileSync("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "true"]);
  } catch {
    return null;
  }
  return (probes) => JSON.parse(execFileSync(cmd, [...pre, "--import", "tsx", helper, ...probes.flat()], { cwd: join(import.meta.dirname, ".."), encoding: "utf8" }).trim().split("\n").pop()!);
}

test("permissions: a healthy index in a read-only folder is read; read-only file, read-only folder and uncreatable index are named errors", async (t) => {
  const run = asUser();
  if (!run) {
    t.skip("no unprivileged user to run as (root without setpriv)");
    return;
  }
  const base = await tempDir();
  await chmod(base, 0o755);
  const ro = join(base, "ro");
  const rw = join(base, "rw");
  await mkdir(ro);
  await mkdir(rw);
  await makeIndex(join(ro, "idx.sqlite"), 3);
  await makeIndex(join(rw, "locked.sqlite"), 3);
  // An index left in WAL mode (by an older unspin, or a writer still running elsewhere).
  await copyFile(join(ro, "idx.sqlite"), join(ro, "wal.sqlite"));
  const db = new Database(join(ro, "wal.sqlite"));
  db.pragma("journal_mode = WAL");
  db.close();
  await chmod(join(rw, "locked.sqlite"), 0o444);
  await chmod(join(ro, "idx.sqlite"), 0o444);
  await chmod(join(ro, "wal.sqlite"), 0o444);
  await chmod(ro, 0o555);
  await chmod(rw, 0o777);

  const [read, wal, file, folder, create, deeper] = run([
    ["read", join(ro, "idx.sqlite")],
    ["read", join(ro, "wal.sqlite")],
    ["write", join(rw, "locked.sqlite")],
    ["write", join(ro, "idx.sqlite")],
    ["write", join(ro, "new.sqlite")],
    ["write", join(ro, "sub", "new.sqlite")],
  ]) as Outcome[];
  assert.deepEqual(read, { ok: true, documents: 3 }, "read from a read-only folder");
  assert.equal(wal!.code, "INDEX_READONLY");
  assert.match(wal!.message!, /wal\.sqlite: cannot read the index in the read-only folder .*write-ahead-log/);
  assert.equal(file!.code, "INDEX_READONLY");
  assert.match(file!.message!, /locked\.sqlite: cannot write the index: the file is read-only/);
  assert.equal(folder!.code, "INDEX_READONLY");
  assert.match(folder!.message!, /idx\.sqlite: cannot write the index/);
  assert.equal(create!.code, "INDEX_UNWRITABLE");
  assert.match(create!.message!, /new\.sqlite: cannot create the index \(.*ro is not writable\)/);
  assert.equal(deeper!.code, "INDEX_UNWRITABLE");
  assert.match(deeper!.message!, /sub\/new\.sqlite: cannot create the index/);
});
