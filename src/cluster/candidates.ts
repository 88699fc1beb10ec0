// Candidate pairs from the self-join of the index's postings: documents that share fingerprint
// keys (anchor shingles, MinHash band keys). The store hands over, for every key held by 2 to
// `maxDocs` documents, the documents holding it (a "group"); a key held by more documents is
// boilerplate (a byline, "From Wikipedia, the free encyclopedia", a cookie notice) and is never
// seen here. Groups are kept in two compact arrays (group -> documents and, transposed,
// document -> groups), so the pairs are counted one document at a time with a dense counter
// instead of a hash map of every pair: memory is O(postings of shared keys), never O(pairs).
// No all-pairs scan: a pair is only ever touched through a key both documents hold.
// Pure: groups of internal document numbers in, candidate pairs out.

export interface CandidateOptions {
  /** Keys held by more documents are ignored (the store leaves them out of the groups too). */
  maxDocs: number;
  /** Distinct shared keys a pair needs to be aligned at all. */
  minSharedKeys: number;
  /** Each document keeps its best candidates only (a wire story reprinted 500 times stays cheap). */
  perDocument: number;
}

// Spun copies of a news article share most of its anchor keys (spinners leave names, numbers and
// words without synonyms alone) and many MinHash keys; two articles that merely report the same
// names share a handful. Chosen on the Helsinki and PAN13 dev splits (eval/results/clusters.md).
export const DEFAULT_CANDIDATES: CandidateOptions = { maxDocs: 100, minSharedKeys: 6, perDocument: 20 };

export interface CandidatePair {
  /** Internal document numbers, a < b. */
  a: number;
  b: number;
  /** Distinct shared keys, and their sum of weights 1 / log2(1 + documents holding the key). */
  shared: number;
  score: number;
}

/** Growable Uint32Array. */
class U32 {
  data = new Uint32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

export class GroupIndex {
  private readonly members = new U32();
  /** Start of each group in `members`; one more entry than groups. */
  private readonly starts = new U32();
  private maxDoc = 0;
  private groupCount = 0;

  constructor() {
    this.starts.push(0);
  }

  get groups(): number {
    return this.groupCount;
  }

  get postings(): number {
    return this.members.length;
  }

  /** One key's documents (internal numbers, distinct). Groups of fewer than 2 are ignored. */
  add(group: readonly number[]): void {
    if (group.length < 2) return;
    for (const d of group) {
      if (!Number.isInteger(d) || d < 0 || d > 0xfffffffe) throw new RangeError(`document number out of range: ${d}`);
      this.members.push(d);
      if (d > this.maxDoc) this.maxDoc = d;
    }
    this.starts.push(this.members.length);
    this.groupCount++;
  }

  /**
   * Candidate pairs, each once, ordered by `a` then `b`. With `isNew`, only pairs with at least
   * one new document (an incremental run: pairs of two old documents were examined before).
   * `onDocument` is called every 1,000 documents for progress.
   */
  candidates(options: CandidateOptions = DEFAULT_CANDIDATES, isNew?: (doc: number) => boolean, onDocument?: (done: number, total: number) => void): CandidatePair[] {
    const m = this.members.data;
    const st = this.starts.data;
    const groups = this.groupCount;
    const n = this.maxDoc + 1;
    // Transpose: document -> the groups holding it (CSR).
    const docStart = new Uint32Array(n + 1);
    for (let g = 0; g < groups; g++) {
      if (st[g + 1]! - st[g]! > options.maxDocs) continue;
      for (let k = st[g]!; k < st[g + 1]!; k++) docStart[m[k]! + 1]!++;
    }
    for (let d = 0; d < n; d++) docStart[d + 1]! += docStart[d]!;
    const docGroups = new Uint32Array(docStart[n]!);
    const fill = docStart.slice(0, n);
    const weight = new Float64Array(groups);
    for (let g = 0; g < groups; g++) {
      const size = st[g + 1]! - st[g]!;
      if (size > options.maxDocs) continue;
      weight[g] = 1 / Math.log2(1 + size);
      for (let k = st[g]!; k < st[g + 1]!; k++) docGroups[fill[m[k]!]!++] = g;
    }
    // Dense accumulators, reset through the list of documents touched.
    const count = new Uint32Array(n);
    const score = new Float64Array(n);
    const touched = new Uint32Array(n);
    const fresh = isNew ? new Uint8Array(n) : null;
    if (fresh) for (let d = 0; d < n; d++) fresh[d] = isNew!(d) ? 1 : 0;
    // Pairs kept (lower number, higher number, shared keys, score), in parallel arrays.
    const outA = new U32();
    const outB = new U32();
    const outShared = new U32();
    const outScore: number[] = [];
    const best: number[] = [];
    let docsWithGroups = 0;
    for (let d = 0; d < n; d++) if (docStart[d + 1]! > docStart[d]!) docsWithGroups++;
    let done = 0;
    for (let d = 0; d < n; d++) {
      const g0 = docStart[d]!;
      const g1 = docStart[d + 1]!;
      if (g1 === g0) continue;
      if (++done % 1000 === 0) onDocument?.(done, docsWithGroups);
      const dNew = fresh ? fresh[d] === 1 : true;
      let t = 0;
      for (let k = g0; k < g1; k++) {
        const g = docGroups[k]!;
        const w = weight[g]!;
        for (let j = st[g]!; j < st[g + 1]!; j++) {
          const e = m[j]!;
          if (e === d) continue;
          if (!dNew && fresh![e] === 0) continue;
          if (count[e] === 0) touched[t++] = e;
          count[e]!++;
          score[e]! += w;
        }
      }
      best.length = 0;
      for (let i = 0; i < t; i++) {
        const e = touched[i]!;
        if (count[e]! >= options.minSharedKeys) best.push(e);
      }
      if (best.length > options.perDocument) {
        best.sort((x, y) => score[y]! - score[x]! || x - y);
        best.length = options.perDocument;
      }
      for (const e of best) {
        outA.push(Math.min(d, e));
        outB.push(Math.max(d, e));
        outShared.push(count[e]!);
        outScore.push(score[e]!);
      }
      for (let i = 0; i < t; i++) {
        const e = touched[i]!;
        count[e] = 0;
        score[e] = 0;
      }
    }
    onDocument?.(docsWithGroups, docsWithGroups);
    // Each pair may have been kept from both sides: sort and keep one.
    const order = Array.from({ length: outA.length }, (_, i) => i);
    const A = outA.data;
    const B = outB.data;
    order.sort((x, y) => A[x]! - A[y]! || B[x]! - B[y]!);
    const pairs: CandidatePair[] = [];
    for (const i of order) {
      const last = pairs[pairs.length - 1];
      if (last && last.a === A[i] && last.b === B[i]) continue;
      pairs.push({ a: A[i]!, b: B[i]!, shared: outShared.data[i]!, score: Math.round(outScore[i]! * 1000) / 1000 });
    }
    return pairs;
  }
}
