// GET /api/clusters over real HTTP: the corpus written for the project (test/fixtures/clusters)
// added through the API, then clustered by the server's writer thread; the reply equals what the
// library answers on the same documents, in every format, and a second call is incremental.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { createUnspin, type ArticleInput, type ClustersReport } from "../src/unspin.js";
import { call, freshServer } from "./helpers/server.js";
import { tempDir } from "./helpers/tmp.js";
import type { RunningServer } from "../src/server/index.js";

const dir = new URL("./fixtures/clusters/", import.meta.url).pathname;
const NAMES = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
const article = (name: string): ArticleInput => ({ text: readFileSync(join(dir, name), "utf8"), url: `https://news.example/${name.replace(/\.txt$/, "")}`, title: name });

/** Clusters as sorted lists of URLs, comparable between two indexes. */
const shape = (r: ClustersReport) => r.clusters.map((c) => c.members.map((m) => m.url).sort().join(" ")).sort();

describe("GET /api/clusters", () => {
  let server: RunningServer & { index: string };
  before(async () => {
    server = await freshServer();
    const ndjson = NAMES.map((n) => JSON.stringify(article(n))).join("\n");
    const added = await call(server.url, "/api/documents", { body: ndjson, type: "application/x-ndjson" });
    assert.equal(added.status, 200);
    assert.equal(added.body.added, NAMES.length);
  });
  after(async () => {
    await server?.close();
  });

  test("JSON: the library's clusters of the same documents; a second call examines nothing new", async () => {
    const r = await call<ClustersReport>(server.url, "/api/clusters");
    assert.equal(r.body.index, "index.sqlite", "the index's file name, not where it lives on the server");
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type")!, /^application\/json/);
    assert.equal(r.body.schema, "unspin/clusters@1");
    const local = await createUnspin().openIndex(join(await tempDir("unspin-clusters-"), "index.sqlite"));
    await local.add(NAMES.map(article));
    const expected = await local.clusters();
    await local.close();
    assert.deepEqual(shape(r.body), shape(expected));
    assert.ok(r.body.clusters.length >= 3, "the fixtures hold several copy clusters");
    assert.equal(r.body.stats.newlyExamined, NAMES.length);
    const again = await call<ClustersReport>(server.url, "/api/clusters");
    assert.equal(again.body.stats.newlyExamined, 0);
    assert.deepEqual(shape(again.body), shape(r.body));
  });

  test("minSimilarity filters edges; CSV has one row per edge; HTML and text are served as such", async () => {
    const all = await call<ClustersReport>(server.url, "/api/clusters");
    const strict = await call<ClustersReport>(server.url, "/api/clusters?minSimilarity=0.99");
    assert.ok(strict.body.stats.edgesShown < all.body.stats.edgesShown, "a high threshold leaves fewer edges");
    const csv = await call(server.url, "/api/clusters?format=csv");
    assert.match(csv.headers.get("content-type")!, /^text\/csv/);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, all.body.clusters.reduce((n, c) => n + c.edges.length, 0));
    const html = await call(server.url, "/api/clusters", { headers: { accept: "text/html" } });
    assert.match(html.headers.get("content-type")!, /^text\/html/);
    assert.match(html.text, /<svg/);
    assert.match(html.headers.get("content-security-policy")!, /default-src 'none'/);
    const text = await call(server.url, "/api/clusters?format=text");
    assert.match(text.headers.get("content-type")!, /^text\/plain/);
    assert.match(text.text, /cluster/i);
  });

  test("bad query values are 400s naming the field", async () => {
    const r = await call(server.url, "/api/clusters?minSimilarity=2");
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, "BAD_REQUEST");
    assert.equal(r.body.error.message, "querystring.minSimilarity must be a number from 0 to 1");
    const f = await call(server.url, "/api/clusters?format=xml");
    assert.equal(f.status, 400);
    assert.match(f.body.error.message, /format/);
  });

  test("the HTML report's policy allows exactly its one inline script (the source tabs), by hash", async () => {
    const a = article("ferry-original.txt").text;
    const b = article("ferry-spun.txt").text;
    const page = await call(server.url, "/api/compare?format=html", { json: { suspect: b, source: a } });
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.text)![1]!;
    const hash = createHash("sha256").update(script).digest("base64");
    assert.ok(page.headers.get("content-security-policy")!.includes(`'sha256-${hash}'`));
  });
});
