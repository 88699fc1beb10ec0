// phrase-restoration: two adjacent words each swapped for a synonym ("clime change" for "climate
// change" is one swap; "clime modification" for "climate change" is two). Single-word scoring cannot see such
// a pair, because each word's neighbour is itself a replacement. Here every pair of candidates is
// tried jointly, and a pair fires only when English uses the candidate pair as a bigram while the
// observed pair is absent: the bigram is the evidence, not the words' frequencies.
import type { Text } from "../text/types.js";
import type { Candidates } from "./candidates.js";
import type { ContextModel, WordFact } from "./lm.js";
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
  const { facts, ctx, left: leftOf, right: rightOf, swappable } = slots;
  for (const i of text.words) {
    if (swappable[i] === 0) continue;
    const bi = rightOf[i]!;
    if (bi < 0 || swappable[bi] === 0) continue;
    // Swappable words' norms are their counting forms: their facts are their context facts.
    const f1 = facts[i]!;
    const f2 = facts[bi]!;
    const mid0 = model.conditionalFacts(f1, f2);
    if (model.lastSeen) continue;
    // Candidate lists with their facts (memoised together), so the 8 x 8 loop does no lookups,
    // and each candidate's outer context is scored once, not once per pair.
    const i1 = (f1.info ??= cands.info(f1.w));
    const i2 = (f2.info ??= cands.info(f2.w));
    const n1 = Math.min(PER_WORD, i1.words.length);
    const n2 = Math.min(PER_WORD, i2.words.length);
    if (n1 === 0 || n2 === 0) continue;
    const c1 = model.candidateFacts(i1);
    const c2 = model.candidateFacts(i2);
    const li = leftOf[i]!;
    const ri = rightOf[bi]!;
    const l = li < 0 ? null : ctx[li]!;
    const r = ri < 0 ? null : ctx[ri]!;
    const left = (x: WordFact): number => (l !== null ? model.conditionalFacts(l, x) : Math.log(Math.max(x.uni, 2000) / 5.4e11));
    const right = (y: WordFact): number => (r !== null ? model.conditionalFacts(y, r) : 0);
    const own = left(f1) + mid0 + right(f2);
    const lefts = new Float64Array(n1);
    for (let a = 0; a < n1; a++) lefts[a] = left(c1[a]!);
    const rights = new Float64Array(n2);
    for (let c = 0; c < n2; c++) rights[c] = right(c2[c]!);
    const found: { words: [string, string]; logp: number }[] = [];
    for (let a = 0; a < n1; a++) {
      const x = c1[a]!;
      for (let c = 0; c < n2; c++) {
        const y = c2[c]!;
        // The candidate pair must itself be attested: that bigram is the evidence.
        const mid = model.conditionalFacts(x, y);
        if (!model.lastSeen) continue;
        found.push({ words: [x.w, y.w], logp: lefts[a]! + mid + rights[c]! });
      }
    }
    if (found.length === 0) continue;
    found.sort((p, q) => q.logp - p.logp);
    out.push({ first: i, second: bi, words: [f1.w, f2.w], delta: found[0]!.logp - own, best: found.slice(0, 3) });
  }
  return out;
}
