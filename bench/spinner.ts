// Evaluation-only spinner (not a user command): makes spun variants of real articles the way
// article spinners do, so the intrinsic detector can be measured against known replacements.
// - Swaps a share (`rate`, of content words) for a WordNet synonym of any sense, chosen uniformly:
//   spinners do not disambiguate, which is why their output reads oddly ("hostile land").
// - Keeps the inflection (a past tense becomes the synonym's past tense) and the capital of a
//   sentence start; single-word synonyms only.
// - Optionally leaves tokenizer debris: split contractions, spaces before punctuation and inside
//   brackets, commas inside phrases.
// - Seeded, so a variant is reproducible; records every replacement with offsets into the output.
// It shares inflect.ts with the detector (both need English inflection); it does not share the
// detector's candidate lists, context model or thresholds.
import type { Lexicon, PartOfSpeech } from "../src/lexicon/types.js";
import { analyzeText } from "../src/text/index.js";
import { formOf, inflect } from "../src/intrinsic/inflect.js";

export interface Replacement {
  start: number;
  end: number;
  original: string;
  replacement: string;
}

export interface DebrisEdit {
  start: number;
  end: number;
  kind: "split-contraction" | "space-before-punct" | "space-inside-brackets" | "comma-in-phrase";
}

export interface SpunText {
  text: string;
  replacements: Replacement[];
  debris: DebrisEdit[];
  /** Content words in the input (the base of `rate`). */
  contentWords: number;
}

export interface SpinOptions {
  /** Share of content words to replace, 0..1. */
  rate: number;
  debris?: boolean;
  seed: number;
}

/** mulberry32: a small, seedable PRNG (Math.random cannot be seeded). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POS: PartOfSpeech[] = ["n", "v", "a", "r"];

/** Every single-word synonym of `word` over all its senses, in the word's own form. */
export function spinChoices(lexicon: Lexicon, word: string): string[] {
  const out = new Set<string>();
  for (const pos of POS) {
    for (const lemma of lexicon.lemmas(word, pos)) {
      const form = formOf(word, lemma);
      if (form === null) continue;
      for (const syn of lexicon.synonyms(lemma, pos)) {
        if (!/^[a-z]+$/.test(syn)) continue;
        const w = inflect(lexicon, syn, form, pos);
        if (w !== null && w !== word) out.add(w);
      }
    }
  }
  return [...out];
}

const CONTRACTION = /^(\p{L}+)(n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;
const PHRASE_COMMA_AFTER = new Set(["to", "and", "in", "the", "of"]);

export function spin(source: string, lexicon: Lexicon, options: SpinOptions): SpunText {
  const rand = rng(options.seed);
  const text = analyzeText(source);
  // Content words: lower-case alphabetic non-function words, plus capitalised sentence starts.
  const eligible: { i: number; choices: string[] }[] = [];
  let contentWords = 0;
  const firstOfSentence = new Set<number>();
  for (const s of text.sentences) {
    for (let k = s.first; k < s.last; k++) if (text.tokens[k]!.kind === "word") { firstOfSentence.add(k); break; }
  }
  for (const i of text.words) {
    const t = text.tokens[i]!;
    if (t.kind !== "word" || !/^[a-z]{3,}$/.test(t.norm) || lexicon.isStopword(t.norm)) continue;
    const lower = t.raw === t.norm;
    const capStart = firstOfSentence.has(i) && t.raw === t.norm[0]!.toUpperCase() + t.norm.slice(1);
    if (!lower && !capStart) continue;
    contentWords++;
    const choices = spinChoices(lexicon, t.norm);
    if (choices.length > 0) eligible.push({ i, choices });
  }
  // Choose ceil(rate * content words) of the eligible ones (Fisher-Yates prefix).
  const want = Math.min(eligible.length, Math.round(options.rate * contentWords));
  for (let k = 0; k < want; k++) {
    const j = k + Math.floor(rand() * (eligible.length - k));
    [eligible[k], eligible[j]] = [eligible[j]!, eligible[k]!];
  }
  const swap = new Map<number, string>();
  for (const e of eligible.slice(0, want)) swap.set(e.i, e.choices[Math.floor(rand() * e.choices.length)]!);

  const replacements: Replacement[] = [];
  const debris: DebrisEdit[] = [];
  let out = "";
  let pos = 0;
  const p = options.debris ? 1 : 0;
  for (const t of text.tokens) {
    let gap = source.slice(pos, t.start);
    // space-before-punct: "word ," / "word ." where the original had none.
    if (p && gap === "" && (t.raw === "," || t.raw === ".") && rand() < 0.25) {
      debris.push({ start: out.length, end: out.length + 2, kind: "space-before-punct" });
      gap = " ";
    }
    const prev = text.tokens[t.i - 1];
    if (p && gap === "" && prev && (prev.raw === "(" || t.raw === ")") && rand() < 0.5) {
      debris.push({ start: out.length - 1, end: out.length + 2, kind: "space-inside-brackets" });
      gap = " ";
    }
    // comma-in-phrase: "to , end".
    if (p && prev && PHRASE_COMMA_AFTER.has(prev.norm) && gap === " " && t.kind === "word" && rand() < 0.03) {
      debris.push({ start: out.length, end: out.length + 3, kind: "comma-in-phrase" });
      gap = " , ";
    }
    out += gap;
    pos = t.end;
    const sub = swap.get(t.i);
    if (sub !== undefined) {
      const rep = t.raw[0] !== t.norm[0] ? sub[0]!.toUpperCase() + sub.slice(1) : sub;
      replacements.push({ start: out.length, end: out.length + rep.length, original: t.raw, replacement: rep });
      out += rep;
      continue;
    }
    const m = p ? CONTRACTION.exec(t.raw) : null;
    if (m && rand() < 0.7) {
      debris.push({ start: out.length, end: out.length + t.raw.length + 1, kind: "split-contraction" });
      out += `${m[1]} ${m[2]}`;
      continue;
    }
    out += t.raw;
  }
  out += source.slice(pos);
  return { text: out, replacements, debris, contentWords };
}
