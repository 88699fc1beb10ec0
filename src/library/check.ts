// Checking suspects against an open index. One suspect: trace it, leaving out its own document
// when it is indexed. Many inputs (files, folders, feeds, WARCs, stdin): an async stream of one
// event per article, yielded as soon as its report is ready, so a front end prints each report
// when it is done and memory stays flat however many inputs there are.
import { stat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { articleId } from "../ingest/id.js";
import { readArticles } from "../ingest/readArticles.js";
import type { Report } from "../report/schema.js";
import type { IndexStore } from "../store/types.js";
import type { CorpusCounts } from "../intrinsic/index.js";
import { wordTokens, type DocumentNgrams } from "../store/corpus.js";
import type { Unspin } from "../unspin.js";
import { clusterOf } from "./clusters.js";
import type { ArticleInput, CheckEvent, CheckInputsOptions, IndexCheckOptions } from "./types.js";

/** What a check needs of an open index (see open-index.ts). */
export interface CheckTarget {
  store: IndexStore;
  /** Corpus n-gram counts of the index, when it holds enough to help. */
  corpus: () => Promise<CorpusCounts | undefined>;
  /** Documents in the index (for the report's `searched`). */
  documents: () => Promise<number>;
}

/** The index's corpus counts less one document's own n-grams (the sketch never undercounts, so each is floored at 0). */
function withoutDocument(corpus: CorpusCounts, own: DocumentNgrams): CorpusCounts {
  return { count: (ngram) => Math.max(0, corpus.count(ngram) - (own.get(ngram.join(" ")) ?? 0)), total: Math.max(0, corpus.total - wordTokens(own)) };
}

export async function checkOne(unspin: Unspin, target: CheckTarget, suspect: string | ArticleInput, options: IndexCheckOptions = {}): Promise<Report> {
  options.signal?.throwIfAborted();
  const text = typeof suspect === "string" ? suspect : suspect.text;
  const url = options.url ?? (typeof suspect === "string" ? undefined : suspect.url);
  const published = typeof suspect === "string" ? undefined : suspect.published;
  const corpus = await target.corpus();
  const excludeSelf = options.excludeSelf ?? true;
  const ownId = articleId(text);
  const indexed = excludeSelf ? await selfInIndex(target, ownId, url) : undefined;
  // The cluster it belongs to, from the edges `clusters` stored (none before the first run). The
  // documents known to have copied it are its copies, not its sources: an original must not be
  // reported as a spun copy of its own copy.
  const cluster = indexed ? await clusterOf(target.store, indexed) : undefined;
  const copies = cluster?.copiedBy ?? [];
  // An indexed suspect's own word pairs are in the index's counts: they would vouch for its odd
  // phrases (a spun text indexed finds its own swaps common). Its document's counts are taken out
  // (the stored text is the suspect's unless the document was found by its URL).
  // The suspect is analysed once, for its own n-grams and for the check.
  const analyzed = unspin.analyze(text);
  const ownText = !corpus || !indexed ? undefined : indexed === ownId ? analyzed : (await target.store.getDocuments([indexed]))[0]?.text;
  const context = corpus && ownText !== undefined ? withoutDocument(corpus, unspin.ngrams(ownText)) : corpus;
  const report = await unspin.check(analyzed, target.store, {
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.onCandidate ? { onCandidate: options.onCandidate } : {}),
    ...(published ? { published } : {}),
    ...(context ? { corpus: context } : {}),
    ...(excludeSelf ? { exclude: { ids: new Set([...(indexed ? [indexed] : []), ...copies]), urls: new Set(url ? [url] : []) } } : {}),
  });
  const searched = { documents: await target.documents() };
  if (!indexed) return { ...report, searched };
  const notes = copies.length
    ? [...report.notes, `${copies.length} indexed document${copies.length === 1 ? " is a copy" : "s are copies"} of this article by the stored clusters (${copies.join(", ")}), so not searched as its source${copies.length === 1 ? "" : "s"}`]
    : report.notes;
  return { ...report, notes, indexed: { id: indexed }, searched, ...(cluster ? { cluster } : {}) };
}

/**
 * The indexed document that is the suspect itself: the one indexed under the suspect's URL, else
 * the one with its text, unless the suspect's URL is known and that document was never seen there:
 * the same text at another address is a word-for-word copy of it (a content farm's), which `check`
 * must report, not leave out.
 */
async function selfInIndex(target: CheckTarget, ownId: string, url: string | undefined): Promise<string | undefined> {
  const byUrl = url ? await target.store.documentIdByUrl(url) : undefined;
  if (byUrl) return byUrl;
  if (!(await target.store.hasDocument(ownId))) return undefined;
  return url === undefined ? ownId : undefined;
}

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Bytes under the given paths, for progress; undefined when unknown (stdin). */
export async function inputBytes(paths: readonly string[]): Promise<number | undefined> {
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => null);
    if (!s) return;
    if (s.isDirectory()) for (const f of await readdir(p)) await walk(join(p, f));
    else if (s.isFile()) total += s.size;
  };
  for (const p of paths) {
    if (p === "-") return undefined;
    await walk(p);
  }
  return total;
}

/**
 * Checks every article of the inputs, one event per article or unreadable input. Without a
 * target (no index), each article gets the source-free analysis alone.
 */
export async function* checkInputs(unspin: Unspin, target: CheckTarget | null, inputs: readonly string[], options: CheckInputsOptions = {}): AsyncGenerator<CheckEvent> {
  const totalBytes = await inputBytes(inputs);
  let bytes = 0;
  let checked = 0;
  let failed = 0;
  const progress = () => options.onProgress?.({ checked, failed, bytes, ...(totalBytes !== undefined ? { totalBytes } : {}) });
  const corpus = target ? await target.corpus() : undefined;
  for (const input of inputs) {
    let articles = 0;
    let skips = 0;
    const read = readArticles([input], {
      onBytes: (n) => (bytes = n),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.optionNames ? { optionNames: options.optionNames } : {}),
      ...(options.stdin ? { stdin: options.stdin } : {}),
    });
    for await (const ev of read) {
      // Reading and checking can be all synchronous work; a turn of the event loop per article
      // lets signal handlers (Ctrl-C), timers and other requests in.
      await yieldToEventLoop();
      if (options.signal?.aborted) return;
      if (ev.kind === "skip") {
        skips++;
        failed++;
        yield { kind: "failed", input: ev.record ? `${ev.input}#${ev.record}` : ev.input, reason: `${ev.input}${ev.record ? ` [${ev.record}]` : ""}: ${ev.reason}` };
        progress();
        continue;
      }
      articles++;
      const name = ev.record ? `${ev.input}#${ev.record}` : ev.input;
      const traced = target
        ? await checkOne(unspin, target, { text: ev.article.text, ...(ev.article.url ? { url: ev.article.url } : {}), ...(ev.article.published ? { published: ev.article.published } : {}) }, { input: name })
        : unspin.intrinsic(ev.article.text, { input: name, ...(corpus ? { corpus } : {}) });
      const report = ev.notes?.length ? { ...traced, notes: [...ev.notes, ...traced.notes] } : traced;
      const docs = target && options.sourceTexts && report.sources.length ? await target.store.getDocuments(report.sources.map((s) => s.id)) : [];
      checked++;
      yield { kind: "report", input: name, report, text: ev.article.text, sources: new Map(docs.map((d) => [d.id, d.text])) };
      progress();
    }
    if (articles === 0 && skips === 0) {
      failed++;
      yield { kind: "failed", input, reason: `${input}: no article found (an empty folder or file, or nothing readable in it)` };
      progress();
    }
  }
}
