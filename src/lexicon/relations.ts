// Typing the relation between two words. The aligner calls this in its inner loop, so each word
// gets a memoised profile of sorted Int32Arrays (its bases, synsets, and the synsets reachable by
// each kind of pointer) and a pair costs a few merge-intersections of short arrays.

import type { WordRelation } from "./types.js";
import { PTR } from "./wordnet-format.js";
import type { WordNet } from "./wordnet.js";
import { BoundedMemo } from "./memo.js";

const MEMO_LIMIT = 30_000;
/** Pair results are memoised under a numeric key made of two profile ids; bounded too. */
const PAIR_MEMO_LIMIT = 500_000;
const ID_SPACE = 2 ** 30;
const EMPTY = new Int32Array(0);

/** Relation codes, strongest first, in the order of WordRelation. */
const RELATIONS: readonly (WordRelation | null)[] = ["same", "inflection", "synonym", "antonym", "similar", "hypernym", "derivation", null];
const SYNONYM = 2;
const ANTONYM = 3;
const SIMILAR = 4;
const HYPERNYM = 5;
const DERIVATION = 6;
const NONE = 7;

interface Profile {
  id: number;
  /** Base-form lemma ids. */
  bases: Int32Array;
  synsets: Int32Array;
  /** Synsets related to ours other than by sharing them, with the strongest relation code of each:
   * antonyms (adjective clusters included), similar-to / also-see / verb-group neighbours and
   * sister satellites, hypernyms (instance ones too) one and two steps up. One sorted array keeps
   * the pair test to a single merge per direction. */
  reach: Int32Array;
  reachCode: Uint8Array;
  /** Lemma ids derivationally related (+) or pertainyms (\) of our bases. */
  derived: Int32Array;
  /** Memoised relation codes to profiles with larger ids. */
  pairs?: Map<number, number> | undefined;
}

const EMPTY_PROFILE: Profile = {
  id: 0,
  bases: EMPTY,
  synsets: EMPTY,
  reach: EMPTY,
  reachCode: new Uint8Array(0),
  derived: EMPTY,
};

/** True when two ascending arrays share an element. */
function intersects(a: Int32Array, b: Int32Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}

