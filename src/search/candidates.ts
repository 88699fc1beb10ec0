// Candidate retrieval: documents sharing fingerprint keys with the suspect, ranked by the keys
// they share, each weighted by how rare it is (a key held by few documents says more). Keys held
// by more than `maxPostings` documents are boilerplate ("said on Tuesday") and are ignored.
//
// When the places of the keys in the suspect are known, a candidate is scored by its best
// stretch of the suspect (`span` units) rather than by all the keys it shares: a copied passage
// shares keys densely in one place, while a long document on the same topic shares as many keys
// by chance, but scattered over the whole suspect. This matters for long suspects that embed a
// short copied passage in original text (PAN's plagiarism cases).
// Pure: the caller fetches the postings of the suspect's keys from a store.

/**
 * For each key, the documents holding it (at most `limit` + 1 per key, so "too common" can be
 * told): ids, or a store's internal document numbers.
 */
export type Postings<D extends string | number = string> = ReadonlyMap<number, readonly D[]>;

export interface CandidateOptions {
  maxPostings: number;
  /** How many candidates to return, best first. */
  limit: number;
  /** Minimum shared keys for a candidate. */
  minSharedKeys: number;
  /** Width in suspect units of the stretch a candidate is scored on (0: the whole suspect). */
  span?: number;
}

export const DEFAULT_CANDIDATES: CandidateOptions = { maxPostings: 100, limit: 10, minSharedKeys: 2 };

export interface Candidate<D extends string | number = string> {
  doc: D;
  shared: number;
  score: number;
}

export function rankCandidates<D extends string | number = string>(
  lists: Postings<D>,
  options: CandidateOptions = DEFAULT_CANDIDATES,
  positions?: ReadonlyMap<number, number>,
): Candidate<D>[] {
  const span = positions ? (options.span ?? 0) : 0;
  const acc = new Map<D, Candidate<D> & { hits?: number[] }>();
  for (const [key, docs] of lists) {
    if (docs.length === 0 || docs.length > options.maxPostings) continue;
    const w = 1 / Math.log2(1 + docs.length);
    const at = span ? (positions!.get(key) ?? 0) : 0;
    for (const doc of docs) {
      let c = acc.get(doc);
      if (!c) acc.set(doc, (c = { doc, shared: 0, score: 0, ...(span ? { hits: [] } : {}) }));
      c.shared++;
      c.score += w;
      c.hits?.push(at, w);
    }
  }
  const out: Candidate<D>[] = [];
  for (const c of acc.values()) {
    if (c.shared < options.minSharedKeys) continue;
    out.push({ doc: c.doc, shared: c.shared, score: c.hits ? densest(c.hits, span) : c.score });
  }
  return out.sort((a, b) => b.score - a.score || (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0)).slice(0, options.limit);
}

/** Largest total weight of hits (flat [position, weight] pairs) within `span` positions. */
function densest(hits: number[], span: number): number {
  const n = hits.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => hits[2 * a]! - hits[2 * b]!);
  let best = 0;
  let sum = 0;
  let lo = 0;
  for (let hi = 0; hi < n; hi++) {
    sum += hits[2 * order[hi]! + 1]!;
    while (hits[2 * order[hi]!]! - hits[2 * order[lo]!]! > span) sum -= hits[2 * order[lo++]! + 1]!;
    if (sum > best) best = sum;
  }
  return best;
}
