// Aligns a suspect text with one source text: passages first, then words inside each passage,
// then typed edits; last, summaries of longer source stretches where nothing else aligned
// (summary.ts). Pure: Text and Lexicon in, plain data out. Work is bounded by `maxUnits`
// (longer texts are cut there and the result says so) and by the diff's maxEditLength.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { buildUnits, type Unit } from "./units.js";
import { alignPassages, DEFAULT_PASSAGE_OPTIONS, type PassageOptions } from "./passages.js";
import { alignWords, DEFAULT_WORD_OPTIONS, type WordAlignOptions, type WordOp } from "./words.js";
import { typeEdits, type Edit } from "./edits.js";
import { splitSegments } from "./segments.js";
import { findSummaries, DEFAULT_SUMMARY_OPTIONS, type SummaryOptions } from "./summary.js";

export type { Unit } from "./units.js";
export type { Edit } from "./edits.js";
export type { WordOp } from "./words.js";
export type { SummaryOptions } from "./summary.js";

export interface AlignOptions {
  passages: PassageOptions;
  words: WordAlignOptions;
  /** Words per text past which alignment stops (the rest is not compared; `truncated` is set). */
  maxUnits: number;
  /**
   * Passages whose content words are matched (by any relation) below this share, or identical
   * below `minIdenticalShare`, are dropped: chance overlap of function words and loose synonyms.
   */
  minMatchShare: number;
  minIdenticalShare: number;
  /** A passage is cut where this many suspect words in a row match nothing. */
  maxWordGap: number;
  /** Pieces with fewer matched words are dropped (unless the whole suspect is that short). */
  minMatchedWords: number;
  /**
   * Word-shuffled copies (PAN's random obfuscation) defeat ordered matching; a passage whose
   * content words are found in the source passage (same base form, any order) at this share or
   * more is kept whole even when no ordered piece passes.
   */
  minBagShare: number;
  /**
   * Summaries (summary.ts): a suspect passage whose common content words are mostly found in the
   * source, far more than in the rest of the suspect, is kept as a passage over the source stretch
   * its words come from. `null` turns this off.
   */
  summary: SummaryOptions | null;
}

export const DEFAULT_ALIGN_OPTIONS: AlignOptions = {
  passages: DEFAULT_PASSAGE_OPTIONS,
  words: DEFAULT_WORD_OPTIONS,
  maxUnits: 50_000,
  minMatchShare: 0.4,
  minIdenticalShare: 0.2,
  maxWordGap: 12,
  minMatchedWords: 8,
  minBagShare: 0.6,
  summary: DEFAULT_SUMMARY_OPTIONS,
};

export interface AlignedPassage {
  /** Unit ranges [start, end). */
  suspect: { start: number; end: number };
  source: { start: number; end: number };
  ops: WordOp[];
  edits: Edit[];
  /** Suspect units in the passage matched to a source unit by any relation. */
  matched: number;
  /** ...of which identical. */
  identical: number;
  /** Suspect units in the passage. */
  units: number;
  /** A summary of a longer source stretch (summary.ts), not an edited copy: its words are matched out of order. */
  summary?: true;
}

export interface Alignment {
  suspectUnits: Unit[];
  sourceUnits: Unit[];
  passages: AlignedPassage[];
  truncated: boolean;
}

/** Above this bag share a sentence-level passage is a copy as a whole, however its words are ordered. */
const WHOLE_BAG_SHARE = 0.85;

/** Share of the passage's suspect content words whose base form occurs in the source passage. */
function bagShare(sus: Unit[], src: Unit[], p: { suspect: { start: number; end: number }; source: { start: number; end: number } }): number {
  const keys = new Set<string>();
  for (let u = p.source.start; u < p.source.end; u++) if (!src[u]!.stop) keys.add(src[u]!.key);
  let content = 0;
  let found = 0;
  for (let u = p.suspect.start; u < p.suspect.end; u++) {
    if (sus[u]!.stop) continue;
    content++;
    if (keys.has(sus[u]!.key)) found++;
  }
  return content ? found / content : 0;
}

