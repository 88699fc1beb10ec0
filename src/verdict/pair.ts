// The verdict for a suspect against its sources, from alignment measures. Thresholds are data
// (VerdictThresholds) so the evaluation scripts can tune them on a development split.
import type { Verdict } from "../report/schema.js";

export interface PairMeasures {
  /** Suspect words in the whole suspect. */
  suspectUnits: number;
  /** Suspect words inside aligned passages. */
  alignedUnits: number;
  /** Aligned suspect words matched to a source word by any relation. */
  matched: number;
  /** ...of which identical or inflected. */
  identical: number;
  /** Matched words substituted by a lexical relation (synonym, related word, misspelling, ...). */
  substituted: number;
  /** Edits that change meaning: antonyms, negations, numbers, names. */
  meaningChanges: number;
}

export interface VerdictThresholds {
  /** Minimum aligned share of the suspect (or minimum aligned words) for any copy verdict. */
  minCoverage: number;
  minAlignedWords: number;
  /**
   * A shorter aligned stretch is still a copy when it holds at least this many identical words
   * at `denseIdentical` share or more: a dozen words repeated in order do not happen by chance.
   */
  minIdenticalWords: number;
  denseIdentical: number;
  /** Identical share of aligned suspect words at or above which a copy is verbatim. */
  verbatimIdentical: number;
  /** Substituted share of matched words at or above which a copy is spun. */
  spunSubstitution: number;
  /** Matched share of aligned words below which a copy counts as a rewrite. */
  rewriteMatched: number;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = {
  minCoverage: 0.25,
  minAlignedWords: 40,
  minIdenticalWords: 12,
  denseIdentical: 0.7,
  verbatimIdentical: 0.95,
  spunSubstitution: 0.04,
  rewriteMatched: 0.45,
};

export interface PairVerdict {
  verdict: Verdict;
  score: number;
  coverage: number;
  substitutionRate: number;
}

export function pairVerdict(m: PairMeasures, t: VerdictThresholds = DEFAULT_THRESHOLDS): PairVerdict {
  const coverage = m.suspectUnits ? m.alignedUnits / m.suspectUnits : 0;
  // Substituted words (matched by a relation or inside a replaced run) over those plus the
  // identical ones: the share of the copy's words the spinner touched, never above 1.
  const substitutionRate = m.identical + m.substituted ? m.substituted / (m.identical + m.substituted) : 0;
  const matchedShare = m.alignedUnits ? m.matched / m.alignedUnits : 0;
  const identicalShare = m.alignedUnits ? m.identical / m.alignedUnits : 0;
  const dense = m.identical >= t.minIdenticalWords && identicalShare >= t.denseIdentical;
  const copied = coverage >= t.minCoverage || m.alignedUnits >= t.minAlignedWords || dense;
  if (!copied || m.alignedUnits === 0) {
    // Some aligned text but too little to call a copy: the same story told independently.
    const verdict = m.alignedUnits > 0 ? "same-story" : "no-evidence";
    return { verdict, score: round(coverage * matchedShare), coverage, substitutionRate };
  }
  let verdict: Verdict;
  if (matchedShare < t.rewriteMatched) verdict = "rewrite";
  else if (substitutionRate >= t.spunSubstitution || m.meaningChanges > 0 || identicalShare < t.verbatimIdentical) verdict = "spun-copy";
  else verdict = "verbatim-copy";
  // Score: how much of the suspect is explained by the source, weighted by how closely.
  const score = round(Math.min(1, 0.5 + 0.5 * coverage * matchedShare));
  return { verdict, score, coverage, substitutionRate };
}

/** Three decimals: the precision reports carry. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
