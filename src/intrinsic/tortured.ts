// tortured-phrase: a run of two (or three) words that English does not use together, where a
// phrase of words related to them is a collocation. Thesaurus spinners leave these in technical
// text ("tortured phrases"): each word of a fixed phrase is swapped for some synonym, so the pair
// reads as nonsense while every word is common. Word-by-word scoring cannot see it, because each
// word's neighbour is itself a replacement or part of the phrase.
//
// For every pair of adjacent content words whose bigram the context model does not list, the
// candidates are phrases with one or both words replaced by a related word (related.ts), and a
// candidate counts only when the context model lists its bigram: the collocation is the evidence.
// Each candidate is described by a few numbers (how much more probable it is inside the phrase and
// in its context, its association, how close each replacement is to the word it replaces); each
// pair by how plausible it is as it stands (how close its two words are in the vector space, how
// many related phrases exist, whether it can be a noun phrase). Two linear scores, fit on the tune
// half of the tortured-phrase data by eval/tortured.ts (tortured-weights.ts), rank the candidates
// and weigh the best against "no swap": the pair fires when the best candidate wins by the tuned
// margin. Adjacent fired pairs that agree on their shared word are reported as one three-word
// phrase.
import type { Text } from "../text/types.js";
import { logPrior, type ContextModel, type WordFact } from "./lm.js";
import type { Slots } from "./context.js";
import { MAX_RELATED, type RelatedCandidates, type RelatedInfo } from "./related.js";
import type { TorturedWeights } from "./tortured-weights.js";

/** Candidate features, in the order of TorturedWeights.candidate. */
export const CANDIDATE_FEATURES = ["inner", "context", "association", "conditional", "cos", "synonym", "similar", "hypernym", "derived", "other", "both", "prior", "cohesion"] as const;
/** Pair features, in the order of TorturedWeights.pair. */
export const PAIR_FEATURES = ["cohesion", "conditional", "nominal", "productiveRight", "productiveLeft", "rarest", "candidates", "sides"] as const;
const NC = CANDIDATE_FEATURES.length;
const NP = PAIR_FEATURES.length;

/** Candidates of each word tried together in two-word swaps (the nearest by cosine): 6 x 6 lookups. */
const BOTH = 6;
/** Pairs whose words are this close (cosine) are not judged. */
const MAX_COHESION = 0.35;
/** Candidates of the other word tried for productivity (how many related phrases English uses). */
const PRODUCTIVE = 20;

export interface TorturedCandidate {
  words: [string, string];
  score: number;
}

export interface TorturedJudgement {
  first: number;
  second: number;
  words: [string, string];
  /** Best candidate score minus the score of "no swap" (fires at or above the tuned margin). */
  margin: number;
  /** The three best candidates. */
  best: TorturedCandidate[];
  /** Raw features, when collected (evaluation fits the weights on them). */
  raw?: { candidates: string[]; phi: Float64Array; psi: Float64Array };
}

/** Per-pair state of the candidate search, reused for every pair (no allocation per candidate). */
interface Search {
  model: ContextModel;
  related: RelatedCandidates;
  w: TorturedWeights["candidate"];
  r1: RelatedInfo;
  r2: RelatedInfo;
  l: WordFact | null;
  r: WordFact | null;
  own1: number;
  own2: number;
  mid0: number;
  p1: number;
  p2: number;
  cohesion0: number;
  phi: Float64Array;
  count: number;
  /** The three best so far: candidate index on each side (-1: the word itself) and score. */
  topA: Int32Array;
  topB: Int32Array;
  topS: Float64Array;
  top: number;
  raw: { phi: number[]; words: string[] } | null;
  /** Context scores of each candidate of word 1 on its left and of word 2 on its right (NaN: not yet). */
  leftCache: Float64Array;
  rightCache: Float64Array;
}

function leftOf(m: ContextModel, l: WordFact | null, x: WordFact): number {
  return l !== null ? m.conditionalFacts(l, x) : logPrior(x.uni);
}
function rightOf(m: ContextModel, y: WordFact, r: WordFact | null): number {
  return r !== null ? m.conditionalFacts(y, r) : 0;
}

