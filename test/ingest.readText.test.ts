import { test } from "node:test";
import assert from "node:assert/strict";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { DEFAULT_MAX_BYTES, readTextInput } from "../src/ingest/readText.js";
import { firstInvalidUtf8 } from "../src/ingest/decode.js";
import { UnspinError, type ErrorCode } from "../src/errors.js";
import { tempDir } from "./helpers/tmp.js";

async function rejectsWith(p: Promise<unknown>, code: ErrorCode, ...inMessage: (string | RegExp)[]): Promise<UnspinError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UnspinError, `expected UnspinError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.ok(!e.message.includes("\n"), "message is one line");
    assert.ok(e.hint.length > 0, "has a hint");
    for (const m of inMessage) {
      if (typeof m === "string") assert.ok(e.message.includes(m), `${JSON.stringify(e.message)} should include ${m}`);
      else assert.match(e.message, m);
    }
    return e;
  }
  assert.fail(`expected ${code}`);
}

test("reads a UTF-8 file exactly, keeping CRLF and stripping a BOM", async () => {
  const dir = await tempDir();
  const p = join(dir, "a.txt");
  await writeFile(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Café said “hi”.\r\nNext line.\r\n")]));
  const r = await readTextInput(p);
  assert.equal(r.name, p);
  assert.equal(r.text, "Café said “hi”.\r\nNext line.\r\n");
});

test("decodes UTF-16 with a BOM instead of calling it binary", async () => {
  const dir = await tempDir();
  const p = join(dir, "u16.txt");
  await writeFile(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hello world", "utf16le")]));
  assert.equal((await readTextInput(p)).text, "Hello world");
});

test("reads stdin for '-'", async () => {
  const r = await readTextInput("-", { stdin: Readable.from([Buffer.from("Some "), Buffer.from("news.")]) });
  assert.deepEqual(r, { name: "<stdin>", text: "Some news." });
});

test("missing file", async () => {
  const dir = await tempDir();
  const p = join(dir, "nope.txt");
  const e = await rejectsWith(readTextInput(p), "INPUT_MISSING", p);
  assert.match(e.hint, /path/);
});

test("a directory", async () => {
  const dir = await tempDir();
  await rejectsWith(readTextInput(dir), "INPUT_IS_DIRECTORY", dir);
});

test("binary data: NUL bytes", async () => {
  const dir = await tempDir();
  const p = join(dir, "img.png");
  await writeFile(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await rejectsWith(readTextInput(p), "INPUT_BINARY", p, "NUL");
});

test("binary data: many control characters", async () => {
  const dir = await tempDir();
  const p = join(dir, "ctl.bin");
  const bytes = Buffer.alloc(200, 0x41);
  for (let i = 0; i < 200; i += 3) bytes[i] = 0x01;
  await writeFile(p, bytes);
  await rejectsWith(readTextInput(p), "INPUT_BINARY", "control characters");
});

test("invalid UTF-8 names the byte offset", async () => {
  const dir = await tempDir();
  const p = join(dir, "latin1.txt");
  await writeFile(p, Buffer.concat([Buffer.from("caf"), Buffer.from([0xe9]), Buffer.from(" au lait")]));
  const e = await rejectsWith(readTextInput(p), "INPUT_INVALID_UTF8", p, "offset 3");
  assert.match(e.hint, /iconv/);
});

test("firstInvalidUtf8 agrees with TextDecoder on tricky sequences", () => {
  const cases: [number[], number][] = [
    [[0x41, 0x42], -1],
    [[0xc3, 0xa9], -1],
    [[0xc0, 0xaf], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0x41, 0xf0, 0x9f, 0x98], 1], // truncated at the end
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
  ];
  for (const [bytes, want] of cases) {
    assert.equal(firstInvalidUtf8(Uint8Array.from(bytes)), want, JSON.stringify(bytes));
    let valid = true;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      valid = false;
    }
    assert.equal(valid, want === -1);
  }
});

test("empty, whitespace-only and letterless inputs", async () => {
  const dir = await tempDir();
  for (const [file, body, word] of [
    ["empty.txt", "", "empty"],
    ["ws.txt", " \n\t\r\n ", "empty"],
    ["digits.txt", "123 456 -- !!", "no letters"],
  ] as const) {
    const p = join(dir, file);
    await writeFile(p, body);
    await rejectsWith(readTextInput(p), "INPUT_EMPTY", p, word);
  }
});

test("over the size limit, for files and stdin, with the caller's option in the hint", async () => {
  const dir = await tempDir();
  const p = join(dir, "big.txt");
  await writeFile(p, "word ".repeat(300));
  const e = await rejectsWith(readTextInput(p, { maxBytes: 1000, optionNames: { maxBytes: "--max-bytes" } }), "INPUT_TOO_LARGE", p, "1.5 KiB", "1000 bytes");
  assert.match(e.hint, /--max-bytes/);
  const plain = await rejectsWith(readTextInput(p, { maxBytes: 1000 }), "INPUT_TOO_LARGE", p);
  assert.doesNotMatch(plain.hint, /--/, "no option is named when the caller has none");
  await rejectsWith(readTextInput("-", { maxBytes: 10, stdin: Readable.from([Buffer.from("word ".repeat(5))]) }), "INPUT_TOO_LARGE", "<stdin>");
  assert.equal(DEFAULT_MAX_BYTES, 5 * 1024 * 1024);
});

test("unreadable: a symlink loop (and permissions when not root)", async () => {
  const dir = await tempDir();
  const loop = join(dir, "loop");
  await symlink(loop, loop);
  await rejectsWith(readTextInput(loop), "INPUT_UNREADABLE", loop);
  // root reads any file whatever its mode, so the permission case only runs as a normal user.
  if (process.getuid?.() !== 0) {
    const p = join(dir, "secret.txt");
    await writeFile(p, "hidden words");
    await chmod(p, 0o000);
    const e = await rejectsWith(readTextInput(p), "INPUT_UNREADABLE", "permission denied");
    assert.match(e.hint, /chmod/);
  }
});

test("a path through a file is missing, not a crash", async () => {
  const dir = await tempDir();
  await mkdir(join(dir, "d"));
  await writeFile(join(dir, "d", "f.txt"), "x");
  await rejectsWith(readTextInput(join(dir, "d", "f.txt", "g.txt")), "INPUT_MISSING");
});

test("an HTML page is read as its main text, as add and check read it", async () => {
  const pages = new URL("../examples/pages/", import.meta.url).pathname;
  const page = await readTextInput(join(pages, "cycling-lanes.html"));
  assert.ok(!/<\/?[a-z][^>]*>/i.test(page.text), "no markup left");
  assert.match(page.text, /^Riverside city council voted on Monday/m);
  assert.equal(page.name, join(pages, "cycling-lanes.html"));
});
