// Summaries inside a longer text: a short passage condensing a source paragraph must be found
// (its source stretch is several times longer than it, its sentences draw on source sentences far
// apart); a passage on the same topic written independently must not. All texts written for
// this test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createUnspin } from "../src/index.js";
import { analyzeText } from "../src/text/index.js";
import { alignTexts } from "../src/align/index.js";

const SOURCE = [
  "The regional council approved a plan on Tuesday to enlarge the old reservoir above the valley after two dry summers left wells empty and farmers hauling water by truck.",
  "The reservoir was built in 1931 by a mining company and passed to the council after the last mine closed.",
  "Its grey stone wall is listed as a local landmark, and a small museum beside it tells the story of the quarrymen who built it.",
  "Engineers will raise the dam wall by four metres, which should nearly double the amount of water the lake can hold.",
  "Rainfall in the hills has been below average in seven of the last ten years, according to the weather station at the old quarry.",
  "The work is expected to take three years and will be paid for partly by a national fund for drought protection and partly by a small increase in local water charges.",
  "A typical household would pay roughly the price of a cup of coffee more each month.",
  "Several residents spoke against the project at a crowded public meeting, warning that the higher lake would flood a stretch of forest and a footpath used by walkers for generations.",
  "The meeting, held in the village hall, went on past midnight.",
  "Council members replied that a new path would be built along the northern shore and that twice as many trees would be planted as were lost.",
  "Farmers in the valley welcomed the decision.",
  "One grower said his orchards had produced barely half their usual harvest because the irrigation channels ran dry in August.",
  "Another said she had sold part of her herd because she could no longer buy enough feed.",
  "Environmental groups asked for a study of the fish that breed in the stream below the dam, and the council agreed to pay for one before construction begins.",
  "The study will run for a full year so that spawning in both spring and autumn can be observed.",
  "Officials also promised to repair leaking pipes in the town, which waste about a fifth of the water supply every year.",
].join(" ");

const SUMMARY = [
  "After dry summers emptied wells, the council backed a plan to raise the reservoir dam so that the lake can hold nearly double the water, with a study of the fish in the stream first.",
  "Residents warned that forest and a footpath would flood, and orchards had produced half their usual harvest, so farmers welcomed the decision.",
  "The work will be paid by a national drought fund and higher water charges, and leaking pipes that waste a fifth of the supply will be repaired.",
].join(" ");

// Same topic (drought, water, farmers), no sentence drawn from SOURCE.
const SAME_TOPIC = [
  "Across the south, rivers have fallen to their lowest level in decades after months without steady rain.",
  "Water companies are asking households to take shorter showers and to leave lawns brown until autumn.",
  "Some farmers have started to sell cattle early because the grass in their fields stopped growing in June, and hay prices have climbed sharply.",
].join(" ");

const HOST_BEFORE = [
  "The chess club at the primary school on Mill Lane has grown from six pupils to more than forty since a retired teacher started running it on Thursday afternoons.",
  "Children play short games against each other first and then study a famous position on a large board hung in the hall.",
  "Parents say the club has taught their sons and daughters patience, and several teachers report calmer classrooms on Friday mornings.",
  "The headteacher admits she was doubtful at first, since the hall is also used for lunch and the tables had to be cleared quickly every week.",
  "Now older pupils set up the boards themselves, record every result in a notebook and coach the beginners during the break.",
  "A local bookshop donated a shelf of puzzle books, and the library lends a computer so that members can replay their games at home.",
].join(" ");

const HOST_AFTER = [
  "In March the youngest team travelled by coach to a county tournament and came home with a silver trophy and a pile of certificates.",
  "The club now hopes to buy digital clocks and to invite a grandmaster for a simultaneous exhibition next spring.",
  "Anyone willing to lend old sets or to help supervise the younger players is asked to contact the school office.",
  "The retired teacher, who learned the game from his grandfather, says he has no plans to stop and jokes that the children already beat him too often.",
  "He believes the club works because nobody is made to feel slow, and because every player, winner or loser, shakes hands at the end of a game.",
  "Next term the club will also open its doors to parents on the last Thursday of each month, when families can play together after lessons.",
].join(" ");

const u = createUnspin();
const COPY = new Set(["verbatim-copy", "spun-copy", "rewrite"]);

