// The server's limits and guards over real HTTP: a check past its time budget is stopped (its
// worker terminated and replaced) and the next request works; a non-loopback bind needs a token
// and the token guards writes and document reads; writes and reads at once leave a sound index;
// SIGTERM lets the request in hand finish, then closes everything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { PassThrough } from "node:stream";
import { main } from "../src/cli/main.js";
import { call, examples, freshServer } from "./helpers/server.js";
import { tempDir } from "./helpers/tmp.js";

const read = (p: string) => readFileSync(join(examples, p), "utf8");
const spun = read("spun/harbour-council.txt");
const original = read("original/harbour-council.txt");
const root = new URL("../", import.meta.url).pathname;

const until = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test("a check past its time budget answers 504, its worker is stopped and replaced, and the next check works", async () => {
  const server = await freshServer({ timeoutMs: 1000 });
  try {
    const base = server.url;
    const before = (await call(base, "/healthz")).body.workers;
    // About 3 MB of article text: several seconds of work on any machine.
    const parts = ["spun/harbour-council.txt", "spun/library-hours.txt", "spun/cycling-lanes.txt", "original/rail-strike.txt"].map(read);
    const huge = Array.from({ length: 4000 }, (_, k) => parts[k % parts.length]!.replace(/\d+/g, (d) => String(Number(d) + k))).join("\n\n");
    const t = performance.now();
    const r = await call(base, "/api/check", { json: { text: huge } });
    const waited = performance.now() - t;
    assert.equal(r.status, 504, r.text.slice(0, 300));
    assert.equal(r.body.error.code, "TIMEOUT");
    assert.match(r.body.error.message, /time budget of 1 s/);
    assert.ok(waited < 5000, `answered soon after the budget (${waited.toFixed(0)} ms)`);
    await until("the timed-out worker to stop", async () => (await call(base, "/healthz")).body.workers.stopped > before.stopped);
    // The next request works (the other thread takes it while the new one starts).
    const next = await call(base, "/api/check", { json: { text: spun } });
    assert.equal(next.status, 200);
    assert.equal(next.body.verdict, "likely-spun");
    await until("a new worker to replace it", async () => {
      const w = (await call(base, "/healthz")).body.workers;
      return w.started > before.started && w.threads === 2;
    });
    const compare = await call(base, "/api/compare", { json: { suspect: spun, source: original } });
    assert.equal(compare.status, 200);
  } finally {
    await server.close();
  }
});

test("a non-loopback bind is refused without a token; with one, writes and document reads (a check's source texts too) need it", async () => {
  const addresses = ["0.0.0.0", ...Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === "IPv4").map((a) => a!.address).slice(0, 1)];
  for (const host of addresses) {
    await assert.rejects(freshServer({ host }), (e: Error & { code?: string }) => {
      assert.equal(e.code, "USAGE");
      assert.match(e.message, new RegExp(`refusing to listen on ${host.replace(/\./g, "\\.")} without a token`));
      return true;
    });
  }
  const server = await freshServer({ host: "0.0.0.0", token: "s3cret-token" });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    assert.equal((await call(base, "/healthz")).body.tokenRequired, true);
    const doc = { json: { text: original } };
    const none = await call(base, "/api/documents", doc);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, "UNAUTHORIZED");
    assert.match(none.headers.get("www-authenticate")!, /^Bearer/);
    const wrong = await call(base, "/api/documents", { ...doc, headers: { authorization: "Bearer nope" } });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body.error.message, /wrong/);
    const auth = { authorization: "Bearer s3cret-token" };
    const added = await call(base, "/api/documents", { ...doc, headers: auth });
    assert.equal(added.status, 200);
    const id = added.body.documents[0].id;
    assert.equal((await call(base, `/api/documents/${id}`)).status, 401);
    assert.equal((await call(base, `/api/documents/${id}`, { headers: auth })).status, 200);
    assert.equal((await call(base, `/api/documents/${id}`, { method: "DELETE" })).status, 401);
    // Clusters list stored documents (and store the edges found): the token too.
    assert.equal((await call(base, "/api/clusters")).status, 401);
    assert.equal((await call(base, "/api/clusters", { headers: auth })).status, 200);
    // A check's report needs no token; the sources' stored texts (texts=true, the HTML report) do.
    const checked = await call(base, "/api/check", { json: { text: spun } });
    assert.equal(checked.status, 200);
    assert.equal(checked.body.verdict, "spun-copy");
    for (const query of ["?texts=true", "?format=html"]) {
      const bare = await call(base, `/api/check${query}`, { json: { text: spun } });
      assert.equal(bare.status, 401, query);
      assert.equal(bare.body.error.code, "UNAUTHORIZED", query);
      assert.equal((await call(base, `/api/check${query}`, { json: { text: spun }, headers: auth })).status, 200, query);
    }
    const withTexts = await call(base, "/api/check?texts=true", { json: { text: spun }, headers: auth });
    assert.ok(Object.values(withTexts.body.texts.sources as Record<string, string>).some((t) => t.includes(original.slice(0, 60))), "the token reads the source's text");
    assert.equal((await call(base, `/api/documents/${id}`, { method: "DELETE", headers: auth })).status, 200);
  } finally {
    await server.close();
  }
});

