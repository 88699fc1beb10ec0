// Whether an aligned candidate is claimed as a source by `check`. Stricter than the pair verdict
// that `compare` gives one pair: `check` aligns many candidates per suspect (up to 50), so a
// pair-level false-positive rate that is fine for one comparison would make sources appear for
// many clean suspects, from topical neighbours whose loosely matched words happen to line up.
// Copies, even spun, translated or summarised ones, keep short runs of words verbatim; same-topic
// articles written independently share few. So a short aligned stretch is claimed only when it
// also holds `minSharedRuns` distinct runs of `runWords` words (function words included, names
// alone not) found in the same aligned passage on both sides, and never under `minRunWords`
// aligned words (two articles reporting the same dated fact share a run or two); a longer one
// (`longWords`) needs only `longRuns` (one), and from `bareWords` aligned words none at all:
// word-shuffled and translated copies of a hundred words and more may keep no run of four.
// Chosen on the PAN13 dev split and the dev half of the Helsinki news articles
// (eval/results/retrieval.md): no true dev source of 45-99 aligned words had 0 shared runs, while
// news articles on one summit, checked deeper into the ranking, had 0-run copy verdicts of 46-65
// aligned words against unrelated indexed articles.
import type { Alignment } from "../align/index.js";

export interface ClaimOptions {
  runWords: number;
  minSharedRuns: number;
  /** Aligned suspect words from which `longRuns` shared runs suffice. */
  longWords: number;
  longRuns: number;
  /** Aligned suspect words from which the copy verdict suffices, with no shared run. */
  bareWords: number;
  /** Aligned suspect words below which nothing is claimed (or half the suspect, if shorter). */
  minRunWords: number;
}

export const DEFAULT_CLAIM: ClaimOptions = { runWords: 4, minSharedRuns: 2, longWords: 45, longRuns: 1, bareWords: 100, minRunWords: 25 };

export interface ClaimEvidence {
  /** The pair verdict calls the alignment a copy. */
  copy: boolean;
  alignedWords: number;
  suspectWords: number;
  sharedRuns: number;
}

export function claimSource(e: ClaimEvidence, o: ClaimOptions = DEFAULT_CLAIM): boolean {
  if (!e.copy) return false;
  if (e.alignedWords >= o.bareWords) return true;
  if (e.alignedWords >= o.longWords && e.sharedRuns >= o.longRuns) return true;
  return e.sharedRuns >= o.minSharedRuns && e.alignedWords >= Math.min(o.minRunWords, Math.ceil(e.suspectWords / 2));
}

/**
 * Distinct runs of `k` words occurring in an aligned passage on both sides. A run made only of
 * names and numbers does not count: a multi-word name ("Port Ellis Harbour Board") is repeated by
 * every article on the subject, copied or not. A run repeated in several passages counts once.
 */
export function sharedRuns(alignment: Alignment, k: number): number {
  const { suspectUnits: sus, sourceUnits: src } = alignment;
  const runs = (units: typeof sus, start: number, end: number, skipNames: boolean) => {
    const out = new Set<string>();
    for (let u = start; u + k <= end; u++) {
      let run = units[u]!.norm;
      let named = units[u]!.proper || units[u]!.number;
      for (let v = u + 1; v < u + k; v++) {
        run += " " + units[v]!.norm;
        named &&= units[v]!.proper || units[v]!.number;
      }
      if (!(skipNames && named)) out.add(run);
    }
    return out;
  };
  const shared = new Set<string>();
  for (const p of alignment.passages) {
    const inSource = runs(src, p.source.start, p.source.end, false);
    for (const r of runs(sus, p.suspect.start, p.suspect.end, true)) if (inSource.has(r)) shared.add(r);
  }
  return shared.size;
}
