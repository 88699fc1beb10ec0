// An in-memory `CorpusCounts` for evaluation: unigram and bigram counts of an "index" of real
// articles, counted the way the intrinsic context model looks at text (lower-case words, bigrams
// of adjacent words in one sentence, none across punctuation). Stands in for the n-gram counts the
// store will maintain when articles are added.
import type { CorpusCounts } from "../src/intrinsic/index.js";
import { analyzeText } from "../src/text/index.js";

export class MemoryCounts implements CorpusCounts {
  private readonly uni = new Map<string, number>();
  private readonly bi = new Map<string, number>();
  total = 0;

  add(source: string): void {
    const text = analyzeText(source);
    let prev: string | null = null;
    let prevSentence = -1;
    for (const t of text.tokens) {
      if (t.debris) continue;
      const w = t.kind === "word" && /^[a-z][a-z']*$/.test(t.norm) ? t.norm : null;
      if (w === null) {
        prev = null;
        continue;
      }
      this.total++;
      this.uni.set(w, (this.uni.get(w) ?? 0) + 1);
      if (prev !== null && prevSentence === t.sentence) {
        const k = `${prev} ${w}`;
        this.bi.set(k, (this.bi.get(k) ?? 0) + 1);
      }
      prev = w;
      prevSentence = t.sentence;
    }
  }

  count(ngram: string[]): number {
    if (ngram.length === 1) return this.uni.get(ngram[0]!) ?? 0;
    if (ngram.length === 2) return this.bi.get(`${ngram[0]} ${ngram[1]}`) ?? 0;
    return 0;
  }
}
