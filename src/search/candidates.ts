// Candidate retrieval: documents sharing fingerprint keys with the suspect, ranked by the keys
// they share, each weighted by how rare it is (a key held by few documents says more). Keys held
// by more than `maxPostings` documents are boilerplate ("said on Tuesday") and are ignored.
// Pure: the caller fetches the postings of the suspect's keys from a store.

/** For each key, the ids of documents holding it (at most `limit` + 1 per key, so "too common" can be told). */
export type Postings = ReadonlyMap<number, readonly string[]>;

export interface CandidateOptions {
  maxPostings: number;
  /** How many candidates to return, best first. */
  limit: number;
  /** Minimum shared keys for a candidate. */
  minSharedKeys: number;
}

export const DEFAULT_CANDIDATES: CandidateOptions = { maxPostings: 2000, limit: 10, minSharedKeys: 2 };

export interface Candidate {
  doc: string;
  shared: number;
  score: number;
}

export function rankCandidates(lists: Postings, options: CandidateOptions = DEFAULT_CANDIDATES): Candidate[] {
  const acc = new Map<string, Candidate>();
  for (const docs of lists.values()) {
    if (docs.length === 0 || docs.length > options.maxPostings) continue;
    const w = 1 / Math.log2(1 + docs.length);
    for (const doc of docs) {
      const c = acc.get(doc);
      if (c) {
        c.shared++;
        c.score += w;
      } else acc.set(doc, { doc, shared: 1, score: w });
    }
  }
  return [...acc.values()]
    .filter((c) => c.shared >= options.minSharedKeys)
    .sort((a, b) => b.score - a.score || (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0))
    .slice(0, options.limit);
}
