// `clusters`: the loop over the store behind the corpus view. It examines the pairs that involve
// documents added since the last run (all pairs on the first run), stores the confirmed edges in
// the index, and builds the clusters from every stored edge. The algorithms are the cluster
// stage's (src/cluster/); this file only reads and writes the store, reports progress and stops
// when asked.
//
// Incremental: the index remembers the highest internal document number examined
// (`clusters.examined`; numbers grow in insertion order). A run aligns only pairs with a document
// above it, and moves it only when every such pair is done, so an interrupted run is finished by
// the next one (storing an edge again replaces it). Edges go with their documents (`remove`, a
// URL re-added with a new text). When few documents are new, their keys are looked up one
// document at a time; otherwise the whole self-join is streamed and only pairs touching a new
// document are kept.
import type { Text } from "../text/types.js";
import type { IndexStore } from "../store/types.js";
import type { Unspin } from "../unspin.js";
import {
  buildClusters, CLUSTER_VERSION, decodeEdge, DEFAULT_CANDIDATES, encodeEdge, examinePair, GroupIndex,
  type CandidateOptions, type DocumentMeta, type PairDocument, type PairEdge,
} from "../cluster/index.js";
import { CLUSTERS_SCHEMA, type ClusterMembership, type ClustersReport, type ClustersStats } from "../report/clusters-schema.js";
import type { ClustersOptions } from "./types.js";

export const META_VERSION = "clusters.version";
export const META_EXAMINED = "clusters.examined";

/** Documents whose analysed text is kept between pairs (pairs come ordered by their first document). */
const TEXT_CACHE = 2048;
const EDGE_BATCH = 500;
const PAIR_CHUNK = 256;

// A turn of the event loop between chunks lets Ctrl-C handlers, timers and other requests in.
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function countDocuments(store: IndexStore, after: number, keepUpTo: number): Promise<{ count: number; ids: string[] }> {
  let count = 0;
  const ids: string[] = [];
  let at = after;
  while (true) {
    const page = await store.documentsAfter(at, 10_000);
    if (page.length === 0) break;
    count += page.length;
    if (count <= keepUpTo) for (const d of page) ids.push(d.id);
    at = page[page.length - 1]!.number;
  }
  return { count, ids: count <= keepUpTo ? ids : [] };
}

async function allEdges(store: IndexStore): Promise<PairEdge[]> {
  const out: PairEdge[] = [];
  for await (const batch of store.edges()) for (const e of batch) out.push(decodeEdge(e.a, e.b, e.payload));
  return out;
}

async function metadata(store: IndexStore, ids: readonly string[]): Promise<Map<string, DocumentMeta>> {
  const out = new Map<string, DocumentMeta>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const d of await store.getDocuments(ids.slice(i, i + 500))) {
      out.set(d.id, {
        id: d.id,
        ...(d.urls[0] ? { url: d.urls[0] } : {}),
        ...(d.site ? { site: d.site } : {}),
        ...(d.published ? { published: d.published } : {}),
        ...(d.title ? { title: d.title } : {}),
      });
    }
  }
  return out;
}

