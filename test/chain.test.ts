// The ordered chain of rare words (src/search/chain.ts, claim in src/search/claim.ts): a copy whose
// words were shuffled inside each entry keeps its rare words, names and numbers in the source's
// order; an article naming the same places in its own order does not. Texts written for this test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeText } from "../src/text/index.js";
import { getLexicon } from "../src/lexicon/index.js";
import { buildUnits } from "../src/align/units.js";
import { orderedChain } from "../src/search/chain.js";
import { chainWeight, claimChain, DEFAULT_CHAIN_CLAIM } from "../src/search/claim.js";
import { createUnspin, type CandidateOutcome } from "../src/unspin.js";
import { openIndexStore } from "../src/store/index.js";
import { tempDir } from "./helpers/tmp.js";
import { alignTexts } from "../src/align/index.js";
import { withStretch } from "../src/search/stretch.js";
import { join } from "node:path";

const lexicon = getLexicon();
const units = (t: string) => buildUnits(analyzeText(t), lexicon);
const chain = (sus: string, src: string) => orderedChain(units(sus), units(src), (u) => chainWeight(u, lexicon));

const guide =
  "Where to eat and shop in the valley. Harwell Bakery, Stoke Ferry, 01632 960 214, open from seven. Quillon Antiques, Marsh Lane, " +
  "01632 960 377, clocks and barometers. The Tanner's Arms, Oxbury, 01632 960 481, Sunday roasts by the fire. Pellow Cycles, Oxbury, " +
  "01632 960 529, hire by the day. Fennick Farm Shop, Stoke Ferry, 01632 960 603, cider and cheese. Brindle Gallery, Marsh Lane, " +
  "01632 960 715, watercolours of the estuary. Otterbrook Riding School, Hesketh, 01632 960 842, lessons for children.";
// Each entry's words shuffled and swapped, the entries in the guide's order.
const shuffled =
  "For shopping, dale eating places across. Seven from Harwell opening bakery, Ferry Stoke, 01632 960 214. Marsh Antiques Lane " +
  "Quillon, barometers, 01632 960 377 clocks also. Oxbury Sunday roasting Arms near Tanner's fireside, 01632 960 481. Daily rental " +
  "Pellow Oxbury cycles, 01632 960 529. Stoke Fennick cider Ferry farm cheese, 01632 960 603. Estuary Lane Brindle watercolour Marsh, " +
  "01632 960 715. Children Hesketh Otterbrook riding tuition, 01632 960 842.";
// The same places, visited in another order (the guide's backwards), no numbers.
const weekend =
  "Hesketh is worth a weekend: the Otterbrook Riding School teaches children there. Walk on to the Brindle Gallery, which " +
  "sells prints of the estuary, and buy cider at Fennick Farm Shop. Pellow Cycles hires bikes for the ride back, past the " +
  "Tanner's Arms. Quillon Antiques is shut on Mondays, and Harwell Bakery sells out by noon.";
const filler =
  "The council spent the evening on routine business. Members approved the minutes of the last meeting and heard a short report " +
  "on the state of the roads. The meeting closed shortly after nine. ";

test("a copy shuffled inside each entry keeps a long ordered chain, inside the copied stretch", () => {
  const suspect = filler + shuffled + " " + filler;
  const c = chain(suspect, guide);
  assert.ok(c, "a chain is found");
  assert.ok(c!.weight >= DEFAULT_CHAIN_CLAIM.chainWeight * 3, `weight ${c!.weight}`);
  assert.ok(c!.length >= 14, `length ${c!.length}`);
  const sus = units(suspect);
  const start = units(filler).length;
  assert.ok(c!.suspect.start >= start && c!.suspect.end <= start + units(shuffled).length, `the chain lies in the copy: ${JSON.stringify(c!.suspect)}, ${sus.length} units`);
  assert.ok(claimChain(c, 30));
});

test("the same places named in another order make a short chain, under the claim's weight", () => {
  const c = chain(filler + weekend + " " + filler, guide);
  assert.ok(c === null || c.weight < DEFAULT_CHAIN_CLAIM.chainWeight, JSON.stringify(c));
  assert.equal(claimChain(c, 30), false);
});

