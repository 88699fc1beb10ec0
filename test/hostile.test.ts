// Hostile documents that are well-formed enough to reach the per-document stages: a
// two-million-letter token, pages nested a hundred thousand levels deep or holding tens of
// thousands of elements. Each must cost time in proportion to its size, not hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { isCompound, findNonWords, MAX_WORD_LENGTH } from "../src/intrinsic/nonword.js";
import { analyzeText } from "../src/text/index.js";
import { extractHtml } from "../src/ingest/html.js";
import { htmlFragmentToText } from "../src/ingest/htmlText.js";
import { DOM_LIMITS, htmlToPlainText, measureHtml } from "../src/ingest/htmlScan.js";
import { parseFeed } from "../src/ingest/feed.js";
import { readArticles } from "../src/ingest/readArticles.js";
import { createUnspin } from "../src/index.js";
import type { Lexicon } from "../src/lexicon/types.js";
import { plainLexicon } from "./helpers/plain-lexicon.js";
import { tempDir } from "./helpers/tmp.js";
import { newsPage, STORY } from "./helpers/fixtures.js";
import { PassThrough } from "node:stream";
import { jsonTerminalSafe, terminalSafe } from "../src/report/terminal.js";
import { renderText } from "../src/report/text.js";
import { formatReport } from "../src/cli/output.js";
import { formatStats } from "../src/cli/stats.js";
import { main } from "../src/cli/main.js";

/** A lexicon that knows a few words and counts the characters it was asked to look up. */
function countingLexicon(known: string[]): Lexicon & { looked: number } {
  const words = new Set(known);
  const lex = {
    ...plainLexicon(),
    looked: 0,
    isWord(w: string) {
      lex.looked += w.length;
      return words.has(w);
    },
    unigram(w: string) {
      lex.looked += w.length;
      return words.has(w) ? 100 : 0;
    },
    corrections(w: string) {
      lex.looked += w.length;
      return ["word"];
    },
  };
  return lex;
}

test("isCompound: still finds two known words run together, and is bounded on a two-million-letter token", () => {
  const lex = countingLexicon(["euro", "zone", "back", "haul"]);
  assert.equal(isCompound(lex, "eurozone"), true);
  assert.equal(isCompound(lex, "backhaul"), true);
  assert.equal(isCompound(lex, "comfortableity"), false);
  lex.looked = 0;
  const t0 = performance.now();
  assert.equal(isCompound(lex, "a".repeat(2_000_000)), false);
  assert.ok(performance.now() - t0 < 50, "no quadratic scan");
  assert.equal(lex.looked, 0, "nothing looked up");
});

test("non-word detector: a token longer than MAX_WORD_LENGTH is not judged (no lookups in proportion to its length)", () => {
  const lex = countingLexicon([]);
  const long = "b".repeat(200_000);
  const text = analyzeText(`The council met and voted. ${long} and then unknownish ${"c".repeat(MAX_WORD_LENGTH)} words.`);
  const found = findNonWords(text, lex, new Map());
  const judged = found.map((f) => text.tokens[f.token]!.norm);
  assert.ok(!judged.includes(long));
  assert.ok(judged.includes("unknownish"), "ordinary unknown words are still judged");
  assert.ok(judged.includes("c".repeat(MAX_WORD_LENGTH)), "up to the limit they are judged");
  assert.ok(lex.looked < 10_000, `looked up ${lex.looked} characters`);
});

test("source-free analysis of a text holding one two-million-letter token finishes, offsets exact", () => {
  const source = `The city council voted on Tuesday. ${"a".repeat(2_000_000)} Residents packed the hall.`;
  const t0 = performance.now();
  const report = createUnspin().intrinsic(source, { input: "long-token.txt" });
  // Before: more than 60 s (isCompound was quadratic). Generous for a loaded machine.
  assert.ok(performance.now() - t0 < 20_000, `${Math.round(performance.now() - t0)} ms`);
  for (const f of report.findings) assert.equal(source.slice(f.suspect.start, f.suspect.end), f.suspect.text);
});

