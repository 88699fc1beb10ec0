import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { readArticles } from "../src/ingest/readArticles.js";
import { extractHtml } from "../src/ingest/html.js";
import { decodeWebBytes, decodingNote } from "../src/ingest/charset.js";
import { articleId } from "../src/ingest/id.js";
import type { Article, IngestEvent, SkipEvent } from "../src/ingest/types.js";
import { tempDir } from "./helpers/tmp.js";
import { STORY, atom, buildWarc, newsPage, rss } from "./helpers/fixtures.js";

async function collect(inputs: string[], opts: Parameters<typeof readArticles>[1] = {}): Promise<{ articles: Article[]; skips: SkipEvent[]; events: IngestEvent[] }> {
  const events: IngestEvent[] = [];
  for await (const e of readArticles(inputs, opts)) events.push(e);
  return {
    events,
    articles: events.flatMap((e) => (e.kind === "article" ? [e.article] : [])),
    skips: events.filter((e): e is SkipEvent => e.kind === "skip"),
  };
}

const BOILERPLATE = [
  "World news", "Subscribe today", "ADVERTISEMENT", "Celebrity chef", "Copyright 2024", "trackingPixel", "Most read",
  "Share on Facebook", "Tweet this", "Photo: Sam Lens", "Read more", "By Jo Writer", "Updated May 7",
];

function assertStory(text: string): void {
  for (const p of STORY) assert.ok(text.includes(p), `missing paragraph: ${p.slice(0, 40)}`);
  for (const b of BOILERPLATE) assert.ok(!text.includes(b), `boilerplate kept: ${b}`);
}

test("HTML: main text without navigation, ads, related links or footer; metadata from meta tags", async () => {
  const dir = await tempDir();
  const p = join(dir, "page.html");
  await writeFile(p, newsPage());
  const { articles, skips } = await collect([p]);
  assert.equal(skips.length, 0);
  const a = articles[0]!;
  assertStory(a.text);
  assert.equal(a.text, STORY.join("\n\n"), "exactly the article's paragraphs, headline not repeated");
  assert.equal(a.title, "Council votes to close library");
  assert.equal(a.author, "Jo Writer");
  assert.equal(a.site, "Example Gazette");
  assert.equal(a.published, "2024-05-07T09:30:00.000Z");
  assert.equal(a.url, pathToFileURL(resolve(p)).href);
  assert.equal(a.id, articleId(a.text));
  assert.match(a.id, /^[0-9a-f]{16}$/);
  // Paragraphs stay apart: no "libraryThe" glued across blocks.
  assert.ok(a.text.includes("\n\n"), "paragraphs kept apart");
});

test("HTML: JSON-LD metadata is read when meta tags are missing", () => {
  const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"LD headline","datePublished":"2024-01-02","author":[{"@type":"Person","name":"Ada Reporter"}],"publisher":{"@type":"Organization","name":"LD Times"}}]}</script>`;
  const html = `<html><head>${ld}</head><body><article>${STORY.map((s) => `<p>${s}</p>`).join("")}</article></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.title, "LD headline");
  assert.equal(r.author, "Ada Reporter");
  assert.equal(r.published, "2024-01-02");
  assert.equal(r.site, "LD Times");
});

test("HTML: a windows-1252 page with a declared charset decodes café and curly quotes", async () => {
  const dir = await tempDir();
  const body = ["The café owner said \u201cwe will stay open\u201d \u2013 and she meant it, despite the council\u2019s vote on the library budget.", ...STORY];
  const html = newsPage({ body, charsetMeta: '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' });
  const bytes = encode1252(html);
  assert.ok(bytes.includes(0x93) && bytes.includes(0xe9), "fixture really is 1252");
  const p = join(dir, "legacy.html");
  await writeFile(p, bytes);
  const { articles } = await collect([p]);
  const got = articles[0]!.text;
  assert.ok(got.includes("The café owner said \u201cwe will stay open\u201d \u2013 and she meant it, despite the council\u2019s vote"), got.slice(0, 200));
  // Undeclared: detection must still not produce replacement characters.
  const undeclared = decodeWebBytes(encode1252(newsPage({ body, charsetMeta: "" })));
  assert.ok(!undeclared.text.includes("\ufffd"), "no replacement characters");
  assert.ok(undeclared.text.includes("café"), `${undeclared.encoding} via ${undeclared.source}`);
});

