// `unspin serve` over a Redis Cluster (3 masters, 3 replicas on 127.0.0.1, started by the test):
// documents added through the API land in the cluster, checks trace to them with the same report
// as the library gives on SQLite, clusters and removal work, and nothing SQLite-only is assumed.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createUnspin } from "../src/unspin.js";
import { redisServerPath, startCluster, type TestCluster } from "./helpers/redis-cluster.js";
import { call, examples, freshServer } from "./helpers/server.js";
import { tempDir } from "./helpers/tmp.js";
import type { RunningServer } from "../src/server/index.js";

const SKIP = redisServerPath() ? false : "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";
const read = (p: string) => readFileSync(join(examples, p), "utf8");

describe("unspin serve on a Redis Cluster", { skip: SKIP, timeout: 600_000 }, () => {
  let cluster: TestCluster;
  let server: RunningServer & { index: string };
  before(async () => {
    cluster = await startCluster({ masters: 3, replicas: 1 });
    server = await freshServer({ index: `${cluster.url}/serve${process.pid}` });
  });
  after(async () => {
    await server?.close();
    await cluster?.stop();
  });

  test("add, check, clusters, read and remove through the API, answering as SQLite does", async () => {
    const original = read("original/harbour-council.txt");
    const spun = read("spun/harbour-council.txt");
    const added = await call(server.url, "/api/documents", { json: { text: original, url: "https://paper.example/harbour" } });
    assert.equal(added.status, 200, added.text);
    const id = added.body.documents[0].id;
    const stats = await call(server.url, "/api/stats");
    assert.equal(stats.body.documents, 1);

    const checked = await call(server.url, "/api/check", { json: { text: spun } });
    assert.equal(checked.status, 200, checked.text);
    const local = await createUnspin().openIndex(join(await tempDir("unspin-redis-serve-"), "index.sqlite"));
    await local.add([{ text: original, url: "https://paper.example/harbour" }]);
    const expected = await local.check(spun);
    assert.deepEqual(checked.body, JSON.parse(JSON.stringify(expected)), "the report of the SQLite index, field for field");
    assert.equal(checked.body.verdict, "spun-copy");

    const more = await call(server.url, "/api/documents", { json: { text: spun, url: "https://farm.example/harbour" } });
    assert.equal(more.body.added, 1);
    const clusters = await call(server.url, "/api/clusters");
    assert.equal(clusters.status, 200, clusters.text);
    assert.equal(clusters.body.clusters.length, 1);
    assert.equal(clusters.body.clusters[0].size, 2);
    await local.add([{ text: spun, url: "https://farm.example/harbour" }]);
    assert.deepEqual(clusters.body.clusters.map((c: { id: string }) => c.id), (await local.clusters()).clusters.map((c) => c.id));
    await local.close();

    assert.equal((await call(server.url, `/api/documents/${id}`)).body.text, original.trimEnd());
    assert.equal((await call(server.url, `/api/documents/${id}`, { method: "DELETE" })).status, 200);
    assert.equal((await call(server.url, "/api/stats")).body.documents, 1);
  });
});
