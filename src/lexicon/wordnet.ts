// Read side of the WordNet tables: lemma lookup, morphology, synsets, synonyms and antonyms.
// Everything per word is memoised, because the aligner asks about the same few thousand words
// over and over. Relation typing between two words lives in relations.ts.

import type { BundleReader } from "./bundle.js";
import { morphy, type MorphyTables } from "./morphy.js";
import { PTR, SATELLITE_FLAG, type PosIndex } from "./wordnet-format.js";
import { BoundedMemo } from "./memo.js";

/** Memo tables are cleared past this many words, bounding memory on endless streams. */
/** Words per generation of the morphology and synset memos (see memo.ts). */
const MEMO_LIMIT = 50_000;

export class WordNet implements MorphyTables {
  readonly lemmaStrings: string[];
  readonly lemmaPosMask: Uint8Array;
  readonly lemmaSynStart: Int32Array;
  readonly lemmaSyn: Int32Array;
  readonly synId: Int32Array;
  readonly synFlags: Uint8Array;
  readonly memStart: Int32Array;
  readonly mem: Int32Array;
  readonly ptrStart: Int32Array;
  readonly ptrType: Uint8Array;
  readonly ptrTarget: Int32Array;
  readonly ptrWords: Uint16Array;

  private readonly ids: Map<string, number>;
  private readonly exc: Map<string, number[]>[] = [new Map(), new Map(), new Map(), new Map()];
  private readonly baseMemo = new BoundedMemo<string, Int32Array>(MEMO_LIMIT);
  private readonly synMemo = new BoundedMemo<string, Int32Array>(MEMO_LIMIT);

  constructor(r: BundleReader) {
    this.lemmaStrings = r.strings("lemmas");
    this.lemmaPosMask = r.u8("lemmaPos");
    this.lemmaSynStart = r.i32("lemmaSynStart");
    this.lemmaSyn = r.i32("lemmaSyn");
    this.synId = r.i32("synId");
    this.synFlags = r.u8("synFlags");
    this.memStart = r.i32("memStart");
    this.mem = r.i32("mem");
    this.ptrStart = r.i32("ptrStart");
    this.ptrType = r.u8("ptrType");
    this.ptrTarget = r.i32("ptrTarget");
    this.ptrWords = r.u16("ptrWords");
    const strings = this.lemmaStrings;
    this.ids = new Map();
    for (let i = 0; i < strings.length; i++) this.ids.set(strings[i]!, i);
    const forms = r.strings("excForm");
    const pos = r.u8("excPos");
    const base = r.i32("excBase");
    for (let i = 0; i < forms.length; i++) {
      const m = this.exc[pos[i]!]!;
      const list = m.get(forms[i]!);
      if (list) list.push(base[i]!);
      else m.set(forms[i]!, [base[i]!]);
    }
  }

  get synsetCount(): number {
    return this.synId.length;
  }

  lemmaId(s: string): number {
    return this.ids.get(s) ?? -1;
  }
  lemmaPos(id: number): number {
    return this.lemmaPosMask[id]!;
  }
  exceptions(form: string, pos: PosIndex): readonly number[] | undefined {
    return this.exc[pos]!.get(form);
  }

  /** Base-form lemma ids of a word over all parts of speech (the word itself first), memoised. */
  bases(word: string): Int32Array {
    let b = this.baseMemo.get(word);
    if (b === undefined) {
      const w = normaliseQuery(word);
      // The word itself first when it is a lemma in any part of speech ("said" the adjective
      // before "say"), then bases in noun, verb, adjective, adverb order.
      const self = this.lemmaId(w);
      const out: number[] = self >= 0 && this.lemmaPosMask[self]! !== 0 ? [self] : [];
      for (let p = 0; p < 4; p++) morphy(this, w, p as PosIndex, out);
      b = Int32Array.from(out);
      this.baseMemo.set(word, b);
    }
    return b;
  }

  /** Base-form lemma ids in one part of speech. */
  basesIn(word: string, pos: PosIndex): number[] {
    return morphy(this, normaliseQuery(word), pos);
  }

