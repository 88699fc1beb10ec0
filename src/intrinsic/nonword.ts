// non-word: a token that is no English word. Spinners produce them by gluing suffixes onto the
// wrong stem ("comfortableity") and by mangling during detokenisation. Names, acronyms,
// numbers, URLs, handles and words with digits are no evidence: only lower-case alphabetic
// tokens are judged, and only those the spelling corrector can repair (an unknown word with no
// near neighbour is more likely jargon than a spinner's slip).
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";

/**
 * Longest token judged: "counterrevolutionaries" has 22 letters, a spinner's slip
 * ("comfortableity") is a word plus a few letters.
 */
export const MAX_WORD_LENGTH = 40;

export interface NonWord {
  token: number;
  suggestions: string[];
}

/** `facts[i]`, when the caller has looked token i up already: a listed word (unigram count > 0) is a word. */
export function findNonWords(text: Text, lexicon: Lexicon, counts: Map<string, number>, facts?: readonly ({ uni: number } | undefined)[]): NonWord[] {
  const out: NonWord[] = [];
  for (const i of text.words) {
    const t = text.tokens[i]!;
    if (t.kind !== "word" || t.raw !== t.norm) continue;
    // Hyphenated compounds ("pre-tax") are coined freely by writers and rarely by spinners.
    // Short unknown tokens are mostly abbreviations ("capex"); slips of spinners and typists are longer.
    // A very long one is no word at all (a run of letters, a pasted hash): no spinner makes it,
    // and the lookups below would cost time in proportion to its length.
    if (t.norm.length < 6 || t.norm.length > MAX_WORD_LENGTH || !/^[a-z]+$/.test(t.norm)) continue;
    // Hyphenated or apostrophe compounds are words when their parts are; isWord checks that.
    if ((facts?.[i]?.uni ?? 0) > 0 || lexicon.isWord(t.norm)) continue;
    // An unknown token used twice is the text's own vocabulary (an abbreviation, a term of the
    // trade): spinner slips are one-offs.
    if ((counts.get(t.norm) ?? 0) >= 2) continue;
    // A word inside a URL or e-mail address (x.com/foo) is no prose.
    const before = text.source[t.start - 1] ?? " ";
    const after = text.source[t.end] ?? " ";
    if (/[/@.:_]/.test(before) && !/\s/.test(before)) continue;
    if (/[/@_]/.test(after)) continue;
    if (isCompound(lexicon, t.norm)) continue;
    if (inWordNetPhrase(text, lexicon, i)) continue;
    const suggestions = lexicon.corrections(t.norm, 3);
    if (suggestions.length === 0) continue;
    out.push({ token: i, suggestions });
  }
  return out;
}

/**
 * A word of a foreign phrase English has borrowed ("fait accompli", "sine qua non") is no word on
 * its own but is right in the phrase: WordNet lists such phrases as multi-word lemmas.
 */
function inWordNetPhrase(text: Text, lexicon: Lexicon, i: number): boolean {
  const k = text.words.indexOf(i);
  const w = (j: number) => (j >= 0 && j < text.words.length ? text.tokens[text.words[j]!]!.norm : undefined);
  for (const [from, to] of [[k - 1, k], [k, k + 1], [k - 2, k], [k - 1, k + 1], [k, k + 2]] as const) {
    const parts: string[] = [];
    for (let j = from; j <= to; j++) parts.push(w(j) ?? "");
    if (parts.every(Boolean) && lexicon.synsets(parts.join("_")).length > 0) return true;
  }
  return false;
}

/**
 * "eurozone", "backhaul": two known words run together are a coinage, not a slip. A known word
 * plus a suffix ("comfortableity") is not a compound and stays a candidate: that is exactly
 * how a spinner's morphology goes wrong.
 */
export function isCompound(lexicon: Lexicon, w: string): boolean {
  // Every split slices and hashes both parts: quadratic in the length, hence the bound (a
  // 200,000-letter token took 148 s).
  if (w.length > MAX_WORD_LENGTH) return false;
  for (let k = 3; k <= w.length - 3; k++) {
    const a = w.slice(0, k);
    const b = w.slice(k);
    if (lexicon.unigram(a) > 0 && lexicon.unigram(b) > 0 && lexicon.isWord(a) && lexicon.isWord(b) && !SUFFIXES.has(b)) return true;
  }
  return false;
}

const SUFFIXES = new Set(["ity", "ness", "ment", "tion", "ion", "able", "ible", "ing", "ized", "ised", "ism", "ist", "ful", "less", "ous", "ive", "ally", "ence", "ance"]);
