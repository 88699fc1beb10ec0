// Source tracing for one suspect, around the store's I/O: `suspectKeys` gives the keys to look
// up; `traceSources` aligns the ranked candidates best first (`alignCandidate`) and keeps as
// sources only those its caller claims (the report then keeps only real copies, not topical
// neighbours that merely share keys).
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { analyzeText } from "../text/index.js";
import { alignTexts, type AlignOptions } from "../align/index.js";
import { buildUnits } from "../align/units.js";
import { queryFingerprint } from "../fingerprint/index.js";
import type { SourceInput } from "../report/build.js";
import type { Candidate } from "./candidates.js";

export interface CandidateDocument {
  id: string;
  url?: string;
  title?: string;
  /** Publication date, when the index knows it (who copied whom, src/cluster/reversed.ts). */
  published?: string;
  text: string;
}

/** The fingerprint keys to look up for a suspect (MinHash windows at a finer stride than the index's). */
export function suspectKeys(suspect: Text, lexicon: Lexicon, queryStride?: number): number[] {
  return queryFingerprint(buildUnits(suspect, lexicon), lexicon, queryStride).keys;
}

/** A fetched candidate aligned with the suspect (its passages may be none). */
export function alignCandidate(suspect: Text, d: CandidateDocument, lexicon: Lexicon, options?: Partial<AlignOptions>): SourceInput {
  const text = analyzeText(d.text);
  return { id: d.id, ...(d.url ? { url: d.url } : {}), ...(d.title ? { title: d.title } : {}), ...(d.published ? { published: d.published } : {}), text, alignment: alignTexts(suspect, text, lexicon, options) };
}

export interface TraceOptions {
  /** Most candidates aligned. */
  maxAligned: number;
  /**
   * Cheap pre-filter: candidates scoring below this share of the best candidate's score are not
   * aligned (they share a few scattered keys, as topical neighbours do).
   */
  minScoreRatio: number;
  /**
   * Early stop: once aligned passages cover this share of the suspect, later candidates are
   * skipped, except those scoring at least `tieRatio` of the best (near-duplicates of the source
   * found, which are sources just as much).
   */
  stopCoverage: number;
  tieRatio: number;
  /**
   * Patience: alignment stops after this many candidates in a row that align nothing at all. A
   * long suspect stitched from many articles keeps yielding sources deep into the ranking (so
   * `maxAligned` can be generous), while a suspect with one source or none stops soon after the
   * last one.
   */
  maxMisses: number;
}

// At most 50 candidates, with a patience of 15 that align nothing: suspects stitched from many
// articles have true sources deep in the ranking (on the PAN13 dev split 89% of true sources are
// among the first 20 candidates, 96% among the first 100), while the patience keeps one-source and
// clean suspects cheap. Aligning 100 with a patience of 30 added 2 dev pairs at 1.6x the time
// (eval/results/retrieval.md).
export const DEFAULT_TRACE: TraceOptions = { maxAligned: 50, minScoreRatio: 0, stopCoverage: 0.9, tieRatio: 0.8, maxMisses: 15 };

/**
 * Aligns ranked candidates best first, fetching each document only when it is about to be
 * aligned, and stops early when the sources found so far already explain the suspect.
 */
export async function traceSources(
  suspect: Text,
  ranked: readonly Candidate[],
  fetch: (ids: readonly string[]) => Promise<readonly CandidateDocument[]>,
  lexicon: Lexicon,
  options: TraceOptions = DEFAULT_TRACE,
  align?: Partial<AlignOptions>,
  /**
   * Whether an aligned candidate is a copy (default: it has aligned passages). It is also asked
   * about candidates that align no passage (other evidence may still show a copy) and may return
   * the source with passages added instead of `true`.
   */
  isCopy: (source: SourceInput) => boolean | SourceInput = (s) => s.alignment.passages.length > 0,
): Promise<SourceInput[]> {
  const sources: SourceInput[] = [];
  const top = ranked[0]?.score ?? 0;
  const picked = ranked.filter((c) => c.score >= options.minScoreRatio * top).slice(0, options.maxAligned);
  let covered: Uint8Array | null = null;
  let coveredUnits = 0;
  let misses = 0;
  for (const c of picked) {
    if (covered && coveredUnits >= options.stopCoverage * covered.length && c.score < options.tieRatio * top) break;
    if (misses >= options.maxMisses) break;
    const [d] = await fetch([c.doc]);
    if (!d) continue;
    const aligned = alignCandidate(suspect, d, lexicon, align);
    const verdict = isCopy(aligned);
    const source = verdict === true ? aligned : verdict === false ? null : verdict;
    if (!source) {
      // A candidate that aligns passages but is not claimed (the same story, or a copy too thin
      // to claim) neither spends nor renews the patience: in a suspect stitched from many
      // articles such candidates sit between real sources. One that aligns nothing spends it.
      if (aligned.alignment.passages.length === 0) misses++;
      continue;
    }
    misses = 0;
    sources.push(source);
    const units = source.alignment.suspectUnits.length;
    covered ??= new Uint8Array(units);
    for (const p of source.alignment.passages) {
      for (let u = p.suspect.start; u < p.suspect.end && u < units; u++) {
        if (!covered[u]) {
          covered[u] = 1;
          coveredUnits++;
        }
      }
    }
  }
  return sources;
}
