import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openIndexStore } from "../src/store/index.js";
import { CorpusCounter } from "../src/store/corpus.js";
import { createUnspin } from "../src/index.js";

const unspin = createUnspin();
const ngramsOf = (text: string) => unspin.prepare({ id: "", text }).ngrams;
const texts = ["The river rose two metres overnight.", "The council met on Tuesday to discuss the river.", "Schools stay closed on Tuesday."];

test("documents stored after the last sketch save are counted on the next load (interrupted add)", async () => {
  const store = await openIndexStore(join(mkdtempSync(join(tmpdir(), "unspin-corpus-")), "i.sqlite"));
  // A first run counted and saved one document...
  const first = await CorpusCounter.load(store);
  await store.putDocuments([{ id: "a", text: texts[0]! }]);
  first.add(ngramsOf(texts[0]!));
  await first.save(store);
  // ...then stored two more and was interrupted before saving the sketch.
  await store.putDocuments([{ id: "b", text: texts[1]! }, { id: "c", text: texts[2]! }]);

  const next = await CorpusCounter.load(store);
  assert.equal(next.documents, 1);
  assert.equal(await next.catchUp(store, ngramsOf), 2);
  assert.equal(next.documents, 3);
  const counts = next.counts();
  assert.equal(counts.count(["tuesday"]), 2);
  assert.equal(counts.count(["the", "river"]), 2);
  assert.equal(counts.total, texts.join(" ").split(/\W+/).filter(Boolean).length);
  await store.close();
});
