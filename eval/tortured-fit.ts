// Fitting the tortured-phrase weights (src/intrinsic/tortured-weights.ts) on raw candidate features.
// One model ranks the candidates and weighs the best against "no swap": a softmax over the options
// {no swap, candidate 1, ..., candidate n} with a linear score for each candidate (candidate
// features) and for "no swap" (pair features). A pair inside a tortured phrase wants the expected
// phrase when it is among the candidates, else any candidate (the original is not in the list, but
// some swap happened); every other pair (expected phrases, carrier words, unspun news) wants "no
// swap". Class-balanced, L2, full-batch gradient steps on standardised features.
import { CANDIDATE_FEATURES, PAIR_FEATURES, type TorturedWeights } from "../src/intrinsic/index.js";

const NC = CANDIDATE_FEATURES.length;
const NP = PAIR_FEATURES.length;

export interface TrainingPair {
  /** Candidate features, n x NC. */
  phi: Float32Array;
  psi: Float64Array;
  /** Indices of the right candidates; empty: any candidate; null: "no swap" is right. */
  target: number[] | null;
}

function standardise(rows: Float32Array[] | Float64Array[], width: number): { mean: number[]; sd: number[] } {
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  let n = 0;
  for (const r of rows) {
    for (let o = 0; o < r.length; o += width) {
      n++;
      for (let k = 0; k < width; k++) {
        mean[k]! += r[o + k]!;
        sq[k]! += r[o + k]! ** 2;
      }
    }
  }
  const sd = mean.map((m, k) => Math.sqrt(Math.max(1e-12, sq[k]! / Math.max(1, n) - (m / Math.max(1, n)) ** 2)));
  return { mean: mean.map((m) => m / Math.max(1, n)), sd: sd.map((s) => (s > 1e-6 ? s : 1)) };
}

export function fitTortured(pairs: TrainingPair[], options: { l2?: number; iterations?: number; rate?: number } = {}): Omit<TorturedWeights, "threshold"> {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 400;
  const rate = options.rate ?? 0.5;
  const cs = standardise(pairs.map((p) => p.phi), NC);
  const ps = standardise(pairs.map((p) => p.psi), NP);
  // Standardised copies, so each iteration is plain dot products.
  const Z = pairs.map((p) => Float64Array.from(p.phi, (x, i) => (x - cs.mean[i % NC]!) / cs.sd[i % NC]!));
  const Q = pairs.map((p) => Float64Array.from(p.psi, (x, k) => (x - ps.mean[k]!) / ps.sd[k]!));
  const nPos = pairs.filter((p) => p.target !== null).length;
  const nNeg = pairs.length - nPos;
  const posWeight = nNeg / Math.max(1, nPos);
  const w = new Float64Array(NC);
  const v = new Float64Array(NP);
  let b = 0;
  const gw = new Float64Array(NC);
  const gv = new Float64Array(NP);
  for (let it = 0; it < iterations; it++) {
    gw.fill(0);
    gv.fill(0);
    let gb = 0;
    let total = 0;
    for (let q = 0; q < pairs.length; q++) {
      const p = pairs[q]!;
      const z = Z[q]!;
      const n = z.length / NC;
      const s = new Float64Array(n + 1);
      let s0 = b;
      for (let k = 0; k < NP; k++) s0 += v[k]! * Q[q]![k]!;
      s[0] = s0;
      let max = s0;
      for (let c = 0; c < n; c++) {
        let x = 0;
        for (let k = 0; k < NC; k++) x += w[k]! * z[c * NC + k]!;
        s[c + 1] = x;
        if (x > max) max = x;
      }
      let sum = 0;
      for (let c = 0; c <= n; c++) sum += (s[c] = Math.exp(s[c]! - max));
      for (let c = 0; c <= n; c++) s[c]! /= sum;
      // Gradient of -log sum_{c in S} P(c): P - P restricted to S and renormalised.
      const weight = p.target === null ? 1 : posWeight;
      total += weight;
      const inS = (c: number): boolean => (p.target === null ? c === 0 : p.target.length === 0 ? c > 0 : p.target.includes(c - 1));
      let mass = 0;
      for (let c = 0; c <= n; c++) if (inS(c)) mass += s[c]!;
      for (let c = 0; c <= n; c++) {
        const g = weight * (s[c]! - (inS(c) ? s[c]! / Math.max(mass, 1e-300) : 0));
        if (c === 0) {
          gb += g;
          for (let k = 0; k < NP; k++) gv[k]! += g * Q[q]![k]!;
        } else {
          for (let k = 0; k < NC; k++) gw[k]! += g * z[(c - 1) * NC + k]!;
        }
      }
    }
    for (let k = 0; k < NC; k++) w[k]! -= rate * (gw[k]! + l2 * w[k]!) / total;
    for (let k = 0; k < NP; k++) v[k]! -= rate * (gv[k]! + l2 * v[k]!) / total;
    b -= (rate * gb) / total;
  }
  const round = (x: number): number => Number(x.toPrecision(6));
  return {
    candidate: Array.from(w, (x, k) => ({ mean: round(cs.mean[k]!), sd: round(cs.sd[k]!), w: round(x) })),
    pair: Array.from(v, (x, k) => ({ mean: round(ps.mean[k]!), sd: round(ps.sd[k]!), w: round(x) })),
    bias: round(b),
  };
}

/** Margin and the best candidates of one pair under given weights (what judgeTortured computes). */
export function scorePair(phi: Float32Array, psi: Float64Array, weights: Omit<TorturedWeights, "threshold">): { margin: number; order: number[] } {
  const n = phi.length / NC;
  const scores = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let s = 0;
    for (let k = 0; k < NC; k++) {
      const p = weights.candidate[k]!;
      s += (p.w * (phi[c * NC + k]! - p.mean)) / p.sd;
    }
    scores[c] = s;
  }
  let s0 = weights.bias;
  for (let k = 0; k < NP; k++) {
    const p = weights.pair[k]!;
    s0 += (p.w * (psi[k]! - p.mean)) / p.sd;
  }
  // Stable order: ties keep arrival order, as the detector's top three do.
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return { margin: n ? scores[order[0]!]! - s0 : -Infinity, order: order.slice(0, 3) };
}

/** The weights block of src/intrinsic/tortured-weights.ts for one context model. */
export function weightsBlock(key: "trigram" | "symspell", name: string, w: TorturedWeights, note: string): string {
  const rows = (ws: TorturedWeights["candidate"], names: readonly string[]) => ws.map((x, k) => `    { mean: ${x.mean}, sd: ${x.sd}, w: ${x.w} }, // ${names[k]}`).join("\n");
  return [
    `// fit:${key}:begin`,
    `/** ${note} */`,
    `export const ${name}: TorturedWeights = {`,
    "  candidate: [",
    rows(w.candidate, CANDIDATE_FEATURES),
    "  ],",
    "  pair: [",
    rows(w.pair, PAIR_FEATURES),
    "  ],",
    `  bias: ${w.bias},`,
    `  threshold: ${w.threshold},`,
    "};",
    `// fit:${key}:end`,
  ].join("\n");
}
