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
import { logPrior, type ContextModel, type SideEvidence } from "./lm.js";
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
  const k = 1 - priorWeight;
  const ownScore = own.logp - k * own.prior;
  // The three best by adjusted score, ties in list order (what a stable sort's first three are),
  // without copying and sorting every candidate: most words have many, and only three are kept.
  const top: Scored[] = [];
  for (const c of competing) {
    const v = c.logp - k * c.prior;
    if (top.length === TOP && v <= top[TOP - 1]!.logp) continue;
    let at = top.length < TOP ? top.length : TOP - 1;
    while (at > 0 && top[at - 1]!.logp < v) at--;
    if (top.length === TOP) top.pop();
    top.splice(at, 0, { ...c, logp: v });
  }
  return { delta: top.length > 0 ? Math.max(0, top[0]!.logp - ownScore) : 0, best: top };
}
const TOP = 3;

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
  const ev: SideEvidence = { seen: 0, sides: 0, leftSeen: false };
  const { ctx, left, right } = slots;
  for (const i of text.words) {
    const t = text.tokens[i]!;
    if (slots.swappable[i] === 0 || (counts.get(t.norm) ?? 0) >= REPEATED) continue;
    // A swappable word's norm is its counting form: its fact is its context fact too.
    const fact = slots.facts[i]!;
    const info = (fact.info ??= cands.info(t.norm));
    const list = info.words;
    if (list.length === 0) continue;
    const li = left[i]!;
    const ri = right[i]!;
    const l = li < 0 ? null : ctx[li]!;
    const r = ri < 0 ? null : ctx[ri]!;
    if (l === null && r === null) continue;
    const ownLogp = model.scoreFacts(l, fact, r, ev);
    const own = { logp: ownLogp, prior: logPrior(fact.uni), seen: ev.seen, sides: ev.sides };
    // Attested on every side: no candidate can have more evidence, so nothing can fire.
    if (own.seen === own.sides) {
      out.push({ token: i, word: t.norm, delta: 0, best: [], seen: own.seen, sides: own.sides, own, competing: [], shift: undefined });
      continue;
    }
    const scored: Scored[] = [];
    const facts = model.candidateFacts(info);
    const fanout = cands.logFanout(info);
    // Attested on one of two sides: a candidate counts only when attested on both, so the side the
    // word itself lacks is looked up first and a miss there skips the other (same scores).
    const both = l !== null && r !== null && own.seen === 1;
    const lackingLeft = both && !ev.leftSeen;
    for (let k = 0; k < list.length; k++) {
      const s = list[k]!;
      if (abbreviates(t.norm, s)) continue;
      let logp: number;
      if (both) {
        const x = facts[k]!;
        const first = lackingLeft ? model.conditionalFacts(l, x) : model.conditionalFacts(x, r);
        if (!model.lastSeen) continue;
        const second = lackingLeft ? model.conditionalFacts(x, r) : model.conditionalFacts(l, x);
        if (!model.lastSeen) continue;
        logp = lackingLeft ? first + second : second + first;
        ev.seen = 2;
      } else {
        logp = model.scoreFacts(l, facts[k]!, r, ev);
      }
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
