// A generated news corpus for the large `check` latency benchmarks (100k and 1M articles), stated
// as such wherever its figures appear. Real text has to be the raw material so that vocabulary
// and key statistics are realistic: each synthetic article is a run of real sentences drawn at
// random from BBC and Reuters-21578, in which about a third of the longer words are replaced by
// words drawn from the same corpus in proportion to their frequency (so no sentence is repeated
// verbatim across articles, and common words stay common). Article lengths follow the real
// articles' sentence counts. Seeded and deterministic. Written as JSON Lines outside the repo.
// Usage: node --import tsx bench/gen-corpus.ts --size N --out FILE.jsonl [--data DIR] [--seed S]
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readReuters } from "../eval/retrieval-reuters.js";
import { rng } from "./spinner.js";

export interface Pool {
  /** Real articles as lists of sentences (title first for BBC). */
  sentences: string[];
  /** Sentence counts of the real articles (lengths are drawn from these). */
  lengths: number[];
  /** Every word token of the corpus, in order: a uniform pick is a frequency-weighted word. */
  words: string[];
}

const SENTENCE = /[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g;

export function loadPool(data: string): Pool {
  const pool: Pool = { sentences: [], lengths: [], words: [] };
  const addArticle = (text: string) => {
    // Decimal points ("4.5 pct") are no sentence ends: hidden while splitting.
    const flat = text.replace(/\s+/g, " ").replace(/(\d)\.(\d)/g, "$1\u2024$2");
    const ss = (flat.match(SENTENCE) ?? []).map((s) => s.trim().replace(/\u2024/g, ".")).filter((s) => s.length > 20);
    if (ss.length === 0) return;
    pool.lengths.push(ss.length);
    for (const s of ss) {
      pool.sentences.push(s);
      for (const w of s.split(" ")) if (/^[A-Za-z][a-z]{3,}$/.test(w)) pool.words.push(w.toLowerCase());
    }
  };
  const bbc = join(data, "bbc");
  for (const topic of readdirSync(bbc).sort()) {
    const dir = join(bbc, topic);
    if (!existsSync(dir) || !/^[a-z]+$/.test(topic)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".txt")) addArticle(readFileSync(join(dir, f), "latin1").split("\n").slice(1).join(" "));
  }
  for (const r of readReuters(join(data, "reuters21578"))) addArticle(r.text);
  return pool;
}

/** The evaluation spinner's seeded PRNG, under the name this module's callers use. */
export const prng = rng;

export function generateArticle(pool: Pool, rand: () => number, replaceRate = 0.35): { title: string; text: string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const n = Math.max(3, pick(pool.lengths));
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const words = pick(pool.sentences).split(" ");
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (/^[a-z]{4,}$/.test(w) && rand() < replaceRate) words[i] = pick(pool.words);
    }
    out.push(words.join(" "));
  }
  const title = out[0]!.split(" ").slice(0, 8).join(" ").replace(/[.,;:!?]+$/, "");
  return { title, text: out.join(" ") };
}

/** Writes `size` generated articles as JSON Lines (url gen:SEED:K, site "generated"). */
export async function writeCorpus(pool: Pool, size: number, out: string, seed = 1): Promise<void> {
  const rand = prng(seed);
  const ws = createWriteStream(out);
  for (let k = 0; k < size; k++) {
    const a = generateArticle(pool, rand);
    const line = JSON.stringify({ text: a.text, title: a.title, url: `gen:${seed}:${k}`, site: "generated" }) + "\n";
    if (!ws.write(line)) await new Promise<void>((r) => ws.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const size = Number(arg("--size"));
  const out = arg("--out");
  const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
  if (!(size > 0) || !out) {
    console.error("usage: node --import tsx bench/gen-corpus.ts --size N --out FILE.jsonl [--data DIR] [--seed S]");
    process.exit(2);
  }
  const pool = loadPool(data);
  await writeCorpus(pool, size, out, Number(arg("--seed") ?? 1));
  console.error(`${size} generated articles -> ${out} (pool: ${pool.sentences.length} sentences, ${pool.words.length} words)`);
}
