// The suspect's lookup keys: MinHash windows at a finer stride than the index's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeText } from "../src/text/index.js";
import { buildUnits } from "../src/align/units.js";
import { getLexicon } from "../src/lexicon/index.js";
import { DEFAULT_MINHASH, fingerprint, queryFingerprint, QUERY_STRIDE } from "../src/fingerprint/index.js";
import { minhashKeys } from "../src/fingerprint/minhash.js";
import { suspectKeys } from "../src/search/check.js";

const lexicon = getLexicon();
const units = (s: string) => buildUnits(analyzeText(s), lexicon);

const SOURCE =
  "The harbour trust voted on Thursday to rebuild the eastern breakwater after winter storms cracked its concrete crown in three places. " +
  "Engineers told the trustees that waves had scoured the rubble mound beneath the crown, leaving voids large enough to swallow a car. " +
  "Repairs will close the eastern berths for eleven weeks, and ferry operators warned that summer timetables would have to be redrawn. " +
  "A fisheries cooperative asked for temporary moorings inside the marina, which the harbourmaster promised to study before the spring tides. " +
  "Funding comes from reserves built up over a decade, with a smaller grant from the coastal resilience programme covering the rest.";

test("query keys include every key the index stores for the same text", () => {
  const u = units(SOURCE);
  const indexKeys = fingerprint(u, lexicon).keys;
  const query = new Set(queryFingerprint(u, lexicon).keys);
  for (const k of indexKeys) assert.ok(query.has(k));
  assert.ok(query.size > indexKeys.length);
});

test("a copy placed off the index's window grid still shares whole MinHash windows with its source", () => {
  // Eight content words of other text before the copy: the suspect's windows at the index stride
  // (12) all straddle the copy's start differently from the source's windows.
  const suspect = "Gulls circled noisily overhead while tourists photographed lighthouse cliffs. " + SOURCE;
  const su = units(suspect);
  const content = (u: ReturnType<typeof units>) => u.filter((x) => !x.stop).map((x) => x.key);
  const sourceWindows = new Set(minhashKeys(content(units(SOURCE))));
  const shared = (keys: number[]) => keys.filter((k) => sourceWindows.has(k)).length;
  const coarse = shared(minhashKeys(content(su)));
  const fine = shared(minhashKeys(content(su), { ...DEFAULT_MINHASH, stride: QUERY_STRIDE }));
  // Every source window has an identical suspect window at the fine stride: all its band keys are shared.
  assert.equal(fine, sourceWindows.size);
  assert.ok(fine > coarse, `fine ${fine} coarse ${coarse}`);
  // suspectKeys (what `check` looks up) uses the fine stride.
  const looked = new Set(suspectKeys(analyzeText(suspect), lexicon));
  for (const k of minhashKeys(content(su), { ...DEFAULT_MINHASH, stride: QUERY_STRIDE })) assert.ok(looked.has(k));
});
