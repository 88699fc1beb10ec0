// What the server needed of the library: HTML pages as data (extracted as `add` extracts an HTML
// file), the position of each skipped article given as data, and the rule catalogue with colours.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createUnspin } from "../src/unspin.js";
import { RULES } from "../src/rules/catalogue.js";
import { renderHtml } from "../src/report/html.js";
import { tempDir } from "./helpers/tmp.js";
const examples = new URL("../examples/", import.meta.url).pathname;

const unspin = createUnspin();
const pagePath = join(examples, "pages", "cycling-lanes.html");
const page = readFileSync(pagePath, "utf8");

test("unspin.extract gives an HTML page's article as `add` reads it from the file, given fields winning", async () => {
  const dir = await tempDir("unspin-extract-");
  const index = await unspin.openIndex(join(dir, "a.sqlite"));
  const ids: string[] = [];
  await index.add([pagePath], { onDocument: (d) => ids.push(d.id) });
  const fromFile = await index.get(ids[0]!);
  await index.close();
  const a = await unspin.extract({ html: page });
  assert.equal(a.text.trim(), fromFile!.text);
  assert.equal(a.title, fromFile!.title);
  assert.equal(a.published, fromFile!.published);
  const b = await unspin.extract({ html: page, url: "https://given.example/x", title: "Given title" });
  assert.equal(b.url, "https://given.example/x");
  assert.equal(b.title, "Given title");
});

test("add takes HTML pages as data, and a skipped article names its position", async () => {
  const index = await unspin.openIndex(join(await tempDir("unspin-add-html-"), "a.sqlite"));
  const docs: string[] = [];
  const summary = await index.add(
    [{ text: "   " }, { html: page, url: "https://paper.example/cycling" }, { text: readFileSync(join(examples, "original", "rail-strike.txt"), "utf8") }, { html: "<p>123</p>" }],
    { onDocument: (d) => docs.push(d.status) },
  );
  assert.equal(summary.added, 2);
  assert.deepEqual(summary.skipped.map((s) => s.record), ["1", "4"]);
  assert.deepEqual(docs, ["added", "added"]);
  const stats = await index.stats();
  assert.equal(stats.documents, 2);
  await index.close();
});

test("unspin.rules is the catalogue, with the colour the HTML report paints each rule's marks", () => {
  assert.deepEqual(unspin.rules.map((r) => r.id), RULES.map((r) => r.id));
  const suspect = "The council endorsed the plan on Monday.";
  const source = "The council approved the plan on Monday.";
  const page = renderHtml(unspin.compare(suspect, source), { suspect, sources: new Map([["source", source]]) });
  for (const r of unspin.rules) {
    assert.match(r.color, /^#[0-9a-f]{6}$/i, r.id);
    assert.ok(page.includes(`.mk.r-${r.id}{background:${r.color}}`), `${r.id} painted ${r.color} in the HTML report`);
  }
});

test("a published date that does not parse is left out (dates decide who copied whom); a valid one is stored as ISO 8601", async () => {
  const index = await unspin.openIndex(join(await tempDir("unspin-dates-"), "index.sqlite"));
  const ids: string[] = [];
  await index.add(
    [
      { text: "The harbour council met on Monday to discuss the ferry terminal and its cost.", published: "not a date" },
      { text: "A new bakery opened on the high street, selling bread baked before dawn.", published: "2026-03-02" },
    ],
    { onDocument: (d) => ids.push(d.id) },
  );
  assert.equal((await index.get(ids[0]!))?.published, undefined);
  assert.equal((await index.get(ids[1]!))?.published, "2026-03-02T00:00:00.000Z");
  await index.close();
});
