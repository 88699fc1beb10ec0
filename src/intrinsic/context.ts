// Neighbours of a word as the context model sees them: the adjacent word on each side within the
// sentence, skipping tokenizer debris (a stray comma the spinner inserted is not context), and
// none across real punctuation (a bigram never spans "word, word").
import type { Text, Token } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { isContentWord } from "./candidates.js";

function neighbour(text: Text, i: number, step: 1 | -1): Token | null {
  const t = text.tokens[i]!;
  for (let k = i + step; k >= 0 && k < text.tokens.length; k += step) {
    const n = text.tokens[k]!;
    if (n.sentence !== t.sentence) return null;
    if (n.debris) continue;
    return n.kind === "word" ? n : null;
  }
  return null;
}

export function leftWord(text: Text, i: number): Token | null {
  return neighbour(text, i, -1);
}
export function rightWord(text: Text, i: number): Token | null {
  return neighbour(text, i, 1);
}

/** Lower-case form used for counting; words with digits or odd characters have no counts. */
export function countForm(t: Token | null): string | null {
  return t && /^[a-z][a-z']*$/.test(t.norm) ? t.norm : null;
}

/**
 * True for a token that may be a spinner's swap: a content word in lower case, or the capitalised
 * first word of a sentence (spinners swap those too; names elsewhere are never candidates).
 */
export function isSwappable(text: Text, lexicon: Lexicon, t: Token): boolean {
  if (t.kind !== "word" || t.debris) return false;
  if (isContentWord(lexicon, t.raw, t.norm)) return true;
  const s = text.sentences[t.sentence];
  const first = s ? firstWordOf(text, s.first, s.last) : -1;
  return first === t.i && t.raw.length > 1 && t.raw[0]!.toLowerCase() + t.raw.slice(1) === t.norm && isContentWord(lexicon, t.norm, t.norm);
}

function firstWordOf(text: Text, first: number, last: number): number {
  for (let k = first; k < last; k++) if (text.tokens[k]!.kind === "word") return k;
  return -1;
}