const leaf = `<p>${STORY[0]}</p>`;
const deepPage = (depth: number) => `<!doctype html><html><head><title>Deep page</title></head><body>${"<div>".repeat(depth)}${leaf}${"</div>".repeat(depth)}</body></html>`;

test("HTML nested 100,000 levels deep: extracted without a DOM, fast, without a stack overflow", () => {
  for (const depth of [20_000, 100_000]) {
    const t0 = performance.now();
    const r = extractHtml(deepPage(depth));
    assert.ok(performance.now() - t0 < 3000, `${depth} levels: ${Math.round(performance.now() - t0)} ms`);
    assert.equal(r.title, "Deep page");
    assert.equal(r.text, STORY[0]);
  }
});

test("HTML with tens of thousands of elements, and a deep feed item, take the plain path", () => {
  const wide = `<html><head><title>Wide</title></head><body><article><p>${STORY[0]}</p>${"<span>x</span>".repeat(40_000)}</article></body></html>`;
  assert.equal(measureHtml(wide, DOM_LIMITS).over, true);
  const t0 = performance.now();
  const r = extractHtml(wide);
  assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms`);
  assert.ok(r.text.startsWith(STORY[0]!));
  const deepItem = `${"<div>".repeat(50_000)}${leaf}${"</div>".repeat(50_000)}`;
  assert.equal(htmlFragmentToText(deepItem), STORY[0]);
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Deep</title><link>https://x.example/a</link><description><![CDATA[${deepItem}]]></description></item></channel></rss>`;
  const items = parseFeed(feed)!;
  assert.equal(items.length, 1);
  assert.ok("article" in items[0]! && items[0].article.text === STORY[0]);
});

test("a folder with a 100,000-level page is indexed as a whole: the page and the files after it", async () => {
  const dir = await tempDir();
  await writeFile(join(dir, "a-deep.html"), deepPage(100_000));
  await writeFile(join(dir, "b.txt"), STORY.join("\n\n"));
  const t0 = performance.now();
  const titles: (string | undefined)[] = [];
  for await (const e of readArticles([dir])) if (e.kind === "article") titles.push(e.article.title);
  assert.ok(performance.now() - t0 < 5000);
  assert.deepEqual(titles, ["Deep page", STORY[0]]);
});

