// Moving an index: SQLite to a Redis Cluster, back, or SQLite to SQLite. Documents are read from
// the source in insertion order (so the target numbers them in the same order), fingerprinted
// again (the store keeps no key list per document) in a worker thread, and written in batches of
// 500 with every URL they have; then the corpus sketch with its counts, and the stored cluster
// edges. Safe to run again: the target remembers its source, documents already there are skipped
// without fingerprinting, and a run stopped halfway (Ctrl-C, a crash, an unreachable node) goes on
// where it stopped when run again. A target holding documents of another origin is refused.
import { UnspinError } from "../errors.js";
import { openIndexStore } from "../store/index.js";
import { CorpusCounter } from "../store/corpus.js";
import type { DocumentInput, IndexStore, StoredDocument } from "../store/types.js";
import type { Unspin } from "../unspin.js";
import { META_EXAMINED, META_VERSION } from "./clusters.js";
import { inlinePreparer, workerPreparer, type Preparer } from "./preparer.js";
import type { MigrateOptions, MigrateSummary } from "./types.js";

const BATCH = 500;
const META_FROM = "migrate.from";
const META_DONE = "migrate.done";

/** Where the cluster stage's "examined up to" number of the source falls in the target's numbering. */
async function translateExamined(from: IndexStore, to: IndexStore, examined: number): Promise<number> {
  if (examined <= 0) return 0;
  let last: string | undefined;
  for (let at = 0; ; ) {
    const page = await from.documentsAfter(at, 10_000);
    const within = page.filter((d) => d.number <= examined);
    if (within.length) last = within[within.length - 1]!.id;
    if (page.length === 0 || within.length < page.length) break;
    at = page[page.length - 1]!.number;
  }
  if (last === undefined) return 0;
  let number = 0;
  for (let at = 0; ; ) {
    const page = await to.documentsAfter(at, 10_000);
    if (page.length === 0) break;
    const hit = page.find((d) => d.id === last);
    if (hit) number = hit.number;
    at = page[page.length - 1]!.number;
  }
  return number;
}

export async function migrateIndex(unspin: Unspin, fromLocation: string, toLocation: string, options: MigrateOptions = {}): Promise<MigrateSummary> {
  if (fromLocation === toLocation) throw new UnspinError("USAGE", `${fromLocation}: the source and the target are the same`, "give another --to location");
  const from = await openIndexStore(fromLocation, { readonly: true });
  let to: IndexStore | undefined;
  let preparer: Preparer | undefined;
  const summary: MigrateSummary = { from: from.location, to: "", total: 0, copied: 0, skipped: 0, edges: 0, interrupted: false };
  try {
    to = await openIndexStore(toLocation, { create: true });
    summary.to = to.location;
    const [source, target] = await Promise.all([from.stats(), to.stats()]);
    summary.total = source.documents;
    const origin = await to.getMeta(META_FROM);
    if (target.documents > 0 && origin !== from.location) {
      throw new UnspinError(
        "USAGE",
        `${to.location}: already holds ${target.documents} document(s)${origin ? ` copied from ${origin}` : ""}, not from ${from.location}`,
        "migrate into a new location (for Redis, a new index name: redis://host:port/NAME)",
      );
    }
    await to.setMeta(META_FROM, from.location);
    const corpus = await CorpusCounter.load(from);
    const shape = { width: corpus.sketch.width, depth: corpus.sketch.depth };
    preparer = summary.total > 2000 ? workerPreparer(shape) : inlinePreparer(unspin, shape);
    const prep = preparer;
    const progress = () => options.onProgress?.({ documents: summary.copied + summary.skipped, copied: summary.copied, total: summary.total });

    let batch: StoredDocument[] = [];
    let writing: Promise<void> = Promise.resolve();
    const target_ = to;
    const write = async (docs: StoredDocument[]) => {
      const present = await Promise.all(docs.map((d) => target_.hasDocument(d.id)));
      const fresh = docs.filter((_, i) => !present[i]);
      const keys = await Promise.all(fresh.map((d) => prep.prepare(d.text).then((p) => p.keys)));
      const inputs: DocumentInput[] = [];
      fresh.forEach((d, i) => {
        const { urls, ...article } = d;
        inputs.push({ ...article, ...(urls[0] ? { url: urls[0] } : {}), keys: keys[i]! });
        for (const url of urls.slice(1)) inputs.push({ id: d.id, text: d.text, url });
      });
      if (inputs.length) await target_.putDocuments(inputs);
      summary.copied += fresh.length;
      summary.skipped += docs.length - fresh.length;
      progress();
    };
    const flush = async () => {
      const docs = batch;
      batch = [];
      const previous = writing;
      writing = previous.then(() => (docs.length ? write(docs) : undefined));
      writing.catch(() => {});
      await previous;
    };
    for await (const d of from.documents()) {
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      batch.push(d);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    await writing;
    if (summary.interrupted) return summary;

    // The corpus counts describe the same documents: copied as they are.
    const counts = corpus.blob();
    if (corpus.documents > 0) await to.putBlob(counts.key, counts.data, counts.meta);
    // Stored cluster edges, and how far the cluster stage had examined (in the target's numbers).
    const version = await from.getMeta(META_VERSION);
    if (version !== undefined) {
      await to.clearEdges({ [META_VERSION]: version, [META_EXAMINED]: "0" });
      for await (const edges of from.edges()) {
        await to.putEdges(edges);
        summary.edges += edges.length;
      }
      const examined = await translateExamined(from, to, Number((await from.getMeta(META_EXAMINED)) ?? 0));
      await to.setMeta(META_EXAMINED, String(examined));
    }
    await to.setMeta(META_DONE, new Date().toISOString());
    return summary;
  } finally {
    await preparer?.close();
    await to?.close();
    await from.close();
  }
}
