// The web page end to end in headless Chromium (Debian's `chromium`, driven by playwright-core):
// paste a spun sample and see the verdict and a highlighted finding (by pointer and by keyboard),
// add its original through the index view by dropping the file, see suspect and source side by
// side with linked passages, download the reports, remove the document again. Screenshots of
// each view go to test-artifacts/ (git-ignored). Skipped when /usr/bin/chromium is missing
// (.ci/run installs it).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { examples, freshServer } from "./helpers/server.js";
import { tempDir } from "./helpers/tmp.js";
import type { RunningServer } from "../src/server/index.js";
import type { ClustersReport } from "../src/report/clusters-schema.js";

const CHROMIUM = "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (Debian: apt-get install -y --no-install-recommends chromium; .ci/run does it)`;
const artifacts = new URL("../test-artifacts/", import.meta.url).pathname;
const read = (p: string) => readFileSync(join(examples, p), "utf8");
const spun = read("spun/harbour-council.txt");
// Conditions run in the page. waitForFunction needs functions (the page's CSP forbids eval of
// strings); `document` is declared here for them alone, as this project's TypeScript has no DOM.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare function getComputedStyle(el: unknown): { backgroundColor: string };
interface PageElement {
  setAttribute(name: string, value: string): void;
  focus(): void;
}
const CHECKED = () => Boolean(document.querySelector("#check-status")?.textContent?.startsWith("Checked"));
const documents = (count: number) => document.querySelector("#stat-documents")?.textContent === String(count);

