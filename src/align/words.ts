// Word alignment inside one passage pair. An exact diff on base forms (jsdiff, bounded by
// maxEditLength) finds the shared skeleton cheaply; only the small hunks it leaves are paired
// word by word with lexical relations (synonym, antonym, ...), where a spinner's swaps live.
// Blocks deleted in one place and inserted in another are paired as moves, not reported as
// deletion plus insertion.
import { diffKeys, type Part } from "./diff.js";
import type { Lexicon, WordRelation } from "../lexicon/types.js";
import type { Unit } from "./units.js";

export type WordOp =
  /** Suspect unit s stands for source unit o (rel "same" when identical). */
  | { op: "match"; s: number; o: number; rel: WordRelation | "number" | "name" | "misspelling"; moved: boolean }
  /** Suspect units [s0,s1) replace source units [o0,o1) with no word-for-word explanation. */
  | { op: "replace"; s0: number; s1: number; o0: number; o1: number }
  | { op: "insert"; s0: number; s1: number }
  /** Source units [o0,o1) missing from the suspect; `at` is the suspect unit they would precede. */
  | { op: "delete"; o0: number; o1: number; at: number };

export interface WordAlignOptions {
  /** Past this many edits the diff gives up on exactness and treats the rest as one hunk. */
  maxEditLength: number;
  /** Hunks larger than this (either side) are not paired word by word (quadratic cost). */
  maxHunk: number;
  /** Shortest run (in units) that can count as a moved block. */
  minMove: number;
}

export const DEFAULT_WORD_OPTIONS: WordAlignOptions = { maxEditLength: 2000, maxHunk: 80, minMove: 3 };

// How strongly a relation explains a substitution, used to pair words inside a hunk.
const REL_SCORE: Record<string, number> = {
  same: 4, inflection: 3.5, synonym: 3, antonym: 2.6, similar: 2.2, derivation: 2.2, hypernym: 2, number: 1.2, misspelling: 1.5, name: 1,
};

export function alignWords(sus: Unit[], src: Unit[], s: [number, number], o: [number, number], lexicon: Lexicon, opts: WordAlignOptions = DEFAULT_WORD_OPTIONS): { ops: WordOp[]; truncated: boolean } {
  const sKeys = sus.slice(s[0], s[1]).map((u) => u.key);
  const oKeys = src.slice(o[0], o[1]).map((u) => u.key);
  const { parts, truncated } = diffKeys(oKeys, sKeys, opts.maxEditLength);
  const ops: WordOp[] = [];
  let si = s[0];
  let oi = o[0];
  const cleaned = cleanupParts(parts, sus, s[0]);
  for (let k = 0; k < cleaned.length; k++) {
    const part = cleaned[k]!;
    const n = part.n;
    if (part.type === "eq") {
      for (let x = 0; x < n; x++) {
        const su = sus[si + x]!;
        const ou = src[oi + x]!;
        ops.push({ op: "match", s: si + x, o: oi + x, rel: su.norm === ou.norm ? "same" : "inflection", moved: false });
      }
      si += n;
      oi += n;
    } else if (part.type === "del") {
      const next = cleaned[k + 1];
      if (next && next.type === "ins") {
        ops.push(...pairHunk(sus, src, si, si + next.n, oi, oi + n, lexicon, opts));
        si += next.n;
        k++;
      } else {
        ops.push({ op: "delete", o0: oi, o1: oi + n, at: si });
      }
      oi += n;
    } else {
      ops.push({ op: "insert", s0: si, s1: si + n });
      si += n;
    }
  }
  return { ops: pairMoves(ops, sus, src, lexicon, opts), truncated };
}

/**
 * Semantic cleanup (as in diff-match-patch): a short run of function words matched between two
 * changes is a coincidence ("the" inside a moved sentence), not an anchor. Folding it into the
 * changes keeps moved blocks and paraphrases whole. Then adjacent changes coalesce into one
 * deletion followed by one insertion.
 */