/** Encodes text as windows-1252 (the characters used by the fixtures only). */
function encode1252(s: string): Buffer {
  const special: Record<string, number> = { "\u201c": 0x93, "\u201d": 0x94, "\u2018": 0x91, "\u2019": 0x92, "\u2013": 0x96, "\u2014": 0x97, "\u20ac": 0x80 };
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (special[ch] !== undefined) out.push(special[ch]!);
    else if (c < 256) out.push(c);
    else throw new Error(`not in 1252: ${ch}`);
  }
  return Buffer.from(out);
}

for (const gzip of [false, true]) {
  test(`WARC${gzip ? ".gz" : ""}: HTML responses become articles with URL and date; other records are passed over`, async () => {
    const dir = await tempDir();
    const warc = await buildWarc(
      [
        { url: "https://gazette.example/req", type: "request", body: "" },
        { url: "https://gazette.example/news/library", date: "2024-05-07T11:00:00Z", body: newsPage() },
        { url: "https://gazette.example/logo.png", contentType: "image/png", body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
        { url: "https://gazette.example/missing", status: 404, body: "<html><body>Not found</body></html>" },
        {
          url: "https://gazette.example/news/cafe",
          contentType: "text/html; charset=windows-1252",
          body: encode1252(newsPage({ title: "Caf\u00e9 stays open", body: ["The caf\u00e9 owner said \u201cwe stay\u201d.", ...STORY.slice(1)], charsetMeta: "" })),
        },
      ],
      gzip,
    );
    const p = join(dir, gzip ? "crawl.warc.gz" : "crawl.warc");
    await writeFile(p, warc);
    const { articles, skips } = await collect([p]);
    assert.deepEqual(articles.map((a) => a.url), ["https://gazette.example/news/library", "https://gazette.example/news/cafe"]);
    assertStory(articles[0]!.text);
    assert.equal(articles[0]!.published, "2024-05-07T09:30:00.000Z", "page metadata wins over the crawl date");
    assert.ok(articles[1]!.text.includes("The café owner said \u201cwe stay\u201d."), "HTTP charset used");
    assert.equal(skips.length, 1);
    assert.match(skips[0]!.reason, /HTTP 404/);
  });
}

test("a UTF-8 text file with one stray Latin-1 byte keeps its curly quotes; only the bad byte is replaced", async () => {
  const dir = await tempDir();
  const text = ["The caf\u00e9 owner said \u201cwe will stay open\u201d \u2013 and she meant it.", ...STORY].join("\n\n");
  const good = Buffer.from(text, "utf8");
  const at = good.indexOf(Buffer.from(" and she"));
  const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xa0]), good.subarray(at)]); // a Latin-1 no-break space
  const p = join(dir, "pasted.txt");
  await writeFile(p, bytes);
  const { articles } = await collect([p]);
  const got = articles[0]!.text;
  assert.ok(got.includes("The caf\u00e9 owner said \u201cwe will stay open\u201d \u2013"), got.slice(0, 120));
  assert.equal([...got].filter((c) => c === "\ufffd").length, 1, "the stray byte alone is replaced");
  const event = (await collect([p])).events[0]!;
  assert.deepEqual(event.kind === "article" ? event.notes : event, ["not valid UTF-8 in 1 place, each read as \ufffd; the rest was read as UTF-8"]);
  // One quotation and one stray byte: still UTF-8.
  const short = Buffer.concat([Buffer.from("She said \u201csafety comes first,\u201d and left.", "utf8"), Buffer.from([0xa0]), Buffer.from(" The end.", "utf8")]);
  const decoded = decodeWebBytes(short);
  assert.equal(decoded.source, "mostly-utf-8");
  assert.ok(decoded.text.includes("\u201csafety comes first,\u201d"), decoded.text);
  // A windows-1252 file is not taken for UTF-8: it holds no valid UTF-8 sequence.
  const legacy = decodeWebBytes(encode1252(text));
  assert.notEqual(legacy.source, "mostly-utf-8");
  assert.ok(legacy.text.includes("caf\u00e9 owner said \u201cwe"), `${legacy.encoding} via ${legacy.source}`);
  assert.match(decodingNote(legacy) ?? "", /^not UTF-8 and no encoding declared: read as windows-1252/);
  assert.equal(decodingNote(decodeWebBytes(good)), undefined, "plain UTF-8: nothing to say");
});

