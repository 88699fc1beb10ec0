// Ordered chain of rare words: the evidence for a copy whose words were shuffled within sentences
// but whose sentences kept their order (PAN's random obfuscation: shuffling, insertion, deletion
// and synonym swaps, word by word). Its verbatim runs are gone and its aligned passage is thin,
// but the rare words (names, numbers, uncommon words) of the copied stretch still come in the
// source's order, a few words apart on both sides. Two texts on one subject share rare words too,
// in no particular order: their longest such chain stays short.
//
// `orderedChain` matches every suspect word of weight >= `minWeight` whose base form occurs at most
// `maxOccurrences` times in each text (a word repeated all over a text pins down no place; of a
// name of several words only the first is matched, so a name is one link of the chain), and
// returns the heaviest chain of matches increasing on both sides with at most `gap` units between
// consecutive matches on either side. Pure; dynamic programming over the matches, each looking back
// at most `gap` suspect units, so the cost is bounded by the matches times `gap`.
import type { Unit } from "../align/index.js";

export interface ChainOptions {
  /** Most units between two consecutive words of the chain, on either side. */
  gap: number;
  /** Words lighter than this are not matched. */
  minWeight: number;
  /** A base form occurring more often than this in either text is not matched. */
  maxOccurrences: number;
}

export const DEFAULT_CHAIN: ChainOptions = { gap: 40, minWeight: 0.3, maxOccurrences: 2 };

export interface OrderedChain {
  /** Summed weight of the chain's words. */
  weight: number;
  /** Words in the chain. */
  length: number;
  /** Unit ranges [start, end) from the chain's first to last word, in suspect and source. */
  suspect: { start: number; end: number };
  source: { start: number; end: number };
}

export function orderedChain(sus: readonly Unit[], src: readonly Unit[], weightOf: (u: Unit) => number, o: ChainOptions = DEFAULT_CHAIN): OrderedChain | null {
  const at = new Map<string, number[]>();
  for (let j = 0; j < src.length; j++) {
    if (src[j]!.stop) continue;
    const list = at.get(src[j]!.key);
    if (list) list.push(j);
    else at.set(src[j]!.key, [j]);
  }
  const inSuspect = new Map<string, number>();
  for (const u of sus) if (!u.stop) inSuspect.set(u.key, (inSuspect.get(u.key) ?? 0) + 1);
  // Matches [suspect unit, source unit, weight], in suspect order.
  const ms: number[] = [];
  const ws: number[] = [];
  const mo: number[] = [];
  for (let i = 0; i < sus.length; i++) {
    const u = sus[i]!;
    if (u.stop || inSuspect.get(u.key)! > o.maxOccurrences) continue;
    // A name of several words is one link: its own word order ("Marsh Lane") is no evidence.
    if (u.proper && i > 0 && sus[i - 1]!.proper) continue;
    const list = at.get(u.key);
    if (!list || list.length > o.maxOccurrences) continue;
    const w = weightOf(u);
    if (w < o.minWeight) continue;
    for (const j of list) {
      ms.push(i);
      mo.push(j);
      ws.push(w);
    }
  }
  const n = ms.length;
  if (n === 0) return null;
  const best = new Float64Array(n);
  const prev = new Int32Array(n).fill(-1);
  let top = 0;
  for (let a = 0; a < n; a++) {
    best[a] = ws[a]!;
    for (let b = a - 1; b >= 0 && ms[a]! - ms[b]! <= o.gap; b--) {
      if (ms[b]! < ms[a]! && mo[b]! < mo[a]! && mo[a]! - mo[b]! <= o.gap && best[b]! + ws[a]! > best[a]!) {
        best[a] = best[b]! + ws[a]!;
        prev[a] = b;
      }
    }
    if (best[a]! > best[top]!) top = a;
  }
  let first = top;
  let length = 1;
  while (prev[first]! >= 0) {
    first = prev[first]!;
    length++;
  }
  return {
    weight: best[top]!,
    length,
    suspect: { start: ms[first]!, end: ms[top]! + 1 },
    source: { start: mo[first]!, end: mo[top]! + 1 },
  };
}
