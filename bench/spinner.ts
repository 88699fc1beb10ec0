// Evaluation-only spinner (not a user command): makes spun variants of real articles the way
// article spinners do, so the intrinsic detector can be measured against known replacements.
// - Swaps a share (`rate`, of content words) for a WordNet synonym of any sense: spinners do not
//   disambiguate, which is why their output reads oddly ("clime modification"). `choice: "uniform"` picks
//   among the synonyms evenly (rare and odd ones as often as common ones); `choice: "frequent"`
//   picks in proportion to the synonym's corpus frequency, as spinners whose dictionaries list
//   common words do. The second is harder to detect: its picks are ordinary words.
// - Keeps the inflection (a past tense becomes the synonym's past tense) and the capital of a
//   sentence start; single-word synonyms only.
// - Optionally leaves tokenizer debris. `debris: true` (the "heavy" profile): split contractions,
//   spaces before punctuation and inside brackets, commas inside phrases, all at high rates.
//   `debris: "pipeline"`: what a tokenize -> spin -> naive detokenize round trip leaves, lighter and
//   more regular: every n't split off ("do n't"), brackets spaced on both sides, an opening quote
//   turned round and glued to the word before it (`said," we`), and a rare comma inside a phrase.
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
  kind: "split-contraction" | "space-before-punct" | "space-inside-brackets" | "comma-in-phrase" | "turned-quote";
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
  debris?: boolean | "pipeline";
  /** How a synonym is chosen among the candidates (default "uniform"). */
  choice?: "uniform" | "frequent";
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
  const pick = options.choice === "frequent" ? (c: string[]) => weightedPick(c, lexicon, rand) : (c: string[]) => c[Math.floor(rand() * c.length)]!;
  for (const e of eligible.slice(0, want)) swap.set(e.i, pick(e.choices));
  if (options.debris === "pipeline") return { ...detokenize(source, text, swap, rand), contentWords };

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
    const m = sub === undefined && p ? CONTRACTION.exec(t.raw) : null;
    out = emit(out, t, sub, m && rand() < 0.7 ? m : null, replacements, debris);
  }
  out += source.slice(pos);
  return { text: out, replacements, debris, contentWords };
}

/** Appends a token: its synonym (recorded), its contraction split in two (`split`, recorded), or itself. */
function emit(out: string, t: { raw: string; norm: string }, sub: string | undefined, split: RegExpExecArray | null, replacements: Replacement[], debris: DebrisEdit[]): string {
  if (sub !== undefined) {
    const rep = t.raw[0] !== t.norm[0] ? sub[0]!.toUpperCase() + sub.slice(1) : sub;
    replacements.push({ start: out.length, end: out.length + rep.length, original: t.raw, replacement: rep });
    return out + rep;
  }
  if (split) {
    debris.push({ start: out.length, end: out.length + t.raw.length + 1, kind: "split-contraction" });
    return `${out}${split[1]} ${split[2]}`;
  }
  return out + t.raw;
}

/** A synonym drawn in proportion to its corpus frequency (add-one, so unlisted words remain possible). */
function weightedPick(choices: string[], lexicon: Lexicon, rand: () => number): string {
  const w = choices.map((c) => lexicon.unigram(c) + 1);
  let r = rand() * w.reduce((a, b) => a + b, 0);
  for (let k = 0; k < choices.length; k++) {
    r -= w[k]!;
    if (r < 0) return choices[k]!;
  }
  return choices[choices.length - 1]!;
}

const NT = /^(\p{L}+)(n['’]t)$/iu;
const OPEN_QUOTE = /^[“"]$/;

/**
 * The "pipeline" debris profile: the text is tokenized (n't split off as its own token, brackets
 * and quotes as tokens), words are swapped, and the tokens are joined by a detokenizer that knows
 * only the usual cases. What it gets wrong is what real spinner output shows: "do n't", "( 2023 )",
 * an opening quote taken for a closing one (`said," we`), and now and then a comma left inside a
 * phrase where a spintax alternative was dropped (`to , end`).
 */
function detokenize(source: string, text: ReturnType<typeof analyzeText>, swap: Map<number, string>, rand: () => number): Omit<SpunText, "contentWords"> {
  const replacements: Replacement[] = [];
  const debris: DebrisEdit[] = [];
  let out = "";
  let pos = 0;
  const tokens = text.tokens;
  for (const t of tokens) {
    let gap = source.slice(pos, t.start);
    const prev = tokens[t.i - 1];
    const next = tokens[t.i + 1];
    if (gap === "" && prev && (prev.raw === "(" || prev.raw === "[")) {
      debris.push({ start: out.length - 1, end: out.length + 1, kind: "space-inside-brackets" });
      gap = " ";
    } else if (gap === "" && (t.raw === ")" || t.raw === "]")) {
      debris.push({ start: out.length, end: out.length + 2, kind: "space-inside-brackets" });
      gap = " ";
    }
    // An opening quote after a space, before a word: the detokenizer glues it to the left.
    if (OPEN_QUOTE.test(t.raw) && prev && / $/.test(gap) && next && next.start === t.end && next.kind === "word" && rand() < 0.5) {
      const mark = t.raw === "“" ? "”" : t.raw;
      debris.push({ start: out.length, end: out.length + 2, kind: "turned-quote" });
      out += `${mark} `;
      pos = next!.start;
      continue;
    }
    if (prev && PHRASE_COMMA_AFTER.has(prev.norm) && gap === " " && t.kind === "word" && rand() < 0.02) {
      debris.push({ start: out.length, end: out.length + 3, kind: "comma-in-phrase" });
      gap = " , ";
    }
    out += gap;
    pos = t.end;
    const sub = swap.get(t.i);
    // "can't" tokenizes as "ca n't", "won't" as "wo n't": the host keeps its letters.
    out = emit(out, t, sub, sub === undefined ? NT.exec(t.raw) : null, replacements, debris);
  }
  out += source.slice(pos);
  return { text: out, replacements, debris };
}
