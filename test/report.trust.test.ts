// Reports a fact-checker can trust: numbers that hold up, sources that are not the suspect
// itself, verdicts that need evidence, findings a reader can read. Texts written for the project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createUnspin, renderText } from "../src/index.js";
import { mergeIntrinsic } from "../src/report/intrinsic.js";
import { tempDir } from "./helpers/tmp.js";
import { BRITISH, NEAR_DUPLICATES } from "./helpers/report-texts.js";

const examples = new URL("../examples/", import.meta.url).pathname;
const original = readFileSync(join(examples, "original", "harbour-council.txt"), "utf8");
const spun = readFileSync(join(examples, "spun", "harbour-council.txt"), "utf8");
const unspin = createUnspin();

async function indexOf(texts: string[]) {
  const index = await unspin.openIndex(join(await tempDir("unspin-trust-"), "index.sqlite"));
  await index.add(texts.map((text, k) => ({ text, url: `https://site${k + 1}.example/harbour` })));
  return index;
}

test("coverage stays a share of the suspect with overlapping sources, and each change is listed once, under its source", async () => {
  const index = await indexOf(NEAR_DUPLICATES);
  const report = await index.check(spun);
  assert.equal(report.verdict, "spun-copy");
  assert.ok(report.sources.length >= 2, "the near-duplicates are all listed");
  assert.ok(report.stats.coverage! <= 1 && report.stats.coverage! > 0.8, `coverage ${report.stats.coverage}`);
  for (const s of report.sources) assert.ok(s.coverage >= 0 && s.coverage <= 1);
  const places = report.findings.map((f) => `${f.rule}:${f.suspect.start}:${f.suspect.end}`);
  assert.equal(new Set(places).size, places.length, "no change listed twice");
  const ids = new Set(report.sources.map((s) => s.id));
  for (const f of report.findings) if (f.source) assert.ok(ids.has(f.source.id), "a finding names one of the listed sources");
  const swap = report.findings.find((f) => f.rule === "synonym-swap" && f.suspect.text === "construct");
  assert.ok(swap?.source, "the swap is explained by a source");
  const text = renderText(report, { color: false, suspectText: spun });
  assert.match(text, /passage 1 of source 1 https:\/\/site1\.example\/harbour/);
  assert.ok(!/coverage (\d{4,}|[2-9]\d\d|1\d[1-9])%/.test(text), "no coverage over 100% printed");
  await index.close();
});

test("an index that holds the suspect traces it to the others, not to itself", async () => {
  const index = await indexOf([original, spun]);
  const report = await index.check(spun, { url: "https://site2.example/harbour" });
  assert.ok(report.indexed);
  assert.equal(report.sources.length, 1);
  assert.equal(report.sources[0]!.url, "https://site1.example/harbour");
  assert.equal(report.mode, "check");
  assert.equal(report.searched?.documents, 2);
  assert.match(renderText(report, { color: false, suspectText: spun }), /the suspect itself is indexed as [0-9a-f]+ and was left out/);
  await index.close();
});

test("an indexed suspect's own word pairs do not vouch for it: its source-free findings are those it gets when not indexed", async () => {
  const lonely = readFileSync(join(examples, "spun", "library-hours.txt"), "utf8");
  const others = NEAR_DUPLICATES.slice(0, 2);
  const findingsOf = async (texts: string[]) => {
    const index = await indexOf(texts);
    try {
      const r = await index.check(lonely);
      return { indexed: Boolean(r.indexed), findings: r.findings.map((f) => `${f.rule}:${f.suspect.start}:${f.suspect.end}`).sort() };
    } finally {
      await index.close();
    }
  };
  const apart = await findingsOf(others);
  const within = await findingsOf([...others, lonely]);
  assert.equal(apart.indexed, false);
  assert.equal(within.indexed, true);
  assert.ok(apart.findings.some((f) => f.startsWith("odd-collocation")), `the spun text has odd word pairs: ${apart.findings.join(", ")}`);
  assert.deepEqual(within.findings, apart.findings);
});

test("a one-sentence text is too short to judge: no likely-spun, no spin probability, a note saying why", () => {
  const report = unspin.intrinsic("The council voted on Tuesday to approve the harbour plan.");
  assert.equal(report.verdict, "no-evidence");
  assert.equal(report.stats.spinProbability, undefined);
  assert.equal(report.stats.suspectWords, 10, "words are counted without a source too");
  assert.equal(report.mode, "source-free");
  assert.match(report.notes.join(" "), /too short to judge/);
});

test("likely-spun needs findings that carry it: a high score alone is not enough", () => {
  const base = unspin.intrinsic(BRITISH); // long enough to judge, no source
  const words = { ...base, findings: [], verdict: "no-evidence" as const, notes: [] };
  const high = mergeIntrinsic(words, { findings: [], score: 0.97, contextModel: "test" }, 0.5);
  assert.equal(high.verdict, "no-evidence");
  assert.equal(high.stats.spinProbability, 0.97, "the probability is still reported");
  assert.match(high.notes.join(" "), /no word or span stands out/);
  const debris = unspin.intrinsic("They do n't know.").findings.filter((f) => f.rule === "tokenizer-artifact");
  assert.ok(debris.length > 0);
  const carried = mergeIntrinsic(words, { findings: debris, score: 0.97, contextModel: "test" }, 0.5);
  assert.equal(carried.verdict, "likely-spun");
  const r = unspin.intrinsic(spun);
  assert.equal(r.verdict, "likely-spun", "the spun sample carries evidence");
});

