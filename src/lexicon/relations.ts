// Typing the relation between two words. The aligner calls this in its inner loop, so each word
// gets a memoised profile of sorted Int32Arrays (its bases, synsets, and the synsets reachable by
// each kind of pointer) and a pair costs a few merge-intersections of short arrays.

import type { WordRelation } from "./types.js";
import { PTR } from "./wordnet-format.js";
import type { WordNet } from "./wordnet.js";

const MEMO_LIMIT = 200_000;
const EMPTY = new Int32Array(0);

interface Profile {
  /** Base-form lemma ids. */
  bases: Int32Array;
  synsets: Int32Array;
  /** Synsets opposite to any of ours (adjective clusters included). */
  antonyms: Int32Array;
  /** Similar-to, also-see and verb-group neighbours, and sister satellites of one cluster head. */
  similar: Int32Array;
  /** Hypernyms (including instance hypernyms) one and two steps up. */
  hypernyms: Int32Array;
  /** Lemma ids derivationally related (+) or pertainyms (\) of our bases. */
  derived: Int32Array;
}

const EMPTY_PROFILE: Profile = {
  bases: EMPTY,
  synsets: EMPTY,
  antonyms: EMPTY,
  similar: EMPTY,
  hypernyms: EMPTY,
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

function sorted(values: Iterable<number>): Int32Array {
  const a = Int32Array.from(new Set(values));
  return a.length > 1 ? a.sort() : a;
}

export class Relations {
  private readonly memo = new Map<string, Profile>();

  constructor(private readonly wn: WordNet) {}

  relation(a: string, b: string): WordRelation | null {
    if (a === b) return "same";
    const pa = this.profile(a);
    const pb = this.profile(b);
    // Profiles are shared between spellings that differ only in case; unknown words share one too.
    if (pa === pb && (pa !== EMPTY_PROFILE || a.toLowerCase() === b.toLowerCase())) return "same";
    if (intersects(pa.bases, pb.bases)) return "inflection";
    if (intersects(pa.synsets, pb.synsets)) return "synonym";
    // Antonymy is checked before similarity: in adjective clusters an antonym's satellites are
    // also reachable through similar-to chains, and the opposition is what matters.
    if (intersects(pa.antonyms, pb.synsets) || intersects(pb.antonyms, pa.synsets)) return "antonym";
    if (intersects(pa.similar, pb.synsets) || intersects(pb.similar, pa.synsets)) return "similar";
    if (intersects(pa.hypernyms, pb.synsets) || intersects(pb.hypernyms, pa.synsets)) return "hypernym";
    if (intersects(pa.derived, pb.bases) || intersects(pb.derived, pa.bases)) return "derivation";
    return null;
  }

  /** Memoised per raw word; a lower-cased spelling shares the object, which also detects "same". */
  profile(word: string): Profile {
    let p = this.memo.get(word);
    if (p !== undefined) return p;
    const lower = word.toLowerCase();
    p = lower === word ? this.build(word) : this.profile(lower);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(word, p);
    return p;
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
    return {
      bases: sorted(bases),
      synsets,
      antonyms: sorted(antonyms),
      similar: sorted(similar),
      hypernyms: sorted(hypernyms),
      derived: sorted(derived),
    };
  }
}
