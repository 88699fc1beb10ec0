// Aligns a suspect text with one source text: passages first, then words inside each passage,
// then typed edits. Pure: Text and Lexicon in, plain data out. Work is bounded by `maxUnits`
// (longer texts are cut there and the result says so) and by the diff's maxEditLength.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { buildUnits, type Unit } from "./units.js";
import { alignPassages, DEFAULT_PASSAGE_OPTIONS, type PassageOptions } from "./passages.js";
import { alignWords, DEFAULT_WORD_OPTIONS, type WordAlignOptions, type WordOp } from "./words.js";
import { typeEdits, type Edit } from "./edits.js";

export type { Unit } from "./units.js";
export type { Edit } from "./edits.js";
export type { WordOp } from "./words.js";

export interface AlignOptions {
  passages: PassageOptions;
  words: WordAlignOptions;
  /** Words per text past which alignment stops (the rest is not compared; `truncated` is set). */
  maxUnits: number;
  /** Passages whose suspect words are matched below this share are dropped (chance overlap). */
  minMatchShare: number;
}

export const DEFAULT_ALIGN_OPTIONS: AlignOptions = {
  passages: DEFAULT_PASSAGE_OPTIONS,
  words: DEFAULT_WORD_OPTIONS,
  maxUnits: 50_000,
  minMatchShare: 0.3,
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
}

export interface Alignment {
  suspectUnits: Unit[];
  sourceUnits: Unit[];
  passages: AlignedPassage[];
  truncated: boolean;
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
  for (const p of alignPassages(sus, src, lexicon, opts.passages)) {
    const { ops, truncated: cut } = alignWords(sus, src, [p.suspect.start, p.suspect.end], [p.source.start, p.source.end], lexicon, opts.words);
    truncated ||= cut;
    let matched = 0;
    let identical = 0;
    for (const op of ops) {
      if (op.op !== "match") continue;
      matched++;
      if (op.rel === "same" || op.rel === "inflection") identical++;
    }
    const units = p.suspect.end - p.suspect.start;
    if (matched < opts.minMatchShare * units) continue;
    passages.push({ suspect: p.suspect, source: p.source, ops, edits: typeEdits(ops, sus, src), matched, identical, units });
  }
  return { suspectUnits: sus, sourceUnits: src, passages, truncated };
}