test("British spellings are not odd word choices; straight quotes are no anomaly; a borrowed phrase is no misspelling", () => {
  const report = unspin.intrinsic(BRITISH);
  const flagged = report.findings.filter((f) => f.rule === "odd-collocation" || f.rule === "non-word").map((f) => f.suspect.text.toLowerCase());
  for (const w of ["sceptical", "finalised", "favourite", "colour", "organised", "centre", "neighbourhood", "analyse", "criticised", "labour", "defence"]) {
    assert.ok(!flagged.includes(w), `"${w}" is British spelling, not spin`);
  }
  assert.ok(!report.findings.some((f) => f.rule === "quote-mark-anomaly"), "balanced straight quotes are fine");
  assert.notEqual(report.verdict, "likely-spun");
  const foreign = unspin.intrinsic("The merger was presented to the shareholders as a fait accompli, and the board did not ask for a vote. Analysts said the approval of the regulator was a sine qua non of the rescue, which the chairman described as the raison d'etre of the new group. The deal will be reviewed next month, according to people familiar with the matter.");
  assert.deepEqual(foreign.findings.filter((f) => f.rule === "non-word").map((f) => f.suspect.text), []);
});

test("the text report shows each change in its context, debris made visible, guesses worded as guesses", () => {
  const report = unspin.intrinsic(spun);
  const text = renderText(report, { color: false, suspectText: spun, width: 100 });
  for (const line of text.split("\n")) assert.ok(line.length <= 100, `fits 100 columns: ${line}`);
  assert.match(text, /\[doesn't -> does␣n't\]/, "a split contraction shows its repair, then what the suspect has with the space shown, as every change reads");
  assert.match(text, /a contraction split by a tokenizer/, "the note explains debris");
  assert.ok(!/\(was "/.test(text), "no guess is printed as a fact");
  const guess = report.findings.find((f) => !f.source && f.suggestion && f.rule === "odd-collocation");
  if (guess) assert.match(text, new RegExp(`perhaps "${guess.suggestion}" \\(\\d+% sure\\)`));
  const compare = unspin.compare(spun, original);
  const ctext = renderText(compare, { color: false, suspectText: spun, width: 100 });
  assert.match(ctext, /quote-altered\s+the quotation differs from the source/);
  assert.match(ctext, /source: {2}This is a \[difficult\] decision/, "the quotation is shown from its start, the changed word bracketed");
  assert.match(ctext, /suspect: This is a \[easy\] decision/);
  assert.ok(!/reordered.*\n.*"(.+)"\n.*\1/.test(ctext), "a moved passage is not shown twice");
});

test("check reports of several inputs can be written where the report file is asked for", async () => {
  // The HTML of a multi-source check renders with tabs and passage links (looked at in the browser test).
  const index = await indexOf(NEAR_DUPLICATES);
  const report = await index.check(spun);
  const { renderHtml } = await import("../src/index.js");
  const sources = new Map<string, string>();
  for (const s of report.sources) sources.set(s.id, (await index.get(s.id))!.text);
  const html = renderHtml(report, { suspect: spun, sources });
  assert.match(html, /role="tablist"/);
  assert.match(html, /href="#o1-p1"/);
  assert.match(html, /class="[^"]*q qt-quote-altered/, "quotations with edits are marked in the text");
  const out = join(await tempDir("unspin-trust-"), "r.html");
  writeFileSync(out, html);
  await index.close();
});

test("the headline never reads as a faithful copy, or as no trace of spinning, above findings that say otherwise", () => {
  const source = readFileSync(join(examples, "original", "rail-strike.txt"), "utf8");
  // Three facts falsified in an otherwise word-for-word copy.
  const doctored = source.replace("85 percent", "58 percent").replace("Friday", "Monday").replace("remained open", "remained closed");
  const report = unspin.compare(doctored, source);
  assert.equal(report.verdict, "verbatim-copy");
  const changed = report.findings.filter((f) => ["number-changed", "name-changed", "meaning-flip"].includes(f.rule)).length;
  assert.ok(changed >= 3, JSON.stringify(report.findings.map((f) => f.rule)));
  const text = renderText(report, { color: false, suspectText: doctored });
  assert.match(text.split("\n")[1]!, new RegExp(`a word-for-word copy of its source\\(s\\), except ${changed} edits that change what the source says`));
  assert.match(renderText(unspin.compare(source, source), { color: false, suspectText: source }).split("\n")[1]!, /^ {2}a word-for-word copy of its source\(s\)$/, "a faithful copy reads as one");
  // No source matches, but the text alone raises warnings (tokenizer debris): not "no trace".
  const unrelated = unspin.compare(spun, source);
  assert.equal(unrelated.verdict, "no-evidence");
  assert.ok(unrelated.findings.some((f) => f.rule === "tokenizer-artifact"));
  const line = renderText(unrelated, { color: false, suspectText: spun }).split("\n")[1]!;
  assert.match(line, /no copy of the given source found; the text alone raises \d+ warnings? /);
  assert.ok(!/no trace of spinning/.test(line), line);
});

test("an original checked against an index holding only its later spun copy is not called a copy of its copy", async () => {
  const index = await unspin.openIndex(join(await tempDir("unspin-trust-"), "index.sqlite"));
  await index.add([{ text: spun, url: "https://farm.example/harbour", published: "2026-10-05" }]);
  // Dated: the farm's copy came out after the original, so it is the original's copy.
  const dated = await index.check({ text: original, published: "2026-10-02" });
  assert.deepEqual(dated.sources, [], "the later copy is not its source");
  assert.notEqual(dated.verdict, "spun-copy");
  assert.equal(dated.copies?.length, 1);
  assert.equal(dated.copies![0]!.url, "https://farm.example/harbour");
  assert.match(dated.copies![0]!.why, /published 2026-10-05, after this text \(2026-10-02\)/);
  assert.match(renderText(dated, { color: false, suspectText: original }).split("\n")[1]!, /no source found; 1 indexed document is a later copy of this text/);
  // Undated: the text alone cannot settle it (a copy can be cleaner than its original), so the
  // source stays listed, and a note says what points the other way.
  const undated = await index.check(original);
  assert.equal(undated.sources.length, 1);
  assert.equal(undated.copies, undefined);
  assert.deepEqual(undated.directionInDoubt, [{ id: undated.sources[0]!.id, url: "https://farm.example/harbour" }]);
  assert.match(renderText(undated, { color: false, suspectText: original }).split("\n")[1]!, /; or its source copied it: the text cannot tell which came first \(see the notes\)$/);
  assert.ok(undated.notes.some((n) => /^https:\/\/farm\.example\/harbour may be a copy of this text rather than its source: it carries 1 tokenizer debris, 1 non-word/.test(n)), JSON.stringify(undated.notes));
  // The spun copy checked against its dated original: traced, no doubt raised.
  const other = await indexOf([original]);
  const back = await other.check({ text: spun, published: "2026-10-05" });
  assert.equal(back.verdict, "spun-copy");
  assert.equal(back.copies, undefined);
  assert.ok(!back.notes.some((n) => /may be a copy of this text/.test(n)));
  assert.equal(back.directionInDoubt, undefined);
  await other.close();
  await index.close();
});

test("a text stitched from two articles: each stretch is explained by the source it was copied from, not by a chance passage of the other", async () => {
  const index = await unspin.openIndex(join(await tempDir("unspin-trust-"), "index.sqlite"));
  await index.add([join(examples, "original"), join(examples, "pages")]);
  const cycling = readFileSync(join(examples, "spun", "cycling-lanes.txt"), "utf8");
  const stitched = `${spun}\n\n${cycling}`;
  const report = await index.check(stitched);
  assert.equal(report.sources.length, 2);
  const sum = report.sources.reduce((a, s) => a + s.coverage, 0);
  assert.ok(sum <= 1, `the sources' coverages add up to ${sum}`);
  // No source's passage lies inside another's: each stretch has one explanation.
  for (const s of report.sources) {
    for (const p of s.passages) {
      for (const o of report.sources) if (o !== s) for (const q of o.passages) assert.ok(p.suspect.end <= q.suspect.start || p.suspect.start >= q.suspect.end, `passage ${JSON.stringify(p.suspect)} of ${s.title} overlaps ${JSON.stringify(q.suspect)} of ${o.title}`);
    }
  }
  // The cycling story's figure is not read as a change of the harbour story's.
  const numbers = report.findings.filter((f) => f.rule === "number-changed").map((f) => `${f.source!.text} -> ${f.suspect.text}`);
  assert.deepEqual(numbers, ["48 -> 46"]);
  await index.close();
});

test("an independent report that quotes the same statement word for word is not a copy of the article", async () => {
  const index = await indexOf([original]);
  // Written for this test: another reporter's story on the vote, its own order and words, with
  // the leader's quotation as every outlet prints it.
  const independent = [
    "Fishing families fear for their moorings as Westport backs terminal",
    "Boats have tied up at the old quay for generations, and skippers say a terminal for ferries will squeeze them out. Several of them watched from the public gallery as the plan went through.",
    "\"This is a difficult decision, but it is the right one for our community,\" Maria Okafor told the chamber before members voted.",
    "Opponents now want guarantees on rents and berths before any building starts.",
  ].join("\n\n");
  const report = await index.check(independent);
  assert.deepEqual(report.sources.map((s) => s.url), [], `claimed: ${report.verdict}`);
  assert.ok(!["spun-copy", "verbatim-copy", "rewrite"].includes(report.verdict));
  await index.close();
});
