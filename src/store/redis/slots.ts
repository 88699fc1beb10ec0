// Redis Cluster hash slots and the key layout of an unspin index on a cluster.
//
// A cluster runs a multi-key command or script only when all its keys hash to one slot, and a
// key's slot is CRC16 of its hash tag (the part between the first { and the next }) modulo 16384.
// Every key here carries a tag chosen for a known slot (`slotTag`), so the client knows which
// slot, and so which master, each write goes to, and can group a batch's writes by slot.
//
// The index uses 1,024 slot groups per kind of data, spread evenly over the 16,384 slots (kind f
// of group g lives in slot 16g + f): a master serving a contiguous range of slots serves an
// equal share of every kind, with 3 masters or 300, and a batch touches at most 1,024 slots
// per kind however large it is.
//
//   kind 0  postings   p{T}<n>        hash: field = 5-byte key remainder, value = packed numbers
//                      p{T}<n>|<r>    string: the numbers of a key held by more than 16 documents
//   kind 1  documents  d{T}<number>   string: one record per document (id, URLs, compressed body)
//                      s{T}           hash: documents, urls, postings counted in this group
//   kind 2  ids        i{T}<n>        hash: id -> number (a negative number: being deleted)
//                      c{T}<n>        hash: id -> number claimed by a batch not yet committed
//   kind 3  urls       u{T}<n>        hash: 16-byte SHA-256 of the URL -> number
//                      e{T}<gen>:<number>  hash: the document's edges (other number -> payload)
//                      E{T}<gen>      set: numbers of the group's documents with edges
//   kind 4  blobs      b{T}<name>:<generation>:<chunk>   string: one compressed chunk of a blob
//   meta               m{M}...        metadata, blob manifests, the number counter, site counts
//
// Every key starts with the index name and a colon (`unspin:` unless the location names
// another), so one cluster can hold several indexes.
import { createHash } from "node:crypto";

export const SLOTS = 16384;
export const GROUPS = 1024;
/** Documents numbered consecutively share a record group for this many numbers. */
export const RECORD_RUN = 512;

const CRC_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

/** CRC16-XMODEM, the checksum Redis Cluster hashes keys with. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >> 8) ^ b) & 0xff]!;
  return crc;
}

/** The slot of a key, as Redis Cluster computes it (hash tag rule included). */
export function keySlot(key: string | Uint8Array): number {
  const b = typeof key === "string" ? Buffer.from(key, "utf8") : key;
  const open = b.indexOf(0x7b);
  if (open >= 0) {
    const close = b.indexOf(0x7d, open + 1);
    if (close > open + 1) return crc16(b.subarray(open + 1, close)) % SLOTS;
  }
  return crc16(b) % SLOTS;
}

let TAGS: string[] | null = null;

/** The shortest base-36 string whose CRC16 lands on `slot`: `{tag}` puts a key in that slot. */
export function slotTag(slot: number): string {
  if (!TAGS) {
    const tags = new Array<string>(SLOTS);
    let found = 0;
    for (let n = 0; found < SLOTS; n++) {
      const s = n.toString(36);
      let crc = 0;
      for (let i = 0; i < s.length; i++) crc = ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >> 8) ^ s.charCodeAt(i)) & 0xff]!;
      const slot = crc % SLOTS;
      if (tags[slot] === undefined) {
        tags[slot] = s;
        found++;
      }
    }
    TAGS = tags;
  }
  return TAGS[slot]!;
}

export const KIND = { postings: 0, records: 1, ids: 2, urls: 3, blobs: 4, meta: 5 } as const;

export function groupSlot(kind: number, group: number): number {
  return 16 * group + kind;
}

/** 32-bit FNV-1a of a string's UTF-8 bytes: spreads ids over their buckets. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, "utf8")) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

export interface PostingPlace {
  /** The bucket hash. */
  key: string;
  /** The field in it: the key's remainder after the bucket, 5 bytes big-endian. */
  field: Buffer;
  slot: number;
}