test("WARC.gz cut off mid-record: the records before the cut are read, then one skip says why", async () => {
  const dir = await tempDir();
  const entries = [0, 1, 2, 3].map((i) => ({ url: `https://gazette.example/n${i}`, body: newsPage({ title: `Story ${i}`, body: [`Story ${i}. ${STORY[0]}`, STORY[1]!, STORY[2]!] }) }));
  const full = await buildWarc(entries, true);
  const cut = join(dir, "cut.warc.gz");
  await writeFile(cut, full.subarray(0, Math.floor(full.length * 0.85)));
  const { articles, skips, events } = await collect([cut]);
  assert.ok(articles.length >= 2 && articles.length < 4, `read ${articles.length} before the cut`);
  assert.deepEqual(articles.map((a) => a.title), entries.slice(0, articles.length).map((_, i) => `Story ${i}`));
  assert.equal(skips.length, 1);
  assert.match(skips[0]!.reason, /truncated/);
  assert.equal(events.at(-1)!.kind, "skip");
  // The same cut in a plain WARC is noticed too.
  const plain = await buildWarc(entries, false);
  const cutPlain = join(dir, "cut.warc");
  await writeFile(cutPlain, plain.subarray(0, plain.length - 300));
  const r2 = await collect([cutPlain]);
  assert.equal(r2.articles.length, 3);
  assert.match(r2.skips[0]!.reason, /truncated/);
});

test("RSS 2.0: one article per item, full content:encoded preferred over description", async () => {
  const dir = await tempDir();
  const p = join(dir, "feed.rss");
  await writeFile(
    p,
    rss([
      { title: "Library to close", link: "https://gazette.example/lib", description: "Short teaser only.", content: `<p>${STORY[0]}</p><p>${STORY[1]}</p>`, pubDate: "Tue, 07 May 2024 09:30:00 GMT" },
      { title: "Teaser only", link: "https://gazette.example/t", description: "&lt;p&gt;The harbour &lt;b&gt;reopened&lt;/b&gt; after repairs.&lt;/p&gt;" },
      { title: "Empty", link: "https://gazette.example/e", description: "" },
    ]),
  );
  const { articles, skips } = await collect([p]);
  assert.equal(articles.length, 2);
  assert.equal(articles[0]!.text, `${STORY[0]}\n\n${STORY[1]}`);
  assert.equal(articles[0]!.url, "https://gazette.example/lib");
  assert.equal(articles[0]!.published, "2024-05-07T09:30:00.000Z");
  assert.equal(articles[0]!.site, "Example Gazette");
  assert.equal(articles[0]!.author, "Jo Writer");
  assert.equal(articles[1]!.text, "The harbour reopened after repairs.");
  assert.equal(skips.length, 1);
  assert.match(skips[0]!.reason, /item 3/);
});

test("Atom: entries with HTML content, else summary; the alternate link is the URL", async () => {
  const dir = await tempDir();
  const p = join(dir, "blog.atom");
  await writeFile(
    p,
    atom([
      { title: "First", link: "https://blog.example/1", content: `<div><p>${STORY[0]}</p><p>${STORY[2]}</p></div>`, updated: "2024-05-01T00:00:00Z" },
      { title: "Second", link: "https://blog.example/2", summary: "A plain summary of the second post.", updated: "2024-05-02T00:00:00Z" },
    ]),
  );
  const { articles, skips } = await collect([p]);
  assert.equal(skips.length, 0);
  assert.deepEqual(articles.map((a) => [a.title, a.url, a.author, a.site]), [
    ["First", "https://blog.example/1", "Sam Blogger", "Example Blog"],
    ["Second", "https://blog.example/2", "Sam Blogger", "Example Blog"],
  ]);
  assert.equal(articles[0]!.text, `${STORY[0]}\n\n${STORY[2]}`);
  assert.equal(articles[1]!.text, "A plain summary of the second post.");
});