function cleanupParts(parts: Part[], sus: Unit[], s0: number): Part[] {
  const out: Part[] = [];
  let si = s0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    const between = k > 0 && k < parts.length - 1;
    let onlyStop = p.type === "eq" && p.n <= 2 && between;
    if (onlyStop) for (let x = 0; x < p.n; x++) if (!sus[si + x]!.stop) onlyStop = false;
    if (p.type !== "del") si += p.n;
    if (onlyStop) out.push({ type: "del", n: p.n }, { type: "ins", n: p.n });
    else out.push({ ...p });
  }
  const merged: Part[] = [];
  for (let k = 0; k < out.length; ) {
    if (out[k]!.type === "eq") {
      merged.push(out[k++]!);
      continue;
    }
    let del = 0;
    let ins = 0;
    while (k < out.length && out[k]!.type !== "eq") {
      if (out[k]!.type === "del") del += out[k]!.n;
      else ins += out[k]!.n;
      k++;
    }
    if (del) merged.push({ type: "del", n: del });
    if (ins) merged.push({ type: "ins", n: ins });
  }
  return merged;
}

/** Relation used to pair two words inside a hunk, or null when they do not explain each other. */
export function pairRelation(a: Unit, b: Unit, lexicon: Lexicon): WordRelation | "number" | "name" | "misspelling" | null {
  if (a.norm === b.norm) return "same";
  if (a.number || b.number) return a.number && b.number ? "number" : null;
  if (a.stop && b.stop) return a.key === b.key ? "inflection" : null;
  if (a.stop || b.stop) {
    // A function word stands for a content word only as a true synonym ("about" / "roughly");
    // auxiliaries relate to half the verbs in WordNet ("has" / "get") and explain nothing.
    const fn = a.stop ? a : b;
    if (AUXILIARIES.has(fn.key)) return null;
    return lexicon.relation(a.norm, b.norm) === "synonym" ? "synonym" : null;
  }
  const rel = lexicon.relation(a.norm, b.norm);
  if (rel) return rel;
  // Two names pair only when one looks like a variant of the other (Reilly / Riley); any two
  // capitalised words would otherwise explain each other.
  if (a.proper && b.proper && (a.norm.slice(0, 3) === b.norm.slice(0, 3) || similarSpelling(a.norm, b.norm))) return "name";
  if (!lexicon.isWord(a.norm) && lexicon.isWord(b.norm) && similarSpelling(a.norm, b.norm)) return "misspelling";
  return null;
}

const AUXILIARIES = new Set(["be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had", "having", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "get", "got"]);

/** Needleman-Wunsch over a hunk with relation scores; unpaired runs become replace/insert/delete. */
function pairHunk(sus: Unit[], src: Unit[], s0: number, s1: number, o0: number, o1: number, lexicon: Lexicon, opts: WordAlignOptions): WordOp[] {
  const n = s1 - s0;
  const m = o1 - o0;
  if (n > opts.maxHunk || m > opts.maxHunk) return [{ op: "replace", s0, s1, o0, o1 }];
  const rel: (ReturnType<typeof pairRelation>)[] = new Array(n * m);
  const score = new Float64Array((n + 1) * (m + 1));
  const W = m + 1;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const r = pairRelation(sus[s0 + i - 1]!, src[o0 + j - 1]!, lexicon);
      rel[(i - 1) * m + (j - 1)] = r;
      const diag = r ? score[(i - 1) * W + j - 1]! + REL_SCORE[r]! : -Infinity;
      score[i * W + j] = Math.max(diag, score[(i - 1) * W + j]!, score[i * W + j - 1]!);
    }
  }
  // Trace back to pairs, then fill the gaps between pairs.
  const pairs: [number, number, NonNullable<ReturnType<typeof pairRelation>>][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const r = rel[(i - 1) * m + (j - 1)];
    if (r && score[i * W + j] === score[(i - 1) * W + j - 1]! + REL_SCORE[r]!) {
      pairs.push([s0 + i - 1, o0 + j - 1, r]);
      i--;
      j--;
    } else if (score[i * W + j] === score[(i - 1) * W + j]) i--;
    else j--;
  }
  pairs.reverse();
  const kept = anchoredPairs(pairs, s0, s1, o0, o1);
  const ops: WordOp[] = [];
  let si = s0;
  let oi = o0;
  const gap = (sEnd: number, oEnd: number) => {
    if (sEnd > si && oEnd > oi) ops.push({ op: "replace", s0: si, s1: sEnd, o0: oi, o1: oEnd });
    else if (sEnd > si) ops.push({ op: "insert", s0: si, s1: sEnd });
    else if (oEnd > oi) ops.push({ op: "delete", o0: oi, o1: oEnd, at: si });
  };
  for (const [ps, po, r] of kept) {
    gap(ps, po);
    ops.push({ op: "match", s: ps, o: po, rel: r, moved: false });
    si = ps + 1;
    oi = po + 1;
  }
  gap(s1, o1);
  return ops;
}

