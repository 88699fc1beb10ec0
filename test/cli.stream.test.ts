// The CLI as a real process: reports stream out while a batch check runs, Ctrl-C keeps what is
// done and exits 130, --version, remove.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers/tmp.js";

const root = new URL("../", import.meta.url).pathname;
const examples = join(root, "examples");
const spunFile = join(examples, "spun", "harbour-council.txt");

/** The CLI from source (tsx), as a child process with piped output. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; out: () => string; err: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "-e", "import(process.argv[1]).then(async (m) => { process.exitCode = await m.main(process.argv.slice(2)); })", join(root, "src/cli/main.ts"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const done = new Promise<number | null>((res) => child.once("exit", (code, signal) => res(code ?? (signal ? 128 : null))));
  return { child, out: () => out, err: () => err, done };
}

async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function indexOf(paths: string[]): Promise<string> {
  const index = join(await tempDir("unspin-cli-"), "index.sqlite");
  const r = cli(["add", ...paths, "--index", index]);
  assert.equal(await r.done, 0, r.err());
  return index;
}

test("check streams: the first JSON line arrives while the batch still runs; Ctrl-C keeps it and exits 130", async () => {
  const index = await indexOf([join(examples, "original")]);
  const dir = join(await tempDir("unspin-cli-"), "batch");
  mkdirSync(dir);
  for (let k = 0; k < 200; k++) copyFileSync(spunFile, join(dir, `copy-${String(k).padStart(3, "0")}.txt`));
  const r = cli(["check", dir, "--index", index, "--format", "jsonl"]);
  await until(() => r.out().includes("\n"));
  let exited = false;
  void r.done.then(() => (exited = true));
  assert.equal(exited, false, "the process is still running when the first report is out");
  const first = JSON.parse(r.out().split("\n")[0]!);
  assert.equal(first.verdict, "spun-copy");
  r.child.kill("SIGINT");
  assert.equal(await r.done, 130);
  const lines = r.out().trim().split("\n");
  assert.ok(lines.length >= 1 && lines.length < 200, `${lines.length} reports before the stop`);
  for (const l of lines) assert.equal(JSON.parse(l).schema, "unspin/report@1");
  assert.match(r.err(), /checked \d+: \d+ cop(y|ies).*\(interrupted\)/);
});

test("check of several inputs with --format json writes one JSON array; a summary line follows on stderr", async () => {
  const index = await indexOf([join(examples, "original"), join(examples, "pages")]);
  const out = join(await tempDir("unspin-cli-"), "reports.json");
  const r = cli(["check", join(examples, "spun"), "--index", index, "--format", "json", "--out", out]);
  assert.equal(await r.done, 1, r.err());
  const reports = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(reports.length, 4);
  assert.match(r.err(), /checked 4: 3 copies, 0 likely spun, 1 without finding/);
});

test("add interrupted by Ctrl-C writes what it read, says so, exits 130, and a re-run finishes the job", async () => {
  const dir = await tempDir("unspin-cli-");
  const base = readFileSync(join(examples, "original", "rail-strike.txt"), "utf8");
  const lines: string[] = [];
  for (let k = 0; k < 6000; k++) lines.push(JSON.stringify({ text: `${base}\n\nUpdate number ${k}: talks continue.`, url: `https://x.example/${k}` }));
  writeFileSync(join(dir, "many.jsonl"), lines.join("\n") + "\n");
  const index = join(dir, "index.sqlite");
  const r = cli(["add", join(dir, "many.jsonl"), "--index", index]);
  // Interrupted once the first batch is in.
  const { default: Database } = await import("better-sqlite3");
  const count = () => {
    if (!existsSync(index)) return 0;
    const db = new Database(index, { readonly: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
    } catch {
      return 0;
    } finally {
      db.close();
    }
  };
  await until(() => count() > 0);
  r.child.kill("SIGINT");
  assert.equal(await r.done, 130, r.err());
  assert.match(r.err(), /interrupted: run the same command again to finish/);
  const stats = cli(["stats", "--index", index, "--format", "json"]);
  assert.equal(await stats.done, 0);
  const { documents, corpusDocuments } = JSON.parse(stats.out());
  assert.ok(documents > 0 && documents < 6000, `stopped early: ${documents}`);
  assert.equal(corpusDocuments, documents, "every document written is counted: the index is consistent");
  const again = cli(["add", join(dir, "many.jsonl"), "--index", index]);
  assert.equal(await again.done, 0);
  assert.match(again.err(), new RegExp(`added ${6000 - documents}, duplicates ${documents}`), "running it again finishes the job");
});

test("--version prints the package version; remove forgets a document by path and says what it removed", async () => {
  const v = cli(["--version"]);
  assert.equal(await v.done, 0);
  assert.equal(v.out().trim(), JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  const index = await indexOf([join(examples, "original")]);
  const rm = cli(["remove", join(examples, "original", "harbour-council.txt"), "no-such-id", "--index", index]);
  assert.equal(await rm.done, 2, "a reference that matches nothing is an error");
  assert.match(rm.err(), /removed 1, not found 1/);
  assert.match(rm.err(), /not found: no-such-id/);
  const check = cli(["check", spunFile, "--index", index, "--format", "json"]);
  await check.done;
  assert.deepEqual(JSON.parse(check.out()).sources, []);
  const missing = cli(["remove", "x", "--index", join(await tempDir("unspin-cli-"), "none.sqlite")]);
  assert.equal(await missing.done, 2);
  assert.match(missing.err(), /none\.sqlite/);
});

test("a reader that closes the pipe early (`| head`) stops the CLI quietly, without an EPIPE crash", async () => {
  const dir = await tempDir("unspin-epipe-");
  const index = join(dir, "index.sqlite");
  const add = cli(["add", join(examples, "original"), "--index", index]);
  assert.equal(await add.done, 0, add.err());
  const run = cli(["compare", spunFile, join(examples, "original", "harbour-council.txt")]);
  // The reader goes away before the report is written, as `head` does once it has its lines.
  run.child.stdout!.destroy();
  const code = await run.done;
  assert.doesNotMatch(run.err(), /EPIPE|Unhandled|node:events/, run.err());
  assert.equal(code, 141, "the status of a tool stopped by SIGPIPE: not 0, which would mean no finding");
});
