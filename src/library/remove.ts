// Forgetting documents: a private index must be able to drop an article (as Copyscape's private
// index can). The document goes with its URLs, its postings (found by fingerprinting its stored
// text again) and its share of the corpus n-gram counts, all in one store transaction.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { IndexStore, RemoveInput } from "../store/types.js";
import { CorpusCounter } from "../store/corpus.js";
import type { Unspin } from "../unspin.js";
import { prepareForIndex } from "./prepare-core.js";
import type { RemoveSummary } from "./types.js";

/** The document an id, a URL, or a local file's path names (files are indexed under file:// URLs). */
async function resolveDocument(store: IndexStore, ref: string): Promise<string | undefined> {
  if (await store.hasDocument(ref)) return ref;
  const byUrl = await store.documentIdByUrl(ref);
  if (byUrl !== undefined || /^[a-z][a-z0-9+.-]*:/i.test(ref)) return byUrl;
  return store.documentIdByUrl(pathToFileURL(resolve(ref)).href);
}

export async function removeFromIndex(unspin: Unspin, store: IndexStore, refs: readonly string[]): Promise<RemoveSummary> {
  const summary: RemoveSummary = { removed: [], notFound: [] };
  const corpus = await CorpusCounter.load(store);
  // Every stored document must be counted before counts are taken away (after an interrupted add).
  await corpus.catchUp(store, (text) => unspin.ngrams(text));
  const shape = { width: corpus.sketch.width, depth: corpus.sketch.depth };
  const items: RemoveInput[] = [];
  const urls = new Map<string, string[]>();
  for (const ref of refs) {
    const id = await resolveDocument(store, ref);
    const doc = id === undefined ? undefined : await store.getDocument(id);
    if (!doc) {
      summary.notFound.push(ref);
      continue;
    }
    if (urls.has(doc.id)) continue;
    const p = prepareForIndex(unspin, doc.text, shape);
    corpus.removePrepared(p);
    items.push({ id: doc.id, keys: p.keys });
    urls.set(doc.id, doc.urls);
  }
  if (items.length === 0) return summary;
  const removed = await store.removeDocuments(items, corpus.blob());
  for (const id of removed) summary.removed.push({ id, urls: urls.get(id) ?? [] });
  return summary;
}
