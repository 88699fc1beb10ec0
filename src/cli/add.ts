// `unspin add PATH...`: reads articles in any supported format and indexes them. Batches are
// transactions: Ctrl-C finishes the batch in hand and stops, leaving the index consistent, and
// running the same command again skips what is already there and finishes the job.
import { stat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { readArticles } from "../ingest/readArticles.js";
import { openIndexStore, type DocumentInput } from "../store/index.js";
import type { Unspin } from "../unspin.js";
import { startProgress } from "./progress.js";
import { CorpusCounter } from "../store/corpus.js";
import { inlinePreparer, workerPreparer, WORKER_MIN_BYTES, type Prepared, type Preparer } from "./preparer.js";

export interface AddSummary {
  added: number;
  duplicates: number;
  skipped: { input: string; record?: string; reason: string }[];
  interrupted: boolean;
}

const BATCH = 500;
/** Documents between saves of the corpus n-gram sketch (a save writes the whole sketch). */
const SKETCH_EVERY = 20_000;

/** Bytes under the given paths, for the ETA; undefined when unknown (stdin). */
async function totalBytes(paths: string[]): Promise<number | undefined> {
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => null);
    if (!s) return;
    if (s.isDirectory()) for (const f of await readdir(p)) await walk(join(p, f));
    else total += s.size;
  };
  for (const p of paths) {
    if (p === "-") return undefined;
    await walk(p);
  }
  return total;
}

export interface AddOptions {
  /** Inputs of at least this many bytes are prepared in a worker thread (default WORKER_MIN_BYTES). */
  workerMinBytes?: number;
}

export async function addPaths(unspin: Unspin, indexPath: string, paths: string[], stderr: NodeJS.WritableStream, options: AddOptions = {}): Promise<AddSummary> {
  const store = await openIndexStore(indexPath);
  const summary: AddSummary = { added: 0, duplicates: 0, skipped: [], interrupted: false };
  let stopping = false;
  const onSigint = () => {
    // A second Ctrl-C stops at once: every batch is a transaction, so the index stays consistent.
    if (stopping) process.exit(130);
    stopping = true;
  };
  process.on("SIGINT", onSigint);
  let bytes = 0;
  const total = await totalBytes(paths);
  const progress = startProgress(stderr, total);
  const corpus = await CorpusCounter.load(store);
  const shape = { width: corpus.sketch.width, depth: corpus.sketch.depth };
  const preparer: Preparer = total !== undefined && total >= (options.workerMinBytes ?? WORKER_MIN_BYTES) ? workerPreparer(shape) : inlinePreparer(unspin, shape);
  try {
    await corpus.catchUp(store, (text) => unspin.prepare({ id: "", text }).ngrams);
    let batch: { doc: DocumentInput; prepared: Promise<Prepared> | null }[] = [];
    // Ids read but not yet written: a duplicate of one of them is not prepared or counted again.
    const unwritten = new Set<string>();
    let sinceSave = 0;
    // One batch is written while the next is read and prepared (in the worker, when there is one).
    let writing: Promise<void> = Promise.resolve();
    const write = async (items: typeof batch) => {
      const prepared = await Promise.all(items.map((x) => x.prepared));
      const docs = items.map((x, k) => (prepared[k] ? { ...x.doc, keys: prepared[k]!.keys } : x.doc));
      const r = await store.putDocuments(docs);
      summary.added += r.added;
      summary.duplicates += r.duplicates;
      for (const p of prepared) if (p) corpus.addPrepared(p);
      sinceSave += prepared.filter(Boolean).length;
      if (sinceSave >= SKETCH_EVERY) {
        await corpus.save(store);
        sinceSave = 0;
      }
      for (const x of items) unwritten.delete(x.doc.id);
    };
    const flush = async () => {
      const items = batch;
      batch = [];
      const previous = writing;
      writing = previous.then(() => (items.length ? write(items) : undefined));
      // Marked handled here; the failure still surfaces where `writing` is awaited.
      writing.catch(() => {});
      await previous;
    };
    for await (const ev of readArticles(paths, { onBytes: (n) => (bytes = n) })) {
      if (ev.kind === "skip") {
        summary.skipped.push({ input: ev.input, ...(ev.record ? { record: ev.record } : {}), reason: ev.reason });
        continue;
      }
      const fresh = !unwritten.has(ev.article.id) && !(await store.hasDocument(ev.article.id));
      unwritten.add(ev.article.id);
      const prepared = fresh ? preparer.prepare(ev.article.text) : null;
      prepared?.catch(() => {}); // surfaces when the batch is written
      batch.push({ doc: { ...ev.article }, prepared });
      if (batch.length >= BATCH) await flush();
      progress.update(summary.added + summary.duplicates + batch.length, bytes);
      if (stopping) {
        summary.interrupted = true;
        break;
      }
    }
    await flush();
    await writing;
    if (sinceSave > 0) await corpus.save(store);
  } finally {
    progress.stop();
    process.off("SIGINT", onSigint);
    await preparer.close();
    await store.close();
  }
  return summary;
}

export function formatAddSummary(s: AddSummary): string {
  const lines = [`added ${s.added}, duplicates ${s.duplicates}, skipped ${s.skipped.length}${s.interrupted ? " (interrupted: run the same command again to finish)" : ""}`];
  for (const k of s.skipped.slice(0, 20)) lines.push(`  skipped ${k.input}${k.record ? ` [${k.record}]` : ""}: ${k.reason}`);
  if (s.skipped.length > 20) lines.push(`  ... and ${s.skipped.length - 20} more`);
  return lines.join("\n") + "\n";
}
