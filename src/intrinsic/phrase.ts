// phrase-restoration: two adjacent words each swapped for a synonym ("media band" for "media
// group" is one swap; "press band" for "media group" is two). Single-word scoring cannot see such
// a pair, because each word's neighbour is itself a replacement. Here every pair of candidates is
// tried jointly, and a pair fires only when English uses the candidate pair as a bigram while the
// observed pair is absent: the bigram is the evidence, not the words' frequencies.
import type { Text } from "../text/types.js";
import type { Candidates } from "./candidates.js";
import type { ContextModel } from "./lm.js";
import { countForm, leftWord, rightWord } from "./context.js";

/** Candidates tried per word: 8 x 8 pairs keeps the search cheap (>= 1 MB/s overall). */
const PER_WORD = 8;

export interface PhraseJudgement {
  first: number;
  second: number;
  words: [string, string];
  delta: number;
  best: { words: [string, string]; logp: number }[];
}

export function judgePhrases(text: Text, model: ContextModel, cands: Candidates, swappable: (i: number) => boolean): PhraseJudgement[] {
  const out: PhraseJudgement[] = [];
  for (const i of text.words) {
    if (!swappable(i)) continue;
    const b = rightWord(text, i);
    if (!b || !swappable(b.i)) continue;
    const w1 = text.tokens[i]!.norm;
    const w2 = b.norm;
    model.conditional(w1, w2);
    if (model.lastSeen) continue;
    // Candidate lists with their unigram counts (memoised together), so the 8 x 8 loop does no
    // count lookups, and each candidate's outer context is scored once, not once per pair.
    const i1 = cands.info(w1);
    const i2 = cands.info(w2);
    const n1 = Math.min(PER_WORD, i1.words.length);
    const n2 = Math.min(PER_WORD, i2.words.length);
    if (n1 === 0 || n2 === 0) continue;
    const l = countForm(leftWord(text, i));
    const r = countForm(rightWord(text, b.i));
    const left = (x: string): number => (l !== null ? model.conditional(l, x) : Math.log(Math.max(model.unigram(x), 2000) / 5.4e11));
    const right = (y: string): number => (r !== null ? model.conditional(y, r) : 0);
    const own = left(w1) + model.conditional(w1, w2) + right(w2);
    const lefts = new Float64Array(n1);
    for (let a = 0; a < n1; a++) lefts[a] = left(i1.words[a]!);
    const rights = new Float64Array(n2);
    for (let c = 0; c < n2; c++) rights[c] = right(i2.words[c]!);
    const found: { words: [string, string]; logp: number }[] = [];
    for (let a = 0; a < n1; a++) {
      const x = i1.words[a]!;
      const cx = i1.counts[a]!;
      for (let c = 0; c < n2; c++) {
        const y = i2.words[c]!;
        // The candidate pair must itself be attested: that bigram is the evidence.
        const mid = model.conditionalCounts(x, cx, y, i2.counts[c]!);
        if (!model.lastSeen) continue;
        found.push({ words: [x, y], logp: lefts[a]! + mid + rights[c]! });
      }
    }
    if (found.length === 0) continue;
    found.sort((p, q) => q.logp - p.logp);
    out.push({ first: i, second: b.i, words: [w1, w2], delta: found[0]!.logp - own, best: found.slice(0, 3) });
  }
  return out;
}