test("a chain is claimed only beside an aligned passage", () => {
  const c = chain(filler + shuffled, guide);
  assert.equal(claimChain(c, 0), false);
  assert.equal(claimChain(null, 40), false);
});

test("chain weights: numbers of three characters or more count 1, short ones and function words 0, names in full", () => {
  const [the, ten, phone, harwell] = units("the 10 01632 of. We met Harwell").filter((u) => ["the", "10", "01632", "harwell"].includes(u.norm));
  assert.equal(chainWeight(the!, lexicon), 0);
  assert.equal(chainWeight(ten!, lexicon), 0);
  assert.equal(chainWeight(phone!, lexicon), 1);
  assert.ok(harwell!.proper && chainWeight(harwell!, lexicon) > 0.5);
});

test("a word repeated all over either text pins down no place and is not matched", () => {
  const src = "Quillon Quillon Quillon sells clocks. Brindle paints. Otterbrook rides.";
  const sus = "Quillon sells clocks. Brindle paints. Otterbrook rides.";
  const c = orderedChain(units(sus), units(src), (u) => chainWeight(u, lexicon));
  assert.ok(c);
  assert.equal(units(sus).slice(c!.suspect.start, c!.suspect.end).some((u) => u.norm === "quillon"), false);
});

test("through check: the shuffled copy's source is claimed on its chain alone, the same-places article is not", async () => {
  const path = join(await tempDir("unspin-chain-"), "index.sqlite");
  const index = await createUnspin().openIndex(path);
  await index.add([{ text: guide, url: "https://valley.example/guide" }, { text: weekend, url: "https://paper.example/weekend" }]);
  await index.close();
  const store = await openIndexStore(path, { readonly: true });
  try {
    // The dense-stretch claim is turned off so that the chain is what decides.
    const run = async (chain: boolean) => {
      const outcomes: CandidateOutcome[] = [];
      const report = await createUnspin({ dense: false, ...(chain ? {} : { chain: false as const }) }).check(filler + shuffled + " " + filler, store, { onCandidate: (o) => outcomes.push(o) });
      return { urls: report.sources.map((s) => s.url), outcomes, report };
    };
    const on = await run(true);
    assert.deepEqual(on.urls, ["https://valley.example/guide"]);
    // The claimed source's passages do not overlap in the suspect (else words would count twice).
    const passages = [...on.report.sources[0]!.passages].sort((a, b) => a.suspect.start - b.suspect.start);
    for (let k = 1; k < passages.length; k++) assert.ok(passages[k]!.suspect.start >= passages[k - 1]!.suspect.end, JSON.stringify(passages.map((p) => p.suspect)));
    assert.ok(on.report.stats.coverage! <= 1);
    const guideOutcome = on.outcomes.find((o) => o.claimed);
    assert.ok(guideOutcome?.byChain && !guideOutcome.copy, `claimed on the chain, not on passages: ${JSON.stringify(on.outcomes)}`);
    const off = await run(false);
    assert.deepEqual(off.urls, [], "without the chain nothing claims it");
  } finally {
    await store.close();
  }
});

test("a claimed stretch becomes a passage only where no aligned passage is: passages never overlap", () => {
  const a = alignTexts(analyzeText(filler + guide), analyzeText(guide), lexicon);
  assert.ok(a.passages.length >= 1, "the copied guide aligns");
  const p = a.passages[0]!;
  // A stretch that starts inside the aligned passage and runs past it.
  const partial = { suspect: { start: p.suspect.start + 2, end: p.suspect.end + 3 }, source: { start: p.source.start + 2, end: p.source.end } };
  assert.deepEqual(withStretch(a, partial, lexicon), a.passages);
  // Whatever is added, the passages stay apart in the suspect.
  const before = { suspect: { start: 0, end: Math.max(1, p.suspect.start) }, source: { start: 0, end: 10 } };
  const out = withStretch(a, before, lexicon);
  for (let k = 1; k < out.length; k++) assert.ok(out[k]!.suspect.start >= out[k - 1]!.suspect.end);
});