export async function clusterIndex(unspin: Unspin, store: IndexStore, readonly: boolean, options: ClustersOptions = {}): Promise<ClustersReport> {
  const started = performance.now();
  const notes: string[] = [];
  const minSimilarity = options.minSimilarity ?? 0;
  if (!(minSimilarity >= 0 && minSimilarity <= 1)) throw new RangeError(`minSimilarity must be between 0 and 1 (got ${minSimilarity})`);
  const cand: CandidateOptions = { ...DEFAULT_CANDIDATES, ...options.candidates };
  const progress = options.onProgress ?? (() => {});
  const stats: ClustersStats = {
    documents: 0, newlyExamined: 0, candidatePairs: 0, confirmed: 0, edges: 0, edgesShown: 0, repeatedFragments: 0, clusters: 0, clustered: 0, interrupted: false, seconds: 0,
  };
  const update = (options.update ?? true) && !readonly;
  const version = await store.getMeta(META_VERSION);
  let examined = Number((await store.getMeta(META_EXAMINED)) ?? 0);
  if (update && (options.rebuild || version !== CLUSTER_VERSION)) {
    await store.clearEdges({ [META_VERSION]: CLUSTER_VERSION, [META_EXAMINED]: "0" });
    examined = 0;
  } else if (version !== undefined && version !== CLUSTER_VERSION) {
    notes.push(`the stored edges were made by another version of unspin (${version}); run clusters on a writable index to examine the pairs again`);
  }
  const last = await store.lastDocumentNumber();
  const total = await countDocuments(store, 0, 0);
  stats.documents = total.count;
  if (last > examined && !update) {
    const fresh = await countDocuments(store, examined, 0);
    if (fresh.count) notes.push(`${fresh.count} document(s) added since the last run are not examined yet (the index is open read-only)`);
  }
  if (last > examined && update) {
    // Few new documents: look their keys up; many: stream the whole self-join.
    const fresh = await countDocuments(store, examined, examined > 0 ? Math.max(1000, Math.floor(total.count / 10)) : 0);
    stats.newlyExamined = fresh.count;
    const groups = new GroupIndex();
    if (fresh.ids.length) {
      const seen = new Set<number>();
      let done = 0;
      for (const id of fresh.ids) {
        options.signal?.throwIfAborted();
        const doc = await store.getDocument(id);
        if (doc) {
          const keys = unspin.prepare({ id, text: doc.text }).keys.filter((k) => !seen.has(k));
          for (const k of keys) seen.add(k);
          for (const list of (await store.postingNumbers(keys, cand.maxDocs)).values()) if (list.length >= 2 && list.length <= cand.maxDocs) groups.add(list);
        }
        progress({ phase: "postings", done: ++done, total: fresh.ids.length, edges: 0 });
      }
    } else {
      let keys = 0;
      for await (const batch of store.postingGroups({ maxDocs: cand.maxDocs })) {
        options.signal?.throwIfAborted();
        for (const g of batch) groups.add(g);
        keys += batch.length;
        progress({ phase: "postings", done: keys, edges: 0 });
        await yieldToEventLoop();
      }
    }
    const pairs = groups.candidates(cand, examined > 0 ? (n) => n > examined : undefined, (done, totalDocs) => progress({ phase: "candidates", done, total: totalDocs, edges: 0 }));
    stats.candidatePairs = pairs.length;
    const cache = new Map<number, PairDocument | null>();
    const load = async (numbers: number[]) => {
      const missing = [...new Set(numbers)].filter((n) => !cache.has(n));
      if (missing.length === 0) return;
      const ids = await store.documentIds(missing);
      const docs = new Map((await store.getDocuments([...ids.values()])).map((d) => [d.id, d]));
      for (const n of missing) {
        const d = docs.get(ids.get(n) ?? "");
        const text: Text | null = d ? unspin.analyze(d.text) : null;
        cache.set(n, d && text ? { id: d.id, text, ...(d.published ? { published: d.published } : {}) } : null);
      }
    };
    const get = (n: number) => {
      const d = cache.get(n);
      cache.delete(n);
      cache.set(n, d ?? null);
      return d ?? null;
    };
    let pending: PairEdge[] = [];
    let done = 0;
    progress({ phase: "align", done, total: pairs.length, edges: 0 });
    for (let i = 0; i < pairs.length && !stats.interrupted; i += PAIR_CHUNK) {
      const chunk = pairs.slice(i, i + PAIR_CHUNK);
      await load(chunk.flatMap((p) => [p.a, p.b]));
      for (const p of chunk) {
        if (options.signal?.aborted) {
          stats.interrupted = true;
          break;
        }
        const a = get(p.a);
        const b = get(p.b);
        const edge = a && b ? examinePair(a, b, unspin.lexicon, options.examine) : null;
        if (edge) {
          pending.push(edge);
          stats.confirmed++;
        }
        done++;
      }
      while (cache.size > TEXT_CACHE) cache.delete(cache.keys().next().value!);
      if (pending.length >= EDGE_BATCH) {
        await store.putEdges(pending.map((e) => ({ a: e.a, b: e.b, payload: encodeEdge(e) })));
        pending = [];
      }
      progress({ phase: "align", done, total: pairs.length, edges: stats.confirmed });
      await yieldToEventLoop();
    }
    // The mark moves only when every pair touching the new documents is done.
    await store.putEdges(
      pending.map((e) => ({ a: e.a, b: e.b, payload: encodeEdge(e) })),
      stats.interrupted ? {} : { [META_EXAMINED]: String(last), [META_VERSION]: CLUSTER_VERSION },
    );
    if (stats.interrupted) notes.push("interrupted: pairs not examined yet are examined by the next run");
  }
  progress({ phase: "clusters", done: 0, edges: stats.confirmed });
  const edges = await allEdges(store);
  const docs = await metadata(store, [...new Set(edges.flatMap((e) => [e.a, e.b]))]);
  const graph = buildClusters(edges, docs, { ...options.graph, minSimilarity });
  stats.edges = edges.length;
  stats.edgesShown = graph.shown;
  stats.repeatedFragments = graph.repeatedFragments;
  stats.clusters = graph.clusters.length;
  stats.clustered = new Set(graph.clusters.flatMap((c) => c.members.map((m) => m.id))).size;
  stats.seconds = Math.round((performance.now() - started) / 100) / 10;
  progress({ phase: "clusters", done: 1, total: 1, edges: stats.confirmed });
  return { schema: CLUSTERS_SCHEMA, index: store.location, minSimilarity, stats, clusters: graph.clusters, notes };
}

