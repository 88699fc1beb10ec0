// Spelling dictionary check over dictionary-en (Hunspell en_US: ~49k stems + affix rules).
// Instead of expanding every stem with its affixes (hundreds of thousands of forms, slow to
// build), a word is checked the way Hunspell does it: strip each candidate prefix/suffix, restore
// the rule's stripped letters, and ask whether the resulting stem exists and carries the rule's
// flag. Two affixes combine only when both rules allow cross products. Loads in ~20 ms.

import type { Sources } from "./sources.js";

interface Affix {
  flag: string;
  cross: boolean;
  strip: string;
  add: string;
  /** Condition the stem must meet (at its end for suffixes, its start for prefixes). */
  cond: RegExp | null;
}

/** Flags the en_US file uses for stems that are valid only inside number compounds (1st, 2nd). */
const ONLY_IN_COMPOUND = "c";

function parseAffixes(aff: string): { prefixes: Affix[]; suffixes: Affix[] } {
  const prefixes: Affix[] = [];
  const suffixes: Affix[] = [];
  const cross = new Map<string, boolean>();
  for (const raw of aff.split(/\r?\n/)) {
    const f = raw.trim().split(/\s+/);
    if (f[0] !== "PFX" && f[0] !== "SFX") continue;
    const flag = f[1]!;
    if (f.length === 4 && /^\d+$/.test(f[3]!)) {
      cross.set(`${f[0]}${flag}`, f[2] === "Y");
      continue;
    }
    const strip = f[2] === "0" ? "" : f[2]!;
    const add = (f[3] === "0" ? "" : f[3]!).split("/")[0]!;
    const c = f[4] ?? ".";
    const isPrefix = f[0] === "PFX";
    const affix: Affix = {
      flag,
      cross: cross.get(`${f[0]}${flag}`) ?? false,
      strip,
      add,
      cond: c === "." ? null : new RegExp(isPrefix ? `^${c}` : `${c}$`),
    };
    (isPrefix ? prefixes : suffixes).push(affix);
  }
  return { prefixes, suffixes };
}

export class Spelling {
  /** Lower-cased stem -> its flags (merged over case variants: callers pass lower-cased words). */
  private readonly stems = new Map<string, string>();
  private readonly prefixes: Affix[];
  private readonly suffixes: Affix[];

  constructor(src: Sources) {
    const { prefixes, suffixes } = parseAffixes(src.read("dictionary-en", "index.aff"));
    this.prefixes = prefixes;
    this.suffixes = suffixes;
    const lines = src.read("dictionary-en", "index.dic").split(/\r?\n/);
    // The first line is the entry count.
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      const slash = line.indexOf("/");
      const stem = (slash < 0 ? line : line.slice(0, slash)).toLowerCase();
      const flags = slash < 0 ? "" : line.slice(slash + 1);
      const had = this.stems.get(stem);
      this.stems.set(stem, had === undefined ? flags : had + flags);
    }
  }

  /** True when the lower-cased word is a dictionary stem or a stem with valid affixes. */
  has(word: string): boolean {
    const w = word.replace(/\u2019/g, "'");
    const flags = this.stems.get(w);
    if (flags !== undefined && !isCompoundOnly(flags)) return true;
    if (this.withSuffix(w, null)) return true;
    for (const p of this.prefixes) {
      if (!w.startsWith(p.add) || w.length <= p.add.length) continue;
      const stem = p.strip + w.slice(p.add.length);
      if (p.cond && !p.cond.test(stem)) continue;
      const f = this.stems.get(stem);
      if (f !== undefined && f.includes(p.flag)) return true;
      if (p.cross && this.withSuffix(stem, p.flag)) return true;
    }
    return false;
  }

  /** Suffix stripping; with `prefixFlag`, the stem must also carry the prefix's flag (cross product). */
  private withSuffix(w: string, prefixFlag: string | null): boolean {
    for (const s of this.suffixes) {
      if (!w.endsWith(s.add) || w.length <= s.add.length) continue;
      if (prefixFlag !== null && !s.cross) continue;
      const stem = w.slice(0, w.length - s.add.length) + s.strip;
      if (s.cond && !s.cond.test(stem)) continue;
      const f = this.stems.get(stem);
      if (f !== undefined && f.includes(s.flag) && (prefixFlag === null || f.includes(prefixFlag))) return true;
    }
    return false;
  }
}

function isCompoundOnly(flags: string): boolean {
  return flags.includes(ONLY_IN_COMPOUND);
}