/** Depth of the element tree linkedom builds (html = 1). */
function domDepth(html: string): number {
  const { document } = parseHTML(html);
  let max = 0;
  const stack: [{ children?: ArrayLike<unknown> }, number][] = [[document.documentElement as never, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    const kids = n.children ?? [];
    for (let i = 0; i < kids.length; i++) stack.push([kids[i] as never, d + 1]);
  }
  return max;
}

test("measureHtml agrees with the parser on adversarial markup (never counts much less than it builds)", () => {
  const d = (s: string) => `<html><body>${s}</body></html>`;
  const cases: Record<string, string> = {
    "quote in an attribute name": d(`<div "x>${"<div>".repeat(50)}"`),
    "quoted > in attributes": d(`<div title="a>b<c">`.repeat(50)),
    "unclosed quote": d(`<div title="${"<div>".repeat(50)}`),
    "divs in a comment": d(`<!--${"<div>".repeat(50)}--><p>x</p>`),
    "divs in a script": d(`<script>${"<div>".repeat(50)}</script><p>x</p>`),
    "divs in an iframe": d(`<iframe>${"<div>".repeat(50)}</iframe>`),
    "divs in noscript": d(`<noscript>${"<div>".repeat(50)}</noscript>`),
    "divs in CDATA": d(`<![CDATA[${"<div>".repeat(50)}]]>`),
    "unclosed p and li": d(`${"<p>".repeat(50)}<ul>${"<li>".repeat(50)}</ul>`),
    "self-closed divs (which HTML opens)": d("<div/>".repeat(50)),
    "self-closed svg paths": d(`<svg>${"<path/>".repeat(50)}</svg>`),
    "unclosed b": d("<b>".repeat(50)),
    "nested tables": d("<table><tr><td>".repeat(20)),
    "declaration and bogus end tag": d(`<!x ${"<div>".repeat(20)} ></ ${"<div>".repeat(20)}>`),
    "upper case": d("<DIV>".repeat(50)),
    "< in text and in names": d("a < b <div<div>".repeat(50)),
  };
  for (const [what, html] of Object.entries(cases)) {
    const real = domDepth(html);
    const est = measureHtml(html, { maxDepth: 1e9, maxElements: 1e9 }).depth;
    assert.ok(Math.abs(real - est) <= 1, `${what}: parser ${real}, measured ${est}`);
  }
});

test("measureHtml agrees with the parser on random trees (property)", () => {
  const tags = ["div", "span", "p", "li", "ul", "b", "section", "td", "tr", "table", "a", "br", "img", "script", "svg"];
  type Node = { tag: string; kids: Node[]; close: boolean; attr: string };
  const node: fc.Memo<Node> = fc.memo((n) =>
    fc.record({
      tag: fc.constantFrom(...tags),
      kids: n > 1 ? fc.array(node(n - 1), { maxLength: 3 }) : fc.constant([]),
      close: fc.boolean(),
      attr: fc.constantFrom("", ' class="x"', ' title="a>b"', " data-x='<div>'", " /"),
    }),
  );
  const render = (x: Node): string => {
    if (x.tag === "script") return `<script>${"<div>".repeat(x.kids.length)}</script>`;
    return `<${x.tag}${x.attr}>${x.kids.map(render).join("")}${x.close ? `</${x.tag}>` : ""}`;
  };
  fc.assert(
    fc.property(fc.array(node(6), { maxLength: 4 }), (roots) => {
      const html = `<html><body>${roots.map(render).join("")}</body></html>`;
      const real = domDepth(html);
      const est = measureHtml(html, { maxDepth: 1e9, maxElements: 1e9 }).depth;
      return est >= real - 1 && est <= real + 1;
    }),
    { numRuns: 300 },
  );
});

test("htmlToPlainText: furniture and scripts dropped, blocks as paragraphs, entities decoded", () => {
  const html = `<nav><a>Home</a><div>Menu</div></nav><script>var x = "<p>no</p>";</script><h1>Caf&eacute; &amp; bar</h1><div>First &#8220;line&#x201d;<br>second   line</div><table><tr><td>a</td><td>b</td></tr></table><footer>Copyright</footer>`;
  assert.equal(htmlToPlainText(html), "Café & bar\n\nFirst \u201cline\u201d\nsecond line\n\na\n\nb");
  // The same as the DOM path gives for the same markup.
  assert.equal(htmlToPlainText(html), htmlFragmentToText(html.replace(/<nav>.*?<\/nav>|<footer>.*?<\/footer>/g, "")));
});

// ---- Terminal output: crawled text must not drive the terminal that shows it ----

const ESC = "\x1b";
/** What a hostile page can put in a title or site name. */
const HOSTILE = [
  `${ESC}[2J${ESC}[H`, // clear the screen
  `${ESC}]0;pwned${"\x07"}`, // retitle the window
  `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, // OSC 8 hyperlink
  "\u009b31m", // C1 CSI
  "\r\x7f\u202eevil\u202c\u2066", // carriage return, DEL, bidi override and isolate
].join(" ");
// eslint-disable-next-line no-control-regex -- the characters a terminal acts on
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test("terminalSafe: control, C1 and bidi characters become visible escapes; other text is unchanged", () => {
  const out = terminalSafe(`Title ${HOSTILE}\nline two\tend`);
  assert.doesNotMatch(out, UNSAFE);
  assert.doesNotMatch(out, /[\n\t]/, "one line by default");
  assert.ok(out.includes("\\x1b[2J") && out.includes("\\u202e") && out.includes("\\x9b") && out.includes("\\x0a"));
  assert.equal(terminalSafe("a\nb\tc", { multiline: true }), "a\nb\tc");
  const plain = "Café — “quoted” 東京 🙂 ok";
  assert.equal(terminalSafe(plain), plain);
  assert.equal(terminalSafe(terminalSafe(HOSTILE)), terminalSafe(HOSTILE), "idempotent");
  const json = JSON.stringify({ t: HOSTILE });
  assert.doesNotMatch(jsonTerminalSafe(json), UNSAFE);
  assert.deepEqual(JSON.parse(jsonTerminalSafe(json)), { t: HOSTILE }, "the same JSON");
});

test("text report, JSON report and stats escape input-borne text; colour codes are the only escapes left", () => {
  const unspin = createUnspin();
  const source = STORY.join("\n\n");
  const suspect = `${STORY[0]} ${HOSTILE}\n\n${STORY.slice(1).join("\n\n")}`;
  const report = unspin.compare(suspect, { text: source, id: "src", url: `https://x.example/${HOSTILE}` }, { input: `file${HOSTILE}.txt` });
  report.sources[0]!.title = `Title ${HOSTILE}`;
  report.notes.push(`note ${HOSTILE}`);
  report.findings.push({ rule: report.findings[0]?.rule ?? "non-word", severity: "info", suspect: { start: 0, end: HOSTILE.length, text: HOSTILE }, suggestion: HOSTILE, confidence: 0.5, note: "" } as never);
  const plain = renderText(report, { color: false });
  assert.doesNotMatch(plain, UNSAFE);
  const coloured = renderText(report, { color: true });
  // eslint-disable-next-line no-control-regex -- SGR colour sequences are ours
  assert.doesNotMatch(coloured.replace(/\x1b\[[0-9;]*m/g, ""), UNSAFE);
  const json = formatReport(report, { format: "json", stdout: process.stdout, texts: { suspect, sources: new Map() } });
  assert.doesNotMatch(json, UNSAFE);
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(report)));
  const stats = { location: `/idx${HOSTILE}`, schemaVersion: 2, documents: 1, urls: 1, postings: 1, ngrams: 1, sizeBytes: 1, siteCount: 1, sources: [{ site: `Site ${HOSTILE}`, documents: 1 }], corpusDocuments: 1, corpusTokens: 1 };
  assert.doesNotMatch(formatStats(stats, "text"), UNSAFE);
  assert.doesNotMatch(formatStats(stats, "json"), UNSAFE);
  assert.deepEqual(JSON.parse(formatStats(stats, "json")), stats);
});

