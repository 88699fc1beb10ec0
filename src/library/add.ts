// Indexing: reads articles (paths through ingest, or articles given as data), fingerprints the
// new ones and writes them in batches. Each batch is one store transaction: aborting finishes the
// batch in hand and stops, leaving the index consistent, and running the same add again skips
// what is already there and finishes the job. A URL that now holds a different text replaces the
// document that held it (that document is deleted when it has no other URL).
import { readArticles } from "../ingest/readArticles.js";
import { makeArticle } from "../ingest/article.js";
import type { IngestEvent } from "../ingest/types.js";
import type { DetachUrl, DocumentInput, IndexStore } from "../store/types.js";
import { CorpusCounter } from "../store/corpus.js";
import type { Unspin } from "../unspin.js";
import { inlinePreparer, workerPreparer, WORKER_MIN_BYTES, type Prepared, type Preparer } from "./preparer.js";
import { inputBytes, yieldToEventLoop } from "./check.js";
import { articleFromHtml, isHtmlInput } from "./article.js";
import type { AddOptions, AddSource, AddSummary, ArticleInput, HtmlArticleInput } from "./types.js";

const BATCH = 500;
/** Documents between saves of the corpus n-gram sketch (a save writes the whole sketch). */
const SKETCH_EVERY = 20_000;

function isPaths(source: AddSource): source is readonly string[] {
  return Array.isArray(source) && source.every((s) => typeof s === "string");
}

/**
 * Articles given as data (text, or an HTML page to extract), as ingest events; an article without
 * words is a skip, whose record is the article's 1-based position in the data.
 */
async function* fromData(articles: Iterable<ArticleInput | HtmlArticleInput> | AsyncIterable<ArticleInput | HtmlArticleInput>): AsyncGenerator<IngestEvent> {
  let n = 0;
  for await (const given of articles) {
    n++;
    const a = given && isHtmlInput(given) ? await articleFromHtml(given) : given;
    const input = a?.url ?? `document ${n}`;
    const made = typeof a?.text === "string" ? makeArticle(a) : { reason: "no text field" };
    if ("reason" in made) yield { kind: "skip", input, record: String(n), reason: made.reason };
    else yield { kind: "article", input, record: String(n), article: made };
  }
}

interface Pending {
  doc: DocumentInput;
  prepared: Promise<Prepared> | null;
}

