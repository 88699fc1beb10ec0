// Source tracing for one suspect, in two pure steps around the store's I/O: `suspectKeys`
// gives the keys to look up; `alignCandidates` aligns the fetched candidate documents and keeps
// as sources only those with aligned passages (the report then keeps only real copies, not
// topical neighbours that merely share keys).
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { analyzeText } from "../text/index.js";
import { alignTexts, type AlignOptions } from "../align/index.js";
import { buildUnits } from "../align/units.js";
import { fingerprint } from "../fingerprint/index.js";
import type { SourceInput } from "../report/build.js";

export interface CandidateDocument {
  id: string;
  url?: string;
  title?: string;
  text: string;
}

export function suspectKeys(suspect: Text, lexicon: Lexicon): number[] {
  return fingerprint(buildUnits(suspect, lexicon), lexicon).keys;
}

export function alignCandidates(suspect: Text, docs: readonly CandidateDocument[], lexicon: Lexicon, options?: Partial<AlignOptions>): SourceInput[] {
  const sources: SourceInput[] = [];
  for (const d of docs) {
    const text = analyzeText(d.text);
    const alignment = alignTexts(suspect, text, lexicon, options);
    if (alignment.passages.length === 0) continue;
    sources.push({ id: d.id, ...(d.url ? { url: d.url } : {}), ...(d.title ? { title: d.title } : {}), text, alignment });
  }
  return sources;
}
