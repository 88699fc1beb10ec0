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

/**
 * How the report was made: `compare` (against one source given by the caller), `check` (the
 * suspect's sources were searched for in an index), `source-free` (no index: only evidence the
 * text itself carries; `sources` is empty by design, not because nothing was found).
 */
export type ReportMode = "compare" | "check" | "source-free";
/** How the report was made, where it depends on the installation. */
export interface ReportAnalysis {
  /**
   * The context model of the source-free analysis: "cmu-en-us-bigram" (CMU's model shipped with
   * unspin), "cmu-en-us-trigram" (CMU's full model, named by UNSPIN_TRIGRAM_LM), "sphinx-trigram"
   * (another Sphinx model named so), "symspell" (UNSPIN_TRIGRAM_LM=off: the SymSpell counts).
   */
  contextModel: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  input?: string;
  mode: ReportMode;
  verdict: Verdict;
  score: number;
  sources: SourceReport[];
  findings: Finding[];
  stats: ReportStats;
  notes: string[];
  /**
   * `check`: indexed documents the suspect was traced to that are copies of it, not its sources
   * (published after it, both dates known); they are not listed in `sources`, and `notes` says so.
   * Where only the text suggests it, the source stays listed and `notes` says so.
   */
  copies?: { id: string; url?: string; title?: string; why: string }[];
  /**
   * `check`: sources whose text suggests they copied the suspect rather than the other way round
   * (the spinner's traces on their side only), with no dates to decide; still listed as sources,
   * and `notes` says why.
   */
  directionInDoubt?: { id: string; url?: string }[];
  /** The suspect is itself in the index under this id (`check`); it is not listed as a source. */
  indexed?: { id: string };
  /** `check`: how many documents the index held when the suspect was traced. */
  searched?: { documents: number };
  /** Present when source-free analysis ran (`check`, source-free analysis; not `compare`). */
  analysis?: ReportAnalysis;
  /** The indexed suspect's cluster of near-duplicates, once `unspin clusters` has stored edges (see unspin/clusters@1). */
  cluster?: ClusterMembership;
}
