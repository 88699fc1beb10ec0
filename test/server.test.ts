// The HTTP API over real HTTP on 127.0.0.1 (a free port): every endpoint, validation errors,
// body limits, 64 concurrent checks, and replies equal to what the library returns.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createUnspin } from "../src/unspin.js";
import { call, examples, freshServer } from "./helpers/server.js";
import type { RunningServer } from "../src/server/index.js";

const read = (p: string) => readFileSync(join(examples, p), "utf8");
const spun = read("spun/harbour-council.txt");
const original = read("original/harbour-council.txt");
const unspin = createUnspin();

describe("the API on a loopback server", () => {
  let server: RunningServer & { index: string };
  let base: string;
  before(async () => {
    server = await freshServer();
    base = server.url;
  });
  after(async () => {
    await server?.close();
  });

  test("GET /healthz answers with the pool's state; GET /api/rules serves the rule catalogue with colours", async () => {
    const h = await call(base, "/healthz");
    assert.equal(h.status, 200);
    assert.equal(h.body.status, "ok");
    assert.equal(h.body.tokenRequired, false);
    assert.equal(h.body.workers.threads, 2);
    const r = await call(base, "/api/rules");
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.rules.map((x: { id: string }) => x.id), unspin.rules.map((x) => x.id));
    for (const rule of r.body.rules) assert.match(rule.color, /^#[0-9a-f]{6}$/i);
  });

  test("GET /api/openapi.json describes every endpoint, its body and its errors", async () => {
    const r = await call(base, "/api/openapi.json");
    assert.equal(r.status, 200);
    const doc = r.body;
    assert.equal(doc.openapi, "3.0.3");
    const paths = doc.paths;
    for (const [path, methods] of Object.entries({
      "/api/check": ["post"],
      "/api/compare": ["post"],
      "/api/documents": ["post"],
      "/api/documents/{id}": ["get", "delete"],
      "/api/stats": ["get"],
      "/api/clusters": ["get"],
      "/api/rules": ["get"],
      "/healthz": ["get"],
      "/api/openapi.json": ["get"],
    })) {
      for (const m of methods) {
        assert.ok(paths[path]?.[m], `${m.toUpperCase()} ${path} is documented`);
        assert.ok(paths[path][m].responses["200"], `${m.toUpperCase()} ${path} documents its reply`);
      }
    }
    assert.ok(paths["/api/check"].post.requestBody.content["application/json"].schema);
    assert.ok(paths["/api/documents"].post.requestBody.content["application/x-ndjson"].schema);
    assert.ok(paths["/api/check"].post.responses["413"]);
    assert.deepEqual(paths["/api/documents"].post.security, [{ bearerAuth: [] }]);
    assert.ok(doc.components.schemas.Report, "the report schema is a named component");
    assert.ok(doc.components.schemas.Report.properties.findings.items.properties.rule.enum.includes("synonym-swap"));
    // The page is not part of the API.
    assert.equal(paths["/"], undefined);
  });

  test("POST /api/compare returns exactly the library's report, as JSON or as the HTML report", async () => {
    const r = await call(base, "/api/compare", { json: { suspect: spun, source: original } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, unspin.compare(spun, { text: original, id: "source" }));
    assert.equal(r.body.verdict, "spun-copy");
    const html = await call(base, "/api/compare?format=html", { json: { suspect: spun, source: original } });
    assert.equal(html.status, 200);
    assert.match(html.headers.get("content-type")!, /^text\/html/);
    assert.match(html.text, /^<!doctype html>/);
    assert.match(html.text, /spun-copy/);
    const byAccept = await call(base, "/api/compare", { json: { suspect: spun, source: original }, headers: { accept: "text/html" } });
    assert.match(byAccept.headers.get("content-type")!, /^text\/html/);
  });

  test("documents: add one (JSON) and a batch (NDJSON) with ids and statuses, read one, check traces to it, remove it", async () => {
    const one = await call(base, "/api/documents", { json: { text: original, url: "https://paper.example/harbour", title: "Harbour council approves ferry terminal" } });
    assert.equal(one.status, 200);
    assert.equal(one.body.added, 1);
    assert.equal(one.body.documents.length, 1);
    const id = one.body.documents[0].id;
    assert.deepEqual(one.body.documents[0], { line: 1, status: "added", id, url: "https://paper.example/harbour" });

    const lines = [
      { text: read("original/rail-strike.txt"), url: "https://paper.example/rail" },
      { text: "  42  " },
      { text: original, url: "https://mirror.example/harbour" },
      { html: read("pages/cycling-lanes.html"), url: "https://paper.example/cycling" },
    ];
    const batch = await call(base, "/api/documents", { body: lines.map((l) => JSON.stringify(l)).join("\n") + "\n", type: "application/x-ndjson" });
    assert.equal(batch.status, 200);
    assert.deepEqual(
      batch.body.documents.map((d: { line: number; status: string }) => [d.line, d.status]),
      [
        [1, "added"],
        [2, "skipped"],
        [3, "duplicate"],
        [4, "added"],
      ],
    );
    assert.match(batch.body.documents[1].reason, /no letters/);
    assert.equal(batch.body.documents[2].id, id);
    assert.deepEqual({ added: batch.body.added, duplicates: batch.body.duplicates, skipped: batch.body.skipped }, { added: 2, duplicates: 1, skipped: 1 });

    const doc = await call(base, `/api/documents/${id}`);
    assert.equal(doc.status, 200);
    assert.equal(doc.body.text, original.trim());
    assert.deepEqual(doc.body.urls, ["https://paper.example/harbour", "https://mirror.example/harbour"]);
    // The HTML page's main text was extracted as `unspin add` does for an HTML file.
    const page = await call(base, `/api/documents/${batch.body.documents[3].id}`);
    assert.equal(page.body.text, (await unspin.extract({ html: lines[3]!.html! })).text.trim());

    const stats = await call(base, "/api/stats");
    assert.equal(stats.status, 200);
    assert.equal(stats.body.documents, 3);
    assert.equal(stats.body.location, undefined, "the server's paths are not shown");

    // A check sees the documents added before it started, and equals the library's check.
    const checked = await call(base, "/api/check?texts=true", { json: { text: spun } });
    assert.equal(checked.status, 200);
    assert.equal(checked.body.report.verdict, "spun-copy");
    assert.equal(checked.body.report.sources[0].id, id);
    assert.equal(checked.body.texts.suspect, spun);
    assert.equal(checked.body.texts.sources[id], original.trim());
    const lib = await unspin.openIndex(server.index, { readonly: true });
    try {
      assert.deepEqual((await call(base, "/api/check", { json: { text: spun } })).body, await lib.check(spun));
    } finally {
      await lib.close();
    }

    const removed = await call(base, `/api/documents/${id}`, { method: "DELETE" });
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body.removed, { id, urls: ["https://paper.example/harbour", "https://mirror.example/harbour"] });
    assert.equal((await call(base, `/api/documents/${id}`)).status, 404);
    const again = await call(base, `/api/documents/${id}`, { method: "DELETE" });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, "NOT_FOUND");
    const after = await call(base, "/api/check", { json: { text: spun } });
    assert.equal(after.body.sources.length, 0, "a removed source is not found again");
  });

  test("POST /api/check of an HTML page: offsets refer to the page's main text, returned with texts=true", async () => {
    const html = read("pages/cycling-lanes.html");
    const r = await call(base, "/api/check?texts=true", { json: { html, url: "https://elsewhere.example/cycling" } });
    assert.equal(r.status, 200);
    const text = r.body.texts.suspect;
    assert.equal(text, (await unspin.extract({ html })).text);
    for (const f of r.body.report.findings) assert.equal(text.slice(f.suspect.start, f.suspect.end), f.suspect.text);
  });

  test("bad requests are 400s naming the bad field, in the project's error shape", async () => {
    const cases: [string, Parameters<typeof call>[2], number, string, RegExp][] = [
      ["/api/check", { body: "{not json", type: "application/json" }, 400, "INPUT_FORMAT", /not valid JSON/],
      ["/api/check", { body: "", type: "application/json" }, 400, "INPUT_FORMAT", /empty/],
      ["/api/check", { json: { text: 5 } }, 400, "BAD_REQUEST", /body\.text must be a string/],
      ["/api/check", { json: { txt: "hello" } }, 400, "BAD_REQUEST", /body\.txt is not a field/],
      ["/api/check", { json: {} }, 400, "BAD_REQUEST", /text or an html field/],
      ["/api/check", { json: { text: "a", html: "<p>a</p>" } }, 400, "BAD_REQUEST", /not both/],
      ["/api/check", { json: ["text"] }, 400, "BAD_REQUEST", /body must be an object/],
      ["/api/check", { json: { text: "   12 34  " } }, 400, "INPUT_EMPTY", /no letters/],
      ["/api/check", { json: { html: "<html><body><script>x()</script></body></html>" } }, 400, "INPUT_EMPTY", /main text/],
      ["/api/check?format=pdf", { json: { text: "hello" } }, 400, "BAD_REQUEST", /querystring\.format must be one of "json", "html"/],
      ["/api/check", { body: "hello", type: "text/plain" }, 415, "UNSUPPORTED_MEDIA_TYPE", /text\/plain/],
      ["/api/compare", { json: { suspect: "a b c" } }, 400, "BAD_REQUEST", /body\.source is missing/],
      ["/api/compare", { json: { suspect: "a b c", source: null } }, 400, "BAD_REQUEST", /body\.source must be a string/],
      ["/api/documents", { json: { text: "x", url: 7 } }, 400, "BAD_REQUEST", /body\.url must be a string/],
      ["/api/documents", { body: '{"text":"fine"}\n{"text": 3}\n', type: "application/x-ndjson" }, 400, "BAD_REQUEST", /line 2: text must be a string/],
      ["/api/documents", { body: '{"text":"fine"}\n{oops\n', type: "application/x-ndjson" }, 400, "INPUT_FORMAT", /line 2 of the NDJSON body is not valid JSON/],
      ["/api/documents", { body: '{"text":"fine"}\n\n{"text":"more"}', type: "application/x-ndjson" }, 400, "INPUT_FORMAT", /line 2 of the NDJSON body is empty/],
    ];
    for (const [path, init, status, code, message] of cases) {
      const r = await call(base, path, init);
      assert.equal(r.status, status, `${path} ${JSON.stringify(init)}: ${r.text}`);
      assert.equal(r.body.error.code, code, r.text);
      assert.match(r.body.error.message, message);
      assert.equal(typeof r.body.error.hint, "string");
      assert.ok(r.body.error.hint.length > 0);
    }
    const missing = await call(base, "/api/nothing");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "NOT_FOUND");
  });

  test("a body over the limit is a 413 INPUT_TOO_LARGE, and the server goes on", async () => {
    const big = JSON.stringify({ text: "word ".repeat(1_200_000) }); // 6 MB, over the default 5 MiB
    const r = await call(base, "/api/check", { body: big, type: "application/json" });
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, "INPUT_TOO_LARGE");
    assert.match(r.body.error.hint, /--max-body/);
    const ndjson = await call(base, "/api/documents", { body: big + "\n", type: "application/x-ndjson" });
    assert.equal(ndjson.status, 413);
    assert.equal((await call(base, "/healthz")).status, 200);
  });

  test("a loopback server answers only requests for a loopback host name (no DNS rebinding)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/healthz`, { headers: { host: "attacker.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 403);
    assert.equal((await call(base, "/healthz", { headers: { host: `localhost:${server.port}` } })).status, 200);
  });

  test("the web page and its scripts are served with a strict content security policy", async () => {
    const page = await call(base, "/");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type")!, /^text\/html/);
    assert.match(page.headers.get("content-security-policy")!, /script-src 'self'/);
    assert.match(page.text, /<script type="module" src="app.js">/);
    const js = await call(base, "/app.js");
    assert.match(js.headers.get("content-type")!, /javascript/);
    const cached = await call(base, "/app.js", { headers: { "if-none-match": js.headers.get("etag")! } });
    assert.equal(cached.status, 304);
    assert.equal((await call(base, "/../package.json")).status, 404);
  });

  test("64 concurrent checks all succeed, with the same report as one alone, while /healthz stays quick", async () => {
    await call(base, "/api/documents", { json: { text: original } });
    const alone = (await call(base, "/api/check", { json: { text: spun } })).body;
    assert.equal(alone.verdict, "spun-copy");
    const texts = [spun, read("spun/library-hours.txt"), read("spun/cycling-lanes.txt"), read("spun/unrelated-weather.txt")];
    const health: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) {
        const t = performance.now();
        await call(base, "/healthz");
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const replies = await Promise.all(Array.from({ length: 64 }, (_, k) => call(base, "/api/check", { json: { text: texts[k % texts.length] } })));
    running = false;
    await probe;
    assert.deepEqual(replies.map((r) => r.status), Array(64).fill(200));
    for (let k = 0; k < 64; k += texts.length) assert.deepEqual(replies[k]!.body, alone);
    // Generous on a shared machine; the benchmark measures it properly.
    assert.ok(health.length > 0);
    assert.ok(Math.max(...health) < 1000, `healthz answered within 1 s while checks ran (slowest ${Math.max(...health).toFixed(0)} ms)`);
  });
});
