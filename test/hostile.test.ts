// Hostile documents that are well-formed enough to reach the per-document stages: a
// two-million-letter token, pages nested a hundred thousand levels deep or holding tens of
// thousands of elements. Each must cost time in proportion to its size, not hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isCompound, findNonWords, MAX_WORD_LENGTH } from "../src/intrinsic/nonword.js";
import { analyzeText } from "../src/text/index.js";
import { createUnspin } from "../src/index.js";
import type { Lexicon } from "../src/lexicon/types.js";
import { plainLexicon } from "./helpers/plain-lexicon.js";

/** A lexicon that knows a few words and counts the characters it was asked to look up. */
function countingLexicon(known: string[]): Lexicon & { looked: number } {
  const words = new Set(known);
  const lex = {
    ...plainLexicon(),
    looked: 0,
    isWord(w: string) {
      lex.looked += w.length;
      return words.has(w);
    },
    unigram(w: string) {
      lex.looked += w.length;
      return words.has(w) ? 100 : 0;
    },
    corrections(w: string) {
      lex.looked += w.length;
      return ["word"];
    },
  };
  return lex;
}

test("isCompound: still finds two known words run together, and is bounded on a two-million-letter token", () => {
  const lex = countingLexicon(["euro", "zone", "back", "haul"]);
  assert.equal(isCompound(lex, "eurozone"), true);
  assert.equal(isCompound(lex, "backhaul"), true);
  assert.equal(isCompound(lex, "comfortableity"), false);
  lex.looked = 0;
  const t0 = performance.now();
  assert.equal(isCompound(lex, "a".repeat(2_000_000)), false);
  assert.ok(performance.now() - t0 < 50, "no quadratic scan");
  assert.equal(lex.looked, 0, "nothing looked up");
});

test("non-word detector: a token longer than MAX_WORD_LENGTH is not judged (no lookups in proportion to its length)", () => {
  const lex = countingLexicon([]);
  const long = "b".repeat(200_000);
  const text = analyzeText(`The council met and voted. ${long} and then unknownish ${"c".repeat(MAX_WORD_LENGTH)} words.`);
  const found = findNonWords(text, lex, new Map());
  const judged = found.map((f) => text.tokens[f.token]!.norm);
  assert.ok(!judged.includes(long));
  assert.ok(judged.includes("unknownish"), "ordinary unknown words are still judged");
  assert.ok(judged.includes("c".repeat(MAX_WORD_LENGTH)), "up to the limit they are judged");
  assert.ok(lex.looked < 10_000, `looked up ${lex.looked} characters`);
});

test("source-free analysis of a text holding one two-million-letter token finishes, offsets exact", () => {
  const source = `The city council voted on Tuesday. ${"a".repeat(2_000_000)} Residents packed the hall.`;
  const t0 = performance.now();
  const report = createUnspin().intrinsic(source, { input: "long-token.txt" });
  // Before: more than 60 s (isCompound was quadratic). Generous for a loaded machine.
  assert.ok(performance.now() - t0 < 20_000, `${Math.round(performance.now() - t0)} ms`);
  for (const f of report.findings) assert.equal(source.slice(f.suspect.start, f.suspect.end), f.suspect.text);
});
