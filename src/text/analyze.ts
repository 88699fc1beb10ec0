// Builds the Text model: scan, repair debris, find quotations and sentences, then index
// tokens by sentence and quotation. Pure: a string in, plain data out.
import type { Text, Token } from "./types.js";
import { scan } from "./scan.js";
import { repairDebris } from "./debris.js";
import { findQuotations } from "./quotes.js";
import { splitSentences } from "./sentences.js";

export function analyzeText(source: string): Text {
  const { tokens: repaired, artifacts } = repairDebris(source, scan(source));
  const { quotations, artifacts: quoteArtifacts } = findQuotations(source, repaired);
  const sentences = splitSentences(source, repaired);

  // repairDebris made each token a full Token already (indices set); sentences and quotations are filled in here.
  const tokens: Token[] = repaired;
  sentences.forEach((s, si) => {
    for (let i = s.first; i < s.last; i++) tokens[i]!.sentence = si;
  });
  // Quotations do not nest here (double marks only), so each token lies in at most one.
  let q = 0;
  for (const t of tokens) {
    while (q < quotations.length && quotations[q]!.end <= t.start) q++;
    const quote = quotations[q];
    if (quote && t.start >= quote.start && t.end <= quote.end) t.quote = q;
  }
  // First and last non-punctuation token of each quotation, in one pass over the tokens (a pass
  // per quotation was quadratic on quote-heavy articles).
  const firsts = new Int32Array(quotations.length).fill(-1);
  const lasts = new Int32Array(quotations.length).fill(-1);
  for (const t of tokens) {
    if (t.quote < 0 || t.kind === "punct") continue;
    if (firsts[t.quote]! < 0) firsts[t.quote] = t.i;
    lasts[t.quote] = t.i + 1;
  }
  quotations.forEach((quote, qi) => {
    quote.first = Math.max(0, firsts[qi]!);
    quote.last = Math.max(0, lasts[qi]!);
  });

  const words = tokens.filter((t) => (t.kind === "word" || t.kind === "number") && !t.debris).map((t) => t.i);
  const allArtifacts = [...artifacts, ...quoteArtifacts].sort((a, b) => a.start - b.start);
  return { source, tokens, words, sentences, quotations, artifacts: allArtifacts };
}
