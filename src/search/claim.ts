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
import type { Alignment, Unit } from "../align/index.js";
import type { Lexicon } from "../lexicon/types.js";

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

// --- Dense local alignment (search/dense.ts): copies whose word order is gone ----------------
// Off by default in `check` since session 6 (UnspinOptions.dense): on BBC news it claimed sources
// between different stories on one subject (eval/results/retrieval.md); a caller turns it on.
// A candidate the rule above does not claim (the aligner found no passage, or only a short or
// run-less one) is still claimed when one stretch of the suspect has most of its rare words in one
// short stretch of it: `denseShare` of the window's word weight found, `denseWeight` weight at
// least (about that many rare words) and `denseMatched` words matched. Shared furniture
// (Wikipedia footers, bylines, cookie notices) is dense too, but many documents hold it: a dense
// stretch that `maxSharers` or more of the candidates aligned for the same suspect also match
// densely (the stretch's document frequency among them) is a template, and is not claimed
// (`sharedStretches`; a document frequency of the stretch among the candidates, since the index
// keeps no counts of word runs).
// Chosen on the PAN13 dev split by replaying every aligned candidate's dense stretch offline
// (eval/retrieval-dense-replay.ts, eval/results/retrieval.md "Session 5"): share 0.7 is the
// loosest floor at which no dev clean suspect gains an unproven claim at any weight from 3; lower
// floors (0.3-0.6) would reach 91.7-95.5% random but claim on 2-13 of 33 clean suspects. The
// weight is about three words rarer than one in a million; six words matched at least.
export interface DenseClaimOptions {
  denseShare: number;
  denseWeight: number;
  denseMatched: number;
  /** Candidates (this one included) matching the same stretch densely from which it is furniture. */
  maxSharers: number;
}

export const DEFAULT_DENSE_CLAIM: DenseClaimOptions = { denseShare: 0.7, denseWeight: 3, denseMatched: 6, maxSharers: 3 };

/** Sum of the SymSpell unigram counts (lexicon.unigram), as in intrinsic/lm.ts. */
const UNIGRAM_TOTAL = 5.416e11;

/**
 * How much finding a suspect word in the candidate says: 0 for function words and words as common
 * as "said" (a thousandth of English text or more; "said" is 0.06% and weighs 0.08), rising to 1
 * for words rarer than one in a million; names and numbers count half, since every article about
 * the same people repeats them.
 */
export function rarity(u: Unit, lexicon: Lexicon): number {
  if (u.stop) return 0;
  const z = Math.log10(UNIGRAM_TOTAL / (lexicon.unigram(u.norm) + 1));
  const w = Math.max(0, Math.min(1, (z - 3) / 3));
  return u.proper || u.number ? w / 2 : w;
}

export interface DenseEvidence {
  weight: number;
  share: number;
  matched: number;
}

export function claimDense(e: DenseEvidence | null, o: DenseClaimOptions = DEFAULT_DENSE_CLAIM): boolean {
  return e !== null && e.share >= o.denseShare && e.weight >= o.denseWeight && e.matched >= o.denseMatched;
}

/**
 * Of the candidates claimed on a dense stretch alone (`claimed`), those whose stretch at least
 * `maxSharers` candidates in all (`dense`: every aligned candidate's dense stretch that passes
 * `claimDense`, claimed or not) cover for half of its length or more. Returns the ids to drop.
 */
export function sharedStretches(claimed: readonly { id: string; suspect: { start: number; end: number } }[], dense: readonly { id: string; suspect: { start: number; end: number } }[], o: DenseClaimOptions = DEFAULT_DENSE_CLAIM): Set<string> {
  const drop = new Set<string>();
  for (const c of claimed) {
    const len = c.suspect.end - c.suspect.start;
    let sharers = 0;
    for (const d of dense) {
      const overlap = Math.min(c.suspect.end, d.suspect.end) - Math.max(c.suspect.start, d.suspect.start);
      if (overlap * 2 >= len) sharers++;
    }
    if (sharers >= o.maxSharers) drop.add(c.id);
  }
  return drop;
}