test("end to end: a page whose title and site name hold escape sequences is indexed; check and stats print them escaped", async () => {
  const dir = await tempDir();
  // Character references decode to the raw control characters in the extracted title.
  const attack = "&#27;]0;pwned&#7; &#27;[2J &#x9b;31m &#x202e;evil";
  const page = newsPage({ title: `Library ${attack}`, extraHead: `<meta property="og:site_name" content="Gazette ${attack}">` }).replace('<meta property="og:site_name" content="Example Gazette">', "");
  const pagePath = join(dir, `page${"\x1b[1m"}.html`);
  await writeFile(pagePath, page);
  const index = join(await tempDir(), "i.sqlite");
  const io = () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const got = { out: "", err: "" };
    stdout.on("data", (d) => (got.out += d));
    stderr.on("data", (d) => (got.err += d));
    return { stdout, stderr, got };
  };
  const a = io();
  assert.equal(await main(["add", pagePath, "--index", index], a), 0, a.got.err);
  // The page itself is indexed, so it is not its own source: check a copy of it with a line added.
  const copyPath = join(dir, "copy.html");
  await writeFile(copyPath, page.replace("</article>", "<p>The library thanked its readers for their letters of support over the years.</p></article>"));
  const c = io();
  await main(["check", copyPath, "--index", index], c);
  assert.match(c.got.out, /source 1 "Library \\x1b\]0;pwned\\x07/, "the title is shown, escaped");
  assert.doesNotMatch(c.got.out, UNSAFE);
  const s = io();
  assert.equal(await main(["stats", "--index", index], s), 0, s.got.err);
  assert.match(s.got.out, /Gazette \\x1b\]0;pwned/);
  assert.doesNotMatch(s.got.out, UNSAFE);
});
