// Neighbours of a word as the context model sees them (`slotsOf`): the adjacent word on each side
// within the sentence, skipping tokenizer debris (a stray comma the spinner inserted is not
// context), and none across real punctuation (a bigram never spans "word, word").
import type { Text, Token } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { isContentWord } from "./candidates.js";
import type { WordFact } from "./lm.js";

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

/**
 * What the scorers need to know about each word token, looked up once per text: the hot loops
 * then index typed arrays instead of walking tokens and hashing strings for every candidate.
 * Indexed by token number; entries of tokens that are not in `text.words` stay empty.
 */
export interface Slots {
  /** The model's facts of each word's norm (tokens of `text.words`). */
  facts: (WordFact | undefined)[];
  /** The same facts where the word is context for the model (`countForm`), else null. */
  ctx: (WordFact | null)[];
  /** Token number of the left / right context word, or -1. */
  left: Int32Array;
  right: Int32Array;
  /** 1 when `isSwappable`. */
  swappable: Uint8Array;
}

export function slotsOf(text: Text, lexicon: Lexicon, model: { word(w: string): WordFact }): Slots {
  const n = text.tokens.length;
  const s: Slots = {
    facts: new Array<WordFact | undefined>(n).fill(undefined), ctx: new Array<WordFact | null>(n).fill(null),
    left: new Int32Array(n).fill(-1), right: new Int32Array(n).fill(-1), swappable: new Uint8Array(n),
  };
  // Neighbours in one pass: debris is skipped, any other non-word token breaks the context, and
  // sentences are contiguous, so the last word seen is the left neighbour when it shares the
  // sentence; the right neighbour is the inverse relation.
  let last = -1;
  for (const t of text.tokens) {
    if (t.debris) continue;
    if (t.kind !== "word") {
      last = -1;
      continue;
    }
    if (last >= 0 && text.tokens[last]!.sentence === t.sentence) {
      s.left[t.i] = last;
      s.right[last] = t.i;
    }
    last = t.i;
  }
  for (const i of text.words) {
    const t = text.tokens[i]!;
    const fact = model.word(t.norm);
    s.facts[i] = fact;
    // A counting form is the norm itself.
    if (countForm(t) !== null) s.ctx[i] = fact;
    if (isSwappable(text, lexicon, t)) s.swappable[i] = 1;
  }
  return s;
}
