// British and American spellings of one word. The context models (CMU's US-English language
// model, the SymSpell counts) are American: "sceptical", "favourite" or "finalised" score as rare
// words next to "skeptical", "favorite", "finalized", and the source-free detector would flag good
// British prose as spun. A word is taken as British when the US spelling dictionary lacks it but
// holds the form one of these regular rewrites makes; only those pairs are mapped, so "four" (a
// US word) never becomes "for".

/** Suffix and stem rewrites from British to American spelling, tried in order. */
const RULES: readonly [RegExp, string][] = [
  [/our(s|ed|ing|ite|ites|able|ably|ful|less|hood|hoods|er|ers)?$/, "or$1"], // colour, favourite, neighbourhood
  [/is(e|es|ed|ing|ation|ations|er|ers)$/, "iz$1"], // finalised, organisation
  [/ys(e|es|ed|ing)$/, "yz$1"], // analyse
  [/tre(s)?$/, "ter$1"], // centre, theatre
  [/ence(s)?$/, "ense$1"], // defence, licence
  [/ogue(s)?$/, "og$1"], // catalogue
  [/ll(ed|ing|er|ers)$/, "l$1"], // travelled, cancelling
  [/^scept/, "skept"], // sceptical
  [/amme(s)?$/, "am$1"], // programme
  [/^grey/, "gray"],
  [/aemia$/, "emia"], // anaemia
  [/oe(?=\w*(?:tic|nomic|phag))/, "e"], // oesophagus-like stems
];

/**
 * The American spelling of a British-spelt word, or undefined. `isUsWord` answers for the US
 * spelling dictionary (Hunspell en_US).
 */
export function americanSpelling(word: string, isUsWord: (w: string) => boolean): string | undefined {
  if (word.length < 4 || !/^[a-z]+$/.test(word) || isUsWord(word)) return undefined;
  for (const [from, to] of RULES) {
    if (!from.test(word)) continue;
    const us = word.replace(from, to);
    if (us !== word && isUsWord(us)) return us;
  }
  return undefined;
}
