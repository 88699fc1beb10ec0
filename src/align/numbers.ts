// The value of a number as a word of the text says it: "48", "1,200", "3.5", "six", "sixteen",
// "twenty-five", "dozen". Spinners and doctored copies change figures written in words as readily
// as in digits ("six percent" -> "sixteen percent"); the edit must then read as a changed number,
// not as a WordNet relation between two words. Single words only (the aligner pairs words), so a
// table of the cardinal words is all it takes; ordinals ("first") are left out, since they mostly
// mean order, not quantity.

const SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const WORDS = new Map<string, number>([
  ...SMALL.map((w, i) => [w, i] as [string, number]),
  ...TENS.flatMap((w, i) => (w ? [[w, i * 10] as [string, number]] : [])),
  ["dozen", 12],
  ["hundred", 100],
  ["thousand", 1_000],
  ["million", 1_000_000],
  ["billion", 1_000_000_000],
  ["trillion", 1_000_000_000_000],
]);

/** The value of a lower-cased word written as a number (digits or a cardinal word), else undefined. */
export function numberValue(norm: string): number | undefined {
  if (/^\d[\d,]*(\.\d+)?$/.test(norm)) {
    const v = Number(norm.replace(/,/g, ""));
    return Number.isFinite(v) ? v : undefined;
  }
  const word = WORDS.get(norm);
  if (word !== undefined) return word;
  // "twenty-five"
  const m = /^([a-z]+)-([a-z]+)$/.exec(norm);
  const tens = m ? WORDS.get(m[1]!) : undefined;
  const unit = m ? WORDS.get(m[2]!) : undefined;
  return tens !== undefined && unit !== undefined && tens >= 20 && tens % 10 === 0 && tens < 100 && unit > 0 && unit < 10 ? tens + unit : undefined;
}
