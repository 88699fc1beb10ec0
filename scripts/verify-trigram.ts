// Checks the trigram reader (src/lexicon/trigram.ts) against Sphinx's own scorer on generated
// sentences: `sphinx_lm_eval -lsn <file> -verbose yes` prints log P(w | u v) per word in log base
// 1.0001, truncated to an integer, so a correct reader is within one unit (1e-4 in natural log) of
// every figure; and every n-gram the file lists must be found with the file's probability.
// Needs the model file and sphinx_lm_eval (Debian sphinxbase-utils).
// Usage: node --import tsx scripts/verify-trigram.ts [sentences=500] [seed=1]
// Prints one JSON line; exits 1 when any word's truncated score differs from Sphinx's or a listed
// n-gram is missing.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseTrieModel } from "../src/lexicon/trigram-format.js";
import { DEFAULT_TRIGRAM_LM, loadTrigramModel } from "../src/lexicon/trigram.js";

const N = Number(process.argv[2] ?? 500);
let seed = Number(process.argv[3] ?? 1) >>> 0 || 1;
const LN_BASE = Math.log(1.0001);
const path = process.env.UNSPIN_TRIGRAM_LM || DEFAULT_TRIGRAM_LM;

/** xorshift32: reproducible sentences for a given seed. */
function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

const model = loadTrigramModel({ path, cacheDir: false });
if (!model) {
  console.error(`verify-trigram: no model at ${path} (apt-get install pocketsphinx-en-us)`);
  process.exit(2);
}
// The raw trie lists the n-grams, so sentences can be made of real trigrams and bigrams.
const trie = parseTrieModel(readFileSync(path));
const { words } = trie;
const frequent = Array.from(words.keys())
  .filter((i) => words[i] !== "<s>")
  .sort((a, b) => trie.uniProb[b]! - trie.uniProb[a]!)
  .slice(0, 2000);

/** A piece of a sentence: a listed trigram or bigram, a frequent word, or any word. */
function piece(): string[] {
  const kind = rand(8);
  if (kind < 3) {
    const k = rand(trie.trigramHistory.length);
    const b = trie.trigramBigram[k]!;
    return [trie.trigramHistory[k]!, trie.bigramHistory[b]!, trie.bigramWord[b]!].map((i) => words[i]!);
  }
  if (kind < 5) {
    const b = rand(trie.bigramWord.length);
    return [words[trie.bigramHistory[b]!]!, words[trie.bigramWord[b]!]!];
  }
  if (kind < 7) return [words[frequent[rand(frequent.length)]!]!];
  return [words[rand(words.length)]!];
}

// Fixed cases first: the four trigrams filed in unsorted records (see trigram-format.ts).
const sentences: string[][] = ["<s> whips and bullhorns </s>", "<s> teased and bullhorns </s>", "<s> coach and jerri </s>", "<s> and jerri </s>"].map((s) => s.split(" "));
for (let i = sentences.length; i < N; i++) {
  const s = ["<s>"];
  const pieces = 1 + rand(5);
  for (let p = 0; p < pieces; p++) s.push(...piece());
  s.push("</s>");
  sentences.push(s);
}

