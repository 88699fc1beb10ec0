// From confirmed edges to clusters, without chaining unrelated stories together.
//
// Three things could chain stories that have nothing to do with each other:
// 1. Shared boilerplate (bylines, cookie notices, "From Wikipedia, the free encyclopedia"): keys
//    held by more than `maxDocs` documents never make candidates (candidates.ts), an edge needs
//    aligned passages that make a copy by `check`'s claim rule (examine.ts), and below:
// 2. A passage that recurs in many documents as a small part of each (a site's standard footer,
//    a much-quoted statement that every write-up of an event repeats): an edge whose aligned
//    passages are a small share of both documents ("fragmentary") is dropped when the same
//    stretch of one document is shared that way with `fragmentDegree` or more others.
// 3. An article that copies from two stories (stitched from two sources, or quoting both): each
//    document is split into "parts", one per stretch of its text that edges cover (edges whose
//    aligned stretches of this document overlap by half of the shorter are one part), and the
//    clusters are the connected components of parts, not of documents. A chain of copies
//    (A -> B -> C) copies the same stretch all along and stays one cluster; an article stitched
//    from A's story and B's story has two parts and joins A's cluster and B's cluster without
//    merging them; it is listed in both (`alsoIn`). This also cuts every articulation point of
//    that kind, and more (two stitched articles joining the same two stories make a cycle, not
//    an articulation point, and are still cut).
// Pure: edges and document metadata in, clusters out.
import { hash53 } from "../fingerprint/hash.js";
import type { Cluster, ClusterEdge, ClusterMember, Range } from "../report/clusters-schema.js";
import type { PairEdge } from "./examine.js";

export interface GraphOptions {
  /** Edges below this similarity are left out (0: every confirmed copy). */
  minSimilarity: number;
  /** Two edges cover the same stretch of a document when their ranges overlap by this share of the shorter. */
  sameStretch: number;
  /** An edge is fragmentary when its passages are under this share of both documents. */
  fragmentCoverage: number;
  /** A fragmentary stretch shared with this many documents or more is boilerplate or a common quotation. */
  fragmentDegree: number;
}

export const DEFAULT_GRAPH: GraphOptions = { minSimilarity: 0, sameStretch: 0.5, fragmentCoverage: 0.5, fragmentDegree: 3 };

export interface DocumentMeta {
  id: string;
  url?: string;
  site?: string;
  published?: string;
  title?: string;
}

export interface GraphResult {
  clusters: Cluster[];
  /** Edges shown in clusters. */
  shown: number;
  /** Edges left out as repeated fragments. */
  repeatedFragments: number;
}

function merge(ranges: readonly Range[]): Range[] {
  const rs = [...ranges].sort((x, y) => x.start - y.start);
  const out: Range[] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

const length = (rs: readonly Range[]) => rs.reduce((n, r) => n + r.end - r.start, 0);

function overlap(x: readonly Range[], y: readonly Range[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    const s = Math.max(x[i]!.start, y[j]!.start);
    const e = Math.min(x[i]!.end, y[j]!.end);
    if (e > s) n += e - s;
    if (x[i]!.end < y[j]!.end) i++;
    else j++;
  }
  return n;
}

class UnionFind {
  private readonly parent: number[] = [];
  make(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(x: number, y: number): void {
    const a = this.find(x);
    const b = this.find(y);
    if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
  }
}

interface Incidence {
  edge: number;
  ranges: Range[];
  coverage: number;
  otherCoverage: number;
}

/** The edges at each document, with the stretch of that document each covers. */
function incidences(edges: readonly PairEdge[], alive: readonly boolean[]): Map<string, Incidence[]> {
  const at = new Map<string, Incidence[]>();
  const push = (doc: string, inc: Incidence) => {
    let list = at.get(doc);
    if (!list) at.set(doc, (list = []));
    list.push(inc);
  };
  edges.forEach((e, k) => {
    if (!alive[k]) return;
    push(e.a, { edge: k, ranges: merge(e.passages.map((p) => p.a)), coverage: e.coverageA, otherCoverage: e.coverageB });
    push(e.b, { edge: k, ranges: merge(e.passages.map((p) => p.b)), coverage: e.coverageB, otherCoverage: e.coverageA });
  });
  return at;
}

/** Groups a document's incidences into parts (same stretch of the document); returns part index per incidence. */
function partsOf(list: readonly Incidence[], sameStretch: number): number[] {
  const uf = new UnionFind();
  const lens = list.map((inc) => length(inc.ranges));
  for (let i = 0; i < list.length; i++) uf.make();
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (uf.find(i) === uf.find(j)) continue;
      const shorter = Math.min(lens[i]!, lens[j]!);
      if (shorter > 0 && overlap(list[i]!.ranges, list[j]!.ranges) >= sameStretch * shorter) uf.union(i, j);
    }
  }
  return list.map((_, i) => uf.find(i));
}

export function clusterId(members: readonly string[]): string {
  return "c" + hash53([...members].sort().join("\n")).toString(16).padStart(14, "0");
}