export async function addToIndex(unspin: Unspin, store: IndexStore, source: AddSource, options: AddOptions = {}): Promise<AddSummary> {
  const summary: AddSummary = { added: 0, updated: 0, duplicates: 0, replaced: 0, skipped: [], interrupted: false };
  const paths = isPaths(source) ? source : null;
  const total = paths ? await inputBytes(paths) : undefined;
  const corpus = await CorpusCounter.load(store);
  const shape = { width: corpus.sketch.width, depth: corpus.sketch.depth };
  const useWorker = total !== undefined && total >= (options.workerMinBytes ?? WORKER_MIN_BYTES);
  const preparer: Preparer = useWorker ? workerPreparer(shape) : inlinePreparer(unspin, shape);
  const prepareInline = inlinePreparer(unspin, shape);
  let bytes = 0;
  const progress = (pending: number) =>
    options.onProgress?.({ documents: summary.added + summary.duplicates + summary.updated + pending, bytes, ...(total !== undefined ? { totalBytes: total } : {}) });
  try {
    await corpus.catchUp(store, (text) => unspin.ngrams(text));
    let batch: Pending[] = [];
    // Ids read but not yet written: a duplicate of one of them is not prepared or counted again.
    const unwritten = new Set<string>();
    let sinceSave = 0;

    /** URLs of the batch that now name another document than before, with that document's keys. */
    const detachments = async (items: Pending[], prepared: (Prepared | null)[]): Promise<{ detach: DetachUrl[]; old: Map<string, Prepared> }> => {
      const detach: DetachUrl[] = [];
      const old = new Map<string, Prepared>();
      const holderInBatch = new Map<string, number>();
      for (let k = 0; k < items.length; k++) {
        const { doc } = items[k]!;
        if (!doc.url) continue;
        const inBatch = holderInBatch.get(doc.url);
        holderInBatch.set(doc.url, k);
        const holder = inBatch !== undefined ? items[inBatch]!.doc.id : await store.documentIdByUrl(doc.url);
        if (holder === undefined || holder === doc.id) continue;
        let p = inBatch !== undefined ? prepared[inBatch] ?? undefined : old.get(holder);
        if (!p) {
          const stored = await store.getDocument(holder);
          if (!stored) continue;
          p = await prepareInline.prepare(stored.text);
        }
        old.set(holder, p);
        detach.push({ url: doc.url, from: holder, keys: p.keys });
      }
      return { detach, old };
    };

    const write = async (items: Pending[]) => {
      const prepared = await Promise.all(items.map((x) => x.prepared));
      const docs = items.map((x, k) => (prepared[k] ? { ...x.doc, keys: prepared[k]!.keys } : x.doc));
      const { detach, old } = await detachments(items, prepared);
      const r = await store.putDocuments(docs, detach.length ? { detach } : {});
      for (const p of prepared) if (p) corpus.addPrepared(p);
      // Documents deleted because their URL now holds a new text leave the corpus counts, and
      // the sketch is saved at once: only a crash between the two writes leaves the counts off,
      // by the deleted document's n-grams and one later document that is then never counted.
      for (const id of r.removed) corpus.removePrepared(old.get(id)!);
      summary.added += r.added;
      summary.duplicates += r.duplicates;
      summary.updated += r.updated;
      summary.replaced += r.removed.length;
      const updatedUrls = new Set(detach.map((d) => d.url));
      for (const x of items) {
        unwritten.delete(x.doc.id);
        if (!options.onDocument) continue;
        const status = x.doc.url && updatedUrls.has(x.doc.url) ? "updated" : x.prepared ? "added" : "duplicate";
        options.onDocument({ id: x.doc.id, ...(x.doc.url ? { url: x.doc.url } : {}), status });
      }
      sinceSave += prepared.filter(Boolean).length;
      if (sinceSave >= SKETCH_EVERY || r.removed.length) {
        await corpus.save(store);
        sinceSave = 0;
      }
    };
    // One batch is written while the next is read and prepared (in the worker, when there is one).
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const items = batch;
      batch = [];
      const previous = writing;
      writing = previous.then(() => (items.length ? write(items) : undefined));
      // Marked handled here; the failure still surfaces where `writing` is awaited.
      writing.catch(() => {});
      await previous;
    };
    const events = paths
      ? readArticles([...paths], {
          onBytes: (n) => (bytes = n),
          ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
          ...(options.optionNames ? { optionNames: options.optionNames } : {}),
          ...(options.stdin ? { stdin: options.stdin } : {}),
          ...(options.format ? { format: options.format } : {}),
        })
      : fromData(source as Iterable<ArticleInput | HtmlArticleInput> | AsyncIterable<ArticleInput | HtmlArticleInput>);
    for await (const ev of events) {
      await yieldToEventLoop();
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      if (ev.kind === "skip") {
        const skip = { input: ev.input, ...(ev.record ? { record: ev.record } : {}), reason: ev.reason };
        summary.skipped.push(skip);
        options.onSkip?.(skip);
        continue;
      }
      const fresh = !unwritten.has(ev.article.id) && !(await store.hasDocument(ev.article.id));
      unwritten.add(ev.article.id);
      const prepared = fresh ? preparer.prepare(ev.article.text) : null;
      prepared?.catch(() => {}); // surfaces when the batch is written
      batch.push({ doc: { ...ev.article }, prepared });
      if (batch.length >= BATCH) await flush();
      progress(batch.length);
    }
    if (options.signal?.aborted) summary.interrupted = true;
    await flush();
    await writing;
    if (sinceSave > 0) await corpus.save(store);
    progress(0);
  } finally {
    await preparer.close();
  }
  return summary;
}
