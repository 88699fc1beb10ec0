// The library factory: one object that every front end (CLI, server, scripts) calls. No I/O
// here beyond what the lexicon loader does on first use; inputs are strings, outputs plain data.
import { analyzeText } from "./text/index.js";
import type { Text } from "./text/types.js";
import type { Lexicon } from "./lexicon/types.js";
import { getLexicon } from "./lexicon/index.js";
import { alignTexts, type AlignOptions } from "./align/index.js";
import { buildReport } from "./report/build.js";
import type { Report } from "./report/schema.js";
import { DEFAULT_THRESHOLDS, type VerdictThresholds } from "./verdict/pair.js";

export interface UnspinOptions {
  /** A lexicon to use instead of the shared default (loaded lazily on first use). */
  lexicon?: Lexicon;
  align?: Partial<AlignOptions>;
  thresholds?: VerdictThresholds;
}

export interface CompareInput {
  text: string | Text;
  id?: string;
  url?: string;
  title?: string;
}

export interface Unspin {
  readonly lexicon: Lexicon;
  analyze(text: string): Text;
  /** Aligns a suspect with one source and reports verdict, passages and typed edits. */
  compare(suspect: string | Text, source: CompareInput | string, options?: { input?: string }): Report;
}

export function createUnspin(options: UnspinOptions = {}): Unspin {
  let lexicon = options.lexicon;
  const lex = () => (lexicon ??= getLexicon());
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const toText = (t: string | Text) => (typeof t === "string" ? analyzeText(t) : t);
  return {
    get lexicon() {
      return lex();
    },
    analyze: analyzeText,
    compare(suspect, source, opts = {}) {
      const src: CompareInput = typeof source === "string" ? { text: source } : source;
      const sText = toText(suspect);
      const oText = toText(src.text);
      const alignment = alignTexts(sText, oText, lex(), options.align);
      return buildReport(sText, [{ id: src.id ?? "source", ...(src.url ? { url: src.url } : {}), ...(src.title ? { title: src.title } : {}), text: oText, alignment }], {
        ...(opts.input !== undefined ? { input: opts.input } : {}),
        thresholds,
      });
    },
  };
}