const dir = mkdtempSync(join(tmpdir(), "unspin-verify-trigram-"));
let out: string;
try {
  const lsn = join(dir, "sentences.lsn");
  writeFileSync(lsn, sentences.map((s) => s.join(" ")).join("\n") + "\n");
  const run = spawnSync("sphinx_lm_eval", ["-lm", path, "-lsn", lsn, "-verbose", "yes"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.error || run.status !== 0) {
    console.error(`verify-trigram: sphinx_lm_eval failed (${run.error?.message ?? run.stderr.slice(-500)}); apt-get install sphinxbase-utils`);
    process.exit(2);
  }
  out = run.stdout;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// "log P(word|u v ) = -12345": per sentence, one line per predicted word, last word first.
const lines = [...out.matchAll(/^log P\((.*?)\|.*\) = (-?\d+)$/gm)].map((m) => ({ word: m[1]!, score: Number(m[2]) }));
let at = 0;
let maxUnits = 0;
let maxNats = 0;
let maxSentence = 0;
let words_ = 0;
let worst = "";
let truncMismatches = 0;
const kinds = { trigram: 0, bigram: 0, unigram: 0 };
for (const s of sentences) {
  const ids = s.map((w) => model.id(w));
  const predicted = s.map((w, i) => i).filter((i) => i > 0 && s[i] !== "<s>"); // Sphinx skips <s>
  const expected = lines.slice(at, at + predicted.length).reverse();
  at += predicted.length;
  let mine = 0;
  let theirs = 0;
  predicted.forEach((i, k) => {
    const e = expected[k];
    if (!e || e.word !== s[i]) throw new Error(`output out of step at "${s.join(" ")}" word ${s[i]} (got ${e?.word})`);
    const w1 = i >= 2 ? ids[i - 2]! : -1;
    const lp = model.logProbIds(ids[i]!, w1, ids[i - 1]!);
    const units = Math.abs(lp / LN_BASE - e.score);
    // Sphinx truncates its float32 sum toward zero. Rounding to 1e-4 undoes the trip through ln
    // (float32 values this large are multiples of 1/256, so no value moves across an integer).
    if (Math.trunc(Math.round((lp / LN_BASE) * 1e4) / 1e4) !== e.score) {
      truncMismatches++;
      if (process.env.DEBUG_TRUNC) console.error(s.slice(Math.max(0, i - 2), i + 1).join(" "), (lp / LN_BASE).toFixed(6), e.score);
    }
    if (units > maxUnits) worst = `${s.slice(Math.max(0, i - 2), i + 1).join(" ")}: reader ${(lp / LN_BASE).toFixed(3)}, sphinx ${e.score}`;
    maxUnits = Math.max(maxUnits, units);
    maxNats = Math.max(maxNats, Math.abs(lp - e.score * LN_BASE));
    mine += lp;
    theirs += e.score * LN_BASE;
    words_++;
    if (w1 >= 0 && model.seenIds(w1, ids[i - 1]!, ids[i]!)) kinds.trigram++;
    else if (model.seenIds(ids[i - 1]!, ids[i]!)) kinds.bigram++;
    else kinds.unigram++;
  });
  maxSentence = Math.max(maxSentence, Math.abs(mine - theirs));
}
if (at !== lines.length) throw new Error(`sphinx printed ${lines.length} scores, expected ${at}`);
// Every listed n-gram must be found, with the file's probability (the tables hold all of them).
let missing = 0;
for (let b = 0; b < trie.bigramWord.length; b++) {
  const v = trie.bigramHistory[b]!;
  const w = trie.bigramWord[b]!;
  if (!model.seenIds(v, w) || model.logProbIds(w, -1, v) !== trie.bigramProbBins[trie.bigramProb[b]!]! * LN_BASE) missing++;
}
for (let k = 0; k < trie.trigramHistory.length; k++) {
  const b = trie.trigramBigram[k]!;
  const [u, v, w] = [trie.trigramHistory[k]!, trie.bigramHistory[b]!, trie.bigramWord[b]!];
  if (!model.seenIds(u, v, w) || model.logProbIds(w, u, v) !== trie.trigramProbBins[trie.trigramProb[k]!]! * LN_BASE) missing++;
}
const ok = maxUnits < 1 && truncMismatches === 0 && missing === 0;
console.log(
  JSON.stringify({
    sentences: N,
    words: words_,
    answeredBy: kinds,
    maxAbsErrorNats: Number(maxNats.toExponential(3)),
    maxAbsErrorSphinxUnits: Number(maxUnits.toFixed(4)),
    maxSentenceErrorNats: Number(maxSentence.toExponential(3)),
    truncMismatches,
    listedNgramsChecked: trie.bigramWord.length + trie.trigramHistory.length,
    listedNgramsMissingOrWrong: missing,
    worst,
    ok,
  }),
);
process.exit(ok ? 0 : 1);
