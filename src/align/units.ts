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
  /** WordNet synset ids of the word (shared, memoised array; empty for numbers and function words). */
  synsets: readonly number[];
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
  if (!norm.includes("'")) return [norm];
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

// Units of a text are asked for again and again (check aligns one suspect with several
// candidates), and word facts repeat across texts: both are memoised.
const unitCache = new WeakMap<Text, { lexicon: Lexicon; units: Unit[] }>();
interface WordFacts {
  stop: boolean;
  key: string;
  synsets: readonly number[];
}
const wordFacts = new WeakMap<Lexicon, Map<string, WordFacts>>();
const NONE: readonly number[] = Object.freeze([]);

function factsOf(part: string, lexicon: Lexicon): WordFacts {
  let memo = wordFacts.get(lexicon);
  if (!memo) wordFacts.set(lexicon, (memo = new Map()));
  let f = memo.get(part);
  if (!f) {
    const stop = lexicon.isStopword(part);
    f = { stop, key: stop ? part : keyOf(part, lexicon), synsets: stop ? NONE : lexicon.synsets(part) };
    memo.set(part, f);
  }
  return f;
}

/** The units of a text (memoised per text and lexicon; callers must not modify the array). */
export function buildUnits(text: Text, lexicon: Lexicon): Unit[] {
  const cached = unitCache.get(text);
  if (cached && cached.lexicon === lexicon) return cached.units;
  const units = computeUnits(text, lexicon);
  unitCache.set(text, { lexicon, units });
  return units;
}

function computeUnits(text: Text, lexicon: Lexicon): Unit[] {
  const units: Unit[] = [];
  for (const ti of text.words) {
    const t = text.tokens[ti]!;
    const isNumber = t.kind === "number";
    const sentenceStart = text.sentences[t.sentence]?.first === ti || text.tokens[ti - 1]?.kind === "punct" && /["“”(]/.test(text.tokens[ti - 1]!.raw);
    const proper = !isNumber && /^\p{Lu}/u.test(t.raw) && (!sentenceStart || !lexicon.isWord(t.norm));
    for (const part of isNumber ? [t.norm] : expandContraction(t.norm)) {
      const facts = isNumber ? { stop: false, key: part, synsets: NONE } : factsOf(part, lexicon);
      const { stop, key, synsets } = facts;
      units.push({ token: ti, norm: part, key, stop, number: isNumber, proper: proper && !stop, sentence: t.sentence, quote: t.quote, synsets });
    }
  }
  return units;
}

function keyOf(word: string, lexicon: Lexicon): string {
  const possessive = word.endsWith("'s") ? word.slice(0, -2) : word;
  const lemmas = lexicon.lemmas(possessive);
  return lemmas[0] ?? possessive;
}
