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

export async function addPaths(unspin: Unspin, indexPath: string, paths: string[], stderr: NodeJS.WritableStream): Promise<AddSummary> {
  const store = await openIndexStore(indexPath);
  const summary: AddSummary = { added: 0, duplicates: 0, skipped: [], interrupted: false };
  let stopping = false;
  const onSigint = () => {
    stopping = true;
  };
  process.on("SIGINT", onSigint);
  let bytes = 0;
  const progress = startProgress(stderr, await totalBytes(paths));
  try {
    const corpus = await CorpusCounter.load(store);
    await corpus.catchUp(store, (text) => unspin.prepare({ id: "", text }).ngrams);
    let batch: DocumentInput[] = [];
    let pending: ReadonlyMap<string, number>[] = [];
    const inBatch = new Set<string>();
    let sinceSave = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const r = await store.putDocuments(batch);
      summary.added += r.added;
      summary.duplicates += r.duplicates;
      for (const n of pending) corpus.add(n);
      sinceSave += pending.length;
      if (sinceSave >= SKETCH_EVERY) {
        await corpus.save(store);
        sinceSave = 0;
      }
      batch = [];
      pending = [];
      inBatch.clear();
    };
    for await (const ev of readArticles(paths, { onBytes: (n) => (bytes = n) })) {
      if (ev.kind === "skip") {
        summary.skipped.push({ input: ev.input, ...(ev.record ? { record: ev.record } : {}), reason: ev.reason });
        continue;
      }
      const fresh = !inBatch.has(ev.article.id) && !(await store.hasDocument(ev.article.id));
      inBatch.add(ev.article.id);
      const prepared = fresh ? unspin.prepare(ev.article) : null;
      batch.push(prepared ? { ...ev.article, keys: prepared.keys } : { ...ev.article });
      if (prepared) pending.push(prepared.ngrams);
      if (batch.length >= BATCH) await flush();
      progress.update(summary.added + summary.duplicates + batch.length, bytes);
      if (stopping) {
        summary.interrupted = true;
        break;
      }
    }
    await flush();
    if (sinceSave > 0) await corpus.save(store);
  } finally {
    progress.stop();
    process.off("SIGINT", onSigint);
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
