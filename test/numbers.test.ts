// Figures written in words are figures: a changed one is number-changed (an error that changes what
// the source says), whether it was written in digits or in words, and the same value in other
// writing is no changed number.
import { test } from "node:test";
import assert from "node:assert/strict";
import { numberValue } from "../src/align/numbers.js";
import { createUnspin } from "../src/index.js";

test("numberValue reads digits and cardinal words, and nothing else", () => {
  const cases: [string, number | undefined][] = [
    ["48", 48], ["1,200", 1200], ["3.5", 3.5], ["six", 6], ["sixteen", 16], ["forty", 40], ["twenty-five", 25], ["dozen", 12], ["million", 1e6],
    ["first", undefined], ["sixties", undefined], ["forty-forty", undefined], ["one-off", undefined], ["council", undefined], ["", undefined],
  ];
  for (const [word, value] of cases) assert.equal(numberValue(word), value, word);
});

test("a figure changed in words, or from digits to words, is a changed number; the same value in words is not", () => {
  const unspin = createUnspin();
  const source = "The union said 85 percent of members backed the strike. Fares will rise by six percent in two months, and 40 beds will open on the ward.";
  const rules = (suspect: string) => unspin.compare(suspect, source).findings.map((f) => `${f.rule}: ${f.source?.text ?? ""} -> ${suspect.slice(f.suspect.start, f.suspect.end)}`);
  assert.deepEqual(rules(source.replace("six percent", "sixteen percent")), ["number-changed: six -> sixteen"]);
  assert.deepEqual(rules(source.replace("two months", "three months").replace("40 beds", "fourteen beds")), ["number-changed: two -> three", "number-changed: 40 -> fourteen"]);
  assert.deepEqual(rules(source.replace("85 percent", "eighty percent")), ["number-changed: 85 -> eighty"]);
  assert.ok(!rules(source.replace("40 beds", "forty beds")).some((r) => r.startsWith("number-changed")), "40 -> forty keeps the value");
});
