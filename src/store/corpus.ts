// Corpus n-gram counts of the indexed articles, kept as a count-min sketch blob in the store
// (see corpus/sketch.ts for why a sketch). `add` counts new documents in memory and saves the
// sketch every few thousand documents and at the end, together with how many documents it has
// counted. Documents stored after the last save (a crash, Ctrl-C) are recounted from their stored
// text on the next `add`, so the counts always match the documents.
import { NgramSketch } from "../corpus/sketch.js";
import type { BlobWrite, IndexStore } from "./types.js";

const SKETCH = "corpus.sketch";
const COUNTED = "corpus.documents";
const TOKENS = "corpus.tokens";

/** n-gram counts of one document: "word" and "word word" keys. */
export type DocumentNgrams = ReadonlyMap<string, number>;

/** Word tokens of a document: the sum of its unigram counts (bigram keys hold a space). */
export function wordTokens(ngrams: DocumentNgrams): number {
  let n = 0;
  for (const [g, c] of ngrams) if (!g.includes(" ")) n += c;
  return n;
}

export class CorpusCounter {
  private constructor(
    readonly sketch: NgramSketch,
    /** Documents counted so far (in insertion order). */
    public documents: number,
    /** Word tokens counted so far (the unigram total). */
    public tokens: number,
  ) {}

  static async load(store: IndexStore): Promise<CorpusCounter> {
    const blob = await store.getBlob(SKETCH);
    const sketch = blob ? NgramSketch.fromBytes(blob) : new NgramSketch();
    return new CorpusCounter(sketch, Number((await store.getMeta(COUNTED)) ?? 0), Number((await store.getMeta(TOKENS)) ?? 0));
  }

  /** Counts of one document prepared elsewhere: sketch slots (NgramSketch.slotsOf) and its word tokens. */
  addPrepared(p: { slots: Uint32Array; counts: Uint32Array; tokens: number }): void {
    this.sketch.addSlots(p.slots, p.counts);
    this.tokens += p.tokens;
    this.documents++;
  }

  /** Takes a removed document's counts away again (see NgramSketch.subtractSlots). */
  removePrepared(p: { slots: Uint32Array; counts: Uint32Array; tokens: number }): void {
    this.sketch.subtractSlots(p.slots, p.counts);
    this.tokens = Math.max(0, this.tokens - p.tokens);
    this.documents = Math.max(0, this.documents - 1);
  }

  add(ngrams: DocumentNgrams): void {
    for (const [g, n] of ngrams) this.sketch.add(g, n);
    this.tokens += wordTokens(ngrams);
    this.documents++;
  }

  /** Counts stored documents the sketch has not seen (after an interrupted add). */
  async catchUp(store: IndexStore, ngramsOf: (text: string) => DocumentNgrams): Promise<number> {
    let seen = 0;
    let counted = 0;
    for await (const d of store.documents()) {
      if (seen++ < this.documents) continue;
      this.add(ngramsOf(d.text));
      counted++;
    }
    return counted;
  }

  async save(store: IndexStore): Promise<void> {
    const b = this.blob();
    await store.putBlob(b.key, b.data, b.meta);
  }

  /** The sketch and its counts as one blob write, for a store call that must include it. */
  blob(): BlobWrite {
    return { key: SKETCH, data: this.sketch.bytes(), meta: { [COUNTED]: String(this.documents), [TOKENS]: String(this.tokens) } };
  }

  /** The corpus counts interface of the source-free detector. */
  counts(): { count(ngram: string[]): number; total: number } {
    const sketch = this.sketch;
    return { count: (ngram) => sketch.count(ngram.join(" ")), total: this.tokens };
  }
}
