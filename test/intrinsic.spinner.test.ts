// The evaluation spinner: reproducible, records every replacement at the right offsets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getLexicon } from "../src/lexicon/index.js";
import { spin, spinChoices } from "../bench/spinner.js";
import { analyzeText } from "../src/text/index.js";

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
    assert.ok(spinChoices(lexicon, r.original.toLowerCase()).includes(r.replacement.toLowerCase()), `${r.replacement} is a synonym of ${r.original}`);
  }
});

test("spinner: debris is recorded and rate 0 without debris is the identity", () => {
  assert.equal(spin(TEXT, lexicon, { rate: 0, seed: 1 }).text, TEXT);
  let found = 0;
  for (let seed = 0; seed < 10; seed++) found += spin(TEXT, lexicon, { rate: 0.1, debris: true, seed }).debris.length;
  assert.ok(found > 0);
});

const QUOTED =
  'The minister said on Monday that the plan "can\'t work without more money" (a view shared by the unions) and that ' +
  "the government won't change course. Officials, who don't expect a vote before June, said the budget was fixed.";

test("spinner: the detokenizer profile splits every n't, spaces brackets, turns quotes; offsets stay exact", () => {
  let turned = 0;
  for (let seed = 0; seed < 12; seed++) {
    const s = spin(QUOTED, lexicon, { rate: 0.2, seed, debris: "pipeline" });
    assert.match(s.text, /ca n't/);
    assert.match(s.text, /wo n't/);
    assert.match(s.text, /do n't/);
    assert.match(s.text, /\( a [a-z]+ [a-z]+ by the [a-z]+ \)/);
    for (const r of s.replacements) assert.equal(s.text.slice(r.start, r.end), r.replacement);
    turned += s.debris.filter((d) => d.kind === "turned-quote").length;
    // The text model finds the split contractions the spinner recorded.
    const kinds = analyzeText(s.text).artifacts.map((a) => a.kind);
    assert.equal(kinds.filter((k) => k === "split-contraction").length, s.debris.filter((d) => d.kind === "split-contraction").length);
  }
  assert.ok(turned > 0, "some opening quotes are turned");
});

test("spinner: frequency choice prefers common synonyms over rare ones", () => {
  const freq = (choice: "uniform" | "frequent") => {
    let sum = 0;
    let n = 0;
    for (let seed = 0; seed < 20; seed++) {
      for (const r of spin(QUOTED, lexicon, { rate: 0.5, seed, choice }).replacements) {
        sum += Math.log10(lexicon.unigram(r.replacement.toLowerCase()) + 1);
        n++;
      }
    }
    return sum / n;
  };
  assert.ok(freq("frequent") > freq("uniform") + 0.5, "frequency-weighted picks are more common words");
});
