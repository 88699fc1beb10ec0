// Hostile and broken crawl input: gzip bombs, pipes and devices, truncated and malformed WARCs.
// Each case must end with a one-line reason naming the input, at a bounded cost, and the rest of
// the batch still read. Fixtures are made here, small, with the limits lowered through options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { readArticles } from "../src/ingest/readArticles.js";
import { readTextInput } from "../src/ingest/readText.js";
import { gunzipBounded, InputLimitError } from "../src/ingest/gunzip.js";
import type { Article, IngestEvent, ReadArticlesOptions } from "../src/ingest/types.js";
import { runCli } from "./helpers/cli-run.js";
import { tempDir } from "./helpers/tmp.js";
import { buildWarc, newsPage, STORY } from "./helpers/fixtures.js";

async function collect(inputs: string[], opts?: ReadArticlesOptions) {
  const events: IngestEvent[] = [];
  for await (const e of readArticles(inputs, opts)) events.push(e);
  const articles: Article[] = events.flatMap((e) => (e.kind === "article" ? [e.article] : []));
  const skips = events.flatMap((e) => (e.kind === "skip" ? [e] : []));
  return { events, articles, skips };
}

const page = (i: number) => newsPage({ title: `Story ${i}`, body: [`Story ${i}. ${STORY[0]}`, STORY[1]!, STORY[2]!] });
const stories = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `https://gazette.example/n${i}`, body: page(i) }));
const MiB = 1024 * 1024;

/** Runs `fn` and returns what reached the console or stderr meanwhile (nothing, for a library). */
async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; printed: string[] }> {
  const printed: string[] = [];
  const saved = { warn: console.warn, log: console.log, error: console.error, info: console.info, write: process.stderr.write };
  console.warn = console.log = console.error = console.info = (...a: unknown[]) => void printed.push(a.map(String).join(" "));
  process.stderr.write = ((s: string | Uint8Array) => (printed.push(String(s)), true)) as typeof process.stderr.write;
  try {
    return { value: await fn(), printed };
  } finally {
    Object.assign(console, { warn: saved.warn, log: saved.log, error: saved.error, info: saved.info });
    process.stderr.write = saved.write;
  }
}

test("gzip bomb: decompression stops at the limit, long before the end of the stream", async () => {
  // 64 MiB of zeros in 64 KiB of gzip, handed over in small chunks; the reader counts what it pulled.
  const bomb = gzipSync(Buffer.alloc(64 * MiB));
  let pulled = 0;
  async function* source() {
    for (let i = 0; i < bomb.length; i += 4096) {
      pulled += Math.min(4096, bomb.length - i);
      yield bomb.subarray(i, i + 4096);
    }
  }
  let out = 0;
  await assert.rejects(
    (async () => {
      for await (const c of gunzipBounded(source(), 2 * MiB)) out += c.length;
    })(),
    (e: unknown) => e instanceof InputLimitError && e.limit === 2 * MiB,
  );
  assert.ok(out <= 2 * MiB, `${out} bytes handed out`);
  assert.ok(pulled < bomb.length / 2, `read ${pulled} of ${bomb.length} compressed bytes`);
});

