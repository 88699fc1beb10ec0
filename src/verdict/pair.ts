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
  /** ...of which inside verbatim runs: several identical words in a row, in the same order on both sides (summaries: all their identical words). */
  runIdentical: number;
  /** Matched words substituted by a lexical relation (synonym, related word, misspelling, ...). */
  substituted: number;
  /**
   * Swaps: one word for one (a synonym, related word, misspelling, number or name), paired in
   * place (the aligner keeps a thesaurus pair only where its neighbours are paired too,
   * src/align/words.ts): swaps a reader can see. Phrase replacements do not count: two versions
   * of one news story differ by many short rewordings, a thesaurus spinner by word swaps.
   */
  swapped: number;
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
  /**
   * What an accusation (spun-copy, rewrite) needs beyond enough aligned words: passages a reader
   * would accept as copied. At least `minRunWords` common words (names and numbers aside) copied
   * in runs of three or more in the same order, and at least `minAccuseIdentical` of the aligned
   * words identical. Below either, the alignment is two texts on one story whose shared words
   * happened to line up, and the verdict is same-story. Set on the dev halves of the BBC
   * self-check and PAN13 (eval/results/bbc-self.md): 8 and 0.3 turned 71 of 347 copy verdicts
   * between different BBC articles (and both PAN13 no-plagiarism false positives) into same-story,
   * kept every spinner output and every no-obfuscation PAN13 copy, at the price of about one PAN13
   * random- or translation-obfuscation copy in ten (those keep few words in order). A verbatim
   * stretch (`dense`) is judged by its own rule.
   */
  minRunWords: number;
  minAccuseIdentical: number;
  /**
   * Fewest word swaps (`PairMeasures.swapped`) for spun-copy: a spinner swaps words all through
   * the text (the evaluation spinner at 10% of content words left 6 or more in every article of
   * the dev sample), while two versions of one news story share paragraphs verbatim and differ by
   * whole sentences (median one swap in the BBC dev pairs). A copy with fewer swaps is a rewrite,
   * or verbatim when nearly all its aligned words are identical.
   */
  minSwaps: number;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = {
  minCoverage: 0.25,
  minAlignedWords: 40,
  minIdenticalWords: 12,
  denseIdentical: 0.7,
  verbatimIdentical: 0.95,
  spunSubstitution: 0.04,
  rewriteMatched: 0.45,
  minRunWords: 8,
  minAccuseIdentical: 0.3,
  minSwaps: 3,
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
  const enough = coverage >= t.minCoverage || m.alignedUnits >= t.minAlignedWords;
  const credible = m.runIdentical >= t.minRunWords && identicalShare >= t.minAccuseIdentical;
  const copied = (enough && credible) || dense;
  if (!copied || m.alignedUnits === 0) {
    // Some aligned text but too little to call a copy: the same story told independently.
    const verdict = m.alignedUnits > 0 ? "same-story" : "no-evidence";
    return { verdict, score: round(coverage * matchedShare), coverage, substitutionRate };
  }
  let verdict: Verdict;
  if (matchedShare < t.rewriteMatched) verdict = "rewrite";
  else if (identicalShare >= t.verbatimIdentical && substitutionRate < t.spunSubstitution && m.meaningChanges === 0) verdict = "verbatim-copy";
  else if (m.swapped >= Math.min(t.minSwaps, swapFloor(m))) verdict = "spun-copy";
  else verdict = identicalShare >= t.verbatimIdentical ? "verbatim-copy" : "rewrite";
  // Score: how much of the suspect is explained by the source, weighted by how closely.
  const score = round(Math.min(1, 0.5 + 0.5 * coverage * matchedShare));
  return { verdict, score, coverage, substitutionRate };
}

/**
 * A short suspect (a headline, a paragraph) has room for few swaps: one swap in twenty aligned
 * words is as much evidence of spinning there as `minSwaps` over a whole article, and at least one.
 */
function swapFloor(m: PairMeasures): number {
  return Math.max(1, Math.floor(m.alignedUnits / 20));
}

/** Three decimals: the precision reports carry. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