/** A catalogue colour (#rrggbb) as getComputedStyle gives it. */
const rgbOf = (hex: string) => `rgb(${[1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)).join(", ")})`;

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe("the web page in headless Chromium", { skip }, () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  /** The one server the page may reach (the token test moves it to a second server). */
  let origin = "";

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await freshServer();
    origin = server.url;
    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(await tempDir("unspin-chromium-"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    // The page must never reach another host.
    page.on("request", (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) errors.push(`request to ${r.url()}`);
    });
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body.ready");
  });

  /** The rule catalogue, as the page gets it. */
  const fetchRules = async () => ((await (await fetch(`${server.url}/api/rules`)).json()) as { rules: { id: string; color: string; description: string }[] }).rules;

  /** A real drop of one text file on the index view, as a file manager's drag and drop makes it. */
  const dropFile = (name: string, text: string) =>
    page.evaluate(`((name, text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "text/plain" }));
      const zone = document.getElementById("drop-index");
      zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    })(${JSON.stringify(name)}, ${JSON.stringify(text)})`);

  after(async () => {
    await context?.close();
    await server?.close();
  });

  test("paste a spun article: verdict, score, spin probability and findings marked by rule, explained on hover and on keyboard focus", async () => {
    await page.fill("#suspect", spun);
    await page.click("#check-button");
    await page.waitForSelector("#verdict");
    assert.equal(await page.textContent("#verdict"), "Likely spun");
    const figures = await page.textContent(".summary .figures");
    assert.match(figures!, /Score\s*\d+%/);
    assert.match(figures!, /Spin probability\s*\d+%/);
    const marks = page.locator("#text-view mark.finding");
    assert.ok((await marks.count()) >= 4, "findings are marked in the text");
    // Each mark is coloured as its rule in the catalogue served by the API.
    const rules = await fetchRules();
    const first = marks.first();
    const rule = (await first.getAttribute("data-rule"))!;
    assert.equal(await first.evaluate((el) => getComputedStyle(el).backgroundColor), rgbOf(rules.find((r) => r.id === rule)!.color));
    await page.screenshot({ path: join(artifacts, "web-check.png"), fullPage: true });

    // Hover shows the tooltip.
    await first.hover();
    await page.waitForSelector("#tip:not([hidden])");
    assert.match((await page.textContent("#tip"))!, new RegExp(rule));
    await page.mouse.move(0, 0);
    await page.waitForSelector("#tip", { state: "hidden" });

    // Keyboard: Tab from the heading of the text reaches the first mark and shows its tooltip.
    await page.locator("#text-heading").evaluate((el: PageElement) => {
      el.setAttribute("tabindex", "-1");
      el.focus();
    });
    const onFinding = () => page.evaluate<boolean>("Boolean(document.activeElement?.matches('mark.finding, .gap'))");
    for (let k = 0; k < 5 && !(await onFinding()); k++) await page.keyboard.press("Tab");
    assert.ok(await onFinding(), "Tab reaches a marked finding");
    await page.waitForSelector("#tip:not([hidden])");
    const described = await page.evaluate("document.activeElement?.getAttribute('aria-describedby')");
    assert.equal(described, "tip", "the focused finding is described by the tooltip");
    const tip = (await page.textContent("#tip"))!;
    assert.match(tip, /Suspect/);
    assert.match(tip, /Suggestion|Confidence/);
    await page.screenshot({ path: join(artifacts, "web-check-tooltip.png") });
    await page.keyboard.press("Escape");
    await page.waitForSelector("#tip", { state: "hidden" });

    // Readable contrast: marked words, muted text and the verdict.
    // In-page code is given as a string: the test's own TypeScript has no DOM types.
    const pairs = await page.evaluate<string[][]>(`(() => {
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
        }
        return "rgb(255, 255, 255)";
      };
      return [...document.querySelectorAll("mark.finding, .muted, .hint, .verdict, .meaning, .figures dt, th, .chip")].map((el) => [getComputedStyle(el).color, bgOf(el), el.className]);
    })()`);
    for (const [fg, bg, what] of pairs) assert.ok(contrast(fg!, bg!) >= 4.5, `contrast of ${what}: ${fg} on ${bg} is ${contrast(fg!, bg!).toFixed(2)}`);
  });

  test("text from the input is shown as text, never as markup", async () => {
    await page.fill("#suspect", 'Breaking <img src=x onerror="window.__pwned=1"> news: the <script>window.__pwned=2</script> council said "no".');
    await page.click("#check-button");
    await page.waitForFunction(CHECKED);
    assert.equal(await page.evaluate("window.__pwned"), undefined);
    assert.equal(await page.locator("#result img, #result script").count(), 0);
    assert.match((await page.textContent("#text-body"))!, /<img src=x onerror=/);
  });

  test("an HTML file dropped on the check view: its main text is extracted and checked", async () => {
    await page.click("#clear-button");
    await page.setInputFiles("#check-file", join(examples, "pages", "cycling-lanes.html"));
    await page.waitForSelector("#check-file-note:not([hidden])");
    await page.click("#check-button");
    await page.waitForFunction(CHECKED);
    const value = await page.inputValue("#suspect");
    assert.doesNotMatch(value, /<html|<p>/i, "the textarea shows the extracted text");
    assert.match(value, /cycl/i);
  });

  test("index view: drop the original's file (with progress), then the check shows suspect and source side by side with linked passages", async () => {
    await page.click("#nav-index");
    await page.waitForSelector("#view-index:not([hidden])");
    await page.waitForFunction(documents, 0);
    await dropFile("harbour-council.txt", read("original/harbour-council.txt"));
    await page.waitForFunction(documents, 1);
    assert.match((await page.textContent("#add-progress-text"))!, /1 of 1 files/);
    assert.match((await page.textContent("#added-list"))!, /harbour-council\.txt\s*added/);
    await page.screenshot({ path: join(artifacts, "web-index.png"), fullPage: true });

    await page.click("#nav-check");
    await page.fill("#suspect", spun);
    await page.click("#check-button");
    await page.waitForSelector("#side-view");
    assert.equal(await page.textContent("#verdict"), "Spun copy");
    assert.match((await page.textContent("#side-view h4 >> nth=1"))!, /Source: harbour-council\.txt/);
    assert.ok((await page.locator("#side-source mark.finding").count()) > 5, "the source's changed words are marked too");
    assert.ok((await page.locator("#side-suspect mark.finding[data-rule=meaning-flip]").count()) >= 1);
    // The passage anchor leads to its counterpart.
    await page.click("#side-suspect a.pnum");
    assert.equal(await page.evaluate("document.activeElement?.id"), "s-src-p0");
    await page.screenshot({ path: join(artifacts, "web-side-by-side.png") });

    // Both reports download.
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    const report = JSON.parse(readFileSync((await json.path())!, "utf8"));
    assert.equal(report.schema, "unspin/report@1");
    assert.equal(report.verdict, "spun-copy");
    const [html] = await Promise.all([page.waitForEvent("download"), page.click("#download-html")]);
    assert.match(readFileSync((await html.path())!, "utf8"), /<!doctype html>[\s\S]*spun-copy/);
  });

  test("an altered quotation is marked around the word edits inside it, coloured and explained like every finding", async () => {
    // The check of the previous test: the spun harbour article against its indexed original, where
    // "a difficult decision" became "a easy decision" inside the councillor's quotation.
    const rules = await fetchRules();
    const rule = rules.find((r) => r.id === "quote-altered")!;
    assert.ok((await page.locator("#side-suspect mark.finding[data-rule=quote-altered]").count()) >= 1, "marked in the suspect, side by side");
    assert.ok((await page.locator("#side-source mark.finding[data-rule=quote-altered]").count()) >= 1, "marked in the source, side by side");
    await page.click("#show-text");
    try {
      const quotes = page.locator("#text-view mark.finding[data-rule=quote-altered]");
      assert.equal(await quotes.count(), 2, "both altered quotations are marked");
      const quote = quotes.first();
      assert.match((await quote.textContent())!, /^“This is a easy decision , but it is the right one for our community,”$/);
      assert.equal(await quote.getAttribute("tabindex"), "0");
      assert.equal(await quote.evaluate((el) => getComputedStyle(el).backgroundColor), rgbOf(rule.color));
      // The word edits inside keep their own marks (and colours).
      const inside = quote.locator("mark.finding[data-rule=meaning-flip]");
      assert.equal(await inside.textContent(), "easy");
      assert.equal(await inside.evaluate((el) => getComputedStyle(el).backgroundColor), rgbOf(rules.find((r) => r.id === "meaning-flip")!.color));

      // Keyboard: Tab from the mark before the quotation reaches the quotation, then the edit inside it.
      await page.evaluate(`(() => {
        const all = [...document.querySelectorAll("#text-view [tabindex='0']")];
        all[all.indexOf(document.querySelector("#text-view mark[data-rule=quote-altered]")) - 1].focus();
      })()`);
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate("document.activeElement?.dataset.rule"), "quote-altered");
      await page.waitForSelector("#tip:not([hidden])");
      let tip = (await page.textContent("#tip"))!;
      assert.match(tip, /quote-altered/);
      assert.ok(tip.includes(rule.description), "the tooltip has the catalogue's description");
      assert.match(tip, /Source“This is a difficult decision, but it is the right one for our community”/);
      assert.match(tip, /Suspect“This is a easy decision , but it is the right one for our community,”Suggestion/, "a quotation keeps its own quotation marks, none added");
      assert.equal(await page.evaluate("document.activeElement?.getAttribute('aria-describedby')"), "tip");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate("document.activeElement?.dataset.rule"), "meaning-flip");
      assert.match((await page.textContent("#tip"))!, /meaning-flip/);
      await page.keyboard.press("Escape");
      await page.waitForSelector("#tip", { state: "hidden" });
      await page.evaluate("document.activeElement?.blur()");

      // Pointer: over the opening quotation mark (the quotation's own words, not an edit inside it).
      const at = await page.evaluate<{ x: number; y: number }>(`(() => {
        const r = document.createRange();
        const first = document.querySelector("#text-view mark[data-rule=quote-altered]").firstChild;
        r.setStart(first, 0);
        r.setEnd(first, 1);
        const box = r.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      })()`);
      await page.mouse.move(at.x, at.y);
      await page.waitForSelector("#tip:not([hidden])");
      tip = (await page.textContent("#tip"))!;
      assert.match(tip, /quote-altered/);
      await page.screenshot({ path: join(artifacts, "web-quote-altered.png") });
      await inside.hover();
      await page.waitForFunction(() => Boolean(document.querySelector("#tip")?.textContent?.includes("meaning-flip")));
      await page.screenshot({ path: join(artifacts, "web-quote-altered-inner.png") });
      await page.mouse.move(0, 0);
      await page.waitForSelector("#tip", { state: "hidden" });
    } finally {
      await page.mouse.move(0, 0);
      await page.click("#show-side");
    }
    await page.waitForSelector("#side-view");
  });

  test("a word-for-word copy with a falsified figure says so under its verdict", async () => {
    // The original is indexed (two tests up); one figure changed in an exact copy of it.
    await page.fill("#suspect", read("original/harbour-council.txt").replace("48 million", "84 million"));
    await page.click("#check-button");
    await page.waitForFunction(() => document.querySelector("#verdict")?.textContent === "Verbatim copy");
    assert.equal(await page.textContent(".summary .meaning"), "A copy of an indexed article, word for word except 1 edit that changes what it says.");
    assert.equal(await page.locator("#side-suspect mark.finding[data-rule=number-changed]").count(), 1);
    await page.screenshot({ path: join(artifacts, "web-verbatim-altered.png") });
  });

  test("index view: who copied whom, after the spun copy is added too", async () => {
    await page.click("#nav-index");
    await page.waitForSelector("#view-index:not([hidden])");
    await dropFile("harbour-council-spun.txt", spun);
    await page.waitForFunction(documents, 2);
    const [reply] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/clusters"), page.click("#clusters-run")]);
    await page.waitForSelector("#clusters .cluster");
    const cluster = (await page.textContent("#clusters .cluster"))!;
    assert.match(cluster, /2 articles/);
    assert.match(cluster, /harbour-council\.txt\s*original/);
    assert.match(cluster, /harbour-council-spun\.txt\s*copy/);
    assert.match(cluster, /harbour-council\.txt → harbour-council-spun\.txt · spun-copy/);
    // The evidence behind "by the text": the counts of the JSON, for the original and the copy.
    const direction = ((await reply.json()) as ClustersReport).clusters[0]!.edges[0]!.direction;
    assert.equal(direction.by, "text");
    const { from, to } = direction.text;
    assert.ok(from.plainer + to.nonWords + to.debris > 0, "the spun copy carries textual evidence");
    assert.match(cluster, /by the text, \d+% sure/);
    const evidence = (await page.textContent("#clusters .cluster .evidence"))!;
    assert.match(evidence, /^Evidence: /);
    if (from.plainer || to.plainer) assert.ok(evidence.includes(`the plainer of two swapped words (original ${from.plainer}, copy ${to.plainer})`), evidence);
    if (from.nonWords || to.nonWords) assert.ok(evidence.includes(`misspelt or mangled words (original ${from.nonWords}, copy ${to.nonWords})`), evidence);
    if (from.debris || to.debris) assert.ok(evidence.includes(`debris such as “do n't” (original ${from.debris}, copy ${to.debris})`), evidence);
    await page.locator("#clusters").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "web-clusters.png") });
    const [html] = await Promise.all([page.waitForEvent("download"), page.click("#clusters-html")]);
    assert.match(readFileSync((await html.path())!, "utf8"), /<!doctype html>[\s\S]*<svg/i);
    // The spun copy leaves again, so the views that follow see the original alone.
    await page.click("#added-list button");
    await page.waitForFunction(documents, 1);
    await page.click("#nav-check");
  });

  test("index view: who copied whom, by dates and undecided, with the evidence in words", async () => {
    // Plain text files carry no dates: a clusters reply written for this test stands in for the server's.
    const side = (debris: number, nonWords: number, plainer: number) => ({ debris, nonWords, plainer });
    const edge = { verdict: "spun-copy", coverage: 0.9, similarity: 0.8, alignedWords: 180, passages: [] };
    const reply: ClustersReport = {
      schema: "unspin/clusters@1",
      index: "test",
      minSimilarity: 0.5,
      stats: { documents: 3, newlyExamined: 3, candidatePairs: 3, confirmed: 2, edges: 2, edgesShown: 2, repeatedFragments: 0, clusters: 1, clustered: 3, interrupted: false, seconds: 0.1 },
      clusters: [
        {
          id: "c0",
          size: 3,
          members: [
            { id: "d1", title: "Ferry fares to rise in spring", published: "2024-03-04", role: "original" },
            { id: "d2", title: "Ferry fares set to climb this spring", published: "2024-03-06T09:30:00Z", role: "copy" },
            { id: "d3", title: "Ferry tickets will cost more", role: "undetermined" },
          ],
          edges: [
            { ...edge, verdict: "spun-copy", from: "d1", to: "d2", direction: { state: "known", by: "dates", confidence: 0.97, dates: { from: "2024-03-04", to: "2024-03-06T09:30:00Z" }, text: { from: side(0, 0, 4), to: side(1, 0, 0), score: 6 }, note: "published earlier; the text agrees" } },
            { ...edge, verdict: "rewrite", from: "d1", to: "d3", direction: { state: "unknown", by: "none", confidence: 0, dates: { from: "2024-03-04" }, text: { from: side(0, 1, 2), to: side(0, 0, 2), score: -1.5 }, note: "the textual evidence is weak or mixed" } },
          ],
        },
      ],
      notes: [],
    };
    await page.click("#nav-index");
    try {
      await page.route("**/api/clusters", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(reply) }));
      try {
        await page.click("#clusters-run");
        await page.waitForFunction(() => Boolean(document.querySelector("#clusters")?.textContent?.includes("Ferry tickets")));
      } finally {
        await page.unroute("**/api/clusters");
      }
      const lines = await page.locator("#clusters .edges li").allTextContents();
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, /Ferry fares to rise in spring → Ferry fares set to climb this spring · spun-copy · 90% of the copy aligned · by dates, 97% sure/);
      assert.match(lines[0]!, /Evidence: published 4 Mar 2024 \(original\) and 6 Mar 2024, 09:30 UTC \(copy\); the text agrees\.$/);
      assert.match(lines[1]!, /Ferry fares to rise in spring ↔ Ferry tickets will cost more · rewrite · .* · who copied whom is unknown/);
      assert.match(lines[1]!, /Evidence: weak or mixed — the plainer of two swapped words \(first 2, second 2\); misspelt or mangled words \(first 1, second 0\)\.$/);
      await page.locator("#clusters").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, "web-clusters-evidence.png") });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator("#clusters .edges").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, "web-clusters-evidence-narrow.png") });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.click("#nav-check");
    }
  });

  test("on a narrow window nothing overflows sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
    await page.locator("#verdict-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "web-narrow.png") });
    await page.locator("#side-view").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "web-narrow-side-by-side.png") });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("index view: remove the document again", async () => {
    await page.click("#nav-index");
    await page.click("#added-list button");
    await page.waitForFunction(documents, 0);
    assert.match((await page.textContent("#index-status"))!, /Removed harbour-council\.txt/);
    assert.match((await page.textContent("#added-list"))!, /removed/);
    assert.deepEqual(errors, []);
  });

  test("a server with a token: the check asks for it before it shows the sources' texts, then shows them", async () => {
    const guarded = await freshServer({ token: "web-s3cret" });
    try {
      origin = guarded.url;
      const added = await fetch(`${guarded.url}/api/documents`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer web-s3cret" }, body: JSON.stringify({ text: read("original/harbour-council.txt") }) });
      assert.equal(added.status, 200);
      await page.goto(`${guarded.url}/`);
      await page.waitForSelector("body.ready");
      await page.fill("#suspect", spun);
      await page.click("#check-button");
      await page.waitForFunction(() => Boolean(document.querySelector("#check-status")?.textContent?.includes("token")));
      assert.match((await page.textContent("#check-status"))!, /only with its token: enter it under Index, Access token/);
      await page.screenshot({ path: join(artifacts, "web-token-needed.png") });
      await page.click("#nav-index");
      await page.fill("#token", "web-s3cret");
      await page.click("#token-form button");
      await page.click("#nav-check");
      await page.click("#check-button");
      await page.waitForFunction(CHECKED);
      assert.match((await page.textContent("#side-view"))!, /Westport harbour council/);
      await page.screenshot({ path: join(artifacts, "web-token-given.png") });
      // The browser logs the one refused request itself; nothing else went wrong.
      assert.deepEqual(errors, ["console: Failed to load resource: the server responded with a status of 401 (Unauthorized)"]);
    } finally {
      await guarded.close();
    }
  });

  test("an original checked against an index holding only its spun copy: the verdict says the direction is in doubt", async () => {
    const farm = await freshServer();
    try {
      origin = farm.url;
      const added = await fetch(`${farm.url}/api/documents`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: spun, url: "https://farm.example/harbour" }) });
      assert.equal(added.status, 200);
      await page.goto(`${farm.url}/`);
      await page.waitForSelector("body.ready");
      await page.fill("#suspect", read("original/harbour-council.txt"));
      await page.click("#check-button");
      await page.waitForFunction(CHECKED);
      assert.match((await page.textContent(".summary .meaning"))!, /Or the indexed article copied this one: the text cannot tell which came first/);
      assert.match((await page.textContent(".summary .notes"))!, /https:\/\/farm\.example\/harbour may be a copy of this text rather than its source/);
      await page.screenshot({ path: join(artifacts, "web-direction-doubt.png") });
    } finally {
      await farm.close();
    }
  });
});
