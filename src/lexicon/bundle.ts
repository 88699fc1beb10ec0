// A tiny binary container for the lexicon's compact structures: named typed arrays and string
// lists in one Buffer. Why not JSON: the WordNet tables hold millions of integers, and parsing them
// from JSON would blow the 500 ms start-up budget, while typed-array views over a read Buffer cost
// nothing. Layout: 8-byte magic, u32 header length, JSON header (stamp + section table), then the
// sections, each aligned to 8 bytes so views can be made without copying.

const MAGIC = "UNSPINLX";

type ArrayKind = "i32" | "u32" | "u16" | "u8" | "f64";
type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

interface SectionEntry {
  name: string;
  kind: ArrayKind | "strings";
  offset: number;
  byteLength: number;
  /** Number of strings for "strings" sections. */
  count?: number;
}

interface Header {
  stamp: string;
  sections: SectionEntry[];
}

function kindOf(a: TypedArray): ArrayKind {
  if (a instanceof Int32Array) return "i32";
  if (a instanceof Uint32Array) return "u32";
  if (a instanceof Uint16Array) return "u16";
  if (a instanceof Uint8Array) return "u8";
  return "f64";
}

/** Collects sections and writes them as one Buffer. */
export class BundleWriter {
  private readonly parts: { name: string; kind: ArrayKind | "strings"; bytes: Uint8Array; count?: number }[] = [];

  array(name: string, a: TypedArray): this {
    this.parts.push({ name, kind: kindOf(a), bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) });
    return this;
  }

  /** Strings must not contain "\n" (lexicon entries never do). */
  strings(name: string, list: readonly string[]): this {
    this.parts.push({ name, kind: "strings", bytes: Buffer.from(list.join("\n"), "utf8"), count: list.length });
    return this;
  }

  toBuffer(stamp: string): Buffer {
    const sections: SectionEntry[] = [];
    let offset = 0;
    for (const p of this.parts) {
      const entry: SectionEntry = { name: p.name, kind: p.kind, offset, byteLength: p.bytes.byteLength };
      if (p.count !== undefined) entry.count = p.count;
      sections.push(entry);
      offset = align8(offset + p.bytes.byteLength);
    }
    const headerJson = Buffer.from(JSON.stringify({ stamp, sections } satisfies Header), "utf8");
    const dataStart = align8(12 + headerJson.byteLength);
    const out = Buffer.alloc(dataStart + offset);
    out.write(MAGIC, 0, "latin1");
    out.writeUInt32LE(headerJson.byteLength, 8);
    headerJson.copy(out, 12);
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i]!;
      out.set(part.bytes, dataStart + sections[i]!.offset);
    }
    return out;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Read access to a bundle; typed arrays are views over the Buffer (no copy). */
export class BundleReader {
  readonly stamp: string;
  private readonly buf: Buffer;
  private readonly dataStart: number;
  private readonly byName = new Map<string, SectionEntry>();

  /** Throws when the bytes are not a bundle; the caller treats that as a stale cache. */
  constructor(input: Buffer) {
    if (input.byteLength < 12 || input.toString("latin1", 0, 8) !== MAGIC) throw new Error("not an unspin lexicon bundle");
    // Typed-array views need an aligned base; Buffers from small reads can sit in a shared pool.
    // Buffer.alloc never uses the pool, so the copy starts aligned.
    let buf = input;
    if (input.byteOffset % 8 !== 0) {
      buf = Buffer.alloc(input.byteLength);
      input.copy(buf);
    }
    this.buf = buf;
    const headerLength = this.buf.readUInt32LE(8);
    const header = JSON.parse(this.buf.toString("utf8", 12, 12 + headerLength)) as Header;
    this.stamp = header.stamp;
    this.dataStart = align8(12 + headerLength);
    for (const s of header.sections) this.byName.set(s.name, s);
    const last = header.sections[header.sections.length - 1];
    if (last && this.dataStart + last.offset + last.byteLength > this.buf.byteLength) throw new Error("truncated lexicon bundle");
  }

  private entry(name: string, kind: ArrayKind | "strings"): SectionEntry {
    const e = this.byName.get(name);
    if (!e || e.kind !== kind) throw new Error(`lexicon bundle lacks section ${name} (${kind})`);
    return e;
  }

  private view(name: string, kind: ArrayKind): { offset: number; byteLength: number } {
    const e = this.entry(name, kind);
    return { offset: this.buf.byteOffset + this.dataStart + e.offset, byteLength: e.byteLength };
  }

  i32(name: string): Int32Array {
    const v = this.view(name, "i32");
    return new Int32Array(this.buf.buffer, v.offset, v.byteLength / 4);
  }
  u32(name: string): Uint32Array {
    const v = this.view(name, "u32");
    return new Uint32Array(this.buf.buffer, v.offset, v.byteLength / 4);
  }
  u16(name: string): Uint16Array {
    const v = this.view(name, "u16");
    return new Uint16Array(this.buf.buffer, v.offset, v.byteLength / 2);
  }
  u8(name: string): Uint8Array {
    const v = this.view(name, "u8");
    return new Uint8Array(this.buf.buffer, v.offset, v.byteLength);
  }
  f64(name: string): Float64Array {
    const v = this.view(name, "f64");
    return new Float64Array(this.buf.buffer, v.offset, v.byteLength / 8);
  }
  strings(name: string): string[] {
    const e = this.entry(name, "strings");
    if (e.count === 0) return [];
    const start = this.dataStart + e.offset;
    return this.buf.toString("utf8", start, start + e.byteLength).split("\n");
  }
}
