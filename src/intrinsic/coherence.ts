// Topical coherence from word vectors: a thesaurus swap picks a synonym of *some* sense of the
// word, often one that has nothing to do with the article ("the bank's tilt" for "the bank's
// slope"). Bigram counts only see a word's immediate neighbours, and the SymSpell list attests
// most pairs of common words; a word vector sees the whole article. Two signals, both pure
// arithmetic over a `WordVectors` table:
//   - how close each content word is to the centroid of the other content words (spun text is
//     less coherent), and
//   - for each judged word, how much closer its best synonym is to that centroid than the word
//     itself (`shift`, in cosine units): the original was on topic, the replacement need not be.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import type { WordVectors } from "../lexicon/vectors.js";
import type { Candidates } from "./candidates.js";
import type { WordJudgement } from "./collocation.js";
import type { WordFact } from "./lm.js";

export type { WordVectors };

/** Threshold-free coherence counts of one document (features are rates over these). */
export interface CoherenceCounts {
  /** Content words with a vector (the context of every other word). */
  vecWords: number;
  /** Sum over those words of cos(word, centroid of the others). */
  coherenceSum: number;
  /** Judged words with a vector and at least one candidate with a vector. */
  shiftWords: number;
  /** Sum over those of max(0, shift). */
  shiftSum: number;
  /** Those whose best synonym is closer to the article by at least SHIFT_MIN. */
  shifted: number;
  /**
   * Mean shift of the top tenth of judged words (at least one): a spinner's few off-topic picks
   * stand out at the top even when the mean over a short text barely moves.
   */
  shiftTop: number;
}

/** A shift of this many cosine units counts as "a synonym fits the article clearly better". */
export const SHIFT_MIN = 0.1;

const LOWER = /^[a-z]+$/;

export const NO_COHERENCE: CoherenceCounts = { vecWords: 0, coherenceSum: 0, shiftWords: 0, shiftSum: 0, shifted: 0, shiftTop: 0 };
/** Share of judged words averaged for `shiftTop`. */
const TOP_SHARE = 0.1;

/**
 * Coherence counts of the text, and `shift` set on each judged word that has a vector. Context
 * words are all lower-case content words and names (lower-cased: GloVe is uncased), so "Reuters"
 * and "Fed" help place "rate" in its sense; stopwords and words without vectors are skipped.
 */
