// The HTML report as a reader sees it, in headless Chromium: a compare, a check with several
// sources and a source-free check. Screenshots are kept in test-artifacts/ to be looked at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createUnspin, renderHtml, type Report } from "../src/index.js";
import { ARTIFACTS, launchBrowser, noBrowser } from "./helpers/browser.js";
import { tempDir } from "./helpers/tmp.js";
import { BRITISH, NEAR_DUPLICATES } from "./helpers/report-texts.js";

const examples = new URL("../examples/", import.meta.url).pathname;
const original = readFileSync(join(examples, "original", "harbour-council.txt"), "utf8");
const spun = readFileSync(join(examples, "spun", "harbour-council.txt"), "utf8");
const unspin = createUnspin();

async function page(name: string, report: Report, sources: Map<string, string>, suspect = spun): Promise<string> {
  const file = join(await tempDir("unspin-html-"), `${name}.html`);
  writeFileSync(file, renderHtml(report, { suspect, sources }));
  return pathToFileURL(file).href;
}

test("HTML reports in Chromium: summary first, highlighted edits, one source at a time, passages linked", { skip: noBrowser }, async () => {
  const browser = await launchBrowser();
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // compare: one source, side by side.
    const compare = unspin.compare(spun, { text: original, id: "original", title: "Harbour council approves new ferry terminal" });
    await tab.goto(await page("compare", compare, new Map([["original", original]])));
    assert.equal(await tab.locator(".verdict").textContent(), "spun-copy");
    assert.match((await tab.locator("header .scope").first().textContent()) ?? "", /compared with the one source given/);
    assert.ok(await tab.locator("main .mk.r-synonym-swap").first().isVisible(), "a synonym swap is highlighted");
    assert.ok(await tab.locator("main span.q.qt-quote-altered").first().isVisible(), "an altered quotation is underlined in the text");
    const focused = tab.locator("main .mk.r-meaning-flip").first();
    await focused.focus();
    assert.match((await focused.getAttribute("title")) ?? "", /meaning-flip: "difficult" was replaced by its opposite "easy"/, "focus shows the rule and the note");
    await tab.screenshot({ path: join(ARTIFACTS, "report-compare.png"), fullPage: false });

    // check with three near-duplicate sources: tabs, and passage links switch to the right one.
    const index = await unspin.openIndex(join(await tempDir("unspin-html-"), "index.sqlite"));
    await index.add(NEAR_DUPLICATES.map((text, k) => ({ text, url: `https://site${k + 1}.example/harbour`, title: `Harbour story, site ${k + 1}` })));
    const multi = await index.check(spun);
    const texts = new Map<string, string>();
    for (const s of multi.sources) texts.set(s.id, (await index.get(s.id))!.text);
    await index.close();
    assert.ok(multi.sources.length >= 2);
    await tab.goto(await page("multi", multi, texts));
    assert.equal(await tab.locator(".source-pane.active").count(), 1, "one source pane at a time");
    assert.equal(await tab.locator(".source-pane.active").getAttribute("id"), "src-1");
    await tab.locator("#tab-2").click();
    assert.equal(await tab.locator(".source-pane.active").getAttribute("id"), "src-2");
    await tab.locator("a.pmark#s-p1-1").click();
    assert.equal(await tab.locator(".source-pane.active").getAttribute("id"), "src-1", "a passage link shows its source");
    assert.ok(await tab.locator("#o1-p1").isVisible());
    await tab.locator("table a[href^='#s-f']").first().click();
    assert.match(tab.url(), /#s-f\d+$/, "a table row links to its place in the suspect");
    await tab.evaluate("window.scrollTo(0, 0)");
    await tab.screenshot({ path: join(ARTIFACTS, "report-multi-source.png"), fullPage: false });

    // source-free: no source pane, the scope says so, suggestions are guesses.
    const free = unspin.intrinsic(spun);
    await tab.goto(await page("source-free", free, new Map()));
    assert.match((await tab.locator("header .scope").first().textContent()) ?? "", /no index: source-free evidence only/);
    assert.equal(await tab.locator(".source-pane").count(), 0);
    await tab.screenshot({ path: join(ARTIFACTS, "report-source-free.png"), fullPage: false });

    const british = unspin.intrinsic(BRITISH);
    await tab.setViewportSize({ width: 420, height: 800 });
    await tab.goto(await page("narrow", british, new Map(), BRITISH));
    const overflow = await tab.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assert.ok(overflow <= 1, `no sideways scrolling on a narrow window (${overflow}px)`);
    await tab.screenshot({ path: join(ARTIFACTS, "report-narrow.png"), fullPage: false });
  } finally {
    await browser.close();
  }
});
