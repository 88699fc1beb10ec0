// The IndexStore contract on a real 6-node Redis Cluster (3 masters, 3 replicas) started from
// Debian's redis-server on free ports of 127.0.0.1, plus what only the Redis backend has: the
// location syntax, the key layout on the slots, refusing foreign or newer data.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { storeContract } from "./store.contract.js";
import { redisServerPath, startCluster, type TestCluster } from "./helpers/redis-cluster.js";
import { openRedisStore, REDIS_SCHEMA_VERSION } from "../src/store/redis/store.js";
import { parseRedisLocation } from "../src/store/redis/location.js";
import { crc16, keySlot, Layout, slotTag } from "../src/store/redis/slots.js";
import { openIndexStore } from "../src/store/index.js";
import { UnspinError } from "../src/errors.js";

const SKIP = redisServerPath() ? false : "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";

let started: Promise<TestCluster> | null = null;
const cluster = () => (started ??= startCluster({ masters: 3, replicas: 1 }));
after(async () => {
  if (started) await (await started).stop();
});

let n = 0;
const fresh = async () => `${(await cluster()).url}/t${process.pid}-${n++}`;

if (SKIP) {
  test("redis: the IndexStore contract on a Redis Cluster", { skip: SKIP }, () => {});
} else {
  storeContract("redis", {
    async make() {
      const location = await fresh();
      return { store: await openRedisStore(location), reopen: () => openRedisStore(location) };
    },
  });
}

test("redis: slot tags land on their slots, as the server computes them", { skip: SKIP }, async () => {
  assert.equal(crc16(Buffer.from("123456789")), 0x31c3, "CRC16-XMODEM check value");
  const c = await cluster();
  const port = c.nodes[0]!.port;
  for (const slot of [0, 1, 5, 16 * 1023 + 4, 16383]) {
    assert.equal(keySlot(`x{${slotTag(slot)}}y`), slot);
    assert.equal(Number(c.cli(port, "cluster", "keyslot", `x{${slotTag(slot)}}y`).trim()), slot);
  }
  const layout = new Layout("t:", 65536);
  const p = layout.posting(2 ** 53 - 1);
  assert.equal(Number(c.cli(port, "cluster", "keyslot", p.key).trim()), p.slot);
  assert.equal(Number(c.cli(port, "cluster", "keyslot", layout.record(123456)).trim()), layout.recordSlot(123456));
});

test("redis: locations: hosts, index name, options; bad ones are usage errors", { skip: SKIP }, () => {
  const l = parseRedisLocation("redis://:secret@10.0.0.1:7000,10.0.0.2/news?wait=2&waitTimeout=500&buckets=1048576");
  assert.deepEqual(l.nodes, [{ host: "10.0.0.1", port: 7000 }, { host: "10.0.0.2", port: 6379 }]);
  assert.equal(l.name, "news");
  assert.equal(l.password, "secret");
  assert.equal(l.wait, 2);
  assert.equal(l.waitTimeout, 500);
  assert.equal(l.buckets, 1048576);
  assert.equal(l.display, "redis://10.0.0.1:7000,10.0.0.2/news", "no password in what is shown");
  for (const bad of ["redis://h:0", "redis://h:1/a{b}", "redis://h:1?buckets=1000", "redis://h:1?wat=1", "redis://h:1?wait=-1"]) {
    assert.throws(() => parseRedisLocation(bad), (e: unknown) => e instanceof UnspinError && e.code === "USAGE", bad);
  }
});

test("redis: a missing index is INDEX_MISSING when not creating; a newer or foreign one is refused", { skip: SKIP }, async () => {
  const location = await fresh();
  await assert.rejects(openIndexStore(location, { readonly: true }), (e: unknown) => e instanceof UnspinError && e.code === "INDEX_MISSING");
  const s = await openIndexStore(location);
  assert.equal((await s.stats()).schemaVersion, REDIS_SCHEMA_VERSION);
  await s.close();
  const c = await cluster();
  const name = location.slice(location.lastIndexOf("/") + 1);
  const meta = new Layout(`${name}:`, 65536).meta;
  const master = c.masters().find((p) => c.cli(p, "exists", `${meta}:layout`).trim() === "1")!;
  c.cli(master, "hset", `${meta}:layout`, "version", String(REDIS_SCHEMA_VERSION + 1));
  await assert.rejects(openIndexStore(location), (e: unknown) => e instanceof UnspinError && e.code === "INDEX_VERSION");
  c.cli(master, "hset", `${meta}:layout`, "format", "something-else");
  await assert.rejects(openIndexStore(location), (e: unknown) => e instanceof UnspinError && e.code === "INDEX_CORRUPT");
});

test("redis: an unreachable cluster is INDEX_UNAVAILABLE with a hint", { skip: SKIP }, async () => {
  await assert.rejects(openIndexStore("redis://127.0.0.1:1/x"), (e: unknown) => e instanceof UnspinError && e.code === "INDEX_UNAVAILABLE" && /127\.0\.0\.1:1/.test(e.message));
});