test("a short summary of a source paragraph inside an unrelated text is found, with its source stretch", () => {
  const suspect = `${HOST_BEFORE}\n\n${SUMMARY}\n\n${HOST_AFTER}`;
  const report = u.compare(suspect, { text: SOURCE, id: "reservoir" });
  assert.ok(COPY.has(report.verdict), `verdict ${report.verdict}`);
  const passage = report.sources[0]?.passages[0];
  assert.ok(passage, "a passage is reported");
  const start = suspect.indexOf(SUMMARY);
  // The passage lies on the summary (not on the chess text around it)...
  assert.ok(passage.suspect.start >= start && passage.suspect.end <= start + SUMMARY.length, JSON.stringify(passage.suspect));
  assert.ok(passage.suspect.end - passage.suspect.start > SUMMARY.length / 2);
  // ...and its source side is several times longer: the stretch the summary condenses.
  assert.ok(passage.source.end - passage.source.start > 2 * (passage.suspect.end - passage.suspect.start));
});

test("a same-topic passage written independently inside the same text is not a copy", () => {
  const suspect = `${HOST_BEFORE}\n\n${SAME_TOPIC}\n\n${HOST_AFTER}`;
  const report = u.compare(suspect, { text: SOURCE, id: "reservoir" });
  assert.ok(!COPY.has(report.verdict), `verdict ${report.verdict}`);
});

test("without the summary rule the sentence alignment misses this summary; the rule does not fire on the summary alone", () => {
  const lexicon = u.lexicon;
  const off = createUnspin({ lexicon, align: { summary: null } });
  assert.ok(!COPY.has(off.compare(`${HOST_BEFORE}\n\n${SUMMARY}\n\n${HOST_AFTER}`, { text: SOURCE }).verdict));
  // A text that is all summary has nothing to stand out from: the rule adds nothing there.
  const alone = alignTexts(analyzeText(SUMMARY), analyzeText(SOURCE), lexicon);
  const withoutRule = alignTexts(analyzeText(SUMMARY), analyzeText(SOURCE), lexicon, { summary: null });
  assert.deepEqual(alone.passages.map((p) => p.suspect), withoutRule.passages.map((p) => p.suspect));
});

test("the same words scattered over a source far longer than the passage are not a summary", () => {
  // Each source sentence is followed by a long stretch of unrelated text (more than 20 times the
  // summary's length over any few of them), so no bounded source stretch explains the summary.
  const filler = Array.from({ length: 12 }, (_, k) => `Page ${k + 1} of the almanac lists tide tables, moon phases, sunrise times and the names of lighthouses along the eastern coast.`).join(" ");
  const scattered = SOURCE.split(/(?<=\.) /).map((s) => `${s} ${filler}`).join("\n\n");
  const report = u.compare(`${HOST_BEFORE}\n\n${SUMMARY}\n\n${HOST_AFTER}`, { text: scattered, id: "almanac" });
  assert.ok(!COPY.has(report.verdict), `verdict ${report.verdict}`);
});

test("summary passage operations cover the passage's suspect words once, in order, and match equal base forms", () => {
  const lexicon = u.lexicon;
  const a = alignTexts(analyzeText(`${HOST_BEFORE}\n\n${SUMMARY}\n\n${HOST_AFTER}`), analyzeText(SOURCE), lexicon);
  const summaries = a.passages.filter((p) => p.edits.length === 0);
  assert.equal(summaries.length, 1);
  const p = summaries[0]!;
  let next = p.suspect.start;
  for (const op of p.ops) {
    if (op.op === "match") {
      assert.equal(op.s, next++);
      assert.equal(a.suspectUnits[op.s]!.key, a.sourceUnits[op.o]!.key);
      assert.ok(op.o >= p.source.start && op.o < p.source.end);
    } else {
      assert.equal(op.op, "insert");
      if (op.op === "insert") {
        assert.equal(op.s0, next);
        next = op.s1;
      }
    }
  }
  assert.equal(next, p.suspect.end);
  assert.equal(p.matched, p.ops.filter((op) => op.op === "match").length);
});

test("a passage that repeats a few of the source's words over and over is not a summary", () => {
  // Most of its word occurrences are in the source ("dam", "water"), but few of its distinct words.
  const repetitive = [
    "Dams and water: a dam keeps water, a dam stores water, a dam releases water, and the water behind a dam is a reservoir of water.",
    "A lake is water behind a dam.",
    "Beavers build a dam of sticks and mud; engineers build a dam of concrete and steel.",
    "Either way the dam decides where the water goes, and the water decides how long the dam will stand.",
  ].join(" ");
  const report = u.compare(`${HOST_BEFORE}\n\n${repetitive}\n\n${HOST_AFTER}`, { text: SOURCE, id: "reservoir" });
  assert.ok(!COPY.has(report.verdict), `verdict ${report.verdict}`);
});
