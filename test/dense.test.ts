// The dense-stretch claim (src/search/dense.ts, src/search/claim.ts): a copy whose word order a
// spinner destroyed is claimed; an independent article on the same subject is not; a stretch that
// several candidates share (boilerplate) is not. Texts written for this test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeText } from "../src/text/index.js";
import { getLexicon } from "../src/lexicon/index.js";
import { buildUnits } from "../src/align/units.js";
import { alignTexts } from "../src/align/index.js";
import { denseStretch } from "../src/search/dense.js";
import { claimDense, claimSource, DEFAULT_CLAIM, DEFAULT_DENSE_CLAIM, rarity, sharedRuns, sharedStretches } from "../src/search/claim.js";
import { measure, isCopyVerdict } from "../src/report/build.js";
import { pairVerdict } from "../src/verdict/pair.js";
import { withStretch } from "../src/search/stretch.js";

const lexicon = getLexicon();
const units = (t: string) => buildUnits(analyzeText(t), lexicon);
const dense = (sus: string, src: string) => denseStretch(units(sus), units(src), (u) => rarity(u, lexicon), DEFAULT_DENSE_CLAIM.denseShare);

const filler =
  "The council spent the evening on routine business. Members approved the minutes of the last meeting and " +
  "heard a short report on the state of the roads. A resident asked about parking near the school, and the chair " +
  "promised an answer in writing. The meeting closed shortly after nine. ";
const source =
  "Conservators at the Marlow glassworks museum have restored a cracked Victorian chandelier using amber resin, " +
  "tweezers and a borrowed dentist's drill. The fragile crystal pendants had been stored in a damp cellar since the " +
  "flood, and mould had etched the gilded brass frame. Volunteers catalogued every prism before the delicate work began.";
// The source's words shuffled, some swapped for synonyms, a few dropped and a few added, its
// sentence boundaries gone: no run of four words survives.
const spun =
  "chandelier Victorian cracked a restored have museum glassworks Marlow conservators tweezers resin amber using borrowed drill " +
  "dentist's with the crystal fragile pendants kept damp in a cellar since flood the mould etched gilded frame brass the " +
  "catalogued volunteers each prism began work delicate before";
// The same event reported independently: the same names and some of the same facts, other words.
const sameStory =
  "A museum in Marlow has shown off a chandelier saved after last winter's flood. Staff at the glassworks said the repair took " +
  "months and cost less than expected. Visitors will be able to see the piece from the spring, the museum's director told " +
  "reporters on Tuesday, adding that more items from the collection still needed attention.";
const footer =
  "This article about a hamlet is a stub: you can help by expanding it. Categories: hamlets in the county, listed " +
  "buildings, coaching inns, articles lacking reliable citations, unsourced statements, coordinates on the map, " +
  "pages using an infobox settlement template, webarchive template wayback links.";

test("a shuffled, spun copy inside unrelated text is claimed on its dense stretch", () => {
  const suspect = filler + spun + " " + filler;
  const sus = analyzeText(suspect);
  const a = alignTexts(sus, analyzeText(source), lexicon);
  const m = measure(a);
  const byPassages = claimSource({ copy: isCopyVerdict(pairVerdict(m).verdict), alignedWords: m.alignedUnits, suspectWords: m.suspectUnits, sharedRuns: sharedRuns(a, DEFAULT_CLAIM.runWords) });
  assert.equal(byPassages, false, "the rule on aligned passages does not claim it (no shared runs of four)");
  const d = dense(suspect, source);
  assert.ok(d, "a dense stretch is found");
  assert.ok(claimDense(d), `claimed: ${JSON.stringify(d)}`);
  // The stretch points into the spun part of the suspect, not the filler.
  const words = sus.words.length;
  assert.ok(d!.suspect.start > 30 && d!.suspect.end < words - 30, `stretch ${JSON.stringify(d!.suspect)} of ${words}`);
});

test("an article on the same subject, written independently, is not claimed", () => {
  const d = dense(filler + sameStory + " " + filler, source);
  assert.equal(claimDense(d), false, JSON.stringify(d));
  const d2 = dense(filler + spun + " " + filler, sameStory);
  assert.equal(claimDense(d2), false, JSON.stringify(d2));
});

