// The versioned JSON report (`unspin/report@1`), documented in the README. Plain data only.
import type { RuleId, Severity } from "../rules/catalogue.js";
import type { ClusterMembership } from "./clusters-schema.js";

export const REPORT_SCHEMA = "unspin/report@1";

export type Verdict = "spun-copy" | "verbatim-copy" | "rewrite" | "same-story" | "likely-spun" | "no-evidence";

export interface Place {
  start: number;
  end: number;
  /** Exactly the characters at start..end of that text. */
  text: string;
}

export interface SourcePlace extends Place {
  id: string;
}

/** One explanation, for every kind of evidence (like vfile-message). */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  suspect: Place;
  source?: SourcePlace;
  /** What was probably there before (intrinsic rules), or the source's words. */
  suggestion?: string;
  confidence: number;
  note: string;
}

export interface PassagePair {
  suspect: { start: number; end: number };
  source: { start: number; end: number };
  /** Share of the passage's suspect words matched to source words (any relation). */
  similarity: number;
}

export interface SourceReport {
  id: string;
  url?: string;
  title?: string;
  /** Share of the suspect's aligned words that are identical to the source (not merely related). */
  similarity: number;
  /** Share of the suspect's words inside passages aligned to this source. */
  coverage: number;
  passages: PassagePair[];
}

export interface ReportStats {
  suspectWords: number;
  /** Share of aligned suspect words that were substituted (any non-identical match). */
  substitutionRate?: number;
  /** Share of the suspect aligned to its sources. */
  coverage?: number;
  /** Source-free probability that the text is spinner output (when intrinsic analysis ran). */
  spinProbability?: number;
  /** True when a size/time budget cut the work short; the report says what was skipped in `notes`. */
  truncated: boolean;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  input?: string;
  verdict: Verdict;
  score: number;
  sources: SourceReport[];
  findings: Finding[];
  stats: ReportStats;
  notes: string[];
  /** The suspect is itself in the index under this id (`check`); it is not listed as a source. */
  indexed?: { id: string };
  /** The indexed suspect's cluster of near-duplicates, once `unspin clusters` has stored edges (see unspin/clusters@1). */
  cluster?: ClusterMembership;
}
