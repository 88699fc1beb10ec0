// Posting keys are the fingerprint's 53-bit hashes: integers from 0 to 2^53 - 1, exact in a
// JavaScript number, an SQLite INTEGER and a Redis hash field. Anything else is refused before a
// store writes a thing, so a bad batch leaves nothing behind.

const LIMIT = 2 ** 53;

export function checkKey(k: number): number {
  if (!Number.isSafeInteger(k) || k < 0 || k >= LIMIT) throw new RangeError(`posting key ${k} is not an integer from 0 to 2^53 - 1`);
  return k;
}

/** Distinct keys, checked. */
export function distinctKeys(keys: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const k of keys) seen.add(checkKey(k));
  return [...seen];
}
