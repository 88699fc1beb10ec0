// Sentence boundaries over repaired tokens: a sentence ends at . ! ? (plus any closing quotes or
// brackets glued to it) when the next token starts a new sentence, and at every line break.
import type { Sentence, Token } from "./types.js";

// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt", "sgt",
  "capt", "cmdr", "adm", "rev", "hon", "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan", "feb",
  "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "e.g", "i.e",
]);

const TERMINATORS = new Set([".", "!", "?"]);
const TRAILERS = new Set(['"', "”", "’", "'", ")", "]", "»"]);

export function splitSentences(source: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const push = (last: number) => {
    if (last <= first) return;
    sentences.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last });
    first = last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    if (source.slice(t.end, next.start).includes("\n")) {
      push(i + 1);
      continue;
    }
    if (!TERMINATORS.has(t.raw)) continue;
    const prev = tokens[i - 1];
    if (t.raw === "." && prev && (ABBREVIATIONS.has(prev.norm) || /^\p{Lu}$/u.test(prev.raw)) && source[t.start - 1] !== " ") continue;
    let j = i + 1;
    while (j < tokens.length && TRAILERS.has(tokens[j]!.raw) && tokens[j]!.start === tokens[j - 1]!.end) j++;
    const after = tokens[j];
    if (!after) break;
    if (after.start === tokens[j - 1]!.end) continue; // no space: 3.5, U.S.
    if (/^[\p{Lu}\d"“”'‘([]/u.test(after.raw)) {
      push(j);
      i = j - 1;
    }
  }
  push(tokens.length);
  return sentences;
}
