// Deterministic development/test split: FNV-1a (32 bit) of a grouping key, even -> dev, odd ->
// test. PAN13 pairs are grouped by suspicious document, Clough-Stevenson rewrites by participant
// (g0pA, ...), so one document's or one writer's items never fall on both sides.
export type Split = "dev" | "test";

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitOf(key: string): Split {
  return fnv1a(key) % 2 === 0 ? "dev" : "test";
}