/** Strongest code among reach entries that are in `synsets` (NONE when none is). */
function bestReach(reach: Int32Array, code: Uint8Array, synsets: Int32Array): number {
  let best = NONE;
  let i = 0;
  let j = 0;
  while (i < reach.length && j < synsets.length) {
    const x = reach[i]!;
    const y = synsets[j]!;
    if (x === y) {
      const c = code[i]!;
      if (c < best) {
        if (c === ANTONYM) return c;
        best = c;
      }
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return best;
}

function sorted(values: Iterable<number>): Int32Array {
  const a = Int32Array.from(new Set(values));
  return a.length > 1 ? a.sort() : a;
}

export class Relations {
  private readonly memo = new BoundedMemo<string, Profile>(MEMO_LIMIT);
  private pairCount = 0;
  private lastAWord = "";
  private lastA: Profile = EMPTY_PROFILE;
  private lastBWord = "";
  private lastB: Profile = EMPTY_PROFILE;
  private nextId = 1;

  constructor(private readonly wn: WordNet) {}

  relation(a: string, b: string): WordRelation | null {
    if (a === b) return "same";
    // Aligners loop over one word against many: remembering the last word on each side skips a
    // string-keyed Map lookup (which dominates the cost of a memoised pair).
    let pa = this.lastA;
    if (a !== this.lastAWord) {
      pa = this.lastA = this.profile(a);
      this.lastAWord = a;
    }
    let pb = this.lastB;
    if (b !== this.lastBWord) {
      pb = this.lastB = this.profile(b);
      this.lastBWord = b;
    }
    // Profiles are shared between spellings that differ only in case; unknown words share one too.
    if (pa === pb) return pa !== EMPTY_PROFILE || a.toLowerCase() === b.toLowerCase() ? "same" : null;
    if (pa === EMPTY_PROFILE || pb === EMPTY_PROFILE) return null;
    // Memo on the profile with the smaller id, keyed by the other's id (a small integer, which
    // V8 hashes fast; a combined 48-bit key would be a heap number and cost more than the compare).
    const [lo, hi] = pa.id < pb.id ? [pa, pb] : [pb, pa];
    const memo = (lo.pairs ??= new Map());
    let code = memo.get(hi.id);
    if (code === undefined) {
      code = this.compare(pa, pb);
      if (this.pairCount++ >= PAIR_MEMO_LIMIT) this.forgetPairs();
      memo.set(hi.id, code);
    }
    return RELATIONS[code]!;
  }

  private compare(pa: Profile, pb: Profile): number {
    if (intersects(pa.bases, pb.bases)) return 1;
    if (intersects(pa.synsets, pb.synsets)) return SYNONYM;
    // Antonym has the lowest code among reach relations, so it wins over similar-to: in adjective
    // clusters an antonym's satellites are also near through similar-to chains.
    const r = Math.min(bestReach(pa.reach, pa.reachCode, pb.synsets), bestReach(pb.reach, pb.reachCode, pa.synsets));
    if (r !== NONE) return r;
    if (intersects(pa.derived, pb.bases) || intersects(pb.derived, pa.bases)) return DERIVATION;
    return NONE;
  }

  private forgetPairs(): void {
    for (const p of this.memo.values()) p.pairs = undefined;
    this.pairCount = 0;
  }

  /** Memoised per raw word; a lower-cased spelling shares the object, which also detects "same". */
  profile(word: string): Profile {
    let p = this.memo.get(word);
    if (p !== undefined) return p;
    if (this.nextId >= ID_SPACE) {
      // Profile ids restart, so pair keys made of old ids must go too.
      this.forgetPairs();
      this.memo.clear();
      this.lastAWord = this.lastBWord = "";
      this.nextId = 1;
    }
    const lower = word.toLowerCase();
    p = lower === word ? this.build(word) : this.profile(lower);
    this.memo.set(word, p);
    return p;
  }

  /**
   * Lemma ids related to any sense of the word (see Lexicon.related), closest kind first, with the
   * kind of each (0 synonym, 1 similar, 2 hypernym, 3 derived); the word's own bases are left out.
   * Not memoised: callers keep what they derive from it.
   */
  relatedLemmas(word: string): { ids: number[]; kinds: number[] } {
    const wn = this.wn;
    const bases = wn.bases(word);
    const ids: number[] = [];
    const kinds: number[] = [];
    if (bases.length === 0) return { ids, kinds };
    const seen = new Set<number>(bases);
    const add = (m: number, kind: number): void => {
      if (seen.has(m)) return;
      seen.add(m);
      ids.push(m);
      kinds.push(kind);
    };
    const synsets = wn.orderedSynsets(word);
    for (const s of synsets) for (const m of wn.members(s)) add(m, 0);
    for (const s of synsets) {
      const near = wn.targets(s, PTR.similar);
      wn.targets(s, PTR.alsoSee, near);
      wn.targets(s, PTR.verbGroup, near);
      if (wn.isSatellite(s)) for (const h of wn.heads(s)) near.push(h, ...wn.targets(h, PTR.similar));
      for (const t of near) for (const m of wn.members(t)) add(m, 1);
    }
    for (const s of synsets) for (const h of wn.targets(s, PTR.hypernym)) for (const m of wn.members(h)) add(m, 2);
    const derived: number[] = [];
    for (const id of bases) {
      for (const s of wn.lemmaSynsets(id)) {
        wn.lexicalTargets(s, id, PTR.derivation, derived);
        wn.lexicalTargets(s, id, PTR.pertainym, derived);
      }
    }
    for (const m of derived) add(m, 3);
    return { ids, kinds };
  }

  private build(word: string): Profile {
    const wn = this.wn;
    const bases = wn.bases(word);
    if (bases.length === 0) return EMPTY_PROFILE;
    const synsets = wn.wordSynsets(word);
    const antonyms = new Set<number>();
    const similar: number[] = [];
    const hypernyms: number[] = [];
    const derived: number[] = [];
    for (const s of synsets) {
      wn.antonymSynsets(s, antonyms);
      wn.targets(s, PTR.similar, similar);
      wn.targets(s, PTR.alsoSee, similar);
      wn.targets(s, PTR.verbGroup, similar);
      if (wn.isSatellite(s)) for (const h of wn.heads(s)) wn.targets(h, PTR.similar, similar);
      for (const h of wn.targets(s, PTR.hypernym)) {
        hypernyms.push(h);
        wn.targets(h, PTR.hypernym, hypernyms);
      }
    }
    for (const id of bases) {
      for (const s of wn.lemmaSynsets(id)) {
        wn.lexicalTargets(s, id, PTR.derivation, derived);
        wn.lexicalTargets(s, id, PTR.pertainym, derived);
      }
    }
    const codes = new Map<number, number>();
    const note = (list: Iterable<number>, code: number): void => {
      for (const t of list) if (!((codes.get(t) ?? NONE) <= code)) codes.set(t, code);
    };
    note(antonyms, ANTONYM);
    note(similar, SIMILAR);
    note(hypernyms, HYPERNYM);
    const reach = sorted(codes.keys());
    return {
      id: this.nextId++,
      bases: sorted(bases),
      synsets,
      reach,
      reachCode: Uint8Array.from(reach, (t) => codes.get(t)!),
      derived: sorted(derived),
    };
  }
}
