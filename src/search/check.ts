// Source tracing for one suspect: fingerprint it, fetch candidates from the index, align the
// best of them, and keep as sources only those the suspect was really copied from (a passage
// alignment whose pair verdict is a copy), not topical neighbours that merely share keys.
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import { analyzeText } from "../text/index.js";
import { alignTexts, type AlignOptions } from "../align/index.js";
import { buildUnits } from "../align/units.js";
import { fingerprint } from "../fingerprint/index.js";
import { findCandidates, DEFAULT_CANDIDATES, type CandidateOptions, type PostingsSource } from "./candidates.js";
import type { SourceInput } from "../report/build.js";

export interface StoredDocument {
  /** Internal numeric id used in postings. */
  doc: number;
  /** Stable public id (content hash). */
  id: string;
  url?: string;
  title?: string;
  text: string;
}

export interface IndexReader extends PostingsSource {
  documents(docs: readonly number[]): StoredDocument[];
}

export interface TraceOptions {
  candidates: CandidateOptions;
  /** How many of the ranked candidates are aligned. */
  align: number;
  alignOptions?: Partial<AlignOptions>;
}

export const DEFAULT_TRACE: TraceOptions = { candidates: DEFAULT_CANDIDATES, align: 5 };

export interface Trace {
  suspect: Text;
  sources: SourceInput[];
  candidates: number;
}

export function traceSources(suspect: Text, index: IndexReader, lexicon: Lexicon, options: TraceOptions = DEFAULT_TRACE): Trace {
  const units = buildUnits(suspect, lexicon);
  const { keys } = fingerprint(units, lexicon);
  const ranked = findCandidates(keys, index, options.candidates);
  const docs = index.documents(ranked.slice(0, options.align).map((c) => c.doc));
  const sources: SourceInput[] = [];
  for (const d of docs) {
    const text = analyzeText(d.text);
    const alignment = alignTexts(suspect, text, lexicon, options.alignOptions);
    if (alignment.passages.length === 0) continue;
    sources.push({ id: d.id, ...(d.url ? { url: d.url } : {}), ...(d.title ? { title: d.title } : {}), text, alignment });
  }
  return { suspect, sources, candidates: ranked.length };
}
