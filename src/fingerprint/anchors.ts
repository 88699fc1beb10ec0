// Spin-robust anchors: the words a spinner leaves alone, because it has nothing to swap them
// for (DSpin's "immutables"): names, numbers, and words with no WordNet synonym. Their order
// survives spinning, so pairs of consecutive anchors are shingles a spun copy shares with its
// source. Pairs are unordered (spinners and PAN's random obfuscation shuffle nearby words) and
// skip-one pairs are added so that one dropped or misspelt anchor does not break the chain.
import type { Lexicon } from "../lexicon/types.js";
import type { Unit } from "../align/units.js";
import { hash53 } from "./hash.js";

const immutableCache = new WeakMap<Lexicon, Map<string, boolean>>();

/** True when a spinner has no synonym to put in this word's place. */
export function isImmutable(unit: Unit, lexicon: Lexicon): boolean {
  if (unit.stop) return false;
  if (unit.number || unit.proper) return true;
  let memo = immutableCache.get(lexicon);
  if (!memo) immutableCache.set(lexicon, (memo = new Map()));
  let v = memo.get(unit.key);
  if (v === undefined) {
    // Short words without synonyms are mostly function-like ("also", "just"): too common to anchor.
    v = unit.key.length > 3 && lexicon.synonyms(unit.key).length === 0;
    memo.set(unit.key, v);
  }
  return v;
}

export function anchorWords(units: Unit[], lexicon: Lexicon, at?: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (!isImmutable(u, lexicon)) continue;
    out.push(u.number ? u.norm.replace(/[,.](?=\d{3}\b)/g, "") : u.key);
    at?.push(i);
  }
  return out;
}

/**
 * Unordered pairs of consecutive anchors, plus skip-one pairs, as 53-bit keys. With `positions`
 * (and `at`, the unit index of each anchor), records where in the text each key first occurs.
 */
export function anchorKeys(anchors: string[], positions?: Map<number, number>, at?: readonly number[]): number[] {
  const keys = new Set<number>();
  const pair = (a: string, b: string) => (a === b ? null : a < b ? `a${a}\u0001${b}` : `a${b}\u0001${a}`);
  const add = (p: string | null, i: number) => {
    if (!p) return;
    const k = hash53(p);
    keys.add(k);
    if (positions && !positions.has(k)) positions.set(k, at?.[i] ?? i);
  };
  for (let i = 0; i + 1 < anchors.length; i++) {
    add(pair(anchors[i]!, anchors[i + 1]!), i);
    if (i + 2 < anchors.length) add(pair(anchors[i]!, anchors[i + 2]!), i);
  }
  return [...keys];
}
