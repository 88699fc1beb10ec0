// An open index as one object (UnspinIndex): the store behind it, the library's stages on top.
// Opened by location (a path for SQLite; the store picks the backend), read-only when the caller
// only reads, so a healthy index in a read-only place can still be checked.
import { UnspinError } from "../errors.js";
import { openIndexStore } from "../store/index.js";
import { CorpusCounter } from "../store/corpus.js";
import type { IndexStore } from "../store/types.js";
import type { CorpusCounts } from "../intrinsic/index.js";
import type { Unspin } from "../unspin.js";
import { addToIndex } from "./add.js";
import { checkOne, type CheckTarget } from "./check.js";
import { removeFromIndex } from "./remove.js";
import { clusterIndex } from "./clusters.js";
import type { OpenIndexOptions, UnspinIndex } from "./types.js";

/** The store and counts behind each index this module opened (for checkInputs). */
const targets = new WeakMap<UnspinIndex, CheckTarget>();

export function targetOf(index: UnspinIndex): CheckTarget {
  const t = targets.get(index);
  if (!t) throw new TypeError("not an index opened by unspin.openIndex()");
  return t;
}

export async function openIndex(unspin: Unspin, location: string, options: OpenIndexOptions = {}): Promise<UnspinIndex> {
  const readonly = options.readonly ?? false;
  const store: IndexStore = await openIndexStore(location, { readonly, ...(options.create !== undefined ? { create: options.create } : {}) });
  // Loaded once per open index, and again after a write: the sketch is tens of MB, and checks
  // and stats only read it.
  let counter: Promise<CorpusCounter> | undefined;
  const loadCounter = () => (counter ??= CorpusCounter.load(store));
  let corpus: Promise<CorpusCounts | undefined> | undefined;
  let documents: Promise<number> | undefined;
  const target: CheckTarget = {
    store,
    corpus: () => (corpus ??= loadCounter().then((c) => (c.tokens > 0 ? c.counts() : undefined))),
    documents: () => (documents ??= store.countDocuments()),
  };
  const changed = () => {
    counter = undefined;
    corpus = undefined;
    documents = undefined;
  };
  const writable = (what: string) => {
    if (readonly) throw new UnspinError("USAGE", `${location}: opened read-only, cannot ${what}`, "open the index without { readonly: true }");
  };
  let closed = false;
  const index: UnspinIndex = {
    location: store.location,
    readonly,
    async add(source, opts) {
      writable("add documents");
      const summary = await addToIndex(unspin, store, source, opts);
      changed();
      return summary;
    },
    check: (suspect, opts) => checkOne(unspin, target, suspect, opts),
    get: (id) => store.getDocument(id),
    async remove(idsOrUrls) {
      writable("remove documents");
      const summary = await removeFromIndex(unspin, store, idsOrUrls);
      changed();
      return summary;
    },
    async stats(opts) {
      const c = await loadCounter();
      return { ...(await store.stats(opts)), corpusDocuments: c.documents, corpusTokens: c.tokens };
    },
    clusters: (opts) => clusterIndex(unspin, store, readonly, opts),
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
  targets.set(index, target);
  return index;
}
