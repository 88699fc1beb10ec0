// Shared by the language-model load benchmarks (context-model-load.ts, trigram-load.ts): the
// query words they time lookups with, and the median of their child-process timings.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The words of the shipped example articles, in order: realistic lookups for a news model. */
export function exampleWords(): string[] {
  const root = new URL("../examples/", import.meta.url).pathname;
  const words: string[] = [];
  for (const sub of ["original", "spun"]) {
    for (const f of readdirSync(join(root, sub))) words.push(...(readFileSync(join(root, sub, f), "utf8").toLowerCase().match(/[a-z0-9']+/g) ?? []));
  }
  return words;
}
