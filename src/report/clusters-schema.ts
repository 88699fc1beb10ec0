// The versioned JSON of `unspin clusters` (`unspin/clusters@1`), documented in the README: which
// indexed articles are copies of which, grouped into clusters, and who copied whom. Plain data.
import type { Verdict } from "./schema.js";

export const CLUSTERS_SCHEMA = "unspin/clusters@1";

/** Character range [start, end) in a document's stored text. */
export interface Range {
  start: number;
  end: number;
}

export interface SideEvidence {
  /** Tokenizer debris inside the aligned passages (`do n't`, `to , end`, a space before a comma). */
  debris: number;
  /** Lower-case words that are no English word, inside the aligned passages. */
  nonWords: number;
  /**
   * Substituted word pairs where this side's word is the plainer one (more probable between its
   * neighbours): spinners replace plain wording with rarer synonyms, so the original wins these.
   */
  plainer: number;
}

export interface DirectionEvidence {
  /** `known`: `from` is the original and `to` the copy; `unknown`: neither side is evidently derived. */
  state: "known" | "unknown";
  /** What decided it: publication dates, textual evidence of spinning, or nothing. */
  by: "dates" | "text" | "none";
  /** 0..1: how sure the direction is (0 when unknown). */
  confidence: number;
  /** Publication dates as stored, when known. */
  dates?: { from?: string; to?: string };
  /** Textual evidence per side, and its balance (positive: `from` is the original). */
  text: { from: SideEvidence; to: SideEvidence; score: number };
  note: string;
}

export interface ClusterEdge {
  /** The original when the direction is known; else the pair in id order. */
  from: string;
  to: string;
  /** The pair verdict, the shorter document taken as the suspect: spun-copy, verbatim-copy or rewrite. */
  verdict: Verdict;
  /** Share of the copy's words (`to`; the shorter document when the direction is unknown) inside aligned passages. */
  coverage: number;
  /** Aligned words of both documents over all their words: 1 when the two align from end to end. */
  similarity: number;
  /** Words inside aligned passages, on the shorter side. */
  alignedWords: number;
  direction: DirectionEvidence;
  /** Aligned passages: character ranges in `from`'s and `to`'s stored texts. */
  passages: { from: Range; to: Range }[];
}

export interface ClusterMember {
  id: string;
  url?: string;
  site?: string;
  published?: string;
  title?: string;
  /**
   * From the known directions of the cluster's edges: `original` (copied, copies nothing),
   * `copy` (copies, is not copied), `intermediate` (both), `undetermined` (no known direction).
   */
  role: "original" | "copy" | "intermediate" | "undetermined";
  /** Other clusters this document also belongs to (a text stitched from several stories). */
  alsoIn?: string[];
}

export interface Cluster {
  /** Derived from the members' ids: the same members give the same id. */
  id: string;
  size: number;
  members: ClusterMember[];
  edges: ClusterEdge[];
}

export interface ClustersStats {
  documents: number;
  /** Documents examined for the first time by this run (incremental: only pairs touching them are aligned). */
  newlyExamined: number;
  /** Candidate pairs from the self-join of the postings, and how many of them the aligner confirmed. */
  candidatePairs: number;
  confirmed: number;
  /** Stored edges in all, and those shown (at or above minSimilarity, not dropped as repeated fragments). */
  edges: number;
  edgesShown: number;
  /** Edges left out because the passage they share recurs in many documents as a small part of each (boilerplate, a much-quoted statement). */
  repeatedFragments: number;
  clusters: number;
  /** Documents in at least one cluster. */
  clustered: number;
  /** The run stopped early (AbortSignal); pairs not yet examined are examined by the next run. */
  interrupted: boolean;
  seconds: number;
}

export interface ClustersReport {
  schema: typeof CLUSTERS_SCHEMA;
  index: string;
  minSimilarity: number;
  stats: ClustersStats;
  /** Largest first. */
  clusters: Cluster[];
  notes: string[];
}

/** The cluster an indexed document belongs to, for `check`'s report. */
export interface ClusterMembership {
  id: string;
  size: number;
  role: ClusterMember["role"];
  /** Documents this one copied from, and documents that copied it (known directions only). */
  copiedFrom: string[];
  copiedBy: string[];
  /** Near-duplicates whose direction is unknown. */
  related: string[];
}
