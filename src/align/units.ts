// Word units: what alignment compares. One unit per word token, except contractions, which
// expand (don't -> do + not) so that a negation added or removed by a spinner shows up as a word.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";

export interface Unit {
  /** Token index in the Text. */
  token: number;
  /** Normalised word (expanded contraction part, lower case). */
  norm: string;
  /** Base form used as the equality key of the diff (first WordNet lemma, else the word). */
  key: string;
  /** Function word (excluded from seeding, weak evidence). */
  stop: boolean;
  number: boolean;
  /** Capitalised where a common word would not be (not sentence-initial): a name. */
  proper: boolean;
  sentence: number;
  quote: number;
}

const NEGATIVE_CONTRACTIONS: Record<string, [string, string]> = {
  "won't": ["will", "not"],
  "can't": ["can", "not"],
  "shan't": ["shall", "not"],
  "ain't": ["is", "not"],
};
const CLITICS: Record<string, string> = { "'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'m": "am" };
const S_PRONOUNS = new Set(["it", "that", "he", "she", "there", "what", "who", "here", "where", "how", "let"]);

/** Splits a normalised token into the words it stands for. */
export function expandContraction(norm: string): string[] {
  // hasOwn: a word such as "constructor" must not find Object.prototype's members.
  if (Object.hasOwn(NEGATIVE_CONTRACTIONS, norm)) return NEGATIVE_CONTRACTIONS[norm]!;
  if (norm.endsWith("n't") && norm.length > 3) return [norm.slice(0, -3), "not"];
  const apos = norm.lastIndexOf("'");
  if (apos > 0) {
    const host = norm.slice(0, apos);
    const clitic = norm.slice(apos);
    const word = Object.hasOwn(CLITICS, clitic) ? CLITICS[clitic] : undefined;
    if (word) return [host, word];
    if (clitic === "'s" && S_PRONOUNS.has(host)) return [host, host === "let" ? "us" : "is"];
  }
  return [norm];
}

export function buildUnits(text: Text, lexicon: Lexicon): Unit[] {
  const units: Unit[] = [];
  for (const ti of text.words) {
    const t = text.tokens[ti]!;
    const isNumber = t.kind === "number";
    const sentenceStart = text.sentences[t.sentence]?.first === ti || text.tokens[ti - 1]?.kind === "punct" && /["“”(]/.test(text.tokens[ti - 1]!.raw);
    const proper = !isNumber && /^\p{Lu}/u.test(t.raw) && (!sentenceStart || !lexicon.isWord(t.norm));
    for (const part of isNumber ? [t.norm] : expandContraction(t.norm)) {
      const stop = !isNumber && lexicon.isStopword(part);
      const key = isNumber || stop ? part : keyOf(part, lexicon);
      units.push({ token: ti, norm: part, key, stop, number: isNumber, proper: proper && !stop, sentence: t.sentence, quote: t.quote });
    }
  }
  return units;
}

function keyOf(word: string, lexicon: Lexicon): string {
  const possessive = word.endsWith("'s") ? word.slice(0, -2) : word;
  const lemmas = lexicon.lemmas(possessive);
  return lemmas[0] ?? possessive;
}
