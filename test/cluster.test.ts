// The cluster stage, pure: candidate pairs from posting groups (against a brute-force count),
// date order, and the clustering cuts on hand-made edges.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildClusters, dateOrder, GroupIndex, type PairEdge } from "../src/cluster/index.js";

test("candidate pairs from posting groups agree with a brute-force count over all pairs (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 9 }), { maxLength: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 30 }),
      (groups, minSharedKeys, mark) => {
        const maxDocs = 6;
        const index = new GroupIndex();
        for (const g of groups) index.add([...g].sort((x, y) => x - y));
        const isNew = mark > 0 ? (d: number) => d > mark : undefined;
        const got = index.candidates({ maxDocs, minSharedKeys, perDocument: 1000 }, isNew).map((p) => `${p.a}-${p.b}:${p.shared}`);
        const want = new Map<string, number>();
        for (const g of groups) {
          if (g.length < 2 || g.length > maxDocs) continue;
          for (const a of g) for (const b of g) if (a < b) want.set(`${a}-${b}`, (want.get(`${a}-${b}`) ?? 0) + 1);
        }
        const expected = [...want]
          .filter(([k, n]) => {
            const [a, b] = k.split("-").map(Number) as [number, number];
            return n >= minSharedKeys && (!isNew || isNew(a) || isNew(b));
          })
          .sort(([x], [y]) => {
            const [a1, b1] = x.split("-").map(Number) as [number, number];
            const [a2, b2] = y.split("-").map(Number) as [number, number];
            return a1 - a2 || b1 - b2;
          })
          .map(([k, n]) => `${k}:${n}`);
        assert.deepEqual(got, expected);
      },
    ),
    { numRuns: 200 },
  );
});

test("each document keeps its best candidates only; a pair kept by either side is aligned once", () => {
  const index = new GroupIndex();
  // Document 1 shares 5 keys with 2, 4 with 3 and 3 with 4.
  for (let k = 0; k < 5; k++) index.add([1, 2]);
  for (let k = 0; k < 4; k++) index.add([1, 3]);
  for (let k = 0; k < 3; k++) index.add([1, 4]);
  const pairs = index.candidates({ maxDocs: 10, minSharedKeys: 1, perDocument: 1 }).map((p) => `${p.a}-${p.b}`);
  // 1 keeps 2; 3 and 4 each keep 1 as their best.
  assert.deepEqual(pairs, ["1-2", "1-3", "1-4"]);
  const strict = index.candidates({ maxDocs: 10, minSharedKeys: 4, perDocument: 20 }).map((p) => `${p.a}-${p.b}`);
  assert.deepEqual(strict, ["1-2", "1-3"]);
});

test("keys held by more than maxDocs documents make no pairs", () => {
  const index = new GroupIndex();
  for (let k = 0; k < 10; k++) index.add([1, 2, 3, 4, 5]);
  assert.equal(index.candidates({ maxDocs: 4, minSharedKeys: 1, perDocument: 20 }).length, 0);
  assert.equal(index.candidates({ maxDocs: 5, minSharedKeys: 1, perDocument: 20 }).length, 10);
});

test("dateOrder: earlier first, to the precision both dates carry; unknown when missing or equal", () => {
  assert.equal(dateOrder("2026-03-02T08:00:00Z", "2026-03-02T15:00:00Z"), -1);
  assert.equal(dateOrder("2026-03-03", "2026-03-02T15:00:00Z"), 1);
  assert.equal(dateOrder("2026-03-02", "2026-03-02T15:00:00Z"), 0, "same day, one date without a time");
  assert.equal(dateOrder("2026-03-02T08:00:00Z", "2026-03-02T08:00:30Z"), 0, "seconds apart");
  assert.equal(dateOrder(undefined, "2026-03-02"), 0);
  assert.equal(dateOrder("not a date", "2026-03-02"), 0);
});

/** A hand-made edge; `a`'s and `b`'s aligned stretches as [start, end) in 100-character documents. */
function edge(a: string, b: string, ra: [number, number], rb: [number, number], original: "a" | "b" | null = null, similarity = 0.9): PairEdge {
  const side = { debris: 0, nonWords: 0, plainer: 0 };
  return {
    a, b, verdict: "spun-copy", coverageA: (ra[1] - ra[0]) / 100, coverageB: (rb[1] - rb[0]) / 100, similarity, alignedWords: 50, original,
    direction: { state: original ? "known" : "unknown", by: original ? "text" : "none", confidence: original ? 0.8 : 0, text: { a: side, b: side, score: 0 }, note: "" },
    passages: [{ a: { start: ra[0], end: ra[1] }, b: { start: rb[0], end: rb[1] } }],
  };
}

test("a chain of copies is one cluster, oriented from the original; roles follow the known directions", () => {
  const { clusters } = buildClusters([edge("A", "B", [0, 100], [0, 100], "a"), edge("B", "C", [0, 100], [0, 100], "a")], new Map());
  assert.equal(clusters.length, 1);
  const c = clusters[0]!;
  assert.deepEqual(c.members.map((m) => `${m.id}:${m.role}`), ["A:original", "B:intermediate", "C:copy"]);
  assert.deepEqual(c.edges.map((e) => `${e.from}->${e.to}`).sort(), ["A->B", "B->C"]);
});

test("an article stitched from two stories joins both clusters without merging them", () => {
  // S copies A's story into its first half and X's story into its second half.
  const edges = [edge("A", "B", [0, 100], [0, 100]), edge("A", "S", [0, 100], [0, 50]), edge("S", "X", [50, 100], [0, 100]), edge("X", "Y", [0, 100], [0, 100])];
  const { clusters } = buildClusters(edges, new Map());
  assert.equal(clusters.length, 2);
  const sets = clusters.map((c) => c.members.map((m) => m.id).sort().join(" ")).sort();
  assert.deepEqual(sets, ["A B S", "S X Y"]);
  for (const c of clusters) assert.ok(c.members.find((m) => m.id === "S")!.alsoIn?.length === 1);
  // Two stitched articles joining the same two stories make a cycle, not an articulation point: still cut.
  const twice = buildClusters([...edges, edge("A", "T", [0, 100], [0, 50]), edge("T", "X", [50, 100], [0, 100])], new Map()).clusters;
  assert.deepEqual(twice.map((c) => c.members.map((m) => m.id).sort().join(" ")).sort(), ["A B S T", "S T X Y"]);
});

test("a passage shared as a small part of many documents (boilerplate, a much-quoted line) makes no cluster", () => {
  // Four unrelated articles end with the same footer (characters 85-100 of each).
  const ids = ["P", "Q", "R", "T"];
  const edges: PairEdge[] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) edges.push(edge(ids[i]!, ids[j]!, [85, 100], [85, 100]));
  const r = buildClusters(edges, new Map());
  assert.equal(r.clusters.length, 0);
  assert.equal(r.repeatedFragments, 6);
  // The same small passage shared by two documents only is a copied paragraph: kept.
  assert.equal(buildClusters(edges.slice(0, 1), new Map()).clusters.length, 1);
  // minSimilarity filters edges before clustering.
  assert.equal(buildClusters([edge("A", "B", [0, 100], [0, 100], null, 0.4)], new Map(), { minSimilarity: 0.5 }).clusters.length, 0);
});
