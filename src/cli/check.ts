// `unspin check FILE|FOLDER|-`: one report per input article. Inputs are read by ingest (so HTML
// pages, feeds and WARCs work too); offsets in a report refer to the article text extracted
// from the input, which for plain text files is the file's text itself.
import { existsSync } from "node:fs";
import { readArticles } from "../ingest/readArticles.js";
import { openIndexStore, type IndexStore } from "../store/index.js";
import { UnspinError } from "../errors.js";
import type { Unspin, IndexSource } from "../unspin.js";
import type { Report } from "../report/schema.js";
import { CorpusCounter } from "../store/corpus.js";

export interface CheckedInput {
  input: string;
  report: Report;
  text: string;
  sources: Map<string, string>;
}

export interface CheckOutcome {
  /** Articles checked (each was handed to `onReport`, which keeps what it needs). */
  checked: number;
  /** Inputs that could not be read, with the reason. */
  failed: { input: string; reason: string }[];
}

/**
 * Opens the index for reading. An index named explicitly must exist; the default one may be
 * missing, and then only source-free evidence is reported.
 */
export async function openForCheck(indexPath: string, explicit: boolean): Promise<IndexStore | null> {
  if (!existsSync(indexPath)) {
    if (explicit) throw new UnspinError("INDEX_MISSING", `no index at ${indexPath}`, "build one with `unspin add PATH... --index FILE`, or leave out --index");
    return null;
  }
  return openIndexStore(indexPath, { readonly: true });
}

export interface CheckInputsOptions {
  /** Fetch the texts of the sources found (only the HTML report shows them side by side). */
  sourceTexts: boolean;
}

export async function checkInputs(unspin: Unspin, store: IndexStore | null, inputs: string[], options: CheckInputsOptions, onReport: (c: CheckedInput) => Promise<void>): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { checked: 0, failed: [] };
  // The store is the index source itself (postings, postingNumbers, documentIds, getDocuments).
  const source: IndexSource | null = store;
  // Corpus n-gram counts of the index sharpen the source-free detector when there are enough.
  const counter = store ? await CorpusCounter.load(store) : null;
  const corpus = counter && counter.tokens > 0 ? counter.counts() : undefined;
  for (const input of inputs) {
    let articles = 0;
    const skips: string[] = [];
    for await (const ev of readArticles([input])) {
      if (ev.kind === "skip") {
        skips.push(`${ev.input}${ev.record ? ` [${ev.record}]` : ""}: ${ev.reason}`);
        continue;
      }
      articles++;
      const name = ev.record ? `${ev.input}#${ev.record}` : ev.input;
      const opts = { input: name, ...(corpus ? { corpus } : {}) };
      const report = source ? await unspin.check(ev.article.text, source, opts) : unspin.intrinsic(ev.article.text, opts);
      const docs = store && options.sourceTexts && report.sources.length ? await store.getDocuments(report.sources.map((s) => s.id)) : [];
      outcome.checked++;
      await onReport({ input: name, report, text: ev.article.text, sources: new Map(docs.map((d) => [d.id, d.text])) });
    }
    for (const s of skips) outcome.failed.push({ input, reason: s });
    if (articles === 0 && skips.length === 0) outcome.failed.push({ input, reason: `${input}: no article found` });
  }
  return outcome;
}
