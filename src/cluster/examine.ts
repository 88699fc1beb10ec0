// Confirmation of one candidate pair by the aligner: an edge needs aligned passages that make a
// copy by the same rules `check` uses to claim a source (pair verdict plus shared word runs,
// src/search/claim.ts), with the shorter document taken as the suspect. Keys shared by chance
// (two write-ups of one event name the same people) align little or nothing and give no edge.
// The edge records the aligned character ranges on both sides (clustering uses them to tell a
// chain of copies from an article stitched from unrelated stories) and the direction of copying.
// Pure: texts and a lexicon in, an edge or null out.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { alignTexts, type AlignOptions, type Alignment } from "../align/index.js";
import { isCopyVerdict, measure } from "../report/build.js";
import { pairVerdict, round, DEFAULT_THRESHOLDS, type VerdictThresholds } from "../verdict/pair.js";
import { claimSource, sharedRuns, DEFAULT_CLAIM, type ClaimOptions } from "../search/claim.js";
import type { DirectionEvidence, Range } from "../report/clusters-schema.js";
import { copyDirection, DEFAULT_DIRECTION, type DirectionOptions } from "./direction.js";

export interface PairDocument {
  id: string;
  text: Text;
  published?: string;
}

export interface ExamineOptions {
  align?: Partial<AlignOptions>;
  thresholds: VerdictThresholds;
  claim: ClaimOptions;
  direction: DirectionOptions;
}

export const DEFAULT_EXAMINE: ExamineOptions = { thresholds: DEFAULT_THRESHOLDS, claim: DEFAULT_CLAIM, direction: DEFAULT_DIRECTION };

/** A confirmed pair in id order (`a < b`): what the index stores, before orientation by direction. */
export interface PairEdge {
  a: string;
  b: string;
  verdict: "spun-copy" | "verbatim-copy" | "rewrite";
  /** Share of each side's words inside aligned passages. */
  coverageA: number;
  coverageB: number;
  similarity: number;
  alignedWords: number;
  /** Which side is the original, when known. */
  original: "a" | "b" | null;
  direction: Omit<DirectionEvidence, "dates" | "text"> & { text: { a: DirectionEvidence["text"]["from"]; b: DirectionEvidence["text"]["to"]; score: number } };
  /** Aligned passages as character ranges in a's and b's texts. */
  passages: { a: Range; b: Range }[];
}

/** Units in [start, end) ranges, merged (passages may overlap on the source side). */
function coveredUnits(ranges: { start: number; end: number }[]): number {
  const rs = [...ranges].sort((x, y) => x.start - y.start);
  let total = 0;
  let at = -1;
  for (const r of rs) {
    const s = Math.max(r.start, at);
    if (r.end > s) total += r.end - s;
    at = Math.max(at, r.end);
  }
  return total;
}

/** Where an alignment's passages lie, in characters of the suspect and of the source. */
export function passageChars(alignment: Alignment, suspect: Text, source: Text): { suspect: Range; source: Range }[] {
  const at = (text: Text, units: Alignment["suspectUnits"], span: { start: number; end: number }): Range => ({ start: text.tokens[units[span.start]!.token]!.start, end: text.tokens[units[span.end - 1]!.token]!.end });
  return alignment.passages.map((p) => ({ suspect: at(suspect, alignment.suspectUnits, p.suspect), source: at(source, alignment.sourceUnits, p.source) }));
}

export function examinePair(x: PairDocument, y: PairDocument, lexicon: Lexicon, options: ExamineOptions = DEFAULT_EXAMINE): PairEdge | null {
  const [a, b] = x.id < y.id ? [x, y] : [y, x];
  if (a.id === b.id) return null;
  // The shorter text is the suspect: coverage is measured on it, and an excerpt is a copy.
  const aIsSuspect = a.text.words.length <= b.text.words.length;
  const [sus, src] = aIsSuspect ? [a, b] : [b, a];
  const alignment = alignTexts(sus.text, src.text, lexicon, options.align);
  if (alignment.passages.length === 0) return null;
  const m = measure(alignment);
  const v = pairVerdict(m, options.thresholds);
  const copy = isCopyVerdict(v.verdict);
  if (!copy) return null;
  const runs = sharedRuns(alignment, options.claim.runWords);
  if (!claimSource({ copy, alignedWords: m.alignedUnits, suspectWords: m.suspectUnits, sharedRuns: runs }, options.claim)) return null;
  const susUnits = coveredUnits(alignment.passages.map((p) => p.suspect));
  const srcUnits = coveredUnits(alignment.passages.map((p) => p.source));
  const susTotal = alignment.suspectUnits.length;
  const srcTotal = alignment.sourceUnits.length;
  const passages = passageChars(alignment, sus.text, src.text).map(({ suspect: s, source: o }) => (aIsSuspect ? { a: s, b: o } : { a: o, b: s }));
  const ranges = { a: passages.map((p) => p.a), b: passages.map((p) => p.b) };
  const dir = copyDirection({ text: a.text, ...(a.published ? { published: a.published } : {}) }, { text: b.text, ...(b.published ? { published: b.published } : {}) }, alignment, aIsSuspect, ranges, lexicon, options.direction);
  const covSus = susTotal ? susUnits / susTotal : 0;
  const covSrc = srcTotal ? srcUnits / srcTotal : 0;
  return {
    a: a.id,
    b: b.id,
    verdict: v.verdict as PairEdge["verdict"],
    coverageA: round(aIsSuspect ? covSus : covSrc),
    coverageB: round(aIsSuspect ? covSrc : covSus),
    similarity: round(susTotal + srcTotal ? (susUnits + srcUnits) / (susTotal + srcTotal) : 0),
    alignedWords: m.alignedUnits,
    original: dir.original,
    direction: dir.evidence,
    passages,
  };
}
