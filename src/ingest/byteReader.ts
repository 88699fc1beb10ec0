// A pull reader over a stream of byte chunks, for record framing (WARC): read a header block up
// to a bounded length, read or skip a body of known length, scan ahead for a marker without
// buffering what it passes over, and push bytes back. Every method is bounded by its caller's
// limit, so hostile input (no newline in 10 GB) costs at most that limit in memory.

export class ByteReader {
  private readonly src: AsyncIterator<Uint8Array>;
  /** Buffered bytes not yet consumed: `win[pos..]`. */
  private win: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  /**
   * Why the source stopped early (a truncated gzip stream, a limit, a read error): the reader
   * then behaves as at the end of the stream, so everything before the failure is still read,
   * and the caller reports this when it meets the end.
   */
  failure: unknown = undefined;
  /** Bytes consumed so far (the offset of the next byte in the stream). */
  offset = 0;

  constructor(src: AsyncIterable<Uint8Array>) {
    this.src = src[Symbol.asyncIterator]();
  }

  /** Buffered, unconsumed bytes. */
  get available(): number {
    return this.win.length - this.pos;
  }

  /** Appends the next source chunk to the window; false at the end of the stream. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    let r: IteratorResult<Uint8Array>;
    try {
      r = await this.src.next();
    } catch (e) {
      this.failure = e;
      r = { done: true, value: undefined };
    }
    if (r.done) {
      this.ended = true;
      return false;
    }
    const c = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    if (this.pos >= this.win.length) this.win = c;
    else this.win = Buffer.concat([this.win.subarray(this.pos), c]);
    this.pos = 0;
    return true;
  }

  /** Buffers at least `n` bytes if the stream has them; returns how many are buffered. */
  async fill(n: number): Promise<number> {
    while (this.available < n && (await this.more()));
    return this.available;
  }

  async atEnd(): Promise<boolean> {
    return (await this.fill(1)) === 0;
  }

  /** The buffered bytes, without consuming them. */
  peek(n = this.available): Buffer {
    return this.win.subarray(this.pos, this.pos + Math.min(n, this.available));
  }

  /** Consumes `n` buffered bytes (n <= available). */
  take(n: number): Buffer {
    const b = this.win.subarray(this.pos, this.pos + n);
    this.pos += b.length;
    this.offset += b.length;
    return b;
  }

  /**
   * Offset (from the current position) of the first `needle` that starts within `max` bytes,
   * buffering as far as needed; -1 when the stream ends or `max` bytes pass without one.
   */
  async find(needle: Buffer, max: number): Promise<number> {
    let from = 0;
    for (;;) {
      const hit = this.win.indexOf(needle, this.pos + from);
      if (hit >= 0 && hit - this.pos < max) return hit - this.pos;
      if (hit >= 0 || this.available >= max) return -1;
      from = Math.max(0, this.available - needle.length + 1);
      if (!(await this.more())) return -1;
    }
  }

  /** Reads up to `n` bytes (fewer only at the end of the stream). */
  async read(n: number): Promise<Buffer> {
    if (this.available >= n) return this.take(n);
    const parts: Buffer[] = [this.take(this.available)];
    let got = parts[0]!.length;
    while (got < n && (await this.more())) {
      const b = this.take(Math.min(n - got, this.available));
      parts.push(b);
      got += b.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, got);
  }

  /** Skips up to `n` bytes without holding them; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let left = n;
    for (;;) {
      left -= this.take(Math.min(left, this.available)).length;
      if (left === 0 || !(await this.more())) return n - left;
    }
  }

  /**
   * Skips ahead to the next `needle`, holding at most one chunk at a time: "found" with the
   * reader positioned at the needle, "limit" after `max` bytes without one, "end" at the end.
   */
  async skipTo(needle: Buffer, max: number): Promise<"found" | "limit" | "end"> {
    let passed = 0;
    for (;;) {
      const hit = this.win.indexOf(needle, this.pos);
      if (hit >= 0 && passed + (hit - this.pos) <= max) {
        this.take(hit - this.pos);
        return "found";
      }
      // Keep the last needle.length - 1 bytes: the needle may straddle two chunks.
      const keep = Math.min(this.available, needle.length - 1);
      passed += this.take(this.available - keep).length;
      if (passed > max) return "limit";
      if (!(await this.more())) {
        this.take(this.available);
        return "end";
      }
    }
  }

  /** Puts bytes back in front of the stream (they are read again next). */
  unread(b: Buffer): void {
    if (b.length === 0) return;
    this.win = Buffer.concat([b, this.win.subarray(this.pos)]);
    this.pos = 0;
    this.offset -= b.length;
  }
}