test("gzip bomb as .warc.gz, .gz and .jsonl.gz: a one-line skip each, and the rest of the batch is read", async () => {
  const dir = await tempDir();
  const zeros = gzipSync(Buffer.alloc(8 * MiB));
  await writeFile(join(dir, "a-bomb.warc.gz"), zeros);
  await writeFile(join(dir, "b-bomb.txt.gz"), zeros);
  await writeFile(join(dir, "c-bomb.jsonl.gz"), zeros);
  // A valid crawl whose third record is a 6 MiB resource of zeros: past the per-file limit.
  const crawl = await buildWarc([...stories(2), { url: "https://gazette.example/big.bin", type: "resource", body: new Uint8Array(6 * MiB) }, ...stories(3).slice(2)], true);
  await writeFile(join(dir, "d-crawl.warc.gz"), crawl);
  await writeFile(join(dir, "e-ok.txt"), STORY.join("\n\n"));
  const t0 = Date.now();
  const { articles, skips } = await collect([dir], { maxBytes: MiB, maxFileBytes: 4 * MiB });
  assert.ok(Date.now() - t0 < 5000, "bounded time");
  assert.equal(skips.length, 4, skips.map((s) => s.reason).join(" | "));
  const why = Object.fromEntries(skips.map((s) => [s.input.slice(dir.length + 1), s.reason]));
  assert.match(why["a-bomb.warc.gz"]!, /^no WARC record in the first 1\.0 MiB \(does not start with "WARC\/"\); skipped$/);
  assert.match(why["b-bomb.txt.gz"]!, /^decompresses past 1\.0 MiB \(the per-document limit\); skipped$/);
  assert.match(why["c-bomb.jsonl.gz"]!, /over the limit|decompresses/);
  assert.match(why["d-crawl.warc.gz"]!, /decompresses past 4\.0 MiB \(the per-file limit\).*big\.bin/);
  assert.deepEqual(articles.slice(0, 2).map((a) => a.title), ["Story 0", "Story 1"], "the records before the limit");
  assert.equal(articles.length, 3);
  assert.ok(articles[2]!.text.startsWith("The city council voted"), "the file after the bombs is read");
  for (const s of skips) assert.equal(s.reason.split("\n").length, 1, "one line");
});

test("a page record whose body is a gzip bomb (Content-Encoding: gzip) is skipped within the per-record limit", async () => {
  const dir = await tempDir();
  const bomb = gzipSync(Buffer.alloc(16 * MiB, 0x20));
  const raw = await buildWarc([{ url: "https://x.example/bomb", body: bomb }, ...stories(1)], false);
  // The fixture builder writes no Content-Encoding: add it to the first page's HTTP headers.
  const p = join(dir, "enc.warc");
  const s = raw.toString("latin1").replace("Content-Type: text/html; charset=utf-8\r\n", "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n");
  // Content-Length grows by the inserted header line.
  const fixed = s.replace(/(WARC-Target-URI: https:\/\/x\.example\/bomb\r\n(?:.*\r\n)*?Content-Length: )(\d+)/, (_m, a: string, n: string) => `${a}${Number(n) + "Content-Encoding: gzip\r\n".length}`);
  await writeFile(p, Buffer.from(fixed, "latin1"));
  const { articles, skips } = await collect([p], { maxBytes: MiB });
  assert.deepEqual(articles.map((a) => a.title), ["Story 0"]);
  assert.equal(skips.length, 1);
  assert.match(skips[0]!.reason, /x\.example\/bomb: page decompresses past 1\.0 MiB \(the per-record limit\); skipped/);
});

test("devices are refused and named pipes read within the limit (readArticles and readTextInput)", async (t) => {
  const dir = await tempDir();
  const fifo = join(dir, "pipe.txt");
  try {
    execFileSync("mkfifo", [fifo]);
  } catch {
    t.skip("mkfifo is not available");
    return;
  }
  const dev = await collect(["/dev/zero"]);
  assert.deepEqual(dev.skips.map((s) => s.reason), ["is a device, not a file; skipped"]);
  await assert.rejects(readTextInput("/dev/zero"), (e: Error & { code?: string }) => e.code === "INPUT_UNREADABLE" && /\/dev\/zero: is a device/.test(e.message));

  // A writer that never stops: the reader must stop at the limit and let it go.
  const endless = () => {
    const w = createWriteStream(fifo);
    const chunk = Buffer.from("word ".repeat(4096));
    const pump = (): void => {
      while (w.write(chunk));
      w.once("drain", pump);
    };
    w.on("error", () => {}); // EPIPE once the reader has stopped
    w.on("open", pump);
    return w;
  };
  // Its descriptor must be closed before the pipe is opened again: a writer still open would
  // feed the next reader its words (and break the next writer's pipe when that reader stops).
  const stop = (s: ReturnType<typeof createWriteStream>) => new Promise<void>((done) => (s.closed ? done() : (s.once("close", () => done()), s.destroy())));
  let w = endless();
  const t0 = Date.now();
  const r = await collect([fifo, join(dir, "missing.txt")], { maxBytes: MiB });
  await stop(w);
  assert.ok(Date.now() - t0 < 5000);
  assert.match(r.skips[0]!.reason, /^more than the per-document limit of 1\.0 MiB; skipped$/);
  assert.equal(r.skips[0]!.input, fifo);
  assert.equal(r.skips.length, 2, "the batch goes on");
  w = endless();
  await assert.rejects(readTextInput(fifo, { maxBytes: MiB }), (e: Error & { code?: string }) => e.code === "INPUT_TOO_LARGE");
  await stop(w);

  // A pipe that carries an article and closes is read like a file.
  const one = createWriteStream(fifo);
  one.end(STORY.join("\n\n"));
  const ok = await collect([fifo]);
  assert.equal(ok.articles.length, 1);
  assert.ok(ok.articles[0]!.text.startsWith("The city council"));
});

