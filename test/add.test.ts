import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUnspin } from "../src/index.js";
import { openIndexStore } from "../src/store/index.js";
import { CorpusCounter } from "../src/store/corpus.js";

const examples = new URL("../examples/", import.meta.url).pathname;
const inputs = [join(examples, "original"), join(examples, "pages"), join(examples, "feeds"), join(examples, "spun")];
const unspin = createUnspin();

async function build(workerMinBytes: number) {
  const index = join(mkdtempSync(join(tmpdir(), "unspin-add-")), "i.sqlite");
  const opened = await unspin.openIndex(index);
  const summary = await opened.add(inputs, { workerMinBytes });
  await opened.close();
  const store = await openIndexStore(index, { readonly: true });
  const stats = await store.stats();
  const corpus = await CorpusCounter.load(store);
  const probe = corpus.counts();
  const counts = ["the", "council", "the council", "river"].map((g) => probe.count(g.split(" ")));
  await store.close();
  return { summary, postings: stats.postings, documents: stats.documents, tokens: corpus.tokens, counted: corpus.documents, counts };
}

test("preparing articles in a worker thread builds the same index as preparing them inline", async () => {
  const inline = await build(Number.MAX_SAFE_INTEGER);
  const worker = await build(0);
  assert.equal(inline.summary.added, 12);
  assert.deepEqual(worker, inline);
  assert.equal(worker.counted, worker.documents, "every stored document is counted once");
  assert.ok(worker.counts[0]! > 10);
});