/**
 * The cluster an indexed document belongs to, from the stored edges (none when it has no edge, or
 * `clusters` has not been run). The document's connected edges are gathered by a walk over the
 * stored edges (at most `limit` documents), then clustered as `clusters` does.
 */
export async function clusterOf(store: IndexStore, id: string, limit = 2000): Promise<ClusterMembership | undefined> {
  const seen = new Set<string>([id]);
  const edges = new Map<string, PairEdge>();
  let frontier = [id];
  while (frontier.length && seen.size < limit) {
    const next: string[] = [];
    for (const r of await store.edgesOf(frontier)) {
      edges.set(`${r.a}\n${r.b}`, decodeEdge(r.a, r.b, r.payload));
      for (const x of [r.a, r.b]) {
        if (seen.has(x)) continue;
        seen.add(x);
        next.push(x);
      }
    }
    frontier = next;
  }
  if (edges.size === 0) return undefined;
  const list = [...edges.values()];
  const docs = await metadata(store, [...new Set(list.flatMap((e) => [e.a, e.b]))]);
  const { clusters } = buildClusters(list, docs);
  // The document's largest cluster (it may be in several when stitched from several stories).
  const mine = clusters.filter((c) => c.members.some((m) => m.id === id)).sort((x, y) => y.size - x.size)[0];
  if (!mine) return undefined;
  const me = mine.members.find((m) => m.id === id)!;
  const copiedFrom = new Set<string>();
  const copiedBy = new Set<string>();
  const related = new Set<string>();
  for (const e of mine.edges) {
    if (e.from !== id && e.to !== id) continue;
    const other = e.from === id ? e.to : e.from;
    if (e.direction.state !== "known") related.add(other);
    else if (e.to === id) copiedFrom.add(other);
    else copiedBy.add(other);
  }
  return { id: mine.id, size: mine.size, role: me.role, copiedFrom: [...copiedFrom], copiedBy: [...copiedBy], related: [...related] };
}
