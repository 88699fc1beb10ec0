// The IndexStore contract: what every backend (SQLite, Redis Cluster) must do. A backend's test
// file calls storeContract with a factory that makes a fresh, empty store and can reopen the same
// one (to check that writes persist, and to have two writers on one index).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { DocumentInput, IndexStore } from "../src/store/types.js";

export interface StoreFactory {
  /** A new, empty store, plus a way to close and reopen the same data. */
  make(): Promise<{ store: IndexStore; reopen(): Promise<IndexStore> }>;
}

function doc(id: string, extra: Partial<DocumentInput> = {}): DocumentInput {
  return { id, text: `Text of document ${id}.`, ...extra };
}

/** For each document holding any of the keys: how many distinct query keys it holds (through postingNumbers and documentIds). */
export async function lookup(store: IndexStore, keys: readonly number[], limit = 1000): Promise<Map<string, number>> {
  const lists = await store.postingNumbers([...new Set(keys)], limit);
  const numbers = [...new Set([...lists.values()].flat())];
  const ids = await store.documentIds(numbers);
  const out = new Map<string, number>();
  for (const list of lists.values()) {
    for (const n of new Set(list)) {
      const id = ids.get(n);
      if (id !== undefined) out.set(id, (out.get(id) ?? 0) + 1);
    }
  }
  return out;
}

