// Posting keys are 64-bit integers in SQLite (and strings of them in Redis). Fingerprints may
// hand over numbers (safe integers) or bigints (full 64-bit hashes, signed or unsigned); all
// are mapped to one signed 64-bit value so the same hash always finds the same postings.

const MIN = -(2n ** 63n);
const MAX_UNSIGNED = 2n ** 64n - 1n;

export function toKey(k: number | bigint): bigint {
  if (typeof k === "number") {
    if (!Number.isSafeInteger(k)) throw new RangeError(`posting key ${k} is not a safe integer`);
    return BigInt(k);
  }
  if (k < MIN || k > MAX_UNSIGNED) throw new RangeError(`posting key ${k} does not fit in 64 bits`);
  return BigInt.asIntN(64, k);
}

/** Distinct keys, as signed 64-bit bigints. */
export function distinctKeys(keys: readonly (number | bigint)[]): bigint[] {
  const seen = new Set<bigint>();
  for (const k of keys) seen.add(toKey(k));
  return [...seen];
}