test("a port already in use is a usage error in words, not an internal error", async () => {
  const first = await freshServer();
  try {
    await assert.rejects(freshServer({ port: first.port }), (e: Error & { code?: string; hint?: string }) => {
      assert.equal(e.code, "USAGE");
      assert.equal(e.message, `port ${first.port} on 127.0.0.1 is already in use`);
      assert.match(e.hint!, /--port 0 picks a free one/);
      return true;
    });
    assert.equal((await call(first.url, "/healthz")).status, 200, "the first server is untouched");
  } finally {
    await first.close();
  }
});

test("unspin serve refuses a non-loopback address without a token, and bad options, with exit status 2", async () => {
  const index = join(await tempDir("unspin-serve-"), "index.sqlite");
  const run = async (args: string[]) => {
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (d) => (err += d));
    const saved = process.env.UNSPIN_TOKEN;
    delete process.env.UNSPIN_TOKEN;
    try {
      const code = await main(["serve", "--index", index, ...args], { stderr, stdout: new PassThrough() });
      await new Promise((r) => setImmediate(r));
      return { code, err };
    } finally {
      if (saved !== undefined) process.env.UNSPIN_TOKEN = saved;
    }
  };
  const open = await run(["--host", "0.0.0.0"]);
  assert.equal(open.code, 2);
  assert.match(open.err, /refusing to listen on 0\.0\.0\.0 without a token: .*\(give --token TOKEN \(or set UNSPIN_TOKEN\), or listen on 127\.0\.0\.1\)/);
  assert.equal(existsSync(index), false, "nothing was started or created");
  for (const bad of [["--port", "70000"], ["--timeout", "0"], ["--max-body", "lots"], ["--workers", "0"]]) assert.equal((await run(bad)).code, 2, bad.join(" "));
});

test("writes and checks at once: every check answers, the index stays sound, and later checks see every document", async () => {
  const server = await freshServer();
  try {
    const base = server.url;
    const texts = ["original/harbour-council.txt", "original/rail-strike.txt", "original/library-hours.txt", "original/school-meals.txt", "original/hospital-wing.txt"].map(read);
    const batch = Array.from({ length: 400 }, (_, k) => ({ text: `${texts[k % texts.length]}\n\nThis is edition ${k} of the story, filed as report ${k * 7 + 3}.`, url: `https://paper.example/story/${k}` }));
    const body = batch.map((d) => JSON.stringify(d)).join("\n");
    const adding = call(base, "/api/documents", { body, type: "application/x-ndjson" });
    const checks = Promise.all(Array.from({ length: 24 }, (_, k) => call(base, "/api/check", { json: { text: k % 2 ? spun : read("spun/library-hours.txt") } })));
    const removing = (async () => {
      const one = await call(base, "/api/documents", { json: { text: read("original/school-meals.txt"), url: "https://other.example/meals" } });
      return call(base, `/api/documents/${one.body.documents[0].id}`, { method: "DELETE" });
    })();
    const [added, checked, removed] = await Promise.all([adding, checks, removing]);
    assert.equal(added.status, 200);
    assert.equal(added.body.added, 400);
    assert.deepEqual(checked.map((c) => c.status), Array(24).fill(200));
    assert.equal(removed.status, 200);
    const stats = await call(base, "/api/stats");
    assert.equal(stats.body.documents, 400);
    assert.equal(stats.body.urls, 400);
    // A check after the add finds the copy among the new documents.
    const after = await call(base, "/api/check", { json: { text: spun } });
    assert.equal(after.body.verdict, "spun-copy");
    const db = new Database(server.index, { readonly: true });
    try {
      assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
      assert.equal(db.prepare("SELECT count(*) FROM documents").pluck().get(), 400);
    } finally {
      db.close();
    }
  } finally {
    await server.close();
  }
});

test("unspin serve: SIGTERM lets the check in hand finish, then closes the pool and the index and exits 0", async () => {
  const index = join(await tempDir("unspin-serve-"), "index.sqlite");
  const child = spawn(process.execPath, ["--import", "tsx", "-e", `import("./src/cli/main.ts").then((m) => m.main(["serve", "--port", "0", "--index", ${JSON.stringify(index)}, "--workers", "1"])).then((c) => process.exit(c))`], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await until("the server to listen", async () => /serving (http:\/\/\S+)\//.test(stderr), 120_000);
    const base = /serving (http:\/\/\S+)\//.exec(stderr)![1]!;
    assert.equal((await call(base, "/api/documents", { json: { text: original } })).status, 200);
    const inFlight = call(base, "/api/check", { json: { text: spun } });
    await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGTERM");
    const r = await inFlight;
    assert.equal(r.status, 200);
    assert.equal(r.body.verdict, "spun-copy");
    assert.equal(await exited, 0);
    assert.match(stderr, /stopping/);
    assert.match(stderr, /unspin: stopped/);
    await assert.rejects(fetch(`${base}/healthz`));
    // Every connection closed: SQLite folded the write-ahead log back into the index.
    assert.equal(existsSync(`${index}-wal`), false, "the index was closed");
  } finally {
    child.kill("SIGKILL");
  }
});
