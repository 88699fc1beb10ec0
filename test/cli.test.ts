import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./helpers/cli-run.js";
import { SCHEMA_VERSION } from "../src/store/schema.js";

const examples = new URL("../examples/", import.meta.url).pathname;
const spun = join(examples, "spun/harbour-council.txt");
const original = join(examples, "original/harbour-council.txt");

const run = runCli;

test("compare finds a spun copy: exit 1 and a versioned JSON report whose places match the texts", async () => {
  const { code, out, err } = await run(["compare", spun, original, "--format", "json"]);
  assert.equal(err, "");
  assert.equal(code, 1);
  const report = JSON.parse(out);
  assert.equal(report.schema, "unspin/report@1");
  assert.equal(report.verdict, "spun-copy");
  const suspect = readFileSync(spun, "utf8");
  const source = readFileSync(original, "utf8");
  assert.ok(report.findings.length > 10);
  for (const f of report.findings) {
    assert.equal(suspect.slice(f.suspect.start, f.suspect.end), f.suspect.text);
    if (f.source) assert.equal(source.slice(f.source.start, f.source.end), f.source.text);
  }
});

test("compare reads the suspect from stdin with -", async () => {
  const { code, out } = await run(["compare", "-", original, "--format", "json"], readFileSync(spun, "utf8"));
  assert.equal(code, 1);
  const report = JSON.parse(out);
  assert.equal(report.input, "<stdin>");
  assert.equal(report.verdict, "spun-copy");
});

test("compare of unrelated texts exits 0 with no-evidence", async () => {
  const { code, out } = await run(["compare", join(examples, "spun/unrelated-weather.txt"), join(examples, "original/rail-strike.txt"), "--format", "json"]);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).verdict, "no-evidence");
});

test("text output is plain when piped and shows source -> suspect edits", async () => {
  const { out } = await run(["compare", spun, original]);
  assert.ok(!out.includes("\u001b["), "no ANSI colour when not a TTY");
  assert.match(out, /spun-copy/);
  assert.match(out, /synonym-swap\s+.*\[build -> construct\]/);
});

