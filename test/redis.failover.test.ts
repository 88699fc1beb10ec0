// The fault test: a master of a 6-node Redis Cluster (3 masters, 3 replicas) is killed with
// SIGKILL while `add` runs. Its replica takes over, `add` retries the batch in hand and completes,
// and afterwards every document that `add` reported as added is there with its exact text, the
// index holds the same documents, URLs and postings as an SQLite index built from the same input,
// and `check` gives the same reports on both.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { redisServerPath, startCluster, type TestCluster } from "./helpers/redis-cluster.js";
import { tempDir } from "./helpers/tmp.js";
import { createUnspin } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import { Layout, keySlot } from "../src/store/redis/slots.js";
import { redisRetries } from "../src/store/redis/store.js";
import type { IndexStore } from "../src/store/types.js";

const SKIP = redisServerPath() ? false : "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";
const examples = new URL("../examples/", import.meta.url).pathname;
const fixtures = new URL("./fixtures/clusters/", import.meta.url).pathname;

let cluster: TestCluster | null = null;
after(async () => {
  await cluster?.stop();
});

/** Generated news-like articles: sentences of the project's own example texts, mixed by a seeded PRNG. */
function corpus(n: number): { url: string; site: string; title: string; text: string }[] {
  const texts = [
    ...readdirSync(join(examples, "original")).map((f) => readFileSync(join(examples, "original", f), "utf8")),
    ...readdirSync(fixtures).map((f) => readFileSync(join(fixtures, f), "utf8")),
  ];
  const sentences = texts.flatMap((t) => t.split(/(?<=[.!?])\s+/).filter((s) => s.split(" ").length >= 6));
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const towns = ["Harwick", "Elmstead", "Brackley", "Dunmore", "Kessing", "Lowfield", "Marston", "Norbury"];
  return Array.from({ length: n }, (_, i) => {
    const town = towns[i % towns.length]!;
    const body = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => sentences[Math.floor(rand() * sentences.length)]!);
    const text = `${town} report ${i}: councillor ${1000 + i} spoke on ${1 + (i % 28)} March about item ${i * 7}.\n\n${body.join(" ")}`;
    return { url: `https://gen.example/${town.toLowerCase()}/${i}`, site: `${town} Gazette`, title: `Report ${i}`, text };
  });
}

async function checksum(store: IndexStore): Promise<{ count: number; sha: string }> {
  const rows: string[] = [];
  for await (const d of store.documents()) rows.push(JSON.stringify([d.id, d.urls, d.title, d.site, d.text]));
  rows.sort();
  return { count: rows.length, sha: createHash("sha256").update(rows.join("\n")).digest("hex") };
}

test("redis: a master killed (SIGKILL) during add: the replica takes over, add completes, nothing acknowledged is lost, check answers as on SQLite", { skip: SKIP, timeout: 900_000 }, async (t) => {
  cluster = await startCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 2000 });
  const dir = await tempDir();
  const articles = corpus(4000);
  const input = join(dir, "articles.jsonl");
  writeFileSync(input, articles.map((a) => JSON.stringify(a)).join("\n") + "\n");
  const location = `${cluster.url}/failover?waitTimeout=3000`;
  const unspin = createUnspin();

  // The master that serves the index's metadata and number counter: the hardest one to lose.
  const metaSlot = keySlot(new Layout("failover:", 65536).meta);
  const victim = cluster.masterOf(metaSlot);
  assert.ok(victim, "found the master of the metadata slot");

  const index = await unspin.openIndex(location);
  const reported = new Set<string>();
  let killedAt = -1;
  let restarted: Promise<void> | null = null;
  let during: Promise<unknown> | null = null;
  const t0 = Date.now();
  const summary = await index.add([input], {
    workerMinBytes: Infinity,
    onDocument: (d) => {
      if (d.status === "added") reported.add(d.id);
      if (killedAt < 0 && reported.size >= 1500) {
        killedAt = reported.size;
        t.diagnostic(`SIGKILL master :${victim} after ${reported.size} documents reported added (${Date.now() - t0} ms)`);
        restarted = (async () => {
          await cluster!.kill(victim, "SIGKILL");
          // A reader meanwhile: check waits for the failover instead of failing.
          during = index.check(readFileSync(join(examples, "spun", "harbour-council.txt"), "utf8"));
          // A supervisor brings the node back a few seconds later; it rejoins as a replica of the
          // node that replaced it, so batches can again be confirmed on a replica.
          await new Promise((r) => setTimeout(r, 6000));
          await cluster!.restart(victim);
          t.diagnostic(`restarted :${victim} (${Date.now() - t0} ms)`);
        })();
      }
    },
  });
  await restarted;
  assert.ok(during, "a check ran during the failover");
  assert.equal(((await during) as { schema: string }).schema, "unspin/report@1", "and answered");
  t.diagnostic(`add finished in ${Date.now() - t0} ms: ${summary.added} added, ${summary.duplicates} duplicates; ${redisRetries.count} attempts repeated, the last because: ${redisRetries.last}`);
  assert.ok(redisRetries.count > 0, "add retried the batch the failover cut short");
  assert.ok(killedAt > 0 && killedAt < articles.length, "the master died while add ran");
  assert.equal(summary.interrupted, false);
  assert.equal(summary.skipped.length, 0);
  assert.equal(summary.added + summary.duplicates, articles.length);
  assert.equal(reported.size, summary.added);
  assert.ok(!cluster.masters().includes(victim), "the replica took over; the old master came back as a replica");

  // The same input into SQLite, for comparison.
  const file = join(dir, "same.sqlite");
  const sqliteIndex = await unspin.openIndex(file);
  await sqliteIndex.add([input], { workerMinBytes: Infinity });
  const sqlite = await openIndexStore(file, { readonly: true });

  // Every document reported added is there, with its exact text (as ingest made it).
  const store = await openIndexStore(location, { readonly: true });
  const docs = await store.getDocuments([...reported]);
  assert.equal(docs.length, reported.size, "every reported document is present");
  const want = new Map((await sqlite.getDocuments([...reported])).map((d) => [d.id, d]));
  for (const d of docs) assert.deepEqual(d, want.get(d.id), `document ${d.id}`);

  // The same index as SQLite built: documents, URLs, postings, content.
  const [rs, ss] = [await index.stats(), await sqliteIndex.stats()];
  for (const k of ["documents", "urls", "postings", "sources", "siteCount", "corpusDocuments", "corpusTokens"] as const) assert.deepEqual(rs[k], ss[k], k);
  assert.deepEqual(await checksum(store), await checksum(sqlite), "count and content checksum");

  // check answers exactly as on SQLite: the same report JSON for a few suspects.
  const suspects = [
    ...readdirSync(join(examples, "spun")).map((f) => readFileSync(join(examples, "spun", f), "utf8")),
    articles[17]!.text.replace(/council/g, "assembly").replace(/said/g, "stated"),
    articles[2500]!.text.split(" ").reverse().join(" "),
    articles[3999]!.text,
  ];
  for (const s of suspects) {
    const [a, b] = [await index.check(s), await sqliteIndex.check(s)];
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  }
  const found = await index.check(articles[17]!.text.replace(/council/g, "assembly"));
  assert.ok(found.sources.length > 0, "a near copy of a generated article finds it");
  await store.close();
  await sqlite.close();
  await sqliteIndex.close();
  await index.close();
});
