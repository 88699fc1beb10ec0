// A bounded memo for per-word facts (profiles, synsets, candidate lists). Long runs (a batch
// check of thousands of articles, a server) meet an ever-growing vocabulary, and memos without a
// bound grow with it. Two generations: entries go into the young one; when it holds `limit`
// entries it becomes the old one and the previous old one is dropped; a hit in the old one moves
// the entry back to the young one. Hot words stay, cold ones go, at most 2 x `limit` entries are
// held, and no single clear() throws the whole working set away at once.
export class BoundedMemo<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined || this.old.size === 0) return v;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held (both generations). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  values(): IterableIterator<V> {
    const young = this.young;
    const old = this.old;
    return (function* () {
      yield* young.values();
      yield* old.values();
    })();
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}