test("boilerplate that several candidates share makes no claim", () => {
  const suspect = filler + footer + " " + filler + spun + " " + filler;
  const pages = [
    "The Thornbury lighthouse was built of granite quarried on the island and first lit in the spring. " + footer,
    "Kessel is a village on the river with a chapel, a mill and two inns along the old coaching road. " + footer,
    "The ferrous sulphate process was patented twice before it reached the dye works of the valley. " + footer,
  ];
  const stretches = pages.map((p, i) => ({ id: `page${i}`, d: dense(suspect, p) }));
  // Each page alone holds the footer densely: taken one by one, each would be claimed...
  for (const s of stretches) assert.ok(claimDense(s.d), `${s.id}: ${JSON.stringify(s.d)}`);
  // ...but the same stretch of the suspect is matched by every one of them: a template.
  const seen = stretches.map((s) => ({ id: s.id, suspect: s.d!.suspect }));
  assert.deepEqual([...sharedStretches(seen, seen)].sort(), ["page0", "page1", "page2"]);
  // A stretch only one candidate matches is kept.
  assert.equal(sharedStretches([seen[0]!], [seen[0]!]).size, 0);
  // The copied stretch elsewhere in the same suspect is claimed still.
  const copy = { id: "src", suspect: dense(suspect, source)!.suspect };
  assert.ok(claimDense(dense(suspect, source)));
  assert.deepEqual([...sharedStretches([...seen, copy], [...seen, copy])].sort(), ["page0", "page1", "page2"]);
});

test("rarity: function words and very common words weigh nothing, rare words up to 1, names half", () => {
  const [the, said, chandelier, marlow] = units("the said chandelier. Then Marlow");
  assert.equal(rarity(the!, lexicon), 0);
  assert.ok(rarity(said!, lexicon) < 0.2);
  assert.ok(rarity(chandelier!, lexicon) > 0.5);
  const name = units("We met in Marlow today").find((u) => u.norm === "marlow")!;
  assert.ok(name.proper);
  assert.ok(rarity(name, lexicon) <= 0.5);
  void marlow;
});

test("through check: the shuffled copy's source is reported as a copy, though no verbatim run survives", async () => {
  const { createUnspin } = await import("../src/unspin.js");
  const { tempDir } = await import("./helpers/tmp.js");
  const { join } = await import("node:path");
  // The dense claim is off by default (it claims same-subject news too); a caller turns it on.
  const index = await createUnspin({ dense: {} }).openIndex(join(await tempDir("unspin-dense-"), "index.sqlite"));
  try {
    await index.add([{ text: source, url: "https://museum.example/chandelier" }, { text: sameStory, url: "https://paper.example/museum" }]);
    const report = await index.check(filler + spun + " " + filler);
    const found = report.sources.find((s) => s.url === "https://museum.example/chandelier");
    assert.ok(found, `the source is traced: ${JSON.stringify(report.sources.map((s) => s.url))}`);
    assert.ok(isCopyVerdict(report.verdict), `a copy verdict, not ${report.verdict}`);
    assert.equal(report.sources.some((s) => s.url === "https://paper.example/museum"), false, "the independent write-up is not claimed");
  } finally {
    await index.close();
  }
});

test("a claimed stretch becomes a passage only where no aligned passage is: passages never overlap", () => {
  const a = alignTexts(analyzeText(filler + source), analyzeText(source), lexicon);
  assert.ok(a.passages.length >= 1, "the copied source aligns");
  const p = a.passages[0]!;
  // A stretch that starts inside the aligned passage and runs past it adds nothing.
  const partial = { suspect: { start: p.suspect.start + 2, end: p.suspect.end + 3 }, source: { start: p.source.start + 2, end: p.source.end } };
  assert.deepEqual(withStretch(a, partial, lexicon), a.passages);
  // Whatever is added, the passages stay apart in the suspect.
  const before = { suspect: { start: 0, end: Math.max(1, p.suspect.start) }, source: { start: 0, end: 10 } };
  const out = withStretch(a, before, lexicon);
  for (let k = 1; k < out.length; k++) assert.ok(out[k]!.suspect.start >= out[k - 1]!.suspect.end);
});