/** An edge as shown: oriented from original to copy when the direction is known. */
export function orient(e: PairEdge, docs: ReadonlyMap<string, DocumentMeta>): ClusterEdge {
  const flip = e.original === "b";
  const [from, to] = flip ? [e.b, e.a] : [e.a, e.b];
  const [tFrom, tTo] = flip ? [e.direction.text.b, e.direction.text.a] : [e.direction.text.a, e.direction.text.b];
  const dates: { from?: string; to?: string } = {};
  const pf = docs.get(from)?.published;
  const pt = docs.get(to)?.published;
  if (pf) dates.from = pf;
  if (pt) dates.to = pt;
  return {
    from,
    to,
    verdict: e.verdict,
    coverage: e.original === null ? Math.max(e.coverageA, e.coverageB) : flip ? e.coverageA : e.coverageB,
    similarity: e.similarity,
    alignedWords: e.alignedWords,
    direction: {
      state: e.direction.state,
      by: e.direction.by,
      confidence: e.direction.confidence,
      ...(pf || pt ? { dates } : {}),
      text: { from: tFrom, to: tTo, score: flip ? -e.direction.text.score : e.direction.text.score },
      note: e.direction.note,
    },
    passages: e.passages.map((p) => (flip ? { from: p.b, to: p.a } : { from: p.a, to: p.b })),
  };
}

export function buildClusters(edges: readonly PairEdge[], docs: ReadonlyMap<string, DocumentMeta>, options: Partial<GraphOptions> = {}): GraphResult {
  const o = { ...DEFAULT_GRAPH, ...options };
  const alive = edges.map((e) => e.similarity >= o.minSimilarity);
  // Repeated fragments: a stretch of a document that many edges share, each a small part of both texts.
  let repeatedFragments = 0;
  for (const [, list] of incidences(edges, alive)) {
    const parts = partsOf(list, o.sameStretch);
    const byPart = new Map<number, Incidence[]>();
    list.forEach((inc, i) => {
      const p = parts[i]!;
      if (!byPart.has(p)) byPart.set(p, []);
      byPart.get(p)!.push(inc);
    });
    for (const group of byPart.values()) {
      const fragments = group.filter((inc) => inc.coverage < o.fragmentCoverage && inc.otherCoverage < o.fragmentCoverage);
      if (fragments.length < o.fragmentDegree) continue;
      for (const inc of fragments) {
        if (!alive[inc.edge]) continue;
        alive[inc.edge] = false;
        repeatedFragments++;
      }
    }
  }
  // Parts of documents as nodes; each edge joins the part of each end it covers.
  const uf = new UnionFind();
  const nodeOf = new Map<string, number>(); // `${doc}\n${part}` -> node
  const ends: [number, number][] = edges.map(() => [-1, -1]);
  for (const [doc, list] of incidences(edges, alive)) {
    const parts = partsOf(list, o.sameStretch);
    list.forEach((inc, i) => {
      const key = `${doc}\n${parts[i]}`;
      let node = nodeOf.get(key);
      if (node === undefined) nodeOf.set(key, (node = uf.make()));
      const e = edges[inc.edge]!;
      ends[inc.edge]![e.a === doc ? 0 : 1] = node;
    });
  }
  edges.forEach((_, k) => {
    if (alive[k]) uf.union(ends[k]![0], ends[k]![1]);
  });
  const components = new Map<number, number[]>();
  edges.forEach((_, k) => {
    if (!alive[k]) return;
    const root = uf.find(ends[k]![0]);
    if (!components.has(root)) components.set(root, []);
    components.get(root)!.push(k);
  });
  const raw = [...components.values()].map((ks) => {
    const ids = [...new Set(ks.flatMap((k) => [edges[k]!.a, edges[k]!.b]))];
    return { id: clusterId(ids), ids, ks };
  });
  const clustersOf = new Map<string, string[]>();
  for (const c of raw) for (const id of c.ids) clustersOf.set(id, [...(clustersOf.get(id) ?? []), c.id]);
  const clusters: Cluster[] = raw.map((c) => {
    const shown = c.ks.map((k) => orient(edges[k]!, docs)).sort((x, y) => y.similarity - x.similarity || (x.from + x.to < y.from + y.to ? -1 : 1));
    const copies = new Set<string>();
    const originals = new Set<string>();
    for (const e of shown) {
      if (e.direction.state !== "known") continue;
      originals.add(e.from);
      copies.add(e.to);
    }
    const members: ClusterMember[] = c.ids.map((id) => {
      const d = docs.get(id);
      const role: ClusterMember["role"] = originals.has(id) ? (copies.has(id) ? "intermediate" : "original") : copies.has(id) ? "copy" : "undetermined";
      const also = (clustersOf.get(id) ?? []).filter((x) => x !== c.id);
      return {
        id,
        ...(d?.url ? { url: d.url } : {}),
        ...(d?.site ? { site: d.site } : {}),
        ...(d?.published ? { published: d.published } : {}),
        ...(d?.title ? { title: d.title } : {}),
        role,
        ...(also.length ? { alsoIn: also } : {}),
      };
    });
    const rank = { original: 0, intermediate: 1, copy: 2, undetermined: 3 };
    members.sort((x, y) => rank[x.role] - rank[y.role] || (x.published ?? "~").localeCompare(y.published ?? "~") || (x.id < y.id ? -1 : 1));
    return { id: c.id, size: members.length, members, edges: shown };
  });
  clusters.sort((x, y) => y.size - x.size || y.edges.length - x.edges.length || (x.id < y.id ? -1 : 1));
  return { clusters, shown: clusters.reduce((n, c) => n + c.edges.length, 0), repeatedFragments };
}
