// A claimed stretch (dense stretch or ordered chain, src/search/claim.ts) as a passage of the
// report: word-aligned as a whole and added to the aligned passages, unless it overlaps one of
// them in the suspect. Passages of one source must not overlap there, or the words in both would
// count twice (coverage over 100%, a change listed twice); an overlapping stretch adds nothing the
// aligned passage does not already show.
import { alignStretch, type AlignedPassage, type Alignment, type AlignOptions } from "../align/index.js";
import type { Lexicon } from "../lexicon/types.js";

export interface Stretch {
  suspect: { start: number; end: number };
  source: { start: number; end: number };
}

export function withStretch(alignment: Alignment, st: Stretch, lexicon: Lexicon, options?: Partial<AlignOptions>): AlignedPassage[] {
  const { passages, suspectUnits, sourceUnits } = alignment;
  if (passages.some((p) => p.suspect.start < st.suspect.end && st.suspect.start < p.suspect.end)) return passages;
  const passage = alignStretch(suspectUnits, sourceUnits, st.suspect, st.source, lexicon, options);
  return passage ? [...passages, passage].sort((a, b) => a.suspect.start - b.suspect.start) : passages;
}