test("truncated WARC.gz at any cut: the complete records before the cut, then one 'truncated' skip naming the file", async () => {
  const dir = await tempDir();
  const entries = stories(4);
  const full = await buildWarc(entries, true);
  const all = (await collect([await write(dir, "full.warc.gz", full)])).articles.map((a) => a.title);
  assert.deepEqual(all, ["Story 0", "Story 1", "Story 2", "Story 3"]);
  // A cut exactly between two gzip members leaves a valid, shorter file: nothing to report there.
  const complete = (cut: number): boolean => {
    try {
      gunzipSync(full.subarray(0, cut));
      return true;
    } catch {
      return false;
    }
  };
  // From 2 bytes on: one byte (0x1f) is not yet recognisably gzip.
  for (let cut = 2; cut < full.length; cut += cut < 300 ? 1 : 37) {
    const p = await write(dir, `cut${cut}.warc.gz`, full.subarray(0, cut));
    const { articles, skips, events } = await collect([p]);
    const titles = articles.map((a) => a.title);
    assert.deepEqual(titles, all.slice(0, titles.length), `cut at ${cut}: a prefix of the records`);
    if (complete(cut)) {
      assert.equal(skips.length, 0, `cut at ${cut}, a member boundary`);
      continue;
    }
    assert.equal(skips.length, 1, `cut at ${cut}: one skip (${skips.map((s) => s.reason).join(" | ")})`);
    assert.equal(skips[0]!.input, p);
    assert.match(skips[0]!.reason, /^truncated: /);
    assert.equal(events.at(-1)!.kind, "skip");
  }
});

async function write(dir: string, name: string, bytes: Uint8Array | string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, bytes);
  return p;
}

test("a folder holding a truncated WARC.gz is indexed: add keeps the rest and exits 0", async () => {
  const dir = await tempDir();
  const full = await buildWarc(stories(4), true);
  await write(dir, "a.txt", "Residents packed the meeting hall and urged the council to wait for a review.");
  await write(dir, "b-cut.warc.gz", full.subarray(0, Math.floor(full.length * 0.85)));
  await write(dir, "c.txt", "Mayor Ana Kovacs said the vote was painful but necessary for the town budget.");
  const index = join(await tempDir(), "i.sqlite");
  const { code, err } = await runCli(["add", dir, "--index", index]);
  assert.equal(code, 0, err);
  assert.match(err, /^added 5, duplicates 0, skipped 1/);
  assert.match(err, /skipped .*b-cut\.warc\.gz.*truncated: /);
  assert.ok(!err.includes("    at "), "no stack trace");
});

