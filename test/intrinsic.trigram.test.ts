// Source-free detection with CMU's trigram model as the context model (Debian pocketsphinx-en-us,
// installed by .ci/run). Skipped where the model is absent: unspin then runs on the SymSpell counts,
// which the other intrinsic tests cover.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { getLexicon } from "../src/lexicon/index.js";
import { getWordVectors } from "../src/lexicon/vectors.js";
import { DEFAULT_TRIGRAM_LM, getTrigramModel } from "../src/lexicon/trigram.js";
import { analyzeText } from "../src/text/index.js";
import { PLAIN_NEWS } from "./helpers/plain-news.js";
import { analyzeIntrinsic, SYMSPELL_WEIGHTS, TRIGRAM_WEIGHTS } from "../src/intrinsic/index.js";

const skip = existsSync(DEFAULT_TRIGRAM_LM) ? false : `${DEFAULT_TRIGRAM_LM} is absent (apt-get install pocketsphinx-en-us)`;
const lexicon = getLexicon();
const vectors = getWordVectors();
const withLm = (s: string) => analyzeIntrinsic(analyzeText(s), lexicon, { vectors, languageModel: getTrigramModel() });
const withoutLm = (s: string) => analyzeIntrinsic(analyzeText(s), lexicon, { vectors });

// "town centre" with "centre" swapped for a synonym of another sense: SymSpell lists neither pair,
// CMU's model lists "town centre" and not "town heart".
const HEART = "Police said the suspect was arrested after a short chase through the town heart late on Saturday night.";

test("trigram: a swap whose pair only the denser model knows is flagged, with the original as suggestion", { skip }, () => {
  const f = withLm(HEART).findings.filter((x) => x.suspect.text === "heart");
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, "odd-collocation");
  assert.equal(f[0]!.suggestion, "centre");
  assert.deepEqual(withoutLm(HEART).findings.filter((x) => x.suspect.text === "heart"), []);
});

test("trigram: each context model reports the threshold fit for it", { skip }, () => {
  assert.equal(withLm(HEART).threshold, TRIGRAM_WEIGHTS.likelySpunThreshold);
  assert.equal(withoutLm(HEART).threshold, SYMSPELL_WEIGHTS.likelySpunThreshold);
});

test("trigram: plain news prose, quotations, names and technical terms stay below the threshold", { skip }, () => {
  for (const s of PLAIN_NEWS) {
    const r = withLm(s);
    assert.ok(r.score < r.threshold, `score ${r.score} for: ${s.slice(0, 40)}`);
  }
});
