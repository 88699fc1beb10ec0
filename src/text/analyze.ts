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

  const tokens: Token[] = repaired.map((t, i) => ({
    i,
    start: t.start,
    end: t.end,
    raw: t.raw,
    norm: t.norm,
    kind: t.kind,
    sentence: 0,
    quote: -1,
    debris: t.debris,
  }));
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
  quotations.forEach((quote, qi) => {
    let first = -1;
    let last = -1;
    for (const t of tokens) {
      if (t.quote !== qi || t.kind === "punct") continue;
      if (first < 0) first = t.i;
      last = t.i + 1;
    }
    quote.first = first < 0 ? 0 : first;
    quote.last = last < 0 ? 0 : last;
  });

  const words = tokens.filter((t) => (t.kind === "word" || t.kind === "number") && !t.debris).map((t) => t.i);
  const allArtifacts = [...artifacts, ...quoteArtifacts].sort((a, b) => a.start - b.start);
  return { source, tokens, words, sentences, quotations, artifacts: allArtifacts };
}