export function storeContract(backend: string, factory: StoreFactory): void {
  const t = (name: string, fn: () => Promise<void>) => test(`${backend}: ${name}`, fn);

  t("stores documents with their metadata and URL", async () => {
    const { store } = await factory.make();
    const r = await store.putDocuments([doc("a1", { url: "https://x.example/a", title: "A", author: "Jo", published: "2024-01-02T00:00:00.000Z", site: "X" })]);
    assert.deepEqual(r, { added: 1, updated: 0, removed: [], duplicates: 0, urlsAdded: 1 });
    assert.deepEqual(await store.getDocument("a1"), {
      id: "a1", urls: ["https://x.example/a"], title: "A", author: "Jo", published: "2024-01-02T00:00:00.000Z", site: "X", text: "Text of document a1.",
    });
    assert.equal(await store.getDocument("nope"), undefined);
    assert.equal(await store.hasDocument("a1"), true);
    assert.equal(await store.hasDocument("nope"), false);
    await store.close();
  });

  t("a duplicate id adds its URL; adding the same input again changes nothing", async () => {
    const { store } = await factory.make();
    await store.putDocuments([doc("d", { url: "https://one.example/" }), doc("d", { url: "https://two.example/" })]);
    const before = await store.stats();
    const again = await store.putDocuments([doc("d", { url: "https://one.example/" }), doc("d", { url: "https://two.example/" })]);
    assert.deepEqual(again, { added: 0, updated: 0, removed: [], duplicates: 2, urlsAdded: 0 });
    assert.deepEqual((await store.getDocument("d"))!.urls, ["https://one.example/", "https://two.example/"]);
    const after = await store.stats();
    assert.equal(after.documents, 1);
    assert.equal(after.urls, 2);
    assert.equal(before.documents, after.documents);
    await store.close();
  });

  t("postings: per document, the distinct keys it holds; 53-bit keys work; anything else is refused", async () => {
    const { store } = await factory.make();
    const top = 2 ** 53 - 1;
    await store.putDocuments([doc("p1", { keys: [1, 2, 3, top, 3] }), doc("p2", { keys: [3, 4, 0] }), doc("p3", { keys: [4, 5] }), doc("p4", { keys: [] })]);
    const hits = await lookup(store, [3, 4, 4, 5, top, 0, 99]);
    assert.deepEqual(Object.fromEntries([...hits].sort()), { p1: 2, p2: 3, p3: 2 });
    assert.equal((await lookup(store, [])).size, 0);
    for (const bad of [1.5, -1, 2 ** 53, Number.NaN]) {
      await assert.rejects(store.postingNumbers([bad], 10), RangeError);
      await assert.rejects(store.putDocuments([doc("p9", { keys: [7] }), doc("p8", { keys: [bad] })]), RangeError);
    }
    assert.equal(await store.hasDocument("p9"), false, "a refused batch writes nothing");
    await store.close();
  });

  t("document numbers increase in insertion order; documentIds maps them back", async () => {
    const { store } = await factory.make();
    await store.putDocuments([doc("z1", { keys: [1] }), doc("a2", { keys: [2] })]);
    await store.putDocuments([doc("m3", { keys: [3] }), doc("z1", { keys: [1] })]);
    const nums = await store.postingNumbers([1, 2, 3], 10);
    const [n1, n2, n3] = [nums.get(1)![0]!, nums.get(2)![0]!, nums.get(3)![0]!];
    assert.ok(n1 > 0 && n1 < n2 && n2 < n3, `${n1} < ${n2} < ${n3}`);
    assert.deepEqual(Object.fromEntries(await store.documentIds([n3, n1, n2, n3 + 1000])), { [n1]: "z1", [n2]: "a2", [n3]: "m3" });
    await store.close();
  });

  t("a key held by many documents: every one is listed, capped at limit + 1; removal takes each away", async () => {
    const { store } = await factory.make();
    const docs = Array.from({ length: 60 }, (_, i) => doc(`c${i}`, { keys: [7, 1000 + i] }));
    await store.putDocuments(docs.slice(0, 25));
    await store.putDocuments(docs.slice(20)); // overlapping: the repeats are duplicates
    const all = (await store.postingNumbers([7], 100)).get(7)!;
    assert.equal(all.length, 60);
    assert.equal(new Set(all).size, 60, "each document once");
    assert.equal((await store.postingNumbers([7], 10)).get(7)!.length, 11);
    assert.equal((await lookup(store, [7])).size, 60);
    const gone = await store.removeDocuments(docs.slice(0, 50).map((d) => ({ id: d.id, keys: d.keys! })));
    assert.equal(gone.length, 50);
    const left = await lookup(store, [7, 1000, 1055]);
    assert.deepEqual(Object.fromEntries([...left].sort()), Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${50 + i}`, i === 5 ? 2 : 1]).sort()));
    assert.equal((await store.postingNumbers([7], 100)).get(7)!.length, 10);
    assert.equal((await store.stats()).postings, 20);
    await store.close();
  });

  t("removeDocuments deletes documents with their URLs and postings, writes the blob with them, and never reuses their numbers", async () => {
    const { store } = await factory.make();
    await store.putDocuments([doc("r1", { url: "https://r.example/1", keys: [1, 2] }), doc("r2", { url: "https://r.example/2", keys: [2, 3] })]);
    const removed = await store.removeDocuments([{ id: "r2", keys: [2, 3] }, { id: "absent", keys: [9] }], { key: "sketch", data: new Uint8Array([7]), meta: { counted: "1" } });
    assert.deepEqual(removed, ["r2"]);
    assert.equal(await store.hasDocument("r2"), false);
    assert.equal(await store.documentIdByUrl("https://r.example/2"), undefined);
    assert.deepEqual(Object.fromEntries(await lookup(store, [1, 2, 3])), { r1: 2 }, "r2's postings are gone, r1's stay");
    assert.deepEqual((await store.postingNumbers([3], 10)).get(3), []);
    assert.deepEqual([...(await store.getBlob("sketch"))!], [7]);
    assert.equal(await store.getMeta("counted"), "1");
    // A posting left behind for a removed document (removed with fewer keys than it had) finds
    // nothing, even after new documents are added: its number is never given out again.
    await store.putDocuments([doc("r4", { keys: [4, 5] })]);
    await store.removeDocuments([{ id: "r4", keys: [4] }]);
    const stale = (await store.postingNumbers([5], 10)).get(5)!;
    assert.equal(stale.length, 1, "the stale posting is still there");
    await store.putDocuments([doc("r5", { keys: [60] })]);
    const r5 = (await store.postingNumbers([60], 10)).get(60)!;
    assert.notEqual(r5[0], stale[0]);
    assert.equal((await store.documentIds(stale)).size, 0, "and names no document");
    const st = await store.stats();
    assert.equal(st.documents, 2);
    assert.equal(await store.countDocuments(), 2);
    await store.close();
  });

  t("a URL that now holds another text moves to the new document; the old one goes when it has no URL left", async () => {
    const { store } = await factory.make();
    await store.putDocuments([doc("v1", { url: "https://u.example/page", keys: [1, 2] }), doc("w1", { url: "https://u.example/a", keys: [5] })]);
    await store.putDocuments([doc("w1", { url: "https://u.example/b" })]);
    assert.equal(await store.documentIdByUrl("https://u.example/page"), "v1");
    const r = await store.putDocuments([doc("v2", { url: "https://u.example/page", keys: [2, 3] }), doc("w2", { url: "https://u.example/a", keys: [6] })], {
      detach: [
        { url: "https://u.example/page", from: "v1", keys: [1, 2] },
        { url: "https://u.example/a", from: "w1", keys: [5] },
      ],
    });
    assert.equal(r.added, 2);
    assert.equal(r.updated, 2);
    assert.deepEqual(r.removed, ["v1"], "w1 keeps its other URL");
    assert.equal(await store.documentIdByUrl("https://u.example/page"), "v2");
    assert.equal(await store.hasDocument("v1"), false);
    assert.deepEqual((await store.getDocument("w1"))!.urls, ["https://u.example/b"]);
    assert.deepEqual(Object.fromEntries(await lookup(store, [1, 2, 3, 5])), { v2: 2, w1: 1 });
    await store.close();
  });

  t("metadata key/value", async () => {
    const { store } = await factory.make();
    assert.equal(await store.getMeta("fingerprint"), undefined);
    await store.setMeta("fingerprint", "v1");
    await store.setMeta("fingerprint", "v2");
    assert.equal(await store.getMeta("fingerprint"), "v2");
    await store.close();
  });

  t("a failing batch leaves nothing behind, and the re-run finishes the job", async () => {
    const { store } = await factory.make();
    await assert.rejects(store.putDocuments([doc("ok1", { keys: [1] }), doc("bad", { keys: [Number.NaN] })]));
    await assert.rejects(store.putDocuments([doc("ok1", { keys: [1] }), { id: "", text: "no id" }]));
    await assert.rejects(store.putDocuments([doc("ok1", { keys: [1] }), { id: "notext" } as DocumentInput]));
    assert.equal(await store.hasDocument("ok1"), false);
    assert.equal((await lookup(store, [1])).size, 0);
    const r = await store.putDocuments([doc("ok1", { keys: [1] }), doc("bad", { keys: [2] })]);
    assert.equal(r.added, 2);
    await store.close();
  });

  t("data persists across close and reopen; stats report documents, urls, sources, size and version", async () => {
    const { store, reopen } = await factory.make();
    await store.putDocuments([
      doc("s1", { site: "Gazette", url: "https://gazette.example/1", keys: [10] }),
      doc("s2", { site: "Gazette", url: "https://gazette.example/2" }),
      doc("s3", { site: "Herald" }),
      doc("s4"),
    ]);
    await store.close();
    const again = await reopen();
    const st = await again.stats();
    assert.equal(st.documents, 4);
    assert.equal(st.urls, 2);
    assert.deepEqual(st.sources[0], { site: "Gazette", documents: 2 });
    assert.equal(st.siteCount, 3);
    assert.equal(st.postings, 1);
    assert.ok(st.sizeBytes > 0, "size on disk");
    assert.ok(st.schemaVersion >= 1, "schema version");
    assert.deepEqual([...(await lookup(again, [10]))], [["s1", 1]]);
    const ids: string[] = [];
    for await (const d of again.documents()) ids.push(d.id);
    assert.deepEqual(ids, ["s1", "s2", "s3", "s4"]);
    assert.deepEqual((await again.getDocuments(["s3", "zz", "s1"])).map((d) => d.id), ["s3", "s1"]);
    await again.close();
  });

  t("postingNumbers: per-key document lists, capped at limit + 1 so a too-common key shows", async () => {
    const { store } = await factory.make();
    await store.putDocuments([doc("n1", { keys: [1, 2] }), doc("n2", { keys: [2] }), doc("n3", { keys: [2, 3] })]);
    const nums = await store.postingNumbers([1, 2, 3, 9, 2], 5);
    assert.deepEqual([...nums.keys()].sort(), [1, 2, 3, 9]);
    const ids = await store.documentIds([...new Set([...nums.values()].flat()), 987654]);
    assert.equal(ids.size, 3, "unknown numbers are left out");
    const asIds = (k: number) => nums.get(k)!.map((n) => ids.get(n)!).sort();
    assert.deepEqual(asIds(1), ["n1"]);
    assert.deepEqual(asIds(2), ["n1", "n2", "n3"]);
    assert.deepEqual(asIds(3), ["n3"]);
    assert.deepEqual(asIds(9), []);
    assert.equal((await store.postingNumbers([2], 1)).get(2)!.length, 2, "limit + 1 entries at most");
    await store.close();
  });

  t("texts and metadata round-trip exactly (Unicode, long texts, several URLs); getDocuments keeps the order asked", async () => {
    const { store } = await factory.make();
    const text = "Ünïcödé “quotes” — 漢字 and emoji 🧪.\n\nSecond paragraph.\t" + "word ".repeat(20000);
    await store.putDocuments([doc("u1", { text, url: "https://u.example/1?q=a b", title: "T — 1", site: "Ü" }), doc("u1", { url: "file:///tmp/a\tb.txt" }), doc("u2", { text: "" + "x" })]);
    const [u2, u1] = await store.getDocuments(["u2", "missing", "u1"]);
    assert.equal(u2!.id, "u2");
    assert.equal(u1!.text, text);
    assert.deepEqual(u1!.urls, ["https://u.example/1?q=a b", "file:///tmp/a\tb.txt"]);
    assert.equal(u1!.title, "T — 1");
    assert.equal(u1!.site, "Ü");
    assert.equal(await store.documentIdByUrl("file:///tmp/a\tb.txt"), "u1");
    assert.equal(await store.documentIdByUrl("https://u.example/none"), undefined);
    await store.close();
  });

  t("two writers at once on one index: each document stored once, counts exact", async () => {
    const { store, reopen } = await factory.make();
    const other = await reopen();
    const docs = Array.from({ length: 120 }, (_, i) => doc(`w${i}`, { url: `https://w.example/${i}`, keys: [i, 5000 + (i % 7)], site: `site${i % 3}` }));
    const [a, b] = await Promise.all([
      (async () => {
        let added = 0;
        for (let i = 0; i < 120; i += 20) added += (await store.putDocuments(docs.slice(i, i + 30))).added;
        return added;
      })(),
      (async () => {
        let added = 0;
        for (let i = 100; i >= 0; i -= 20) added += (await other.putDocuments(docs.slice(i, i + 20))).added;
        return added;
      })(),
    ]);
    assert.equal(a + b, 120, "each document reported added once");
    const st = await store.stats();
    assert.equal(st.documents, 120);
    assert.equal(st.urls, 120);
    assert.equal(st.postings, 240);
    assert.deepEqual(st.sources.map((s) => s.documents), [40, 40, 40]);
    const lists = await store.postingNumbers([5000, 5001, 5006], 100);
    for (const list of lists.values()) assert.equal(new Set(list).size, list.length);
    assert.deepEqual([...lists.values()].map((l) => l.length), [18, 17, 17]);
    await other.close();
    await store.close();
  });

  t("blobs: stored with their metadata in one write, read back byte for byte", async () => {
    const { store } = await factory.make();
    assert.equal(await store.getBlob("b"), undefined);
    const data = new Uint8Array([0, 1, 2, 255, 0]);
    await store.putBlob("b", data, { "b.count": "5" });
    assert.deepEqual([...(await store.getBlob("b"))!], [...data]);
    assert.equal(await store.getMeta("b.count"), "5");
    await store.putBlob("b", new Uint8Array([9]));
    assert.deepEqual([...(await store.getBlob("b"))!], [9]);
    // A sketch-sized blob (several MB, mostly small counts) comes back byte for byte.
    const big = new Uint8Array(9 * 1024 * 1024 + 3);
    for (let i = 0; i < big.length; i += 7) big[i] = (i * 2654435761) >>> 27;
    await store.putBlob("big", big, { "big.n": "1" });
    const back = (await store.getBlob("big"))!;
    assert.equal(back.length, big.length);
    assert.ok(Buffer.from(big).equals(back));
    await store.putBlob("big", new Uint8Array([1, 2]));
    assert.deepEqual([...(await store.getBlob("big"))!], [1, 2]);
    await store.close();
  });

  t("postingGroups: every key held by 2..maxDocs documents, once, as increasing internal numbers", async () => {
    const { store } = await factory.make();
    await store.putDocuments([doc("g1", { keys: [1, 2, 3, 2 ** 53 - 5] }), doc("g2", { keys: [2, 3, 4] }), doc("g3", { keys: [3, 4, 2 ** 53 - 5] }), doc("g4", { keys: [3] })]);
    const nums = await store.postingNumbers([1, 2, 3, 4], 10);
    const ids = await store.documentIds([...new Set([...nums.values()].flat())]);
    const named = (g: number[]) => g.map((n) => ids.get(n)!).join(" ");
    const groups: number[][] = [];
    for await (const batch of store.postingGroups({ maxDocs: 3, batchGroups: 1 })) groups.push(...batch);
    for (const g of groups) assert.deepEqual(g, [...g].sort((x, y) => x - y), "increasing");
    // key 1: one document (left out); key 3: four documents (over maxDocs, left out).
    assert.deepEqual(groups.map(named).sort(), ["g1 g2", "g1 g3", "g2 g3"]);
    const all: number[][] = [];
    for await (const batch of store.postingGroups({ maxDocs: 10 })) all.push(...batch);
    assert.deepEqual(all.map(named).sort(), ["g1 g2", "g1 g2 g3 g4", "g1 g3", "g2 g3"]);
    await store.close();
  });

  t("documentsAfter and lastDocumentNumber: numbers increase in insertion order and are never reused", async () => {
    const { store } = await factory.make();
    assert.equal(await store.lastDocumentNumber(), 0);
    await store.putDocuments([doc("o1"), doc("o2"), doc("o3")]);
    const all = await store.documentsAfter(0, 10);
    assert.deepEqual(all.map((d) => d.id), ["o1", "o2", "o3"]);
    assert.ok(all[0]!.number < all[1]!.number && all[1]!.number < all[2]!.number);
    assert.deepEqual((await store.documentsAfter(all[0]!.number, 1)).map((d) => d.id), ["o2"]);
    const last = await store.lastDocumentNumber();
    assert.equal(last, all[2]!.number);
    await store.removeDocuments([{ id: "o3", keys: [] }]);
    assert.equal(await store.lastDocumentNumber(), last, "a removed document's number stays taken");
    await store.putDocuments([doc("o4")]);
    const [o4] = await store.documentsAfter(last, 10);
    assert.equal(o4!.id, "o4");
    assert.ok(o4!.number > last);
    await store.close();
  });

  t("edges: stored once per pair, replaced, listed, found by document, and gone with either document", async () => {
    const { store, reopen } = await factory.make();
    await store.putDocuments([doc("e1", { url: "https://e.example/1", keys: [1] }), doc("e2", { keys: [2] }), doc("e3", { keys: [3] }), doc("e4", { url: "https://e.example/4" })]);
    await store.putEdges([{ a: "e1", b: "e2", payload: "x" }, { a: "e2", b: "e3", payload: "y" }, { a: "e1", b: "gone", payload: "z" }], { "clusters.examined": "4" });
    await store.putEdges([{ a: "e1", b: "e2", payload: "x2" }, { a: "e3", b: "e4", payload: "w" }]);
    await assert.rejects(store.putEdges([{ a: "e2", b: "e1", payload: "" }]), RangeError);
    assert.equal(await store.getMeta("clusters.examined"), "4");
    const list = async (s: IndexStore) => {
      const out: string[] = [];
      for await (const batch of s.edges()) for (const e of batch) out.push(`${e.a}-${e.b}:${e.payload}`);
      return out.sort();
    };
    assert.deepEqual(await list(store), ["e1-e2:x2", "e2-e3:y", "e3-e4:w"]);
    assert.deepEqual((await store.edgesOf(["e2", "e2"])).map((e) => `${e.a}-${e.b}`).sort(), ["e1-e2", "e2-e3"]);
    assert.equal((await store.stats()).edges, 3);
    // Removed documents take their edges with them; so does a document replaced through its URL.
    await store.removeDocuments([{ id: "e3", keys: [3] }]);
    assert.deepEqual(await list(store), ["e1-e2:x2"]);
    await store.putDocuments([doc("e5", { url: "https://e.example/1" })], { detach: [{ url: "https://e.example/1", from: "e1", keys: [1] }] });
    assert.deepEqual(await list(store), []);
    await store.putEdges([{ a: "e2", b: "e4", payload: "v" }]);
    await store.close();
    const again = await reopen();
    assert.deepEqual(await list(again), ["e2-e4:v"]);
    await again.clearEdges({ "clusters.examined": "0" });
    assert.deepEqual(await list(again), []);
    assert.equal(await again.getMeta("clusters.examined"), "0");
    await again.close();
  });

  t("lookup agrees with a brute-force scan of the postings (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 45 }), { maxLength: 15 }),
        async (docKeys, query) => {
          const { store } = await factory.make();
          await store.putDocuments(docKeys.map((keys, i) => doc(`d${i}`, { keys })));
          const got = await lookup(store, query);
          const q = new Set(query);
          const want = new Map<string, number>();
          docKeys.forEach((keys, i) => {
            const n = keys.filter((k) => q.has(k)).length;
            if (n > 0) want.set(`d${i}`, n);
          });
          await store.close();
          assert.deepEqual(new Map([...got].sort()), new Map([...want].sort()));
        },
      ),
      { numRuns: 40 },
    );
  });
}
