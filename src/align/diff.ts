// Exact diff of two key sequences, as parts (equal / deleted / inserted). Patience-style
// anchoring first: keys that occur exactly once in both sequences, kept in increasing order by
// a longest increasing subsequence, split the problem into small gaps; jsdiff's Myers diff
// (bounded by maxEditLength) then runs on each gap only. This keeps long articles cheap (Myers
// alone is O((N+M)D) on the whole text) and anchors moved text on its rare words.
import { diffArrays } from "diff";

export interface Part {
  type: "eq" | "del" | "ins";
  n: number;
}

/** Below this many cells (old length x new length) Myers alone is cheap and exact: no anchoring. */
export const ANCHOR_MIN_CELLS = 40_000;

export function diffKeys(oldKeys: readonly string[], newKeys: readonly string[], maxEditLength: number): { parts: Part[]; truncated: boolean } {
  const parts: Part[] = [];
  let truncated = false;
  const push = (type: Part["type"], n: number) => {
    if (n <= 0) return;
    const last = parts[parts.length - 1];
    if (last && last.type === type) last.n += n;
    else parts.push({ type, n });
  };
  const gap = (o0: number, o1: number, n0: number, n1: number) => {
    // Common prefix and suffix need no diff.
    while (o0 < o1 && n0 < n1 && oldKeys[o0] === newKeys[n0]) {
      push("eq", 1);
      o0++;
      n0++;
    }
    let tail = 0;
    while (o1 - tail > o0 && n1 - tail > n0 && oldKeys[o1 - 1 - tail] === newKeys[n1 - 1 - tail]) tail++;
    o1 -= tail;
    n1 -= tail;
    if (o0 < o1 && n0 < n1) {
      const changes = diffArrays(oldKeys.slice(o0, o1), newKeys.slice(n0, n1), { maxEditLength });
      if (!changes) {
        truncated = true;
        push("del", o1 - o0);
        push("ins", n1 - n0);
      } else for (const c of changes) push(c.added ? "ins" : c.removed ? "del" : "eq", c.value.length);
    } else {
      push("del", o1 - o0);
      push("ins", n1 - n0);
    }
    push("eq", tail);
  };

  const anchors = oldKeys.length * newKeys.length < ANCHOR_MIN_CELLS ? [] : uniqueAnchors(oldKeys, newKeys);
  let o = 0;
  let n = 0;
  for (const [ao, an] of anchors) {
    gap(o, ao, n, an);
    push("eq", 1);
    o = ao + 1;
    n = an + 1;
  }
  gap(o, oldKeys.length, n, newKeys.length);
  return { parts, truncated };
}

/** Pairs (oldIndex, newIndex) of keys unique in both, longest run increasing in both. */
function uniqueAnchors(a: readonly string[], b: readonly string[]): [number, number][] {
  const countA = new Map<string, number>();
  for (let i = 0; i < a.length; i++) countA.set(a[i]!, countA.has(a[i]!) ? -1 : i);
  const countB = new Map<string, number>();
  for (let j = 0; j < b.length; j++) countB.set(b[j]!, countB.has(b[j]!) ? -1 : j);
  const pairs: [number, number][] = [];
  for (let j = 0; j < b.length; j++) {
    const k = b[j]!;
    const i = countA.get(k);
    // A unique word is an anchor only inside a run of two equal keys: a lone coincidence of a
    // rare word (a name mentioned twice in different places) must not pin the diff.
    const inRun = i !== undefined && i >= 0 && ((a[i + 1] !== undefined && a[i + 1] === b[j + 1]) || (i > 0 && j > 0 && a[i - 1] === b[j - 1]));
    if (inRun && countB.get(k) === j) pairs.push([i!, j]);
  }
  // pairs are in increasing j; keep the longest subsequence increasing in i (patience sorting).
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs[p]![0];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![0] < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const out: [number, number][] = [];
  for (let p = tails.length ? tails[tails.length - 1]! : -1; p >= 0; p = prev[p]!) out.push(pairs[p]!);
  return out.reverse();
}