/** Names of every key of one index (`prefix` ends with a colon). */
export class Layout {
  readonly meta: string;
  readonly metaSlot: number;

  constructor(
    readonly prefix: string,
    /** Posting buckets in all: a power of two, at least 16,384 (one sizing knob: ids and URLs get a 64th of it). */
    readonly buckets: number,
  ) {
    this.metaSlot = groupSlot(KIND.meta, 0);
    this.meta = `${prefix}m{${slotTag(this.metaSlot)}}`;
  }

  private tag(kind: number, group: number): string {
    return `{${slotTag(groupSlot(kind, group))}}`;
  }

  private readonly bucketNames = new Map<number, string>();

  /** Bucket hash number b (0 .. buckets - 1); names are kept once made (ingest asks for each often). */
  bucket(b: number): string {
    let name = this.bucketNames.get(b);
    if (name === undefined) {
      name = `${this.prefix}p${this.tag(KIND.postings, b % GROUPS)}${Math.floor(b / GROUPS).toString(36)}`;
      if (this.bucketNames.size < 1 << 20) this.bucketNames.set(b, name);
    }
    return name;
  }

  bucketSlot(b: number): number {
    return groupSlot(KIND.postings, b % GROUPS);
  }

  posting(k: number): PostingPlace {
    const b = k % this.buckets;
    const r = Math.floor(k / this.buckets);
    const group = b % GROUPS;
    const field = Buffer.alloc(5);
    field.writeUIntBE(r, 0, 5);
    return { key: this.bucket(b), field, slot: groupSlot(KIND.postings, group) };
  }

  recordGroup(n: number): number {
    return Math.floor(n / RECORD_RUN) % GROUPS;
  }

  record(n: number): string {
    return `${this.prefix}d${this.tag(KIND.records, this.recordGroup(n))}${n.toString(36)}`;
  }

  recordSlot(n: number): number {
    return groupSlot(KIND.records, this.recordGroup(n));
  }

  counters(group: number): string {
    return `${this.prefix}s${this.tag(KIND.records, group)}`;
  }

  /** Edges of document n in edge generation gen, and the set of its group's documents with edges. */
  edges(n: number, gen: number): string {
    return `${this.prefix}e${this.tag(KIND.records, this.recordGroup(n))}${gen}:${n.toString(36)}`;
  }

  edgeSet(group: number, gen: number): string {
    return `${this.prefix}E${this.tag(KIND.records, group)}${gen}`;
  }

  private get smallBuckets(): number {
    return Math.max(GROUPS, this.buckets / 64);
  }

  /** Where an id's number is kept, and where a batch claims one. */
  id(id: string): { index: string; claim: string; slot: number } {
    const h = fnv1a(id) % this.smallBuckets;
    const group = h % GROUPS;
    const sub = Math.floor(h / GROUPS).toString(36);
    const tag = this.tag(KIND.ids, group);
    return { index: `${this.prefix}i${tag}${sub}`, claim: `${this.prefix}c${tag}${sub}`, slot: groupSlot(KIND.ids, group) };
  }

  url(url: string): { key: string; field: Buffer; slot: number } {
    const digest = createHash("sha256").update(url, "utf8").digest();
    const h = digest.readUInt32BE(16) % this.smallBuckets;
    const group = h % GROUPS;
    return { key: `${this.prefix}u${this.tag(KIND.urls, group)}${Math.floor(h / GROUPS).toString(36)}`, field: digest.subarray(0, 16), slot: groupSlot(KIND.urls, group) };
  }

  blobChunk(name: string, generation: string, chunk: number): { key: string; slot: number } {
    const group = (fnv1a(name) + chunk) % GROUPS;
    return { key: `${this.prefix}b${this.tag(KIND.blobs, group)}${name}:${generation}:${chunk}`, slot: groupSlot(KIND.blobs, group) };
  }
}
