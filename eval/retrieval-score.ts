// Scores of the retrieval evaluation (eval/retrieval.ts), from per-document results.
import { PAN_TYPES, type PanType } from "./pan13-compare.js";
import type { Split } from "./split.js";

export interface DocResult {
  susp: string;
  type: PanType;
  split: Split;
  ms: number;
  keys: number;
  /** Sources claimed by the report, in report order (pan13 file names where known, else ids). */
  claimed: string[];
  coverage: number[];
  /** Per claimed source: similarity and its passages' [suspect length in characters, similarity] (for offline analysis). */
  details?: { similarity: number; passages: [number, number][] }[];
  words?: number;
  /** Per claimed source: word runs shared inside aligned passages (src/search/claim.ts). */
  runs?: number[];
  alignedWords?: number[];
  /** Per claimed source: not listed in pairs.tsv but proven a copy by eval/verbatim.ts (optional in old dumps). */
  proven?: boolean[];
  /** Per claimed source: it shares at least 5 word 8-grams with the suspect (issue 15's test of a proven claim). */
  shares5?: boolean[];
  /** Candidates fetched and aligned by `check` (optional in old dumps). */
  aligned?: number;
  /** Every candidate that aligned some passage: its rank among ranked candidates (-1 past 100), the claim evidence and outcome. */
  outcomes?: { source: string; rank: number; at: number; copy: boolean; alignedWords: number; runs: number; dense?: unknown; profile?: unknown; byDense?: boolean; claimed: boolean }[];
  /** Candidates in the order `check` aligned them; the ranking before alignment (first 100, with scores). */
  order?: string[];
  ranked?: [string, number][];
  /** CPU time of the check (user + system, all threads). */
  cpuMs?: number;
  /** One per (suspicious, source) pair; ranks are 0-based, -1 when absent. */
  pairs: { source: string; candidateRank: number; sourceRank: number; miss?: { verdict: string; coverage: number; alignedWords: number } }[];
}

export const CANDIDATE_DEPTHS = [5, 10, 20, 100];

interface Row {
  pairs: number;
  at1: number;
  at5: number;
  /** Best recall@5 possible at all: a suspect with n > 5 listed sources can have only 5 in its first five. */
  ceiling5: number;
  /** recall@5 in the filtered setting: the suspect's other listed sources and unlisted ones proven copies (eval/verbatim.ts) removed from the ranking. */
  at5f: number;
  /** The true source anywhere in report.sources. */
  atAll: number;
  /** Candidate-level recall at CANDIDATE_DEPTHS. */
  cand: number[];
}

export interface RetrievalScore {
  docs: number;
  byType: Record<PanType, Row>;
  all: Row;
  /** unproven: a claimed source not proven by eval/verbatim.ts; under5: issue 15's, a claimed source sharing fewer than 5 word 8-grams. */
  clean: { docs: number; claimed: number; unproven: number; under5: number };
  plagDocs: number;
  extraDocs: number;
  /** Claimed pan13 sources not listed in pairs.tsv, and how many of them are proven copies. */
  unlisted: { claimed: number; proven: number };
  alignedNotReported: number;
  /** Verdicts of `compare` for true sources aligned but not reported. */
  missVerdicts: Record<string, number>;
  /** Aligned words of those misses that `compare` calls same-story (quantiles p25/p50/p75). */
  missSameStoryWords: number[];
}

export function retrievalScore(results: readonly DocResult[], aligned = 5): RetrievalScore {
  const acc = () => ({ pairs: 0, h1: 0, h5: 0, c5: 0, h5f: 0, hAll: 0, cand: CANDIDATE_DEPTHS.map(() => 0) });
  const by = Object.fromEntries(PAN_TYPES.map((t) => [t, acc()])) as Record<PanType, ReturnType<typeof acc>>;
  const all = acc();
  let cleanDocs = 0;
  let cleanClaimed = 0;
  let cleanUnproven = 0;
  let cleanUnder5 = 0;
  let plagDocs = 0;
  let extraDocs = 0;
  const unlisted = { claimed: 0, proven: 0 };
  let alignedNotReported = 0;
  const missVerdicts: Record<string, number> = {};
  const sameStory: number[] = [];
  for (const r of results) {
    if (r.type === "no-plagiarism") {
      cleanDocs++;
      if (r.claimed.length) cleanClaimed++;
      if (r.claimed.some((_, i) => !r.proven?.[i])) cleanUnproven++;
      if (r.claimed.some((_, i) => !r.shares5?.[i])) cleanUnder5++;
      continue;
    }
    plagDocs++;
    const truth = new Set(r.pairs.map((p) => p.source));
    if (r.claimed.some((c) => !truth.has(c))) extraDocs++;
    unlisted.claimed += r.claimed.filter((c) => !truth.has(c) && c.startsWith("source-")).length;
    unlisted.proven += (r.proven ?? []).filter(Boolean).length;
    for (const p of r.pairs) {
      for (const a of [by[r.type], all]) {
        a.pairs++;
        a.c5 += Math.min(5, r.pairs.length) / r.pairs.length;
        if (p.sourceRank === 0) a.h1++;
        if (p.sourceRank >= 0 && p.sourceRank < 5) a.h5++;
        if (p.sourceRank >= 0) a.hAll++;
        // Filtered rank: other sources listed for this suspect, and unlisted ones proven copies, do not count.
        if (p.sourceRank >= 0 && r.claimed.slice(0, p.sourceRank).filter((c, i) => !truth.has(c) && !r.proven?.[i]).length < 5) a.h5f++;
        CANDIDATE_DEPTHS.forEach((d, i) => {
          if (p.candidateRank >= 0 && p.candidateRank < d) a.cand[i]!++;
        });
      }
      if (p.candidateRank >= 0 && p.candidateRank < aligned && p.sourceRank < 0) {
        alignedNotReported++;
        if (p.miss) {
          missVerdicts[p.miss.verdict] = (missVerdicts[p.miss.verdict] ?? 0) + 1;
          if (p.miss.verdict === "same-story") sameStory.push(p.miss.alignedWords);
        }
      }
    }
  }
  const row = (a: ReturnType<typeof acc>): Row => ({
    pairs: a.pairs,
    at1: a.pairs ? a.h1 / a.pairs : 0,
    at5: a.pairs ? a.h5 / a.pairs : 0,
    at5f: a.pairs ? a.h5f / a.pairs : 0,
    ceiling5: a.pairs ? a.c5 / a.pairs : 0,
    atAll: a.pairs ? a.hAll / a.pairs : 0,
    cand: a.cand.map((c) => (a.pairs ? c / a.pairs : 0)),
  });
  return {
    docs: results.length,
    byType: Object.fromEntries(PAN_TYPES.map((t) => [t, row(by[t])])) as Record<PanType, Row>,
    all: row(all),
    clean: { docs: cleanDocs, claimed: cleanClaimed, unproven: cleanUnproven, under5: cleanUnder5 },
    plagDocs,
    extraDocs,
    unlisted,
    alignedNotReported,
    missVerdicts,
    missSameStoryWords: [0.25, 0.5, 0.75].map((q) => sameStory.sort((a, b) => a - b)[Math.floor(q * (sameStory.length - 1))] ?? 0),
  };
}