test("html output is one self-contained, escaped page written to --out", async () => {
  const dir = mkdtempSync(join(tmpdir(), "unspin-cli-"));
  const a = join(dir, "a.txt");
  const b = join(dir, "b.txt");
  writeFileSync(a, "The <script>alert(1)</script> council & the mayor approved the new plan for the harbour on Tuesday evening.");
  writeFileSync(b, "The <script>alert(1)</script> council & the mayor endorsed the new plan for the harbour on Tuesday evening.");
  const out = join(dir, "r.html");
  const { code } = await run(["compare", a, b, "--format", "html", "--out", out]);
  assert.equal(code, 1);
  const html = readFileSync(out, "utf8");
  assert.ok(html.startsWith("<!doctype html>"));
  assert.equal(html.match(/<script>/g)?.length ?? 0, 1, "user text is escaped: the one script is the report's own");
  assert.ok(!html.includes("alert(1)</script>"));
  assert.ok(html.includes("&lt;script&gt;"));
  assert.ok(!/\bsrc=|<link\b|@import|url\(/.test(html), "no external resources");
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.ok(href!.startsWith("#") || href === b, `links go inside the page or to the source: ${href}`);
});

test("bad inputs give one-line errors naming the input, exit 2, no stack", async () => {
  const dir = mkdtempSync(join(tmpdir(), "unspin-cli-"));
  const empty = join(dir, "empty.txt");
  writeFileSync(empty, "   \n");
  const bin = join(dir, "bin.dat");
  writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
  const latin1 = join(dir, "latin1.txt");
  writeFileSync(latin1, Buffer.from("caf\xe9 au lait", "latin1"));
  const sub = join(dir, "folder");
  mkdirSync(sub);
  for (const [bad, pattern] of [
    [join(dir, "missing.txt"), /missing\.txt/],
    [sub, /folder/],
    [empty, /empty\.txt/],
    [bin, /bin\.dat/],
    [latin1, /latin1\.txt.*UTF-8|UTF-8.*latin1\.txt/],
  ] as const) {
    const { code, err } = await run(["compare", bad, original]);
    assert.equal(code, 2, `exit code for ${bad}`);
    assert.match(err, pattern);
    assert.equal(err.trim().split("\n").length, 1, `one line: ${err}`);
    assert.ok(!err.includes("    at "), "no stack trace");
  }
  // check skips a bad input with the same hint and goes on with the others.
  const skipped = await run(["check", join(dir, "missing.txt"), spun]);
  assert.match(skipped.err, /missing\.txt: no such file \(check the path; relative paths start from the current folder\)/);
  assert.match(skipped.out, /harbour-council/, "the good input is still checked");
  const big = await run(["compare", spun, original, "--max-bytes", "100"]);
  assert.equal(big.code, 2);
  assert.match(big.err, /harbour-council\.txt/);
});

test("usage errors exit 2 and read like the tool's other errors", async () => {
  const missing = await run(["compare", spun]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^unspin: missing required argument 'source'/);
  const none = await run([]);
  assert.equal(none.code, 2, "no command is a usage error");
  assert.match(none.err, /Usage: unspin/);
  const help = await run(["--help"]);
  assert.equal(help.code, 0, "help asked for is no error");
  assert.match(help.out, /Usage: unspin/);
  const bogus = await run(["check", "--bogus"]);
  assert.equal(bogus.code, 2);
  assert.match(bogus.err, /^unspin: unknown option '--bogus'/);
  assert.equal((await run(["compare", spun, original, "--format", "pdf"])).code, 2);
  assert.equal((await run(["compare", "-", "-"])).code, 2);
  assert.equal((await run(["frobnicate"])).code, 2);
});

test("add indexes every format of the examples; adding again changes nothing; check finds the source", async () => {
  const dir = mkdtempSync(join(tmpdir(), "unspin-index-"));
  const index = join(dir, "index.sqlite");
  const inputs = [join(examples, "original"), join(examples, "pages"), join(examples, "feeds")];
  const first = await run(["add", ...inputs, "--index", index]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /added 8, duplicates 0, skipped 0/);
  const again = await run(["add", ...inputs, "--index", index]);
  assert.match(again.err, /added 0, duplicates 8, skipped 0/);
  // An edited file: one document added, its URL updated, said so it does not read as two.
  const edited = join(dir, "edited.txt");
  writeFileSync(edited, readFileSync(join(examples, "original", "rail-strike.txt"), "utf8"));
  await run(["add", edited, "--index", index]);
  writeFileSync(edited, readFileSync(join(examples, "original", "rail-strike.txt"), "utf8").replace("Friday", "Saturday"));
  const updated = await run(["add", edited, "--index", index]);
  // (The older text stays: the original's own URL still holds it.)
  assert.match(updated.err, /^added 1, 1 indexed URL now with a new text, duplicates 0, skipped 0$/m);
  await run(["remove", edited, "--index", index]);
  // --max-bytes bounds one document, for add and check alike, and the reason says how to raise it.
  const small = await run(["add", join(examples, "original", "rail-strike.txt"), "--index", index, "--max-bytes", "100"]);
  assert.equal(small.code, 2);
  assert.match(small.err, /rail-strike\.txt: 545 bytes is over the per-document limit of 100 bytes; skipped \(raise --max-bytes\)/);
  const tooBig = await run(["check", join(examples, "spun", "harbour-council.txt"), "--index", index, "--max-bytes", "500"]);
  assert.equal(tooBig.code, 2);
  assert.match(tooBig.err, /harbour-council\.txt: 1\.2 KiB is over the per-document limit of 500 bytes; skipped \(raise --max-bytes\)/);
  const stats = JSON.parse((await run(["stats", "--index", index, "--format", "json"])).out);
  assert.equal(stats.documents, 8);
  assert.equal(stats.schemaVersion, SCHEMA_VERSION);
  assert.ok(stats.corpusTokens > 500, "add counts corpus n-grams");
  assert.equal(stats.corpusDocuments, 8);
  assert.ok(stats.sizeBytes > 0);

  const checked = await run(["check", join(examples, "spun"), "--index", index, "--format", "jsonl"]);
  assert.equal(checked.code, 1);
  const lines = checked.out.trim().split("\n").map((l) => JSON.parse(l));
  const byInput = new Map(lines.map((r) => [r.input.split("/").pop(), r]));
  assert.deepEqual([...byInput.keys()].sort(), ["cycling-lanes.txt", "harbour-council.txt", "library-hours.txt", "unrelated-weather.txt"]);
  assert.equal(byInput.get("harbour-council.txt").verdict, "spun-copy");
  assert.match(byInput.get("harbour-council.txt").sources[0].url, /harbour-council\.txt$/);
  assert.equal(byInput.get("cycling-lanes.txt").sources[0].title, "City council votes for new cycling lanes | Riverside Herald");
  assert.deepEqual(byInput.get("unrelated-weather.txt").sources, [], "a topical stranger is no source");
});

test("check with a missing --index is an error; a missing default index means source-free evidence only", async () => {
  const dir = mkdtempSync(join(tmpdir(), "unspin-noindex-"));
  const missing = await run(["check", spun, "--index", join(dir, "nope.sqlite")]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.sqlite/);
  const saved = process.env.XDG_DATA_HOME;
  const savedIndex = process.env.UNSPIN_INDEX;
  process.env.XDG_DATA_HOME = dir;
  delete process.env.UNSPIN_INDEX;
  try {
    const r = await run(["check", spun, "--format", "json"]);
    assert.notEqual(r.code, 2, r.err);
    assert.match(r.err, /source-free evidence only/);
    const report = JSON.parse(r.out);
    assert.deepEqual(report.sources, []);
    assert.ok(report.findings.some((f: { rule: string }) => f.rule === "tokenizer-artifact"));
  } finally {
    if (saved === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = saved;
    if (savedIndex !== undefined) process.env.UNSPIN_INDEX = savedIndex;
  }
});

test("an index from a newer unspin is refused and left untouched", async () => {
  const dir = mkdtempSync(join(tmpdir(), "unspin-newer-"));
  const index = join(dir, "index.sqlite");
  await run(["add", join(examples, "original"), "--index", index]);
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(index);
  db.pragma("user_version = 99");
  db.close();
  const before = readFileSync(index);
  const r = await run(["add", join(examples, "pages"), "--index", index]);
  assert.equal(r.code, 2);
  assert.match(r.err, /index\.sqlite/);
  assert.ok(readFileSync(index).equals(before), "the refused index is not modified");
});
