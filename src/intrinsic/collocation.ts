// odd-collocation: a word that its neighbours do not expect, while a WordNet synonym of it is far
// more probable in the same slot. That is the mark a thesaurus swap leaves ("heavy rain" turned
// into "weighty rain", where English says "heavy"); the synonym is the suggested original.
//
// Two guards keep rare-but-correct words quiet: the synonym must have *observed* bigram evidence
// on more sides than the word itself (absence from a list of frequent bigrams is weak evidence,
// so a win built on unigram frequency alone never fires), and the log-ratio must clear a
// threshold tuned on the development split.
import type { Text } from "../text/types.js";
import type { Candidates } from "./candidates.js";
import { logPrior, type ContextModel } from "./lm.js";
import { isSwappable, type Slots } from "./context.js";

export interface Scored {
  word: string;
  /** Context score including the noisy-channel term, at full prior weight. */
  logp: number;
  /** log P(word): the unigram part of logp, re-weighted by `priorWeight`. */
  prior: number;
  seen: number;
}

/** The judgement on one word, kept whether it fires or not (features use all of them). */
export interface WordJudgement {
  token: number;
  word: string;
  /** Best synonym minus the word, in natural log units (0 when there is no better candidate). */
  delta: number;
  /** Candidates with observed evidence, best first (top three kept for suggestions). */
  best: Scored[];
  /** Observed bigram sides of the word itself. */
  seen: number;
  sides: number;
  /** The word's own score and prior, and every competing candidate (for re-weighting). */
  own: { logp: number; prior: number };
  competing: Scored[];
  /** How much closer the best synonym is to the article than the word (cosine; coherence.ts). */
  shift?: number;
}

/**
 * Best candidates and delta at a given prior weight. score(x) = association(x) + log P(x) + const,
 * so weight 1 compares joint probabilities (a frequent synonym wins on frequency as well as on
 * context) and weight 0 compares associations only (a rare-but-correct word is not punished for
 * being rare). The weight is tuned on the development split.
 */
export function weigh(competing: readonly Scored[], own: { logp: number; prior: number }, priorWeight: number): { delta: number; best: Scored[] } {
  const adj = (x: { logp: number; prior: number }) => x.logp - (1 - priorWeight) * x.prior;
  const ownScore = adj(own);
  const ranked = competing.map((c) => ({ ...c, logp: adj(c) })).sort((a, b) => b.logp - a.logp);
  const best = ranked.slice(0, 3);
  return { delta: best.length > 0 ? Math.max(0, best[0]!.logp - ownScore) : 0, best };
}

/** A word used this often in one text is the writer's vocabulary, not a spinner's pick. */
export const REPEATED = 3;

/** How often each normalised word occurs in the text. */
export function wordCounts(text: Text): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of text.words) {
    const w = text.tokens[i]!.norm;
    m.set(w, (m.get(w) ?? 0) + 1);
  }
  return m;
}

export function judgeWords(text: Text, model: ContextModel, cands: Candidates, slots: Slots, counts: Map<string, number>, priorWeight: number): WordJudgement[] {
  const out: WordJudgement[] = [];
  const ev = { seen: 0, sides: 0 };
  const { form, uni, lm, left, right } = slots;
  for (const i of text.words) {
    const t = text.tokens[i]!;
    if (slots.swappable[i] === 0 || (counts.get(t.norm) ?? 0) >= REPEATED) continue;
    const fact = slots.facts[i]!;
    const info = (fact.info ??= cands.info(t.norm));
    const list = info.words;
    if (list.length === 0) continue;
    const li = left[i]!;
    const ri = right[i]!;
    const l = li < 0 ? null : form[li]!;
    const r = ri < 0 ? null : form[ri]!;
    if (l === null && r === null) continue;
    // A swappable word's norm is its counting form, so its slot holds its count and id.
    const cl = l === null ? 0 : uni[li]!;
    const cr = r === null ? 0 : uni[ri]!;
    const cw = uni[i]!;
    const la = l === null ? -1 : lm[li]!;
    const ra = r === null ? -1 : lm[ri]!;
    const ownLogp = model.scoreCounts(l, cl, t.norm, cw, r, cr, ev, la, lm[i]!, ra);
    const own = { logp: ownLogp, prior: logPrior(cw), seen: ev.seen, sides: ev.sides };
    // Attested on every side: no candidate can have more evidence, so nothing can fire.
    if (own.seen === own.sides) {
      out.push({ token: i, word: t.norm, delta: 0, best: [], seen: own.seen, sides: own.sides, own, competing: [], shift: undefined });
      continue;
    }
    const scored: Scored[] = [];
    const ids = model.candidateIds(info);
    const fanout = cands.logFanout(info);
    for (let k = 0; k < list.length; k++) {
      const s = list[k]!;
      if (abbreviates(t.norm, s)) continue;
      const logp = model.scoreCounts(l, cl, s, info.counts[k]!, r, cr, ev, la, ids[k]!, ra);
      // Noisy channel: a spinner that meant s had cands(s) words to choose from, so it wrote w
      // with probability about 1 / |cands(s)|; an original with many synonyms explains w less well.
      if (ev.seen > own.seen) scored.push({ word: s, logp: logp - fanout[k]!, prior: logPrior(info.counts[k]!), seen: ev.seen });
    }
    const { delta, best } = weigh(scored, own, priorWeight);
    // `shift` is set later by coherence.ts; declared here so every judgement keeps one object shape.
    out.push({ token: i, word: t.norm, delta, best, seen: own.seen, sides: own.sides, own, competing: scored, shift: undefined });
  }
  return out;
}

export { isSwappable };

/** "pct" / "percent", "govt" / "government": an abbreviation and its expansion are one word to a reader. */
function abbreviates(short: string, long: string): boolean {
  if (short.length > 4 || long.length <= short.length || short[0] !== long[0]) return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}
