// The corpus view (`unspin clusters`): candidate pairs from a self-join of the index's postings
// (candidates.ts), each confirmed by the aligner with the direction of copying (examine.ts,
// direction.ts), then clusters that do not chain unrelated stories (graph.ts). Pure: the loop over
// the store is src/library/clusters.ts.
import type { PairEdge } from "./examine.js";

export { GroupIndex, DEFAULT_CANDIDATES, type CandidateOptions, type CandidatePair } from "./candidates.js";
export { examinePair, DEFAULT_EXAMINE, type ExamineOptions, type PairDocument, type PairEdge } from "./examine.js";
export { copyDirection, dateOrder, DEFAULT_DIRECTION, type DirectionOptions } from "./direction.js";
export { buildClusters, clusterId, orient, DEFAULT_GRAPH, type DocumentMeta, type GraphOptions, type GraphResult } from "./graph.js";

/**
 * Version of what a stored edge means (candidate rule, confirmation, direction). Edges stored by
 * another version are dropped and every pair is examined again.
 */
export const CLUSTER_VERSION = "1";

/** An edge as the store keeps it (EdgeRecord.payload): everything but the two ids. */
export function encodeEdge(e: PairEdge): string {
  const { a: _a, b: _b, ...rest } = e;
  return JSON.stringify(rest);
}

export function decodeEdge(a: string, b: string, payload: string): PairEdge {
  return { a, b, ...(JSON.parse(payload) as Omit<PairEdge, "a" | "b">) };
}
