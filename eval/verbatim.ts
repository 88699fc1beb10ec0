// An independent test of copying for the retrieval evaluation, deliberately not unspin's aligner:
// two texts share a copied passage when they share several distinct runs of eight words verbatim
// (lower-cased letters and digits). Eight words in the same order do not recur by chance between
// independent documents (outside boilerplate), so this proves copying where it fires; it misses
// obfuscated copies, which keeps it conservative.
//
// Used for "filtered" ranks, as in the filtered setting of link-prediction evaluation (Bordes
// et al., 2013): pan13/pairs.tsv in ../shared/data lists only part of each suspect's sources, so
// a listed source ranked below unlisted sources that are proven copies is not a retrieval error.
export const RUN_WORDS = 8;
export const MIN_SHARED_RUNS = 3;

export function wordRuns(text: string, k = RUN_WORDS): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const runs = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) runs.add(words.slice(i, i + k).join(" "));
  return runs;
}

/** Whether the two run sets share at least `min` runs. */
export function provenCopy(a: ReadonlySet<string>, b: ReadonlySet<string>, min = MIN_SHARED_RUNS): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const r of small) if (large.has(r) && ++n >= min) return true;
  return false;
}