test("JSONL: good lines are articles, a bad line is a skip with its line number", async () => {
  const dir = await tempDir();
  const p = join(dir, "dump.jsonl");
  const lines = [
    JSON.stringify({ text: STORY[0], title: "One", url: "https://x.example/1", published: "2024-05-07", site: "X" }),
    "{not json",
    "",
    JSON.stringify({ title: "no text" }),
    JSON.stringify({ text: STORY[1] }),
    JSON.stringify({ text: 5 }),
  ];
  await writeFile(p, lines.join("\r\n") + "\n");
  const { articles, skips } = await collect([p]);
  assert.deepEqual(articles.map((a) => a.text), [STORY[0], STORY[1]]);
  assert.equal(articles[0]!.site, "X");
  assert.equal(articles[0]!.published, "2024-05-07T00:00:00.000Z");
  assert.deepEqual(skips.map((s) => s.record), ["line 2", "line 4", "line 6"]);
  assert.equal(skips[2]!.reason, '"text" is a number, not a string');
  assert.match(skips[0]!.reason, /^not valid JSON/, "the record names the line; the reason does not repeat it");
});

test("folders: recursive, sorted, hidden files skipped; binary files and missing inputs are skips, the batch goes on", async () => {
  const dir = await tempDir();
  await mkdir(join(dir, "b", "deeper"), { recursive: true });
  await mkdir(join(dir, ".git"));
  await writeFile(join(dir, "b", "deeper", "z.txt"), "Deep title\n\nDeep body text about the harbour.");
  await writeFile(join(dir, "a.txt"), "Short title\n\nThe body of the first article.\n");
  await writeFile(join(dir, "b", "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
  await writeFile(join(dir, ".hidden.txt"), "Hidden words");
  await writeFile(join(dir, ".git", "HEAD"), "ref: refs/heads/main");
  await writeFile(join(dir, "b", "page.htm.gz"), gzipSync(newsPage()));
  const missing = join(dir, "nope.txt");
  const { events, articles, skips } = await collect([dir, missing, join(dir, "a.txt")]);
  assert.deepEqual(
    events.map((e) => [e.kind, e.input.slice(dir.length)]),
    [
      ["article", "/a.txt"],
      ["article", "/b/deeper/z.txt"],
      ["article", "/b/page.htm.gz"],
      ["skip", "/b/photo.jpg"],
      ["skip", "/nope.txt"],
      ["article", "/a.txt"],
    ],
  );
  assert.equal(articles[0]!.title, "Short title");
  assert.equal(articles[0]!.text, "Short title\n\nThe body of the first article.");
  assertStory(articles[2]!.text);
  assert.match(skips[0]!.reason, /binary/);
  assert.match(skips[1]!.reason, /no such file/);
  assert.equal(articles[0]!.id, articles[3]!.id, "the same content has the same id");
});

test("stdin: sniffed as HTML, JSONL or WARC.gz", async () => {
  const html = await collect(["-"], { stdin: Readable.from([Buffer.from(newsPage())]) });
  assertStory(html.articles[0]!.text);
  assert.equal(html.events[0]!.input, "<stdin>");
  const jsonl = await collect(["-"], { stdin: Readable.from([Buffer.from(`{"text":"A b c."}\n{"text":"D e f."}\n`)]) });
  assert.equal(jsonl.articles.length, 2);
  const warc = await buildWarc([{ url: "https://gazette.example/news/library", body: newsPage() }], true);
  const chunks = [warc.subarray(0, 100), warc.subarray(100, 5000), warc.subarray(5000)];
  const w = await collect(["-"], { stdin: Readable.from(chunks) });
  assert.equal(w.articles[0]!.url, "https://gazette.example/news/library");
  const text = await collect(["-"], { stdin: Readable.from([Buffer.from("Plain words from a pipe.")]) });
  assert.equal(text.articles[0]!.text, "Plain words from a pipe.");
  assert.equal(text.articles[0]!.url, undefined);
});

test("size limit: an over-large file is a skip naming the limit, and the caller's option only when it has one", async () => {
  const dir = await tempDir();
  const p = join(dir, "big.txt");
  await writeFile(p, "word ".repeat(1000));
  const { skips } = await collect([p], { maxBytes: 1000 });
  assert.match(skips[0]!.reason, /over the per-document limit of 1000 bytes; skipped$/);
  const named = await collect([p], { maxBytes: 1000, optionNames: { maxBytes: "--max-bytes" } });
  assert.match(named.skips[0]!.reason, /over the per-document limit.*\(raise --max-bytes\)/);
});
