// What the rest of unspin may ask of English. Implementations load lazily; every method is
// synchronous and cheap after load (alignment calls them in hot loops).

export type PartOfSpeech = "n" | "v" | "a" | "r";

/** How two words relate, strongest first. `null` from `relation` means unrelated. */
export type WordRelation =
  | "same" // identical normalised form
  | "inflection" // share a base form (said / says, country / countries)
  | "synonym" // share a WordNet synset
  | "antonym" // WordNet antonym, including through adjective similar-to clusters
  | "similar" // adjective similar-to / also-see neighbours
  | "hypernym" // a is a kind of b, or b of a (one or two steps)
  | "derivation"; // derivationally related forms (decide / decision)

/** A base form related to a word (Lexicon.related) and how. */
export interface RelatedLemma {
  lemma: string;
  /** Shares a synset; a similar-to / also-see / verb-group neighbour; a hypernym; a derived form or pertainym. */
  kind: "synonym" | "similar" | "hypernym" | "derived";
}

export interface Lexicon {
  /** Base forms of a word by WordNet's morphology (rules + exception lists), lower-cased. Always includes the word itself when it is in WordNet; empty for unknown words. */
  lemmas(word: string, pos?: PartOfSpeech): string[];
  /** Numeric synset ids (unique across parts of speech) for every base form of the word. */
  synsets(word: string, pos?: PartOfSpeech): readonly number[];
  /** Relation between two words (lower-cased normal forms), or null. Symmetric except hypernym direction does not matter. */
  relation(a: string, b: string): WordRelation | null;
  /** Synonyms of a word (other lemmas of its synsets), most frequent sense first, lower-cased, no duplicates. */
  synonyms(word: string, pos?: PartOfSpeech): string[];
  /** Antonyms, including through similar-to clusters for adjectives. */
  antonyms(word: string): string[];
  /**
   * Base forms related to any sense of the word, closest first: synonyms, similar-to / also-see /
   * verb-group neighbours (adjective clusters included), hypernyms one step up, derivationally
   * related forms and pertainyms; lower-cased, no duplicates, the word's own bases left out.
   * Optional: lexicons that know no relations may omit it.
   */
  related?(word: string): readonly RelatedLemma[];
  /** True for English words: in WordNet (via morphology), the spelling dictionary, or the frequency list. */
  isWord(word: string): boolean;
  /**
   * The American spelling of a British-spelt word ("sceptical" -> "skeptical"), or undefined
   * (also for words that are the same in both). The context models are American (variants.ts).
   */
  americanSpelling(word: string): string | undefined;
  /** Corpus count of a lower-cased word in the SymSpell unigram list (0 when absent). */
  unigram(word: string): number;
  /** Corpus count of a lower-cased bigram in the SymSpell bigram list (0 when absent). */
  bigram(a: string, b: string): number;
  /** Position of a word in the SymSpell unigram list (-1 when absent), the key of `bigramIds`. */
  frequencyId(word: string): number;
  /** `bigram` by `frequencyId` positions (0 when either is -1 or the pair is unlisted). */
  bigramIds(a: number, b: number): number;
  /** Likely corrections of a non-word, best first (edit distance <= 2, ranked by frequency). */
  corrections(word: string, max?: number): string[];
  /** True when the word is a function word (determiner, preposition, pronoun, auxiliary, conjunction). */
  isStopword(word: string): boolean;
}
