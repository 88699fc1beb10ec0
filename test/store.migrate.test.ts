// `migrate` between SQLite files (the Redis directions are in test/redis.cli.test.ts): an
// interrupted copy is finished by running it again, without copying anything twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { createUnspin } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import { tempDir } from "./helpers/tmp.js";

test("migrate: stopped after its first batch, run again it finishes; the copy equals the source", async () => {
  const dir = await tempDir();
  const unspin = createUnspin();
  const from = join(dir, "from.sqlite");
  const to = join(dir, "to.sqlite");
  const source = await unspin.openIndex(from);
  const towns = ["Harwick", "Elmstead", "Brackley", "Dunmore"];
  await source.add(
    Array.from({ length: 1200 }, (_, i) => ({
      text: `${towns[i % 4]} council met on ${1 + (i % 28)} May to discuss item ${i}. Councillor ${i} said the budget for ${towns[(i + 1) % 4]} road repairs was ${i * 13} pounds.`,
      url: `https://m.example/${i}`,
      site: `${towns[i % 4]} Post`,
    })),
  );
  await source.close();

  const stop = new AbortController();
  const first = await unspin.migrate(from, to, { signal: stop.signal, onProgress: () => stop.abort() });
  assert.equal(first.interrupted, true);
  assert.ok(first.copied >= 500 && first.copied < 1200, `stopped early: ${first.copied}`);
  const second = await unspin.migrate(from, to);
  assert.equal(second.interrupted, false);
  assert.equal(second.skipped, first.copied, "what the first run copied is skipped");
  assert.equal(second.copied, 1200 - first.copied);

  const [a, b] = [await openIndexStore(from, { readonly: true }), await openIndexStore(to, { readonly: true })];
  const sa = await a.stats();
  const sb = await b.stats();
  for (const k of ["documents", "urls", "postings", "sources", "siteCount"] as const) assert.deepEqual(sb[k], sa[k], k);
  const ids = async (s: typeof a) => {
    const out: string[] = [];
    for await (const d of s.documents()) out.push(d.id);
    return out;
  };
  assert.deepEqual(await ids(b), await ids(a), "same documents in the same order");
  assert.deepEqual(await b.getBlob("corpus.sketch"), await a.getBlob("corpus.sketch"));
  await a.close();
  await b.close();
  await assert.rejects(unspin.migrate(from, from), /the same/);
});
