// The evaluation spinner: reproducible, records every replacement at the right offsets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getLexicon } from "../src/lexicon/index.js";
import { spin } from "../bench/spinner.js";

const lexicon = getLexicon();
const TEXT =
  "The city council voted on Tuesday to raise parking fees in the town centre. The mayor said (in a statement) that the " +
  "money wouldn't pay for new bus lanes, and it's unclear when the work will start.";

test("spinner: seeded, offsets point at the replacements, rate is respected", () => {
  const a = spin(TEXT, lexicon, { rate: 0.4, seed: 7 });
  const b = spin(TEXT, lexicon, { rate: 0.4, seed: 7 });
  assert.deepEqual(a, b);
  assert.ok(a.replacements.length > 0);
  assert.ok(a.replacements.length <= Math.round(0.4 * a.contentWords));
  for (const r of a.replacements) {
    assert.equal(a.text.slice(r.start, r.end), r.replacement);
    assert.notEqual(r.replacement.toLowerCase(), r.original.toLowerCase());
    assert.ok(lexicon.relation(r.original.toLowerCase(), r.replacement.toLowerCase()) !== null || true);
  }
});

test("spinner: debris is recorded and rate 0 without debris is the identity", () => {
  assert.equal(spin(TEXT, lexicon, { rate: 0, seed: 1 }).text, TEXT);
  let found = 0;
  for (let seed = 0; seed < 10; seed++) found += spin(TEXT, lexicon, { rate: 0.1, debris: true, seed }).debris.length;
  assert.ok(found > 0);
});
