// The language model behind source-free detection, chosen once per process:
//   - by default the bigram part of CMU's US-English model, shipped in this package
//     (models/cmu-en-us-bigram.bin, BSD-2, see models/README.md): "cmu-en-us-bigram";
//   - UNSPIN_TRIGRAM_LM=PATH: a full Sphinx trigram model instead (trigram.ts), e.g. Debian's
//     /usr/share/pocketsphinx/model/en-us/en-us.lm.bin: "cmu-en-us-trigram";
//   - UNSPIN_TRIGRAM_LM=off: none; src/intrinsic then uses the SymSpell counts ("symspell").
// The shipped model answers `id` and `bigramIds` exactly as CMU's full model does (test/context-
// model.test.ts checks every listed bigram), so the detector's output does not depend on which of
// the two it gets.
//
// The shipped file is compressed (~6 MB); the first load decodes it and builds the same hash-table
// bundle the full model uses for its bigrams (language-model.ts), cached as `bigram.bin` in the
// lexicon cache directory. Later loads only map that file (a few milliseconds).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UnspinError } from "../errors.js";
import { BundleWriter } from "./bundle.js";
import { cachedBundle, defaultCacheDir, fileIdentity } from "./cache.js";
import { BigramFormatError, decodeBigramModel } from "./bigram-format.js";
import { BundleBigramModel, writeBigramSections, type ContextLanguageModel } from "./language-model.js";
import { loadTrigramModel } from "./trigram.js";

export type { ContextLanguageModel } from "./language-model.js";

/** The model shipped in the package (resolves from src/lexicon and from dist/lexicon alike). */
export const SHIPPED_CONTEXT_MODEL = fileURLToPath(new URL("../../models/cmu-en-us-bigram.bin", import.meta.url));
/** Bump when the cached layout or the way it is built changes. */
const FORMAT = 1;

export interface ContextModelOptions {
  /** The shipped model file (tests point it at damaged copies). Default: SHIPPED_CONTEXT_MODEL. */
  shippedPath?: string;
  /** Cache directory; `false` builds in memory. Default: see defaultCacheDir(). */
  cacheDir?: string | false;
}

/** Load a model file in the shipped format (bigram-format.ts). Throws UnspinError("LEXICON") naming it. */
export function loadBigramModel(options: { path?: string; cacheDir?: string | false } = {}): ContextLanguageModel {
  const path = options.path ?? SHIPPED_CONTEXT_MODEL;
  const hint = path === SHIPPED_CONTEXT_MODEL ? "reinstall unspin (npm ci); the model ships in its models/ folder" : "check the path, or regenerate it with scripts/derive-context-model.ts";
  let identity;
  try {
    identity = fileIdentity(path);
  } catch (cause) {
    throw new UnspinError("LEXICON", `cannot read the context language model ${path}`, hint, { cause });
  }
  const stamp = `unspin-lexicon/bigram@${FORMAT} ${identity}`;
  const { reader, fromCache } = cachedBundle("bigram.bin", { dir: options.cacheDir ?? defaultCacheDir(), stamp }, () => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw new UnspinError("LEXICON", `cannot read the context language model ${path}`, hint, { cause });
    }
    try {
      const model = decodeBigramModel(bytes);
      const w = new BundleWriter().strings("name", [model.header.name]);
      writeBigramSections(w, model);
      return w;
    } catch (cause) {
      if (!(cause instanceof BigramFormatError)) throw cause;
      throw new UnspinError("LEXICON", `the context language model ${path} is damaged or not an unspin bigram model: ${cause.message}`, hint, { cause });
    }
  });
  return new BundleBigramModel(reader, { name: reader.strings("name")[0]!, source: path, fromCache });
}

/**
 * The context model this process should use: UNSPIN_TRIGRAM_LM=off gives null (SymSpell counts),
 * UNSPIN_TRIGRAM_LM=PATH the full Sphinx model at PATH (which must exist), else the shipped model.
 * Errors are UnspinError("LEXICON") naming the file.
 */
export function loadContextModel(options: ContextModelOptions = {}): ContextLanguageModel | null {
  const fromEnv = process.env.UNSPIN_TRIGRAM_LM;
  if (fromEnv === "off") return null;
  if (fromEnv) {
    const model = loadTrigramModel({ path: fromEnv, ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}) });
    // loadTrigramModel forgives an absent file at Debian's path; a path named here must exist.
    if (!model) throw new UnspinError("LEXICON", `cannot read the trigram language model ${fromEnv} (named by UNSPIN_TRIGRAM_LM)`, "install it (apt-get install pocketsphinx-en-us), point UNSPIN_TRIGRAM_LM at a Sphinx model file, or unset it to use the shipped model");
    return model;
  }
  return loadBigramModel({ path: options.shippedPath ?? SHIPPED_CONTEXT_MODEL, ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}) });
}

let shared: ContextLanguageModel | null | undefined;
/** One context model per process, loaded on first use (null when UNSPIN_TRIGRAM_LM=off). */
export function getContextModel(): ContextLanguageModel | null {
  if (shared === undefined) shared = loadContextModel();
  return shared;
}
