// Every command that works on SQLite works on a Redis Cluster, with the same answers: add, check,
// remove, stats, clusters through --store and $UNSPIN_STORE, and migrate between the two (and
// back, and SQLite to SQLite), safe to run again.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { redisServerPath, startCluster, type TestCluster } from "./helpers/redis-cluster.js";
import { runCli as run } from "./helpers/cli-run.js";
import { tempDir } from "./helpers/tmp.js";

const SKIP = redisServerPath() ? false : "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";
const examples = new URL("../examples/", import.meta.url).pathname;
const fixtures = new URL("./fixtures/clusters/", import.meta.url).pathname;
const inputs = [join(examples, "original"), join(examples, "pages"), join(examples, "feeds")];

let started: Promise<TestCluster> | null = null;
const cluster = () => (started ??= startCluster({ masters: 3, replicas: 1 }));
after(async () => {
  if (started) await (await started).stop();
});
let n = 0;
const fresh = async () => `${(await cluster()).url}/cli${process.pid}-${n++}`;

/** Reports without what differs by backend: nothing, so far (ids, offsets, scores all agree). */
const reports = (jsonl: string) => jsonl.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

test("redis: add, stats, check, remove and clusters with --store answer as on SQLite", { skip: SKIP, timeout: 600_000 }, async () => {
  const store = await fresh();
  const file = join(await tempDir(), "index.sqlite");
  for (const where of [["--store", store], ["--index", file]]) {
    const added = await run(["add", ...inputs, join(fixtures), ...where]);
    assert.equal(added.code, 0, added.err);
    assert.match(added.err, /added \d+, duplicates 0, skipped 0/);
    const again = await run(["add", ...inputs, ...where]);
    assert.match(again.err, /added 0, duplicates 8, skipped 0/);
  }
  const stats = async (where: string[]) => JSON.parse((await run(["stats", ...where, "--format", "json"])).out);
  const [r, s] = [await stats(["--store", store]), await stats(["--index", file])];
  for (const k of ["documents", "urls", "postings", "siteCount", "sources", "corpusDocuments", "corpusTokens"]) assert.deepEqual(r[k], s[k], k);
  assert.equal(r.schemaVersion, 1);
  assert.ok(r.sizeBytes > 0);
  assert.match(r.location, /^redis:\/\//);

  const check = async (where: string[]) => run(["check", join(examples, "spun"), ...where, "--format", "jsonl"]);
  const [cr, cs] = [await check(["--store", store]), await check(["--index", file])];
  assert.equal(cr.code, 1, cr.err);
  assert.deepEqual(reports(cr.out), reports(cs.out), "the same reports, byte for byte in JSON");
  assert.ok(reports(cr.out).some((x) => (x["sources"] as unknown[]).length > 0));

  const clusters = async (where: string[]) => JSON.parse((await run(["clusters", ...where, "--format", "json"])).out);
  const [kr, ks] = [await clusters(["--store", store]), await clusters(["--index", file])];
  assert.deepEqual(kr.clusters, ks.clusters);
  assert.ok(kr.clusters.length > 0);
  assert.equal(JSON.parse((await run(["stats", "--store", store, "--format", "json"])).out).edges, JSON.parse((await run(["stats", "--index", file, "--format", "json"])).out).edges);

  const removed = await run(["remove", join(examples, "original", "harbour-council.txt"), "--store", store]);
  assert.equal(removed.code, 0, removed.err);
  assert.equal((await stats(["--store", store])).documents, s.documents - 1);
  const after = await check(["--store", store]);
  assert.ok(!reports(after.out).some((x) => (x["sources"] as { url?: string }[]).some((src) => /harbour-council/.test(src.url ?? ""))));
});

test("redis: $UNSPIN_STORE names the store; --index with --store, or a file as --store, are usage errors", { skip: SKIP, timeout: 300_000 }, async () => {
  const store = await fresh();
  process.env.UNSPIN_STORE = store;
  try {
    const added = await run(["add", join(examples, "original")]);
    assert.equal(added.code, 0, added.err);
    assert.equal(JSON.parse((await run(["stats", "--format", "json"])).out).documents, 5);
  } finally {
    delete process.env.UNSPIN_STORE;
  }
  const both = await run(["stats", "--index", "x.sqlite", "--store", store]);
  assert.equal(both.code, 2);
  assert.match(both.err, /both --index and --store/);
  const file = await run(["stats", "--store", "x.sqlite"]);
  assert.equal(file.code, 2);
  assert.match(file.err, /not a redis:\/\/ location/);
  const missing = await run(["check", join(examples, "spun", "harbour-council.txt"), "--store", await fresh()]);
  assert.equal(missing.code, 2, "a named store that does not exist is an error");
  assert.match(missing.err, /no unspin index named/);
});

test("redis: migrate SQLite -> Redis -> SQLite keeps every document, URL, count and answer; a re-run copies nothing", { skip: SKIP, timeout: 600_000 }, async () => {
  const dir = await tempDir();
  const a = join(dir, "a.sqlite");
  const b = join(dir, "b.sqlite");
  const store = await fresh();
  assert.equal((await run(["add", ...inputs, fixtures, "--index", a])).code, 0);
  assert.equal((await run(["clusters", "--index", a, "--format", "json"])).code, 1);
  const there = await run(["migrate", "--from", a, "--to", store]);
  assert.equal(there.code, 0, there.err);
  assert.match(there.err, /copied \d+ of \d+ documents/);
  const back = await run(["migrate", "--from", store, "--to", b]);
  assert.equal(back.code, 0, back.err);
  const again = await run(["migrate", "--from", a, "--to", store]);
  assert.match(again.err, /copied 0 of (\d+) documents .*, \1 already there/);
  const stats = async (where: string[]) => JSON.parse((await run(["stats", ...where, "--format", "json"])).out);
  const [sa, sr, sb] = [await stats(["--index", a]), await stats(["--store", store]), await stats(["--index", b])];
  for (const k of ["documents", "urls", "postings", "sources", "corpusDocuments", "corpusTokens", "edges"]) {
    assert.deepEqual(sr[k], sa[k], `redis ${k}`);
    assert.deepEqual(sb[k], sa[k], `back ${k}`);
  }
  const check = async (where: string[]) => reports((await run(["check", join(examples, "spun"), ...where, "--format", "jsonl"])).out);
  const ca = await check(["--index", a]);
  assert.deepEqual(await check(["--store", store]), ca);
  assert.deepEqual(await check(["--index", b]), ca);
  // The stored edges came along: clusters on the copies finds the same clusters without work.
  const clusters = async (where: string[]) => JSON.parse((await run(["clusters", ...where, "--format", "json"])).out);
  const [ka, kb] = [await clusters(["--index", a]), await clusters(["--index", b])];
  assert.deepEqual(kb.clusters, ka.clusters);
  assert.equal(kb.stats.newlyExamined, 0, "nothing left to examine");
  // A target holding other documents is refused.
  const other = join(dir, "other.sqlite");
  await run(["add", join(examples, "original"), "--index", other]);
  const refused = await run(["migrate", "--from", a, "--to", other]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /already holds 5 document/);
});
