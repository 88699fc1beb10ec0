// Summaries: a short suspect passage that condenses a longer stretch of the source. Its sentences
// draw on several source sentences each, spread further apart than the passage extension joins
// (passages.ts), and most of the source is left out, so neither the sentence seeds nor the word
// filter see a copy. What is left is an asymmetric signal: most of the passage's common content
// words are found in the source, far more than in the rest of the suspect. A text on the same
// topic shares words with the source all through; an inserted summary stands out from the text
// around it. Names and numbers do not count here: a text about the same people or places shares
// them without sharing any wording.
import type { Unit } from "./units.js";
import type { WordOp } from "./words.js";

export interface SummaryOptions {
  /** Fewest common content words (no function words, names or numbers) in a summary passage. */
  minContent: number;
  /** Most common content words in one summary passage. */
  maxContent: number;
  /**
   * Share of the passage's common content words whose base form occurs in the source: first
   * counted over all its words and the whole source (to find candidate passages), then over its
   * distinct words and the best source stretch (to keep one).
   */
  minShare: number;
  /** ...at least this much above the same share over the rest of the suspect. */
  minContrast: number;
  /**
   * The rest of the suspect holds at least this many times the passage's common content words:
   * a passage stands out only from enough text around it (in a short answer on the same topic,
   * one half often shares more words with the source than the other by chance).
   */
  minRest: number;
  /**
   * The source stretch the passage's words are looked up in is at most this many times longer
   * than the passage: words scattered over a whole long source are chance, not a summary.
   */
  maxStretch: number;
  /**
   * Passages found by the sentence alignment with at most this many suspect words may lie inside
   * a summary passage, which then replaces them (pieces of a summary that happened to seed).
   */
  maxAbsorbed: number;
}

export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = {
  minContent: 25,
  maxContent: 150,
  minShare: 0.6,
  minContrast: 0.45,
  minRest: 3,
  maxStretch: 20,
  maxAbsorbed: 40,
};

export interface SummaryPassage {
  suspect: { start: number; end: number };
  source: { start: number; end: number };
  ops: WordOp[];
  matched: number;
  identical: number;
}

interface Sentence {
  first: number;
  last: number; // exclusive
  common: number;
  found: number;
}

/** Candidate windows checked against a source stretch at most (best first). */
const MAX_TRIES = 64;

const counts = (u: Unit) => !u.stop && !u.proper && !u.number;

/**
 * Summary passages of the suspect outside the suspect ranges `taken` (already aligned), best
 * first, not overlapping each other. Word operations are the suspect's content words matched to
 * an occurrence of the same base form in the source (the next one after the previous match when
 * there is one), and insertions; the source words the summary leaves out are not listed.
 */
export function findSummaries(sus: Unit[], src: Unit[], taken: { start: number; end: number }[], options: SummaryOptions = DEFAULT_SUMMARY_OPTIONS): SummaryPassage[] {
  const where = new Map<string, number[]>();
  for (let o = 0; o < src.length; o++) {
    const u = src[o]!;
    if (u.stop) continue;
    const list = where.get(u.key);
    if (list) list.push(o);
    else where.set(u.key, [o]);
  }
  if (where.size === 0) return [];
  const sentences: Sentence[] = [];
  let total = 0;
  let totalFound = 0;
  for (let k = 0; k < sus.length; k++) {
    const u = sus[k]!;
    let s = sentences[sentences.length - 1];
    if (!s || sus[s.first]!.sentence !== u.sentence) sentences.push((s = { first: k, last: k + 1, common: 0, found: 0 }));
    s.last = k + 1;
    if (!counts(u)) continue;
    s.common++;
    total++;
    if (where.has(u.key)) {
      s.found++;
      totalFound++;
    }
  }

  const windows: { a: number; b: number; score: number; rest: number }[] = [];
  for (let a = 0; a < sentences.length; a++) {
    let n = 0;
    let f = 0;
    for (let b = a; b < sentences.length; b++) {
      n += sentences[b]!.common;
      f += sentences[b]!.found;
      if (n > options.maxContent || total - n < options.minRest * n) break;
      if (n < options.minContent) continue;
      const share = f / n;
      const rest = (totalFound - f) / (total - n);
      if (share >= options.minShare && share - rest >= options.minContrast) windows.push({ a, b, score: share - rest, rest });
    }
  }
  if (windows.length === 0) return [];
  windows.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);

  const out: SummaryPassage[] = [];
  const used = taken.map((r) => ({ ...r }));
  let tries = 0;
  for (const w of windows) {
    const start = sentences[w.a]!.first;
    const end = sentences[w.b]!.last;
    if (used.some((r) => start < r.end && end > r.start)) continue;
    // Bounded work: overlapping windows around one place mostly share the verdict of the best.
    if (++tries > MAX_TRIES) break;
    const stretch = bestStretch(sus, where, start, end, options.maxStretch * (end - start));
    // The same share and contrast again, over distinct words found in that stretch: a passage
    // on the same subject repeats a few topic words ("solar cycle" five times); a summary
    // draws many different words from its source.
    const share = stretch.types ? stretch.covered / stretch.types : 0;
    if (share < options.minShare || share - w.rest < options.minContrast) continue;
    const passage = summaryOps(sus, src, where, start, end, stretch);
    if (!passage) continue;
    used.push({ start, end });
    out.push(passage);
  }
  return out;
}