/** Relations that come from the thesaurus: any two words of a long enough hunk may share one. */
const LEXICAL = new Set<string>(["synonym", "antonym", "similar", "hypernym", "derivation"]);

/**
 * Drops thesaurus pairs that nothing around them supports. A spinner swaps a word in place: its
 * neighbours on at least one side are paired too (or are the unchanged text around the hunk),
 * however many swaps sit side by side. Inside a long stretch written differently, the pairing
 * finds some WordNet relation between a few of the words by chance ("orders" / "said" share a
 * sense, "low" / "highest" are antonyms) and would report them as synonym swaps and meaning flips
 * of a copy that is not one. Such an isolated pair (neither neighbour paired adjacently on both
 * sides) is left inside the replacement around it. Identical words, inflections, numbers, names
 * and misspellings keep their pairs: they need no thesaurus to be believed.
 */
function anchoredPairs<R extends string>(pairs: [number, number, R][], s0: number, s1: number, o0: number, o1: number): [number, number, R][] {
  if (pairs.length === 0) return pairs;
  const adjacent = (a: [number, number, R] | undefined, ps: number, po: number, prevEnd: boolean) =>
    a ? a[0] === ps && a[1] === po : prevEnd ? ps === s0 - 1 && po === o0 - 1 : ps === s1 && po === o1;
  return pairs.filter((p, k) => {
    if (!LEXICAL.has(p[2])) return true;
    const before = adjacent(pairs[k - 1], p[0] - 1, p[1] - 1, true);
    const after = adjacent(pairs[k + 1], p[0] + 1, p[1] + 1, false);
    return before || after;
  });
}

/** Pairs inserted and deleted runs that hold the same words: a moved block. */
function pairMoves(ops: WordOp[], sus: Unit[], src: Unit[], lexicon: Lexicon, opts: WordAlignOptions): WordOp[] {
  const inserts = ops.filter((op): op is Extract<WordOp, { op: "insert" }> => op.op === "insert" && op.s1 - op.s0 >= opts.minMove);
  const deletes = ops.filter((op): op is Extract<WordOp, { op: "delete" }> => op.op === "delete" && op.o1 - op.o0 >= opts.minMove);
  if (inserts.length === 0 || deletes.length === 0) return ops;
  const replaced = new Map<WordOp, WordOp[]>();
  const usedDeletes = new Set<WordOp>();
  for (const ins of inserts) {
    let best: { del: Extract<WordOp, { op: "delete" }>; ops: WordOp[]; matched: number } | null = null;
    for (const del of deletes) {
      if (usedDeletes.has(del)) continue;
      const sub = alignWords(sus, src, [ins.s0, ins.s1], [del.o0, del.o1], lexicon, { ...opts, minMove: Number.MAX_SAFE_INTEGER }).ops;
      const matched = sub.filter((x) => x.op === "match").length;
      const need = Math.max(opts.minMove, 0.6 * Math.max(ins.s1 - ins.s0, del.o1 - del.o0));
      if (matched >= need && (!best || matched > best.matched)) best = { del, ops: sub, matched };
    }
    if (!best) continue;
    usedDeletes.add(best.del);
    replaced.set(ins, best.ops.map((x) => (x.op === "match" ? { ...x, moved: true } : x.op === "delete" ? { ...x, at: ins.s0 } : x)));
    replaced.set(best.del, []);
  }
  return ops.flatMap((op) => replaced.get(op) ?? [op]);
}

/** Cheap check that a non-word is a misspelling of a word: small edit distance relative to length. */
function similarSpelling(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 4) return false;
  if (a.slice(0, 3) !== b.slice(0, 3) && a.slice(-3) !== b.slice(-3)) return false;
  return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
