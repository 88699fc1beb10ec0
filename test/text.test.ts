import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { analyzeText } from "../src/text/index.js";

test("tokens, sentences, quotations and artifacts point at their original characters", () => {
  const alphabet = fc.constantFrom(..."ab Zé’'\"“”,.;:?!()&-\n  nt s 12 Q&A do n't it 's to , end".split(""));
  const piece = fc.oneof(fc.constantFrom("do n't", "it 's", "Q&, A", "to , end", " ( 7 ) ", "said,” we", "“Hi”", "U.S.", "3.5%", "  "), fc.string({ unit: alphabet, maxLength: 8 }));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const source = pieces.join(" ");
      const t = analyzeText(source);
      for (const tok of t.tokens) assert.equal(source.slice(tok.start, tok.end), tok.raw);
      for (const a of t.artifacts) assert.equal(source.slice(a.start, a.end), a.text);
      for (const s of t.sentences) assert.ok(s.start <= s.end && s.end <= source.length);
      for (const q of t.quotations) assert.ok(q.start < q.end && q.end <= source.length);
      // Tokens are in order and never overlap.
      for (let i = 1; i < t.tokens.length; i++) assert.ok(t.tokens[i - 1]!.end <= t.tokens[i]!.start);
      // Every non-space character belongs to exactly one token.
      const covered = new Uint8Array(source.length);
      for (const tok of t.tokens) for (let k = tok.start; k < tok.end; k++) covered[k]! += 1;
      for (let k = 0; k < source.length; k++) if (!/\s/.test(source[k]!)) assert.equal(covered[k], 1, `char ${k} of ${JSON.stringify(source)}`);
    }),
    { numRuns: 400 },
  );
});

test("split contractions are repaired for matching and kept as evidence", () => {
  const t = analyzeText("He does n't know, and it 's late. They wo n't go.");
  const norms = t.tokens.filter((x) => x.kind === "word").map((x) => x.norm);
  assert.deepEqual(norms, ["he", "doesn't", "know", "and", "it's", "late", "they", "won't", "go"]);
  assert.deepEqual(t.artifacts.filter((a) => a.kind === "split-contraction").map((a) => [a.text, a.repaired]), [["does n't", "doesn't"], ["it 's", "it's"], ["wo n't", "won't"]]);
});

test("commas inside phrases and before punctuation are debris, ordinary commas are not", () => {
  const t = analyzeText("The bakers plan to , open the Q&, A evening , and then close, early.");
  const debris = t.tokens.filter((x) => x.debris).map((x) => x.start);
  assert.equal(debris.length, 2);
  assert.ok(t.tokens.some((x) => x.norm === "q&a"));
  const kinds = t.artifacts.map((a) => a.kind);
  assert.deepEqual(kinds, ["comma-in-phrase", "comma-in-phrase", "space-before-punct"]);
  // "close, early" has an ordinary comma: no artifact there.
  assert.ok(!t.artifacts.some((a) => a.start > t.source.indexOf("close")));
});

test("plain prose yields no artifacts", () => {
  const t = analyzeText("The council approved the plan on Tuesday. \"It is the right decision,\" she said. Mr. Smith, 45, disagreed.");
  assert.deepEqual(t.artifacts, []);
  assert.equal(t.sentences.length, 3);
  assert.equal(t.quotations.length, 1);
  assert.equal(t.quotations[0]!.misoriented, false);
});

test("a closing quote used to open a quotation is found and flagged", () => {
  const s = "The harbour master replied,” we are waiting for a calmer tide.” Then she left.";
  const t = analyzeText(s);
  assert.equal(t.quotations.length, 1);
  const q = t.quotations[0]!;
  assert.equal(s.slice(q.start, q.end), "” we are waiting for a calmer tide.”");
  assert.equal(q.misoriented, true);
  assert.deepEqual(t.artifacts.map((a) => a.kind), ["misoriented-quote"]);
  const quoted = t.tokens.filter((x) => x.quote === 0 && x.kind === "word").map((x) => x.norm);
  assert.deepEqual(quoted, ["we", "are", "waiting", "for", "a", "calmer", "tide"]);
});

test("a closing mark with no opening one makes a quotation from the paragraph start", () => {
  const s = "First paragraph.\nWe will work with anyone, he said” and left.";
  const t = analyzeText(s);
  assert.equal(t.quotations.length, 1);
  assert.equal(s.slice(t.quotations[0]!.start, t.quotations[0]!.end), "We will work with anyone, he said”");
  assert.deepEqual(t.artifacts.map((a) => a.kind), ["unbalanced-quote"]);
});

test("sentences split at terminators but not after abbreviations, initials or decimals", () => {
  const t = analyzeText("Dr. Jones met J. Smith in the U.S. on Friday. Prices rose 3.5 percent! Why?\nNew line here");
  assert.deepEqual(t.sentences.map((s) => t.source.slice(s.start, s.end)), [
    "Dr. Jones met J. Smith in the U.S. on Friday.",
    "Prices rose 3.5 percent!",
    "Why?",
    "New line here",
  ]);
});