/**
 * The source stretch [from, to) of at most `length` units holding the most distinct common content
 * words of suspect units [start, end) (`covered` of `types`).
 */
function bestStretch(sus: Unit[], where: Map<string, number[]>, start: number, end: number, length: number): { from: number; to: number; covered: number; types: number } {
  const keys = new Set<string>();
  for (let s = start; s < end; s++) if (counts(sus[s]!)) keys.add(sus[s]!.key);
  const events: { o: number; k: number }[] = [];
  let k = 0;
  for (const key of keys) {
    for (const o of where.get(key) ?? []) events.push({ o, k });
    k++;
  }
  events.sort((x, y) => x.o - y.o);
  const inside = new Map<number, number>();
  let best = { from: 0, to: 0, covered: 0, types: keys.size };
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    const e = events[hi]!;
    inside.set(e.k, (inside.get(e.k) ?? 0) + 1);
    while (e.o - events[lo]!.o >= length) {
      const x = events[lo++]!;
      const left = inside.get(x.k)! - 1;
      if (left) inside.set(x.k, left);
      else inside.delete(x.k);
    }
    if (inside.size > best.covered) best = { from: events[lo]!.o, to: e.o + 1, covered: inside.size, types: keys.size };
  }
  return best;
}

function summaryOps(sus: Unit[], src: Unit[], where: Map<string, number[]>, start: number, end: number, stretch: { from: number; to: number }): SummaryPassage | null {
  const ops: WordOp[] = [];
  let last = -1;
  let insertFrom = -1;
  let matched = 0;
  let identical = 0;
  let oMin = Infinity;
  let oMax = -Infinity;
  for (let s = start; s < end; s++) {
    const u = sus[s]!;
    const list = u.stop ? undefined : where.get(u.key)?.filter((o) => o >= stretch.from && o < stretch.to);
    if (!list?.length) {
      if (insertFrom < 0) insertFrom = s;
      continue;
    }
    if (insertFrom >= 0) ops.push({ op: "insert", s0: insertFrom, s1: s });
    insertFrom = -1;
    const o = list.find((x) => x > last) ?? list[0]!;
    last = o;
    const same = u.norm === src[o]!.norm;
    ops.push({ op: "match", s, o, rel: same ? "same" : "inflection", moved: false });
    matched++;
    if (same) identical++;
    oMin = Math.min(oMin, o);
    oMax = Math.max(oMax, o);
  }
  if (insertFrom >= 0) ops.push({ op: "insert", s0: insertFrom, s1: end });
  // A summary condenses: its source stretch is at least as long as the passage itself.
  if (matched === 0 || oMax + 1 - oMin < end - start) return null;
  return { suspect: { start, end }, source: { start: oMin, end: oMax + 1 }, ops, matched, identical };
}
