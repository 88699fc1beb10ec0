// What the index stores for one article, computed without I/O: its fingerprint keys and the
// corpus n-gram counts it contributes (word unigrams and bigrams, lower case, within sentences),
// which the source-free detector uses as context statistics of the indexed corpus.
import type { Lexicon } from "../lexicon/types.js";
import type { Text } from "../text/types.js";
import type { Article } from "../ingest/types.js";
import { analyzeText } from "../text/index.js";
import { buildUnits } from "../align/units.js";
import { fingerprint } from "../fingerprint/index.js";

export interface PreparedDocument {
  article: Article;
  keys: number[];
  /** n-gram ("w" or "w1 w2") -> count in this article. */
  ngrams: Map<string, number>;
}

export function prepareDocument(article: Article, lexicon: Lexicon, options: { ngrams?: boolean } = {}): PreparedDocument {
  const text = analyzeText(article.text);
  const units = buildUnits(text, lexicon);
  const { keys } = fingerprint(units, lexicon);
  return { article, keys, ngrams: options.ngrams !== false ? documentNgrams(text) : new Map() };
}

/** The corpus n-gram counts of one text: word unigrams and bigrams, lower case, within sentences. */
export function documentNgrams(text: Text): Map<string, number> {
  const ngrams = new Map<string, number>();
  const add = (k: string) => ngrams.set(k, (ngrams.get(k) ?? 0) + 1);
  for (let i = 0; i < text.words.length; i++) {
    const t = text.tokens[text.words[i]!]!;
    if (t.kind !== "word") continue;
    add(t.norm);
    const next = text.tokens[text.words[i + 1] ?? -1];
    if (next && next.kind === "word" && next.sentence === t.sentence && next.i === t.i + 1) add(`${t.norm} ${next.norm}`);
  }
  return ngrams;
}
