// Corpus n-gram counts in constant space: a count-min sketch (Cormode & Muthukrishnan) with
// conservative update (Estan & Varghese: only the smallest counters grow), which cuts the
// overcount of rare n-grams several-fold. Exact counts of every word and bigram of a million
// articles would need hundreds of millions of rows and make ingest crawl; the sketch takes
// `depth * width` 32-bit counters however much is added and never undercounts.
// Pure data: the store persists `bytes()` and rebuilds with `fromBytes`.
import { hash32 } from "../fingerprint/hash.js";

const HEADER = 20;

/** Index of an n-gram's counter in row d of a sketch `width` wide. */
function slotOf(ngram: string, d: number, width: number): number {
  return d * width + (hash32(ngram, 0x51ed27 + d * 0x9e3779b1) & (width - 1));
}

export class NgramSketch {
  readonly width: number;
  readonly depth: number;
  readonly counters: Uint32Array;
  /** Sum of all counts added (the corpus size in n-grams). */
  total: number;

  constructor(width = 1 << 22, depth = 2, counters?: Uint32Array, total = 0) {
    if ((width & (width - 1)) !== 0) throw new Error("sketch width must be a power of two");
    this.width = width;
    this.depth = depth;
    this.counters = counters ?? new Uint32Array(width * depth);
    this.total = total;
  }

  add(ngram: string, count = 1): void {
    const slots = new Uint32Array(this.depth);
    for (let d = 0; d < this.depth; d++) slots[d] = slotOf(ngram, d, this.width);
    this.addAt(slots, 0, count);
  }

  /**
   * Adds counts whose counter slots were computed elsewhere (by `slotsOf`, in a worker thread):
   * `slots` holds `depth` slots per n-gram, `counts` one count per n-gram.
   */
  addSlots(slots: Uint32Array, counts: Uint32Array): void {
    for (let k = 0; k < counts.length; k++) this.addAt(slots, k * this.depth, counts[k]!);
  }

  /**
   * Takes away counts added earlier (a document removed from the index). Conservative update
   * raised only the smallest counters, so a counter may hold less of this n-gram than `count`:
   * each is lowered by at most what it holds. Counters shared with other n-grams can then read
   * below their true count (a count-min sketch with conservative update supports no exact
   * deletion); removals are rare next to additions, and the counts only sharpen a score.
   */
  subtractSlots(slots: Uint32Array, counts: Uint32Array): void {
    for (let k = 0; k < counts.length; k++) {
      const count = counts[k]!;
      for (let d = 0; d < this.depth; d++) {
        const i = slots[k * this.depth + d]!;
        this.counters[i] = Math.max(0, this.counters[i]! - count);
      }
      this.total = Math.max(0, this.total - count);
    }
  }

  /** Conservative update of the `depth` counters at slots[from..]. */
  private addAt(slots: Uint32Array, from: number, count: number): void {
    let min = Infinity;
    for (let d = 0; d < this.depth; d++) {
      const v = this.counters[slots[from + d]!]!;
      if (v < min) min = v;
    }
    const target = Math.min(0xffffffff, min + count);
    for (let d = 0; d < this.depth; d++) {
      const i = slots[from + d]!;
      if (this.counters[i]! < target) this.counters[i] = target;
    }
    this.total += count;
  }

  count(ngram: string): number {
    let min = Infinity;
    for (let d = 0; d < this.depth; d++) {
      const v = this.counters[slotOf(ngram, d, this.width)]!;
      if (v < min) min = v;
    }
    return min;
  }

  /** Counter slots and counts of n-grams for a sketch of the given shape (see addSlots). */
  static slotsOf(ngrams: ReadonlyMap<string, number>, width: number, depth: number): { slots: Uint32Array; counts: Uint32Array } {
    const slots = new Uint32Array(ngrams.size * depth);
    const counts = new Uint32Array(ngrams.size);
    let k = 0;
    for (const [g, n] of ngrams) {
      for (let d = 0; d < depth; d++) slots[k * depth + d] = slotOf(g, d, width);
      counts[k++] = n;
    }
    return { slots, counts };
  }

  /** Serialised form: a 20-byte header (magic, width, depth, total as a double) then the counters. */
  bytes(): Buffer {
    const header = Buffer.alloc(HEADER);
    header.write("UNSK", 0, "latin1");
    header.writeUInt32LE(this.width, 4);
    header.writeUInt32LE(this.depth, 8);
    header.writeDoubleLE(this.total, 12);
    return Buffer.concat([header, Buffer.from(this.counters.buffer, this.counters.byteOffset, this.counters.byteLength)]);
  }

  static fromBytes(buf: Buffer): NgramSketch {
    if (buf.length < HEADER || buf.toString("latin1", 0, 4) !== "UNSK") throw new Error("not an n-gram sketch");
    const width = buf.readUInt32LE(4);
    const depth = buf.readUInt32LE(8);
    const total = buf.readDoubleLE(12);
    if (buf.length !== HEADER + width * depth * 4) throw new Error("n-gram sketch has the wrong size");
    const counters = new Uint32Array(width * depth);
    Buffer.from(counters.buffer).set(buf.subarray(HEADER));
    return new NgramSketch(width, depth, counters, total);
  }
}