  /** Dense synset indices of a lemma, most frequent sense first, optionally of one part of speech. */
  lemmaSynsets(id: number, pos?: PosIndex): number[] {
    const out: number[] = [];
    for (let k = this.lemmaSynStart[id]!; k < this.lemmaSynStart[id + 1]!; k++) {
      const s = this.lemmaSyn[k]!;
      if (pos === undefined || (this.synFlags[s]! & 3) === pos) out.push(s);
    }
    return out;
  }

  /** Dense synsets of every base form of a word, sorted ascending (for set intersection). */
  wordSynsets(word: string): Int32Array {
    let s = this.synMemo.get(word);
    if (s === undefined) {
      const set = new Set<number>();
      for (const id of this.bases(word)) {
        for (let k = this.lemmaSynStart[id]!; k < this.lemmaSynStart[id + 1]!; k++) set.add(this.lemmaSyn[k]!);
      }
      s = Int32Array.from(set).sort();
      this.synMemo.set(word, s);
    }
    return s;
  }

  /** Dense synsets of a word in sense order (across its base forms), optionally of one part of speech. */
  orderedSynsets(word: string, pos?: PosIndex): number[] {
    const ids = pos === undefined ? this.bases(word) : this.basesIn(word, pos);
    const out: number[] = [];
    for (const id of ids) for (const s of this.lemmaSynsets(id, pos)) if (!out.includes(s)) out.push(s);
    return out;
  }

  isSatellite(s: number): boolean {
    return (this.synFlags[s]! & SATELLITE_FLAG) !== 0;
  }

  /** Targets of pointers of one type from synset s, optionally only those that start at lemma `from`. */
  targets(s: number, type: number, out: number[] = []): number[] {
    for (let k = this.ptrStart[s]!; k < this.ptrStart[s + 1]!; k++) {
      if (this.ptrType[k] === type) out.push(this.ptrTarget[k]!);
    }
    return out;
  }

  /** The head synsets of an adjective cluster that s belongs to (s itself when it is a head). */
  heads(s: number): number[] {
    if (!this.isSatellite(s)) return [s];
    const heads = this.targets(s, PTR.similar).filter((t) => !this.isSatellite(t));
    return heads.length > 0 ? heads : [s];
  }

  /** Synsets opposite to s: its antonyms and its cluster head's, plus the satellites of opposite heads. */
  antonymSynsets(s: number, out: Set<number> = new Set()): Set<number> {
    const sources = this.isSatellite(s) ? [s, ...this.heads(s)] : [s];
    for (const src of sources) {
      for (const t of this.targets(src, PTR.antonym)) {
        out.add(t);
        if ((this.synFlags[t]! & 3) === 2 && !this.isSatellite(t)) {
          for (const sat of this.targets(t, PTR.similar)) if (this.isSatellite(sat)) out.add(sat);
        }
      }
    }
    return out;
  }

  /** Lemma ids of synset s (in WordNet's member order). */
  members(s: number): Int32Array {
    return this.mem.subarray(this.memStart[s]!, this.memStart[s + 1]!);
  }

  /** Lemma ids linked to lemma `lemma` of synset s by a lexical pointer of `type`, or by a semantic one. */
  lexicalTargets(s: number, lemma: number, type: number, out: number[] = []): number[] {
    const members = this.members(s);
    const wordNo = members.indexOf(lemma) + 1;
    for (let k = this.ptrStart[s]!; k < this.ptrStart[s + 1]!; k++) {
      if (this.ptrType[k] !== type) continue;
      const words = this.ptrWords[k]!;
      const target = this.ptrTarget[k]!;
      if (words === 0) {
        for (const m of this.members(target)) out.push(m);
      } else if (words >> 8 === wordNo) {
        const m = this.members(target)[(words & 0xff) - 1];
        if (m !== undefined) out.push(m);
      }
    }
    return out;
  }

  publicId(s: number): number {
    return this.synId[s]!;
  }
}

/** Queries arrive as tokens; WordNet spells multiword lemmas with spaces. */
function normaliseQuery(word: string): string {
  const w = word.toLowerCase();
  return w.includes("_") ? w.replace(/_/g, " ") : w;
}