test("malformed WARC headers: the bad record is a skip, the valid record after it is read, nothing is printed", async () => {
  const dir = await tempDir();
  const first = await buildWarc(stories(1), false);
  const last = await buildWarc([{ url: "https://g.example/after", body: page(9) }], false);
  const lastRecord = last.subarray(last.indexOf("WARC/1.1", 10)); // without its warcinfo record
  const body = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${page(5)}`;
  const len = Buffer.byteLength(body);
  const bad: Record<string, string> = {
    "no colon": `WARC/1.1\r\nWARC-Type response\r\nWARC-Target-URI: https://g.example/bad\r\nContent-Length: ${len}\r\n\r\n${body}\r\n\r\n`,
    "length not a number": `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://g.example/bad\r\nContent-Length: 12x\r\n\r\n${body}\r\n\r\n`,
    "no length": `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://g.example/bad\r\n\r\n${body}\r\n\r\n`,
    "length too short": `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://g.example/bad\r\nContent-Length: 100\r\n\r\n${body}\r\n\r\n`,
    "length too long": `WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://g.example/bad\r\nContent-Length: ${len + 300}\r\n\r\n${body}\r\n\r\n`,
    "bad version": `WARC/x\r\nWARC-Type: response\r\nWARC-Target-URI: https://g.example/bad\r\nContent-Length: ${len}\r\n\r\n${body}\r\n\r\n`,
    "garbage lines": `GARBAGE LINE\r\nmore garbage\r\n\r\n`,
    "no header end": `WARC/1.1\r\nWARC-Type: response\r\n${"X-Junk: y\r\n".repeat(30000)}`,
  };
  for (const [what, rec] of Object.entries(bad)) {
    for (const gzip of [false, true]) {
      const bytes = Buffer.concat([first, Buffer.from(rec, "latin1"), lastRecord]);
      const p = await write(dir, `bad.warc${gzip ? ".gz" : ""}`, gzip ? gzipSync(bytes) : bytes);
      const { value, printed } = await quietly(() => collect([p]));
      const label = `${what}${gzip ? " (gzip)" : ""}`;
      assert.deepEqual(value.articles.map((a) => a.title), ["Story 0", "Story 9"], label);
      assert.equal(value.skips.length, 1, `${label}: ${value.skips.map((s) => s.reason).join(" | ")}`);
      assert.match(value.skips[0]!.reason, /malformed WARC header|does not match the record/, label);
      assert.deepEqual(printed, [], `${label}: nothing on the console`);
    }
  }
});

test("WARC: a page record over the per-record limit is a skip naming the limit; other big records pass silently", async () => {
  const dir = await tempDir();
  const big = `<html><body><p>${"Long words here. ".repeat(80_000)}</p></body></html>`;
  const warc = await buildWarc([{ url: "https://x.example/big", body: big }, { url: "https://x.example/video", contentType: "video/mp4", body: new Uint8Array(2 * MiB) }, ...stories(1)], true);
  const p = await write(dir, "c.warc.gz", warc);
  const { articles, skips } = await collect([p], { maxBytes: MiB, optionNames: { maxBytes: "--max-bytes" } });
  assert.deepEqual(articles.map((a) => a.title), ["Story 0"]);
  assert.equal(skips.length, 1);
  assert.match(skips[0]!.reason, /^https:\/\/x\.example\/big: record of 1\.\d MiB is over the per-record limit of 1\.0 MiB; skipped \(raise --max-bytes\)$/);
});

test("WARC: chunked and gzip-encoded page bodies are decoded; a body stored decoded under a gzip header is used as it is", async () => {
  const dir = await tempDir();
  const html = page(7);
  const gz = gzipSync(Buffer.from(html));
  const chunked = Buffer.concat([Buffer.from(`${(gz.length - 100).toString(16)}\r\n`), gz.subarray(0, gz.length - 100), Buffer.from(`\r\n64;ext=1\r\n`), gz.subarray(gz.length - 100), Buffer.from("\r\n0\r\n\r\n")]);
  const record = (uri: string, headers: string, body: Buffer) => {
    const block = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n${headers}\r\n`), body]);
    return Buffer.concat([Buffer.from(`WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2024-05-07T10:00:00Z\r\nContent-Length: ${block.length}\r\n\r\n`), block, Buffer.from("\r\n\r\n")]);
  };
  const p = await write(
    dir,
    "enc.warc",
    Buffer.concat([
      record("https://x.example/chunked-gzip", "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunked),
      record("https://x.example/gzip", "Content-Encoding: gzip\r\n", gz),
      record("https://x.example/stored-decoded", "Content-Encoding: gzip\r\n", Buffer.from(html)),
    ]),
  );
  const { articles, skips } = await collect([p]);
  assert.deepEqual(skips, []);
  assert.deepEqual(articles.map((a) => [a.url, a.title]), [
    ["https://x.example/chunked-gzip", "Story 7"],
    ["https://x.example/gzip", "Story 7"],
    ["https://x.example/stored-decoded", "Story 7"],
  ]);
});
