// A bad input never stops a batch: whatever bytes a file holds, under whatever name, reading it
// yields events (articles or skips) and never throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { readArticles } from "../src/ingest/readArticles.js";
import { tempDir } from "./helpers/tmp.js";
import { buildWarc, newsPage } from "./helpers/fixtures.js";

const EXTENSIONS = ["", ".txt", ".html", ".warc", ".warc.gz", ".rss", ".xml", ".jsonl", ".gz", ".bin"];

test("arbitrary bytes under any name give events, never an exception", async () => {
  const dir = await tempDir();
  const page = Buffer.from(newsPage());
  const warc = await buildWarc([{ url: "https://x.example/", body: newsPage() }], true);
  let i = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.uint8Array({ maxLength: 2000 }),
        fc.string({ maxLength: 500 }).map((s) => Buffer.from(s)),
        // Damaged versions of real formats: cut at a random place, or a byte flipped.
        fc.tuple(fc.constantFrom(page, warc, gzipSync(page)), fc.nat(), fc.nat(255)).map(([b, at, v]) => {
          const c = Buffer.from(b.subarray(0, 1 + (at % b.length)));
          c[at % c.length] = v;
          return c;
        }),
      ),
      fc.constantFrom(...EXTENSIONS),
      async (bytes, ext) => {
        const p = join(dir, `f${i++}${ext}`);
        await writeFile(p, bytes);
        const events = [];
        for await (const e of readArticles([p])) events.push(e);
        for (const e of events) {
          if (e.kind === "skip") assert.ok(e.reason.length > 0, "a skip has a reason");
          else assert.ok(/\p{L}/u.test(e.article.text), "an article has words");
        }
      },
    ),
    { numRuns: 150 },
  );
});

test("onBytes reports progress for whole files and streamed WARCs", async () => {
  const dir = await tempDir();
  const html = join(dir, "a.html");
  const warc = join(dir, "b.warc.gz");
  await writeFile(html, newsPage());
  const w = await buildWarc([{ url: "https://x.example/", body: newsPage() }], true);
  await writeFile(warc, w);
  const totals: number[] = [];
  for await (const _ of readArticles([html, warc], { onBytes: (n) => totals.push(n) })) void _;
  assert.equal(totals.at(-1), Buffer.byteLength(newsPage()) + w.length, "running total");
  assert.deepEqual(totals, [...totals].sort((a, b) => a - b), "never goes down");
});