export function alignTexts(suspect: Text, source: Text, lexicon: Lexicon, options: Partial<AlignOptions> = {}): Alignment {
  const opts = { ...DEFAULT_ALIGN_OPTIONS, ...options };
  let sus = buildUnits(suspect, lexicon);
  let src = buildUnits(source, lexicon);
  let truncated = false;
  if (sus.length > opts.maxUnits || src.length > opts.maxUnits) {
    truncated = true;
    sus = sus.slice(0, opts.maxUnits);
    src = src.slice(0, opts.maxUnits);
  }
  const passages: AlignedPassage[] = [];
  for (const p of alignPassages(sus, src, opts.passages)) {
    const { ops, truncated: cut } = alignWords(sus, src, [p.suspect.start, p.suspect.end], [p.source.start, p.source.end], lexicon, opts.words);
    truncated ||= cut;
    const minMatched = Math.min(opts.minMatchedWords, Math.ceil(sus.length / 2));
    const good = splitSegments(ops, opts.maxWordGap, sus).filter(
      (seg) => seg.matched >= minMatched && seg.contentMatched >= opts.minMatchShare * seg.content && seg.contentIdentical >= opts.minIdenticalShare * seg.content,
    );
    const bag = bagShare(sus, src, p);
    if ((good.length === 0 && bag >= opts.minBagShare) || bag >= WHOLE_BAG_SHARE) {
      // Nearly every content word of the passage is in the source passage: a copy, perhaps
      // shuffled (then ordered matching sees only fragments). Keep it whole, as the sentence-level
      // alignment found it, with all its word operations.
      const whole = splitSegments(ops, Number.MAX_SAFE_INTEGER, sus)[0];
      if (whole) good.splice(0, good.length, { ...whole, suspect: p.suspect, source: p.source, ops });
    }
    for (const seg of good) {
      const units = seg.suspect.end - seg.suspect.start;
      passages.push({ suspect: seg.suspect, source: seg.source, ops: seg.ops, edits: typeEdits(seg.ops, sus, src), matched: seg.matched, identical: seg.identical, units });
    }
  }
  if (opts.summary) {
    // Only where nothing but small pieces is aligned yet (those become part of the summary). No typed edits: a summary is not an edited copy, and
    // listing every source sentence it leaves out would explain nothing.
    const small = (x: AlignedPassage) => x.units <= opts.summary!.maxAbsorbed;
    const summaries = findSummaries(sus, src, passages.filter((x) => !small(x)).map((x) => x.suspect), opts.summary);
    for (let k = passages.length - 1; k >= 0; k--) {
      const x = passages[k]!;
      if (small(x) && summaries.some((p) => x.suspect.start < p.suspect.end && x.suspect.end > p.suspect.start)) passages.splice(k, 1);
    }
    for (const p of summaries) {
      passages.push({ suspect: p.suspect, source: p.source, ops: p.ops, edits: [], matched: p.matched, identical: p.identical, units: p.suspect.end - p.suspect.start, summary: true });
    }
  }
  passages.sort((a, b) => a.suspect.start - b.suspect.start);
  return { suspectUnits: sus, sourceUnits: src, passages, truncated };
}

/**
 * One passage over given unit ranges, word-aligned as a whole (no gap cutting, no share filter):
 * for a stretch that other evidence already shows to be copied (search/dense.ts), as the
 * bag-of-words rule above keeps a shuffled passage whole.
 */
export function alignStretch(sus: Unit[], src: Unit[], s: { start: number; end: number }, o: { start: number; end: number }, lexicon: Lexicon, options: Partial<AlignOptions> = {}): AlignedPassage | null {
  const opts = { ...DEFAULT_ALIGN_OPTIONS, ...options };
  const { ops } = alignWords(sus, src, [s.start, s.end], [o.start, o.end], lexicon, opts.words);
  const whole = splitSegments(ops, Number.MAX_SAFE_INTEGER, sus)[0];
  if (!whole) return null;
  return { suspect: { ...s }, source: { ...o }, ops, edits: typeEdits(ops, sus, src), matched: whole.matched, identical: whole.identical, units: s.end - s.start };
}