export function coherence(text: Text, lexicon: Lexicon, vectors: WordVectors, cands: Candidates, judged: WordJudgement[], facts: readonly (WordFact | undefined)[]): CoherenceCounts {
  const dim = vectors.dim;
  const data = vectors.data;
  const scale = vectors.scale;
  const centroid = new Float64Array(dim);
  const rows: number[] = [];
  const entryAt: (Entry | undefined)[] = new Array<Entry | undefined>(text.tokens.length);
  for (const i of text.words) {
    const t = text.tokens[i]!;
    if (t.debris || t.norm.length < 3) continue;
    // The entry (whether the word is context at all, its row and, later, its synonyms) is memoised
    // on the word's facts (`facts[i]`, from slotsOf): no lookup of its own per token.
    const fact = facts[i];
    if (fact === undefined) continue;
    let e = fact.coh !== undefined && fact.coh.owner === vectors ? (fact.coh as Entry) : undefined;
    if (e === undefined) {
      const ok = LOWER.test(t.norm) && !lexicon.isStopword(t.norm);
      e = { owner: vectors, row: ok ? vectors.id(t.norm) : -1, syn: undefined };
      fact.coh = e;
    }
    const k = e.row;
    if (k < 0) continue;
    rows.push(k);
    entryAt[i] = e;
    const s = scale[k]!;
    const off = k * dim;
    for (let d = 0; d < dim; d++) centroid[d]! += data[off + d]! * s;
  }
  let norm2 = 0;
  for (let d = 0; d < dim; d++) norm2 += centroid[d]! * centroid[d]!;
  // u.C per row, memoised for this document in a per-table scratch array (no Map in the hot loop).
  const scratch = scratchFor(vectors);
  const gen = ++scratch.gen;
  const stamp = scratch.stamp;
  const val = scratch.val;
  const cdot = (k: number): number => {
    if (stamp[k] === gen) return val[k]!;
    const off = k * dim;
    // Unrolled by four: about a fifth faster than the plain loop in V8.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let d = 0;
    for (; d + 3 < dim; d += 4) {
      s0 += data[off + d]! * centroid[d]!;
      s1 += data[off + d + 1]! * centroid[d + 1]!;
      s2 += data[off + d + 2]! * centroid[d + 2]!;
      s3 += data[off + d + 3]! * centroid[d + 3]!;
    }
    for (; d < dim; d++) s0 += data[off + d]! * centroid[d]!;
    const v = (s0 + s1 + s2 + s3) * scale[k]!;
    stamp[k] = gen;
    val[k] = v;
    return v;
  };
  // cos(x, centroid - own): the centroid of the other words. |C - u|^2 = |C|^2 - 2 u.C + 1.
  const out: CoherenceCounts = { vecWords: 0, coherenceSum: 0, shiftWords: 0, shiftSum: 0, shifted: 0, shiftTop: 0 };
  const shifts: number[] = [];
  if (rows.length < 2) return out;
  for (const k of rows) {
    const uc = cdot(k);
    const rest = Math.sqrt(Math.max(1e-9, norm2 - 2 * uc + 1));
    out.vecWords++;
    out.coherenceSum += (uc - 1) / rest;
  }
  for (const j of judged) {
    const e = entryAt[j.token];
    if (e === undefined) continue;
    const k = e.row;
    const sy = (e.syn ??= synonymRows(vectors, cands, j.word, k));
    if (sy.rows.length === 0) continue;
    const uc = cdot(k);
    const rest = Math.sqrt(Math.max(1e-9, norm2 - 2 * uc + 1));
    const own = (uc - 1) / rest;
    let best = -Infinity;
    const cr = sy.rows;
    const cs = sy.selfSim;
    for (let q = 0; q < cr.length; q++) {
      const r = cr[q]!;
      const v = (stamp[r] === gen ? val[r]! : cdot(r)) - cs[q]!;
      if (v > best) best = v;
    }
    const shift = best / rest - own;
    j.shift = shift;
    shifts.push(shift);
    out.shiftWords++;
    out.shiftSum += Math.max(0, shift);
    if (shift >= SHIFT_MIN) out.shifted++;
  }
  if (shifts.length > 0) {
    shifts.sort((a, b) => b - a);
    const k = Math.max(1, Math.round(TOP_SHARE * shifts.length));
    let sum = 0;
    for (let q = 0; q < k; q++) sum += shifts[q]!;
    out.shiftTop = sum / k;
  }
  return out;
}

interface Scratch {
  gen: number;
  stamp: Uint32Array;
  val: Float64Array;
}
const scratches = new WeakMap<WordVectors, Scratch>();
function scratchFor(vectors: WordVectors): Scratch {
  let s = scratches.get(vectors);
  if (!s) {
    const n = vectors.scale.length;
    s = { gen: 0, stamp: new Uint32Array(n), val: new Float64Array(n) };
    scratches.set(vectors, s);
  }
  if (s.gen >= 0xfffffff0) {
    s.stamp.fill(0);
    s.gen = 0;
  }
  return s;
}

/** Vector rows of a word's candidates and their cosine with the word: context-free, so memoised (in its Entry). */
interface SynonymRows {
  rows: Int32Array;
  selfSim: Float64Array;
}
const EMPTY: SynonymRows = { rows: new Int32Array(0), selfSim: new Float64Array(0) };
/** Candidates compared per word (most frequent senses first): the dot products are the cost. */
const SHIFT_CANDIDATES = 24;
/** A word's row (-1: not a context word or no vector) and, once judged, its candidates' rows. */
interface Entry {
  owner: WordVectors;
  row: number;
  syn: SynonymRows | undefined;
}

function synonymRows(vectors: WordVectors, cands: Candidates, word: string, k: number): SynonymRows {
  const { dim, data, scale } = vectors;
  const rows: number[] = [];
  const sims: number[] = [];
  const list = cands.info(word).words;
  for (let c = 0; c < list.length && rows.length < SHIFT_CANDIDATES; c++) {
    const ks = vectors.id(list[c]!);
    if (ks < 0) continue;
    let d = 0;
    for (let i = 0; i < dim; i++) d += data[k * dim + i]! * data[ks * dim + i]!;
    rows.push(ks);
    sims.push(d * scale[k]! * scale[ks]!);
  }
  return rows.length ? { rows: Int32Array.from(rows), selfSim: Float64Array.from(sims) } : EMPTY;
}
