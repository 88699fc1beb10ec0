// The filter step after word alignment: a sentence-level passage can reach past the copied text
// (a neighbouring sentence that happened to share words, a gap bridged by the extension). Here a
// passage's word operations are cut wherever no suspect word matched for `maxGap` words, and
// each piece is trimmed to its first and last match on both sides. Pieces too small or too
// loosely matched to be copying are dropped by the caller.
import type { WordOp } from "./words.js";
import type { Unit } from "./units.js";

export interface Segment {
  ops: WordOp[];
  suspect: { start: number; end: number };
  source: { start: number; end: number };
  matched: number;
  identical: number;
  /** Content (non-function) suspect words in the segment, and how many of them matched / are identical. */
  content: number;
  contentMatched: number;
  contentIdentical: number;
}

/** Content words per window when trimming sparse edges. */
const EDGE_WINDOW = 8;

/**
 * Trims a run of operations to where copying is dense: from each end, content words are shed
 * while fewer than half of the next EDGE_WINDOW content words are matched. A copied passage
 * often ends in text that shares a few words with the source by chance.
 */
function trimEdges(ops: WordOp[], sus: Unit[]): WordOp[] {
  const matched = new Map<number, boolean>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const op of ops) {
    if (op.op === "match") {
      matched.set(op.s, true);
      lo = Math.min(lo, op.s);
      hi = Math.max(hi, op.s);
    }
  }
  if (lo > hi) return [];
  const content: number[] = [];
  for (let u = lo; u <= hi; u++) if (!sus[u]!.stop) content.push(u);
  const dense = (from: number, step: 1 | -1) => {
    let hits = 0;
    let n = 0;
    for (let k = from; k >= 0 && k < content.length && n < EDGE_WINDOW; k += step, n++) if (matched.get(content[k]!)) hits++;
    return n > 0 && hits * 2 >= n && matched.get(content[from]!) === true;
  };
  let a = 0;
  while (a < content.length && !dense(a, 1)) a++;
  let b = content.length - 1;
  while (b > a && !dense(b, -1)) b--;
  if (a >= content.length) return [];
  // Keep function words next to the kept content (from the previous content word on).
  const start = a > 0 ? content[a - 1]! + 1 : lo;
  const end = b < content.length - 1 ? content[b + 1]! : hi + 1;
  const inside = (u: number) => u >= start && u < end;
  const out = ops.filter((op) => (op.op === "match" ? inside(op.s) : op.op === "delete" ? op.at > start && op.at < end : inside(op.s0) && op.s1 <= end));
  // Nothing but matches may start or end a segment.
  let e = out.length;
  while (e > 0 && out[e - 1]!.op !== "match") e--;
  let f = 0;
  while (f < e && out[f]!.op !== "match") f++;
  return out.slice(f, e);
}

export function splitSegments(ops: WordOp[], maxGap: number, sus: Unit[]): Segment[] {
  const segments: Segment[] = [];
  let cur: WordOp[] = [];
  let lastMatch = -Infinity;
  const close = () => {
    const kept = trimEdges(cur, sus);
    cur = [];
    if (kept.length === 0) return;
    const seg: Segment = { ops: kept, suspect: { start: Infinity, end: -Infinity }, source: { start: Infinity, end: -Infinity }, matched: 0, identical: 0, content: 0, contentMatched: 0, contentIdentical: 0 };
    for (const op of kept) {
      if (op.op !== "match") continue;
      const same = op.rel === "same" || op.rel === "inflection";
      const content = !sus[op.s]!.stop;
      seg.matched++;
      if (same) seg.identical++;
      if (content) seg.contentMatched++;
      if (content && same) seg.contentIdentical++;
      seg.suspect.start = Math.min(seg.suspect.start, op.s);
      seg.suspect.end = Math.max(seg.suspect.end, op.s + 1);
      seg.source.start = Math.min(seg.source.start, op.o);
      seg.source.end = Math.max(seg.source.end, op.o + 1);
    }
    for (let u = seg.suspect.start; u < seg.suspect.end; u++) if (!sus[u]!.stop) seg.content++;
    segments.push(seg);
  };
  for (const op of ops) {
    if (op.op === "match") {
      if (op.s - lastMatch > maxGap && cur.length) close();
      lastMatch = op.s;
      cur.push(op);
    } else if (cur.length) {
      cur.push(op); // inside or after a run of matches; trimmed at close if nothing follows
    }
    // Operations before the first match of a segment are dropped: they lead into the copy.
  }
  close();
  return segments;
}
