// What `add` computes per new article, in whichever thread: fingerprint keys, and the article's
// n-gram counts as counter slots of the corpus sketch (plus its word count).
import type { Unspin } from "../unspin.js";
import { NgramSketch } from "../corpus/sketch.js";
import { wordTokens } from "../store/corpus.js";

export interface SketchShape {
  width: number;
  depth: number;
}

export interface Prepared {
  keys: number[];
  slots: Uint32Array;
  counts: Uint32Array;
  tokens: number;
}

export interface PrepareRequest {
  seq: number;
  text: string;
}

export type PrepareResponse = { seq: number; error?: string } & Partial<Prepared>;

export function prepareForIndex(unspin: Unspin, text: string, shape: SketchShape): Prepared {
  const p = unspin.prepare({ id: "", text });
  const { slots, counts } = NgramSketch.slotsOf(p.ngrams, shape.width, shape.depth);
  return { keys: p.keys, slots, counts, tokens: wordTokens(p.ngrams) };
}