/** Scores the candidate "x y" (a, b: candidate indices, -1 for the word as it stands) and keeps the best three. */
function consider(S: Search, a: number, b: number, x: WordFact, y: WordFact, mid: number): void {
  S.count++;
  const phi = S.phi;
  const m = S.model;
  let lx = S.own1;
  if (a >= 0) {
    lx = S.leftCache[a]!;
    if (Number.isNaN(lx)) lx = S.leftCache[a] = leftOf(m, S.l, x);
  }
  let ry = S.own2;
  if (b >= 0) {
    ry = S.rightCache[b]!;
    if (Number.isNaN(ry)) ry = S.rightCache[b] = rightOf(m, y, S.r);
  }
  phi.fill(0);
  phi[0] = mid - S.mid0;
  phi[1] = lx - S.own1 + ry - S.own2;
  const py = logPrior(y.uni);
  phi[2] = mid - py;
  phi[3] = mid;
  if (a >= 0) {
    phi[4]! += S.r1.cos[a]!;
    phi[5 + S.r1.cls[a]!]! += 1;
    phi[11]! += logPrior(x.uni) - S.p1;
  }
  if (b >= 0) {
    phi[4]! += S.r2.cos[b]!;
    phi[5 + S.r2.cls[b]!]! += 1;
    phi[11]! += py - S.p2;
  }
  phi[10] = a >= 0 && b >= 0 ? 1 : 0;
  phi[12] = S.related.cosRows(a >= 0 ? S.r1.rows[a]! : S.r1.row, b >= 0 ? S.r2.rows[b]! : S.r2.row) - S.cohesion0;
  const w = S.w;
  let s = 0;
  for (let k = 0; k < NC; k++) s += (w[k]!.w * (phi[k]! - w[k]!.mean)) / w[k]!.sd;
  if (S.raw) {
    S.raw.words.push(`${x.w} ${y.w}`);
    for (let k = 0; k < NC; k++) S.raw.phi.push(phi[k]!);
  }
  // Top three, ties in arrival order.
  if (S.top === 3 && s <= S.topS[2]!) return;
  let at = S.top < 3 ? S.top : 2;
  while (at > 0 && S.topS[at - 1]! < s) {
    S.topS[at] = S.topS[at - 1]!;
    S.topA[at] = S.topA[at - 1]!;
    S.topB[at] = S.topB[at - 1]!;
    at--;
  }
  S.topS[at] = s;
  S.topA[at] = a;
  S.topB[at] = b;
  if (S.top < 3) S.top++;
}

export function judgeTortured(text: Text, model: ContextModel, related: RelatedCandidates, slots: Slots, weights: TorturedWeights, collect = false): TorturedJudgement[] {
  const out: TorturedJudgement[] = [];
  const { facts, ctx, left: leftIdx, right: rightIdx, swappable } = slots;
  const wp = weights.pair;
  let S: Search | null = null;
  for (const i of text.words) {
    if (swappable[i] === 0) continue;
    const j = rightIdx[i]!;
    if (j < 0 || swappable[j] === 0) continue;
    const f1 = facts[i]!;
    const f2 = facts[j]!;
    const h1 = related.head(f1.w);
    const h2 = related.head(f2.w);
    // Only noun phrases (a modifier and a noun): the phrases spinners torture are terms, and the
    // other unlisted pairs of running text (verb and object, clause boundaries) are many and plain.
    if (!h2.noun || !h1.modifier) continue;
    const mid0 = model.conditionalFacts(f1, f2);
    if (model.lastSeen) continue;
    // Two words close in meaning ("wheat futures", "wholesale broadband") make a phrase English may
    // well use: swapped phrases are pairs of words from unrelated senses (cosine under 0.3 for all
    // but a handful of the tune half's). Skipping them saves the candidate search on many pairs.
    const cohesion0 = related.cosRows(h1.row, h2.row);
    if (cohesion0 >= MAX_COHESION) continue;
    const r1 = related.info(f1.w);
    const r2 = related.info(f2.w);
    if (r1.words.length === 0 && r2.words.length === 0) continue;
    const c1 = related.facts(r1, model);
    const c2 = related.facts(r2, model);
    const li = leftIdx[i]!;
    const ri = rightIdx[j]!;
    const l = li < 0 ? null : ctx[li]!;
    const r = ri < 0 ? null : ctx[ri]!;
    S ??= {
      model, related, w: weights.candidate, r1, r2, l, r, own1: 0, own2: 0, mid0, p1: 0, p2: 0, cohesion0: 0, phi: new Float64Array(NC), count: 0,
      topA: new Int32Array(3), topB: new Int32Array(3), topS: new Float64Array(3), top: 0, raw: null,
      leftCache: new Float64Array(MAX_RELATED), rightCache: new Float64Array(MAX_RELATED),
    };
    S.r1 = r1;
    S.r2 = r2;
    S.l = l;
    S.r = r;
    S.own1 = leftOf(model, l, f1);
    S.own2 = rightOf(model, f2, r);
    S.mid0 = mid0;
    S.p1 = logPrior(f1.uni);
    S.p2 = logPrior(f2.uni);
    S.cohesion0 = cohesion0;
    S.count = 0;
    S.top = 0;
    S.leftCache.fill(NaN);
    S.rightCache.fill(NaN);
    S.raw = collect ? { phi: [], words: [] } : null;
    // Word 1 replaced, word 2 kept; then word 2 replaced. Productivity: of the nearest candidates
    // of each word, the share that English pairs with the other word as it stands.
    let productiveLeft = 0;
    let triedLeft = 0;
    for (let k = 0; k < c1.length; k++) {
      const mid = model.conditionalFacts(c1[k]!, f2);
      const near = r1.cosRank[k]! < PRODUCTIVE;
      if (near) triedLeft++;
      if (!model.lastSeen) continue;
      if (near) productiveLeft++;
      consider(S, k, -1, c1[k]!, f2, mid);
    }
    let productiveRight = 0;
    let triedRight = 0;
    for (let k = 0; k < c2.length; k++) {
      const mid = model.conditionalFacts(f1, c2[k]!);
      const near = r2.cosRank[k]! < PRODUCTIVE;
      if (near) triedRight++;
      if (!model.lastSeen) continue;
      if (near) productiveRight++;
      consider(S, -1, k, f1, c2[k]!, mid);
    }
    const n1 = Math.min(BOTH, c1.length);
    const n2 = Math.min(BOTH, c2.length);
    for (let u = 0; u < n1; u++) {
      const a = r1.byCos[u]!;
      for (let v = 0; v < n2; v++) {
        const b = r2.byCos[v]!;
        const mid = model.conditionalFacts(c1[a]!, c2[b]!);
        if (!model.lastSeen) continue;
        consider(S, a, b, c1[a]!, c2[b]!, mid);
      }
    }
    if (S.count === 0) continue;
    const psi = new Float64Array(NP);
    psi[0] = S.cohesion0;
    psi[1] = mid0;
    psi[2] = 1; // every judged pair is a noun phrase now; the slot keeps the features' layout
    psi[3] = triedRight ? productiveRight / triedRight : 0;
    psi[4] = triedLeft ? productiveLeft / triedLeft : 0;
    psi[5] = Math.min(S.p1, S.p2);
    psi[6] = Math.log1p(S.count);
    psi[7] = (l !== null ? 1 : 0) + (r !== null ? 1 : 0);
    let s0 = weights.bias;
    for (let k = 0; k < NP; k++) s0 += (wp[k]!.w * (psi[k]! - wp[k]!.mean)) / wp[k]!.sd;
    const best: TorturedCandidate[] = [];
    for (let q = 0; q < S.top; q++) {
      const a = S.topA[q]!;
      const b = S.topB[q]!;
      best.push({ words: [a < 0 ? f1.w : c1[a]!.w, b < 0 ? f2.w : c2[b]!.w], score: S.topS[q]! });
    }
    const raw = S.raw;
    out.push({
      first: i, second: j, words: [f1.w, f2.w], margin: best[0]!.score - s0, best,
      ...(raw ? { raw: { candidates: raw.words, phi: Float64Array.from(raw.phi), psi } } : {}),
    });
  }
  return out;
}

