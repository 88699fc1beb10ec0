// --out must never destroy what the command reads: an input, a file in an input folder, the
// index. And writing it is atomic: a failed run leaves the old file, never half a report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { link, mkdir, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { assertSafeOut, openOut, writeOut } from "../src/cli/output.js";
import { openIndexStore } from "../src/store/index.js";
import { isUnspinError } from "../src/errors.js";
import { main } from "../src/cli/main.js";
import { tempDir } from "./helpers/tmp.js";

async function refused(p: Promise<unknown>, ...parts: string[]): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isUnspinError(e), String(e));
    assert.equal(e.code, "USAGE");
    for (const s of parts) assert.ok(e.message.includes(s), `${e.message} names ${s}`);
    assert.ok(e.hint.length > 0);
    return true;
  });
}

test("assertSafeOut refuses an input, a file in an input folder, and the index with its siblings", async () => {
  const dir = await tempDir();
  const input = join(dir, "in.txt");
  const folder = join(dir, "articles");
  const index = join(dir, "idx.sqlite");
  await writeFile(input, "words");
  await mkdir(join(folder, "sub"), { recursive: true });
  await writeFile(join(folder, "sub", "a.txt"), "words");
  await writeFile(index, "");
  await symlink(input, join(dir, "link.txt"));
  await link(input, join(dir, "hard.txt"));
  const opts = { inputs: [input, folder, "-"], index };
  await refused(assertSafeOut(input, opts), input, "the input");
  await refused(assertSafeOut(join(dir, ".", "x", "..", "in.txt"), opts), "the input");
  await refused(assertSafeOut(join(dir, "link.txt"), opts), "the input", "link.txt");
  await refused(assertSafeOut(join(dir, "hard.txt"), opts), "the input");
  await refused(assertSafeOut(join(folder, "sub", "a.txt"), opts), "inside the input folder");
  await refused(assertSafeOut(join(folder, "new-report.txt"), opts), "inside the input folder");
  await refused(assertSafeOut(index, opts), "the index");
  await refused(assertSafeOut(`${index}-wal`, opts), "-wal");
  await refused(assertSafeOut(`${index}-shm`, opts), "-shm");
  await refused(assertSafeOut(dir, opts), "is a folder");
  // Allowed: a new file beside them, a name that only starts like the folder, no --out at all.
  await assertSafeOut(join(dir, "report.txt"), opts);
  await assertSafeOut(join(dir, "articles-report.txt"), opts);
  await assertSafeOut(undefined, opts);
  await assertSafeOut(join(dir, "idx.sqlite.txt"), { inputs: [], index: "redis://localhost:6379" });
});

test("writeOut replaces a file atomically and keeps its permissions; a failure leaves no trace", async () => {
  const dir = await tempDir();
  const out = join(dir, "report.txt");
  await writeFile(out, "old report", { mode: 0o640 });
  await writeOut("new report\n", out, new PassThrough());
  assert.equal(await readFile(out, "utf8"), "new report\n");
  assert.equal((await stat(out)).mode & 0o777, 0o640);
  assert.deepEqual(await readdir(dir), ["report.txt"], "no temporary file left");
  await assert.rejects(writeOut("x", join(dir, "no-such-folder", "r.txt"), new PassThrough()), (e: unknown) => isUnspinError(e) && e.code === "OUTPUT_UNWRITABLE" && /the folder .*no-such-folder does not exist/.test(e.message));
  // Through a symbolic link: the file it points to is replaced, the link stays.
  await symlink(out, join(dir, "via-link.txt"));
  await writeOut("linked\n", join(dir, "via-link.txt"), new PassThrough());
  assert.equal(await readFile(out, "utf8"), "linked\n");
  assert.ok((await import("node:fs")).lstatSync(join(dir, "via-link.txt")).isSymbolicLink());
});

test("openOut streams chunks to a temporary file: --out changes only on commit, not at all on abort", async () => {
  const dir = await tempDir();
  const out = join(dir, "reports.jsonl");
  await writeFile(out, "previous\n");
  const w = openOut(out, new PassThrough());
  for (let i = 0; i < 100; i++) await w.write(`{"n":${i}}\n`);
  assert.equal(await readFile(out, "utf8"), "previous\n", "unchanged until commit");
  await w.commit();
  const lines = (await readFile(out, "utf8")).trim().split("\n");
  assert.equal(lines.length, 100);
  assert.equal(lines[99], '{"n":99}');
  const a = openOut(out, new PassThrough());
  await a.write("half a report");
  await a.abort();
  await a.abort();
  assert.equal((await readFile(out, "utf8")).trim().split("\n").length, 100, "abort leaves it as it was");
  assert.deepEqual(await readdir(dir), ["reports.jsonl"]);
  // Without --out the chunks go to stdout.
  const stdout = new PassThrough();
  let got = "";
  stdout.on("data", (d) => (got += d));
  const s = openOut(undefined, stdout);
  await s.write("a");
  await s.write("b");
  await s.commit();
  assert.equal(got, "ab");
  // A device is written in place (--out /dev/null, /dev/stdout).
  await writeOut("discarded", "/dev/null", new PassThrough());
});

test("a report is never written over an SQLite index, even without assertSafeOut (check --out INDEX)", async () => {
  const dir = await tempDir();
  const index = join(dir, "idx.sqlite");
  const input = join(dir, "in.txt");
  await writeFile(input, "The city council voted on Tuesday to close the Elm Street library next spring.");
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (d) => (err += d));
  assert.equal(await main(["add", input, "--index", index], { stdout: new PassThrough(), stderr }), 0, err);
  const before = await readFile(index);
  await refused(writeOut("report", index, new PassThrough()), index, "SQLite");
  err = "";
  const code = await main(["check", input, "--index", index, "--out", index], { stdout: new PassThrough(), stderr });
  assert.equal(code, 2);
  assert.match(err, /--out .*idx\.sqlite/);
  assert.ok((await readFile(index)).equals(before), "the index is intact");
  const store = await openIndexStore(index, { readonly: true });
  assert.equal((await store.stats()).documents, 1);
  await store.close();
});
