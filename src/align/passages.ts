// Passage alignment: seed, extend, filter, after the sentence-based PAN text-alignment systems
// (Sanchez-Perez et al., PAN 2014). Seeds are sentence pairs sharing enough content words, where
// words match by base form or by a shared WordNet synset so that spinning does not hide them;
// seeds close to each other in both texts are merged into passages; small or overlapping
// passages are filtered. Reordered paragraphs and stitched texts come out as separate passages.
import type { Unit } from "./units.js";

export interface PassageOptions {
  /** Minimum share of the smaller sentence's content words matched for a seed. */
  seedSimilarity: number;
  /** Minimum matched content words for a seed. */
  seedMinMatches: number;
  /** Seeds at most this many sentences apart (in both texts) join one passage. */
  maxGap: number;
  /** Passages with fewer suspect content words are dropped (unless the suspect is that short). */
  minContentWords: number;
}

export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = {
  seedSimilarity: 0.3,
  seedMinMatches: 2,
  maxGap: 3,
  minContentWords: 12,
};

/** A passage as unit index ranges [start, end) in suspect and source. */
export interface Passage {
  suspect: { start: number; end: number };
  source: { start: number; end: number };
  /** Sum of seed similarities: the strength used to resolve overlaps. */
  strength: number;
}

interface SentenceSpan {
  first: number; // unit index
  last: number; // unit index (exclusive)
  content: number; // content units
}

function sentenceSpans(units: Unit[]): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const prev = spans[spans.length - 1];
    if (!prev || units[prev.first]!.sentence !== unit.sentence) spans.push({ first: u, last: u + 1, content: 0 });
    const cur = spans[spans.length - 1]!;
    cur.last = u + 1;
    if (!unit.stop) cur.content++;
  }
  return spans;
}

export function alignPassages(suspect: Unit[], source: Unit[], options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Passage[] {
  const sSpans = sentenceSpans(suspect);
  const oSpans = sentenceSpans(source);
  if (sSpans.length === 0 || oSpans.length === 0) return [];

  // Inverted index of the source: lemma key or synset id -> source sentences holding it.
  const byKey = new Map<string, number[]>();
  const bySynset = new Map<number, number[]>();
  const add = <K>(map: Map<K, number[]>, k: K, j: number) => {
    const list = map.get(k);
    if (!list) map.set(k, [j]);
    else if (list[list.length - 1] !== j) list.push(j);
  };
  oSpans.forEach((span, j) => {
    for (let u = span.first; u < span.last; u++) {
      const unit = source[u]!;
      if (unit.stop) continue;
      add(byKey, unit.key, j);
      for (const id of unit.synsets) add(bySynset, id, j);
    }
  });

  const seeds: { i: number; j: number; sim: number }[] = [];
  const matches = new Float64Array(oSpans.length);
  const stamp = new Int32Array(oSpans.length).fill(-1);
  let unitStamp = 0;
  sSpans.forEach((span, i) => {
    matches.fill(0);
    const touched: number[] = [];
    for (let u = span.first; u < span.last; u++) {
      const unit = suspect[u]!;
      if (unit.stop) continue;
      unitStamp++;
      const hit = (j: number) => {
        if (stamp[j] === unitStamp) return;
        stamp[j] = unitStamp;
        if (matches[j] === 0) touched.push(j);
        matches[j]! += 1;
      };
      for (const j of byKey.get(unit.key) ?? []) hit(j);
      for (const id of unit.synsets) for (const j of bySynset.get(id) ?? []) hit(j);
    }
    const candidates = touched
      .map((j) => ({ i, j, m: matches[j]!, sim: matches[j]! / Math.max(1, Math.min(span.content, oSpans[j]!.content)) }))
      .filter((c) => c.m >= Math.min(options.seedMinMatches, span.content) && c.sim >= options.seedSimilarity)
      .sort((a, b) => b.sim - a.sim);
    // The three best seeds of each sentence; a cluster that a weak seed stretches too far is cut
    // back to its copied pieces after word alignment (segments.ts).
    const kept = candidates.slice(0, 3);
    for (const c of kept) seeds.push({ i: c.i, j: c.j, sim: c.sim });
  });
  if (seeds.length === 0) return [];

  // Extend: union seeds that are close in both texts.
  const parent = seeds.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)));
  for (let a = 0; a < seeds.length; a++) {
    for (let b = a + 1; b < seeds.length; b++) {
      const sa = seeds[a]!;
      const sb = seeds[b]!;
      if (sb.i - sa.i > options.maxGap) break; // seeds are in suspect order
      // Forward in the source too (a step back of one sentence is tolerated): a block that
      // jumps backwards is a reordered passage of its own, not part of this one.
      const dj = sb.j - sa.j;
      if (dj >= -1 && dj <= options.maxGap) parent[find(b)] = find(a);
    }
  }
  const clusters = new Map<number, { iMin: number; iMax: number; jMin: number; jMax: number; strength: number }>();
  seeds.forEach((s, k) => {
    const root = find(k);
    const c = clusters.get(root);
    if (!c) clusters.set(root, { iMin: s.i, iMax: s.i, jMin: s.j, jMax: s.j, strength: s.sim });
    else {
      c.iMin = Math.min(c.iMin, s.i);
      c.iMax = Math.max(c.iMax, s.i);
      c.jMin = Math.min(c.jMin, s.j);
      c.jMax = Math.max(c.jMax, s.j);
      c.strength += s.sim;
    }
  });

  // Filter: strongest first, drop passages overlapping a stronger one in the suspect, then tiny ones.
  const totalContent = sSpans.reduce((n, s) => n + s.content, 0);
  const minContent = Math.min(options.minContentWords, Math.max(1, Math.floor(totalContent / 2)));
  const kept: Passage[] = [];
  for (const c of [...clusters.values()].sort((a, b) => b.strength - a.strength)) {
    const overlaps = kept.some((p) => !(sSpans[c.iMax]!.last <= p.suspect.start || sSpans[c.iMin]!.first >= p.suspect.end));
    if (overlaps) continue;
    let content = 0;
    for (let i = c.iMin; i <= c.iMax; i++) content += sSpans[i]!.content;
    if (content < minContent) continue;
    kept.push({
      suspect: { start: sSpans[c.iMin]!.first, end: sSpans[c.iMax]!.last },
      source: { start: oSpans[c.jMin]!.first, end: oSpans[c.jMax]!.last },
      strength: c.strength,
    });
  }
  return kept.sort((a, b) => a.suspect.start - b.suspect.start);
}