export interface TorturedFinding {
  first: number;
  last: number;
  /** The restored phrase of each of the three best readings (one per fired pair, merged). */
  suggestions: string[];
  margin: number;
}

/**
 * Fired pairs as phrases: a pair fires at `threshold`; two fired pairs that share a word and agree
 * on it (both keep it, or both restore it to the same word) become one three-word phrase. A pair
 * that overlaps a stronger fired pair otherwise is dropped.
 */
export function torturedPhrases(judged: readonly TorturedJudgement[], threshold: number): TorturedFinding[] {
  const fired = judged.filter((j) => j.margin >= threshold);
  const out: TorturedFinding[] = [];
  for (let k = 0; k < fired.length; k++) {
    const a = fired[k]!;
    const b = fired[k + 1];
    if (b !== undefined && b.first === a.second && a.best[0]!.words[1] === b.best[0]!.words[0]) {
      const merged = (x: TorturedCandidate, y: TorturedCandidate) => `${x.words[0]} ${x.words[1]} ${y.words[1]}`;
      const suggestions = [merged(a.best[0]!, b.best[0]!)];
      for (const x of a.best.slice(1)) if (x.words[1] === b.best[0]!.words[0]) suggestions.push(merged(x, b.best[0]!));
      for (const y of b.best.slice(1)) if (y.words[0] === a.best[0]!.words[1]) suggestions.push(merged(a.best[0]!, y));
      out.push({ first: a.first, last: b.second, suggestions: suggestions.slice(0, 3), margin: Math.max(a.margin, b.margin) });
      k++;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.last >= a.first) {
      if (prev.margin >= a.margin) continue;
      out.pop();
    }
    if (b !== undefined && b.first === a.second && b.margin > a.margin) continue;
    out.push({ first: a.first, last: a.second, suggestions: a.best.map((x) => x.words.join(" ")), margin: a.margin });
  }
  return out;
}
