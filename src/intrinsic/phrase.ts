// phrase-restoration: two adjacent words each swapped for a synonym ("media band" for "media
// group" is one swap; "press band" for "media group" is two). Single-word scoring cannot see such
// a pair, because each word's neighbour is itself a replacement. Here every pair of candidates is
// tried jointly, and a pair fires only when English uses the candidate pair as a bigram while the
// observed pair is absent: the bigram is the evidence, not the words' frequencies.
import type { Text } from "../text/types.js";
import type { Candidates } from "./candidates.js";
import type { ContextModel } from "./lm.js";
import type { Slots } from "./context.js";

/** Candidates tried per word: 8 x 8 pairs keeps the search cheap (>= 1 MB/s overall). */
const PER_WORD = 8;

export interface PhraseJudgement {
  first: number;
  second: number;
  words: [string, string];
  delta: number;
  best: { words: [string, string]; logp: number }[];
}

export function judgePhrases(text: Text, model: ContextModel, cands: Candidates, slots: Slots): PhraseJudgement[] {
  const out: PhraseJudgement[] = [];
  const { form, uni, lm, left: leftOf, right: rightOf, swappable } = slots;
  for (const i of text.words) {
    if (swappable[i] === 0) continue;
    const bi = rightOf[i]!;
    if (bi < 0 || swappable[bi] === 0) continue;
    // Swappable words' norms are their counting forms: their slots hold counts and ids.
    const w1 = text.tokens[i]!.norm;
    const w2 = text.tokens[bi]!.norm;
    const mid0 = model.conditionalCounts(w1, uni[i]!, w2, uni[bi]!, lm[i]!, lm[bi]!);
    if (model.lastSeen) continue;
    // Candidate lists with their unigram counts (memoised together), so the 8 x 8 loop does no
    // count lookups, and each candidate's outer context is scored once, not once per pair.
    const f1 = slots.facts[i]!;
    const f2 = slots.facts[bi]!;
    const i1 = (f1.info ??= cands.info(w1));
    const i2 = (f2.info ??= cands.info(w2));
    const n1 = Math.min(PER_WORD, i1.words.length);
    const n2 = Math.min(PER_WORD, i2.words.length);
    if (n1 === 0 || n2 === 0) continue;
    const ids1 = model.candidateIds(i1);
    const ids2 = model.candidateIds(i2);
    const li = leftOf[i]!;
    const ri = rightOf[bi]!;
    const l = li < 0 ? null : form[li]!;
    const r = ri < 0 ? null : form[ri]!;
    const left = (x: string, cx: number, xa: number): number =>
      l !== null ? model.conditionalCounts(l, uni[li]!, x, cx, lm[li]!, xa) : Math.log(Math.max(cx, 2000) / 5.4e11);
    const right = (y: string, cy: number, ya: number): number => (r !== null ? model.conditionalCounts(y, cy, r, uni[ri]!, ya, lm[ri]!) : 0);
    const own = left(w1, uni[i]!, lm[i]!) + mid0 + right(w2, uni[bi]!, lm[bi]!);
    const lefts = new Float64Array(n1);
    for (let a = 0; a < n1; a++) lefts[a] = left(i1.words[a]!, i1.counts[a]!, ids1[a]!);
    const rights = new Float64Array(n2);
    for (let c = 0; c < n2; c++) rights[c] = right(i2.words[c]!, i2.counts[c]!, ids2[c]!);
    const found: { words: [string, string]; logp: number }[] = [];
    for (let a = 0; a < n1; a++) {
      const x = i1.words[a]!;
      const cx = i1.counts[a]!;
      for (let c = 0; c < n2; c++) {
        const y = i2.words[c]!;
        // The candidate pair must itself be attested: that bigram is the evidence.
        const mid = model.conditionalCounts(x, cx, y, i2.counts[c]!, ids1[a]!, ids2[c]!);
        if (!model.lastSeen) continue;
        found.push({ words: [x, y], logp: lefts[a]! + mid + rights[c]! });
      }
    }
    if (found.length === 0) continue;
    found.sort((p, q) => q.logp - p.logp);
    out.push({ first: i, second: bi, words: [w1, w2], delta: found[0]!.logp - own, best: found.slice(0, 3) });
  }
  return out;
}
