import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { analyzeText } from "../src/text/index.js";
import { buildUnits } from "../src/align/units.js";
import { getLexicon } from "../src/lexicon/index.js";
import { fingerprint, candidateProbability } from "../src/fingerprint/index.js";
import { rankCandidates } from "../src/search/candidates.js";
import { NgramSketch } from "../src/corpus/sketch.js";

const lexicon = getLexicon();
const ex = (p: string) => readFileSync(new URL(`../examples/${p}`, import.meta.url), "utf8");
const keysOf = (s: string) => new Set(fingerprint(buildUnits(analyzeText(s), lexicon), lexicon).keys);

test("a spun copy shares many more fingerprint keys with its source than an unrelated article does", () => {
  const original = keysOf(ex("original/harbour-council.txt"));
  const spun = keysOf(ex("spun/harbour-council.txt"));
  const other = keysOf(ex("original/library-hours.txt"));
  const shared = (a: Set<number>, b: Set<number>) => [...a].filter((k) => b.has(k)).length;
  assert.ok(shared(spun, original) >= 10, `shared with source: ${shared(spun, original)}`);
  assert.ok(shared(spun, other) <= 1, `shared with unrelated: ${shared(spun, other)}`);
});

test("the LSH candidate probability follows 1-(1-s^r)^b and grows with similarity", () => {
  assert.equal(candidateProbability(0), 0);
  assert.equal(candidateProbability(1), 1);
  let prev = 0;
  for (let s = 0.1; s <= 1; s += 0.1) {
    const p = candidateProbability(s);
    assert.ok(p > prev);
    prev = p;
  }
});

/** In-memory postings of the query keys, as a store would return them. */
function memoryPostings(docs: Map<string, number[]>, query: number[]): Map<number, string[]> {
  const inv = new Map<number, string[]>();
  for (const [doc, keys] of docs) for (const k of keys) (inv.get(k) ?? inv.set(k, []).get(k)!).push(doc);
  return new Map(query.map((k) => [k, inv.get(k) ?? []]));
}

test("candidate search agrees with an all-pairs scan of shared keys", () => {
  fc.assert(
    fc.property(fc.array(fc.uniqueArray(fc.nat(60), { maxLength: 25 }), { minLength: 1, maxLength: 30 }), fc.uniqueArray(fc.nat(60), { maxLength: 25 }), (docKeys, query) => {
      const docs = new Map(docKeys.map((k, i) => [`d${i}`, k]));
      const got = rankCandidates(memoryPostings(docs, query), { maxPostings: 1000, limit: 1000, minSharedKeys: 1 });
      const q = new Set(query);
      const expected = [...docs].map(([doc, keys]) => ({ doc, shared: keys.filter((k) => q.has(k)).length })).filter((d) => d.shared > 0);
      assert.deepEqual(new Map(got.map((c) => [c.doc, c.shared])), new Map(expected.map((e) => [e.doc, e.shared])));
    }),
    { numRuns: 200 },
  );
});

test("the n-gram sketch never undercounts and survives a round trip", () => {
  const sk = new NgramSketch(1 << 10, 3);
  const truth = new Map<string, number>();
  for (let i = 0; i < 3000; i++) {
    const w = `w${(i * 7919) % 500}`;
    sk.add(w);
    truth.set(w, (truth.get(w) ?? 0) + 1);
  }
  for (const [w, n] of truth) assert.ok(sk.count(w) >= n);
  const back = NgramSketch.fromBytes(sk.bytes());
  for (const w of truth.keys()) assert.equal(back.count(w), sk.count(w));
  assert.equal(back.total, 3000);
  assert.equal(sk.count("never-added") <= 3000 / (1 << 10) * 10, true);
});
