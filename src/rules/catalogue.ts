// The one catalogue of rule ids. Every finding unspin reports names one of these rules; the
// README's rule list is generated from this table (`npm run docs:rules`), so it is the only place
// a rule is described.

export type Severity = "info" | "warning" | "error";

export interface RuleSpec {
  id: string;
  /** Which stage emits it: alignment against a source, or source-free (intrinsic) analysis. */
  stage: "align" | "intrinsic" | "text";
  severity: Severity;
  description: string;
  /** A short example, source -> suspect (or just the suspect text for intrinsic rules). */
  example: string;
  /** Highlight colour in the HTML report and the web page (a light background; text stays dark). */
  color: string;
  /**
   * What the finding weighs in a verdict: `meaning` edits make any copy a spun copy (a copy that
   * changes what the source says); `evidence` findings can carry a source-free likely-spun
   * verdict on their own; `context` findings are listed but carry no verdict.
   */
  weight: "meaning" | "edit" | "evidence" | "context";
}

export const RULES = [
  { id: "inflection", stage: "align", severity: "info", description: "Same word in another inflected form.", example: "said -> says", color: "#e8f0fe", weight: "edit" },
  { id: "synonym-swap", stage: "align", severity: "warning", description: "A word replaced by a WordNet synonym (shares a synset).", example: "conflict -> battle", color: "#fff3b0", weight: "edit" },
  { id: "related-word", stage: "align", severity: "warning", description: "A word replaced by a WordNet-related word (hypernym, hyponym, similar adjective, derivation).", example: "state -> condition", color: "#ffe0a3", weight: "edit" },
  { id: "paraphrase", stage: "align", severity: "warning", description: "A multi-word replacement not explained by a word-for-word relation.", example: "put an end to -> stop", color: "#ffd0a8", weight: "edit" },
  { id: "meaning-flip", stage: "align", severity: "error", description: "A word replaced by its antonym, or a negation added or removed.", example: "conservative -> liberal; will -> will not", color: "#ffb3b3", weight: "meaning" },
  { id: "number-changed", stage: "align", severity: "error", description: "A number differs between source and suspect.", example: "2019 -> 2018", color: "#ff9e9e", weight: "meaning" },
  { id: "name-changed", stage: "align", severity: "error", description: "A proper name differs between source and suspect.", example: "Reilly -> Riley", color: "#ffaaa0", weight: "meaning" },
  { id: "quote-altered", stage: "align", severity: "error", description: "A non-verbatim edit inside a quotation.", example: "\"a fair deal for workers\" -> \"a just bargain for workers\"", color: "#f6c6ff", weight: "meaning" },
  { id: "quote-invented", stage: "align", severity: "error", description: "Reported speech in the source turned into a direct quotation in the suspect.", example: "he said the talks would go on -> he said, \"the talks will go on\"", color: "#e9a6ff", weight: "meaning" },
  { id: "reordered", stage: "align", severity: "info", description: "A block of words or a passage moved to another place.", example: "in June, he said -> he said in June", color: "#c8e6ff", weight: "edit" },
  { id: "inserted", stage: "align", severity: "info", description: "Words in the suspect with no counterpart in the source.", example: " -> very", color: "#c9f2c9", weight: "edit" },
  { id: "deleted", stage: "align", severity: "info", description: "Words of the source left out of the suspect.", example: "publicly -> ", color: "#e0e0e0", weight: "edit" },
  { id: "misspelling", stage: "align", severity: "warning", description: "A non-word standing where the source has a word.", example: "unpredictability -> unpredictableness", color: "#ffd6e7", weight: "edit" },
  { id: "tokenizer-artifact", stage: "text", severity: "warning", description: "Debris of a tokenizer: split contractions, space before punctuation, commas inside phrases, doubled spaces.", example: "do n't; Q&, A; to , end", color: "#d9d2ff", weight: "evidence" },
  { id: "quote-mark-anomaly", stage: "text", severity: "warning", description: "A quotation mark pointing the wrong way or left unbalanced.", example: "he said,” we are", color: "#d2c2ff", weight: "context" },
  { id: "non-word", stage: "intrinsic", severity: "warning", description: "A token that is no English word; the suggestion is its most likely correction.", example: "recieve (receive)", color: "#ffd6e7", weight: "evidence" },
  { id: "odd-collocation", stage: "intrinsic", severity: "warning", description: "A word improbable in its context while a WordNet synonym of it is far more probable there; the suggestion is that synonym.", example: "rush hour -> hurry hour (rush)", color: "#fff0c2", weight: "evidence" },
  { id: "phrase-restoration", stage: "intrinsic", severity: "warning", description: "Several adjacent words each swapped for a synonym; the suggestion restores the phrase.", example: "climate change -> clime modification (climate change)", color: "#ffe7b3", weight: "evidence" },
  { id: "tortured-phrase", stage: "intrinsic", severity: "warning", description: "Two or three adjacent words that English does not use together, while a phrase of words related to them (WordNet synonyms, similar or broader words, derived forms) is a common collocation: a thesaurus swap inside a fixed phrase. The suggestion restores the phrase.", example: "heart attack -> heart onslaught (heart attack)", color: "#f7d4b5", weight: "evidence" },
] as const satisfies readonly RuleSpec[];

export type RuleId = (typeof RULES)[number]["id"];

const BY_ID = new Map<string, RuleSpec>(RULES.map((r) => [r.id, r]));

export function ruleSpec(id: RuleId): RuleSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`unknown rule id ${id}`);
  return spec;
}
