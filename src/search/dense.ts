// Dense local alignment: the evidence for a copy whose word order the spinner destroyed. PAN's
// random obfuscation shuffles, inserts, deletes and swaps words, so a copied sentence keeps few
// runs of four words and its sentence boundaries no longer line up with the source's (the passage
// aligner seeds on sentence pairs and often keeps nothing). What survives is locality: the rare
// words of a stretch of the suspect are found together in one short stretch of the source.
// Two texts on the same subject share rare words too, but spread over both texts; an
// independent article rarely holds, within a few dozen words, most of the rare words of a
// stretch of the suspect.
//
// `denseStretch` slides a window of `window` content words over the suspect; for each window it
// finds the source stretch of `window * sourceSlack` content words holding the most of the
// window's word weight (each suspect word counted once, matched by base form), and keeps the
// best window whose matched share of weight is at least `minShare`. Word weights come from the
// caller (claim.ts: rarity in general English; names and numbers count less, since every article
// about the same people repeats them). Pure and bounded: a word occurring more than
// `maxOccurrences` times in the source is not looked up (it is no rare word there).
import type { Unit } from "../align/index.js";

export interface DenseOptions {
  /** Suspect content words per window. */
  window: number;
  /** Windows start every `step` content words. */
  step: number;
  /** The source stretch is this many times the window, in source content words. */
  sourceSlack: number;
  /** Source occurrences of a word past which it is ignored. */
  maxOccurrences: number;
}

export const DEFAULT_DENSE: DenseOptions = { window: 20, step: 4, sourceSlack: 2, maxOccurrences: 8 };

export interface DenseStretch {
  /** Unit ranges [start, end) of the matched words (first to last) in suspect and source. */
  suspect: { start: number; end: number };
  source: { start: number; end: number };
  /** Summed weight of the window's words found in the source stretch. */
  weight: number;
  /** ...over the window's whole weight. */
  share: number;
  /** Suspect words of the window found in the source stretch. */
  matched: number;
}

/**
 * The best dense stretch by matched weight among windows whose matched share is at least
 * `minShare` (null when none). A suspect shorter than one window is one window.
 */
export function denseStretch(sus: readonly Unit[], src: readonly Unit[], weightOf: (u: Unit) => number, minShare: number, o: DenseOptions = DEFAULT_DENSE): DenseStretch | null {
  return denseProfile(sus, src, weightOf, [minShare], o)[0]!;
}

/**
 * The content words of both texts, for matching windows by base form: the suspect's content units
 * (`sc`), the source's (`oc`), and where each base form occurs among the source's (`at`: positions
 * in `oc`).
 */
export function contentWords(sus: readonly Unit[], src: readonly Unit[]): { sc: number[]; oc: number[]; at: Map<string, number[]> } {
  const sc: number[] = [];
  for (let u = 0; u < sus.length; u++) if (!sus[u]!.stop) sc.push(u);
  const oc: number[] = [];
  const at = new Map<string, number[]>();
  for (let u = 0; u < src.length; u++) {
    if (src[u]!.stop) continue;
    const k = src[u]!.key;
    let list = at.get(k);
    if (!list) at.set(k, (list = []));
    list.push(oc.length);
    oc.push(u);
  }
  return { sc, oc, at };
}

/** `denseStretch` for several share floors at once (one pass; the evaluation replays claim rules from it). */
export function denseProfile(sus: readonly Unit[], src: readonly Unit[], weightOf: (u: Unit) => number, floors: readonly number[], o: DenseOptions = DEFAULT_DENSE): (DenseStretch | null)[] {
  const { sc, oc, at } = contentWords(sus, src);
  const bests: (DenseStretch | null)[] = floors.map(() => null);
  if (sc.length === 0 || oc.length === 0) return bests;
  const weights = sc.map((u) => weightOf(sus[u]!));
  const hits = sc.map((u) => {
    const l = at.get(sus[u]!.key);
    return l && l.length <= o.maxOccurrences ? l : null;
  });
  const span = Math.max(1, Math.round(o.window * o.sourceSlack));
  const width = Math.min(o.window, sc.length);
  for (let a = 0; a + width <= sc.length; a += o.step) {
    // The last window ends at the suspect's end even when the step skips past it.
    if (a + o.step + width > sc.length && a + width < sc.length) a = sc.length - width;
    let total = 0;
    const pairs: [number, number][] = []; // [source content position, window index]
    for (let i = 0; i < width; i++) {
      const w = weights[a + i]!;
      total += w;
      const h = hits[a + i];
      if (!h || w <= 0) continue;
      for (const j of h) pairs.push([j, i]);
    }
    if (total <= 0 || pairs.length === 0) continue;
    pairs.sort((x, y) => x[0] - y[0]);
    const count = new Uint16Array(width);
    let sum = 0;
    let lo = 0;
    let bestHere = 0;
    let bestLo = 0;
    let bestHi = 0;
    for (let hi = 0; hi < pairs.length; hi++) {
      const [j, i] = pairs[hi]!;
      if (count[i]!++ === 0) sum += weights[a + i]!;
      while (j - pairs[lo]![0] >= span) {
        const li = pairs[lo]![1];
        if (--count[li]! === 0) sum -= weights[a + li]!;
        lo++;
      }
      if (sum > bestHere) {
        bestHere = sum;
        bestLo = lo;
        bestHi = hi;
      }
    }
    const share = bestHere / total;
    const better = floors.map((f, k) => share >= f && bestHere > (bests[k]?.weight ?? 0));
    if (!better.includes(true)) continue;
    // The stretch: matched words only, first to last, in both texts.
    const inWindow = new Set<number>();
    let sMin = Infinity;
    let sMax = -1;
    for (let k = bestLo; k <= bestHi; k++) {
      const [j, i] = pairs[k]!;
      inWindow.add(i);
      sMin = Math.min(sMin, oc[j]!);
      sMax = Math.max(sMax, oc[j]!);
    }
    const idx = [...inWindow].map((i) => sc[a + i]!);
    const found: DenseStretch = {
      suspect: { start: Math.min(...idx), end: Math.max(...idx) + 1 },
      source: { start: sMin, end: sMax + 1 },
      weight: bestHere,
      share,
      matched: inWindow.size,
    };
    for (let k = 0; k < floors.length; k++) if (better[k]) bests[k] = found;
  }
  return bests;
}
