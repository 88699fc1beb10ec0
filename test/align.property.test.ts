import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzeText } from "../src/text/index.js";
import { buildUnits } from "../src/align/units.js";
import { alignWords } from "../src/align/words.js";
import { splitSegments } from "../src/align/segments.js";
import { plainLexicon } from "./helpers/plain-lexicon.js";

const lexicon = plainLexicon();
const word = fc.constantFrom("alpha", "beta", "gamma", "delta", "the", "of", "omega", "sigma", "kappa", "zeta");

/** The slow exact twin: longest common subsequence length by full dynamic programming. */
function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

test("word alignment covers both texts exactly once; its matches are a common subsequence close to the LCS", () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 40 }), (a, b) => {
      const sus = buildUnits(analyzeText(a.join(" ")), lexicon);
      const src = buildUnits(analyzeText(b.join(" ")), lexicon);
      // minMove beyond any length: no move pairing, so matches are exactly the diff's skeleton.
      const { ops } = alignWords(sus, src, [0, sus.length], [0, src.length], lexicon, { maxEditLength: 10_000, maxHunk: 80, minMove: 1_000 });
      const sSeen = new Array<number>(sus.length).fill(0);
      const oSeen = new Array<number>(src.length).fill(0);
      let same = 0;
      let lastS = -1;
      let lastO = -1;
      for (const op of ops) {
        if (op.op === "match") {
          assert.ok(op.s > lastS && op.o > lastO, "matches increase on both sides");
          lastS = op.s;
          lastO = op.o;
          sSeen[op.s]!++;
          oSeen[op.o]!++;
          assert.equal(sus[op.s]!.norm, src[op.o]!.norm, "the plain lexicon only pairs equal words");
          same++;
        } else if (op.op === "replace") {
          for (let k = op.s0; k < op.s1; k++) sSeen[k]!++;
          for (let k = op.o0; k < op.o1; k++) oSeen[k]!++;
        } else if (op.op === "insert") for (let k = op.s0; k < op.s1; k++) sSeen[k]!++;
        else for (let k = op.o0; k < op.o1; k++) oSeen[k]!++;
      }
      assert.ok(sSeen.every((n) => n === 1), "every suspect word is accounted for once");
      assert.ok(oSeen.every((n) => n === 1), "every source word is accounted for once");
      // Small inputs are diffed exactly: the matches are a longest common subsequence.
      assert.equal(same, lcsLength(a, b));
    }),
    { numRuns: 300 },
  );
});

test("on long texts, anchoring on unique words stays within 5% of the LCS", () => {
  const vocab = Array.from({ length: 400 }, (_, k) => `w${k.toString(36)}x`);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...vocab), { minLength: 250, maxLength: 300 }), fc.array(fc.nat(299), { maxLength: 60 }), fc.array(fc.constantFrom(...vocab), { minLength: 60, maxLength: 60 }), (base, positions, replacements) => {
      // The suspect is the source with some words replaced: like spinning, mostly in place.
      const sus = [...base];
      positions.forEach((p, k) => {
        if (p < sus.length) sus[p] = replacements[k]!;
      });
      const su = buildUnits(analyzeText(sus.join(" ")), lexicon);
      const so = buildUnits(analyzeText(base.join(" ")), lexicon);
      const { ops } = alignWords(su, so, [0, su.length], [0, so.length], lexicon, { maxEditLength: 10_000, maxHunk: 80, minMove: 1_000 });
      const same = ops.filter((op) => op.op === "match").length;
      const lcs = lcsLength(sus, base);
      assert.ok(same <= lcs && same >= 0.95 * lcs, `matched ${same} of an LCS of ${lcs}`);
    }),
    { numRuns: 40 },
  );
});

test("a moved block is paired as a move, not as a deletion plus an insertion", () => {
  const src = buildUnits(analyzeText("alpha beta gamma delta omega sigma kappa zeta eta theta"), lexicon);
  const sus = buildUnits(analyzeText("omega sigma kappa zeta eta theta alpha beta gamma delta"), lexicon);
  const { ops } = alignWords(sus, src, [0, sus.length], [0, src.length], lexicon);
  assert.ok(!ops.some((op) => op.op === "insert" || op.op === "delete"));
  const moved = ops.filter((op) => op.op === "match" && op.moved).length;
  assert.equal(moved, 4);
});

test("segments start and end on a match, never overlap, and keep only operations of the passage", () => {
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), fc.array(word, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 15 }), (a, b, gap) => {
      const sus = buildUnits(analyzeText(a.join(" ")), lexicon);
      const src = buildUnits(analyzeText(b.join(" ")), lexicon);
      const { ops } = alignWords(sus, src, [0, sus.length], [0, src.length], lexicon);
      const all = new Set(ops);
      let prevEnd = -1;
      for (const seg of splitSegments(ops, gap, sus)) {
        assert.equal(seg.ops[0]!.op, "match");
        assert.equal(seg.ops[seg.ops.length - 1]!.op, "match");
        assert.ok(seg.ops.every((op) => all.has(op)));
        assert.ok(seg.suspect.start >= prevEnd, "segments are disjoint and in suspect order");
        prevEnd = seg.suspect.end;
        assert.equal(seg.matched, seg.ops.filter((op) => op.op === "match").length);
      }
    }),
    { numRuns: 300 },
  );
});
