// Contraction expansion must treat every word as data: words that name Object.prototype members
// ("constructor", "toString") once crashed indexing of real news (Reuters-21578).
import { test } from "node:test";
import assert from "node:assert/strict";
import { expandContraction } from "../src/align/units.js";

test("expandContraction: prototype member names are plain words", () => {
  for (const w of ["constructor", "tostring", "__proto__", "hasownproperty", "valueof"]) assert.deepEqual(expandContraction(w), [w]);
  assert.deepEqual(expandContraction("won't"), ["will", "not"]);
  assert.deepEqual(expandContraction("they're"), ["they", "are"]);
  assert.deepEqual(expandContraction("'constructor"), ["'constructor"]);
});
