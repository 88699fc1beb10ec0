// Loads the evaluation corpora for the intrinsic detector from ../shared/data (never copied into
// the repository): BBC articles (deduplicated), Reuters-21578 bodies, PAN13 suspicious documents.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readHelsinki } from "./retrieval-helsinki.js";
import { readPanPairs } from "./pan13-compare.js";

export interface Article {
  id: string;
  corpus: "bbc" | "reuters" | "pan13-random" | "pan13-none" | "helsinki" | "pan13-passage" | "pan13-clean-passage";
  text: string;
  /** What decides the dev/test side when it is not the id (passages go with their document). */
  splitKey?: string;
}

/**
 * FNV-1a with a murmur3 finaliser: a stable hash for the dev/test split (by article id, so all
 * variants of an article share a side). The finaliser matters: FNV-1a's low bits depend only on
 * the low bits of the characters, so without it "split:" and "index:" hashes were correlated.
 */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function splitOf(id: string): "dev" | "test" {
  return fnv1a(`split:${id}`) % 2 === 0 ? "dev" : "test";
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

export function loadBbc(root: string): Article[] {
  const dir = join(root, "bbc");
  const out: Article[] = [];
  const seen = new Set<string>();
  for (const topic of readdirSync(dir).sort()) {
    const td = join(dir, topic);
    if (!existsSync(td) || topic.includes(".")) continue;
    for (const f of readdirSync(td).sort()) {
      if (!f.endsWith(".txt")) continue;
      const raw = readFileSync(join(td, f), "latin1");
      if (seen.has(raw)) continue; // 98 files are exact duplicates of another
      seen.add(raw);
      // First line is the title; paragraphs are separated by blank lines.
      const body = raw.split("\n").slice(1).join("\n").trim();
      out.push({ id: `bbc/${topic}/${f}`, corpus: "bbc", text: body });
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"' };

export function loadReuters(root: string, minWords: number): Article[] {
  const dir = join(root, "reuters21578");
  const out: Article[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".sgm")).sort()) {
    const sgm = readFileSync(join(dir, f), "latin1");
    for (const m of sgm.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2]!)?.[1];
      if (!body) continue;
      let text = body.replace(/&#\d+;/g, "").replace(/&(?:lt|gt|amp|quot);/g, (e) => ENTITIES[e]!);
      text = text.replace(/\s*Reuter\s*$/, "");
      // Paragraphs begin with an indent; other line breaks are hard wrapping.
      text = text.split(/\n\s{3,}/).map((p) => p.replace(/\s*\n\s*/g, " ").trim()).filter(Boolean).join("\n\n");
      const letters = text.replace(/[^A-Za-z]/g, "");
      const lower = text.replace(/[^a-z]/g, "");
      // Skip tables and all-capitals wires: they are not prose.
      if (words(text) < minWords || lower.length < 0.6 * letters.length) continue;
      out.push({ id: `reuters/${m[1]}`, corpus: "reuters", text });
    }
  }
  return out;
}

export function loadPan13(root: string): Article[] {
  const dir = join(root, "pan13");
  const random = new Set<string>();
  const none = new Set<string>();
  for (const { suspicious, type } of readPanPairs(dir)) {
    if (type === "random-obfuscation") random.add(suspicious);
    else if (type === "no-plagiarism") none.add(suspicious);
  }
  const read = (f: string, corpus: Article["corpus"]): Article => ({ id: `pan13/${f}`, corpus, text: readFileSync(join(dir, "susp", f), "utf8") });
  return [...[...random].sort().map((f) => read(f, "pan13-random")), ...[...none].filter((f) => !random.has(f)).sort().map((f) => read(f, "pan13-none"))];
}

/**
 * Helsinki: 612 articles on one summit from many publishers (wire stories reprinted and rewritten by
 * people, not spinners). Unspun news the score was never fit on: a false-positive check only.
 * Paragraphs are joined by ` ### ` in the file.
 */
export function loadHelsinki(root: string): Article[] {
  const path = join(root, "helsinki", "helsinki_articles.csv");
  if (!existsSync(path)) return [];
  return readHelsinki(path)
    .map((a) => ({ id: `helsinki/${a.id}`, corpus: "helsinki" as const, text: a.text.trim() }))
    .filter((a) => words(a.text) >= 80);
}

/** Suspect character ranges a pair alignment explains (the aligner of `unspin compare`). */
export type PassageFinder = (suspect: string, source: string) => { start: number; end: number }[];

/**
 * PAN13 random-obfuscation passages, cut out of their suspicious documents: a whole document is
 * mostly clean text around a few obfuscated passages, so document-level recall says little about
 * the detector. This copy of the corpus has no usable offsets, so the passages are the suspect
 * ranges our own aligner finds against the listed source (merged, >= 50 words): that favours
 * passages the aligner can see, and is stated as such. Negatives: excerpts of about the same
 * length from the no-plagiarism documents.
 */
export function loadPan13Passages(root: string, find: PassageFinder): Article[] {
  const dir = join(root, "pan13");
  const out: Article[] = [];
  const lengths: number[] = [];
  const none = new Set<string>();
  const plagiarised = new Set<string>();
  for (const { suspicious: susp, source: src, type } of readPanPairs(dir)) {
    if (type === "no-plagiarism") none.add(susp);
    else plagiarised.add(susp);
    if (type !== "random-obfuscation") continue;
    const text = readFileSync(join(dir, "susp", susp), "utf8");
    const ranges = find(text, readFileSync(join(dir, "src", src), "utf8")).sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
      else merged.push({ ...r });
    }
    for (const r of merged) {
      const passage = text.slice(r.start, r.end);
      if (words(passage) < 50) continue;
      lengths.push(words(passage));
      out.push({ id: `pan13/${susp}@${r.start}`, corpus: "pan13-passage", text: passage, splitKey: `pan13/${susp}` });
    }
  }
  // Clean excerpts: paragraph-aligned windows of the median passage length, at most three per document.
  const target = lengths.sort((a, b) => a - b)[lengths.length >> 1] ?? 200;
  for (const susp of [...none].filter((x) => !plagiarised.has(x)).sort()) {
    const paras = readFileSync(join(dir, "susp", susp), "utf8").split(/\n\s*\n/);
    let buf: string[] = [];
    let n = 0;
    let made = 0;
    for (const p of paras) {
      buf.push(p);
      n += words(p);
      if (n >= target) {
        out.push({ id: `pan13/${susp}#${made}`, corpus: "pan13-clean-passage", text: buf.join("\n\n"), splitKey: `pan13/${susp}` });
        buf = [];
        n = 0;
        if (++made === 3) break;
      }
    }
  }
  return out;
}

export function checkData(root: string): string | null {
  for (const p of ["bbc", "reuters21578", "pan13/pairs.tsv"]) {
    if (!existsSync(join(root, p))) return `no ${p} under ${root}; pass --data PATH (the folder holding bbc/, reuters21578/ and pan13/)`;
  }
  return null;
}
