// `clusters` end to end on a corpus written for the project (test/fixtures/clusters): a copy chain
// (original -> spun -> respun, the first two dated), a spun copy without dates, a roundup stitched
// from two unrelated stories, two independent write-ups of one event, and four unrelated articles
// ending with the same footer. Through the library, then the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { createUnspin, type ArticleInput, type ClustersReport, type UnspinIndex } from "../src/unspin.js";
import { runCli } from "./helpers/cli-run.js";
import { tempDir } from "./helpers/tmp.js";

const dir = new URL("./fixtures/clusters/", import.meta.url).pathname;
const DATES: Record<string, string> = { "ferry-original.txt": "2026-03-02T08:00:00Z", "ferry-spun.txt": "2026-03-02T15:00:00Z" };
const unspin = createUnspin();

function article(name: string): ArticleInput {
  return { text: readFileSync(join(dir, name), "utf8"), url: `https://news.example/${name.replace(/\.txt$/, "")}`, title: name, ...(DATES[name] ? { published: DATES[name] } : {}) };
}
const ALL = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();

async function indexOf(names: string[]): Promise<{ index: UnspinIndex; location: string }> {
  const location = join(await tempDir("unspin-clusters-"), "index.sqlite");
  const index = await unspin.openIndex(location);
  await index.add(names.map(article));
  return { index, location };
}

/** Clusters as sorted lists of short names, and edges as "from->to" (or "a--b") by name. */
function shape(r: ClustersReport): { clusters: string[]; edges: string[] } {
  const name = (url?: string) => url!.replace("https://news.example/", "");
  const clusters = r.clusters.map((c) => c.members.map((m) => name(m.url)).sort().join(" ")).sort();
  const edges = r.clusters.flatMap((c) => {
    const url = new Map(c.members.map((m) => [m.id, m.url]));
    return c.edges.map((e) => `${name(url.get(e.from))}${e.direction.state === "known" ? "->" : "--"}${name(url.get(e.to))}`);
  });
  return { clusters, edges: [...new Set(edges)].sort() };
}

test("clusters: copy chains, a stitched roundup, independent write-ups and shared footers", async () => {
  const { index } = await indexOf(ALL);
  const phases = new Set<string>();
  const r = await index.clusters({ onProgress: (p) => phases.add(p.phase) });
  assert.equal(r.schema, "unspin/clusters@1");
  assert.deepEqual([...phases], ["postings", "candidates", "align", "clusters"]);
  const s = shape(r);
  assert.deepEqual(s.clusters, [
    "bus-original roundup-stitched",
    "ferry-original ferry-respun ferry-spun",
    "museum-original museum-spun",
    "roundup-stitched wind-original",
  ]);
  // The chain is oriented from the original: by dates where both are dated, by the text elsewhere.
  for (const e of ["ferry-original->ferry-spun", "ferry-spun->ferry-respun", "ferry-original->ferry-respun", "museum-original->museum-spun"]) assert.ok(s.edges.includes(e), e);
  const ferry = r.clusters.find((c) => c.size === 3)!;
  const byName = (n: string) => ferry.members.find((m) => m.url!.endsWith(n))!;
  assert.deepEqual([byName("ferry-original").role, byName("ferry-spun").role, byName("ferry-respun").role], ["original", "intermediate", "copy"]);
  const dated = ferry.edges.find((e) => e.from === byName("ferry-original").id && e.to === byName("ferry-spun").id)!;
  assert.equal(dated.direction.by, "dates");
  const textual = ferry.edges.find((e) => e.to === byName("ferry-respun").id && e.from === byName("ferry-spun").id)!;
  assert.equal(textual.direction.by, "text");
  assert.ok(textual.direction.text.to.debris >= 1 && textual.direction.text.from.plainer > textual.direction.text.to.plainer);
  // Passages are character ranges of the stored texts.
  const from = (await index.get(dated.from))!.text;
  const to = (await index.get(dated.to))!.text;
  for (const p of dated.passages) {
    assert.ok(p.from.end <= from.length && p.to.end <= to.length && p.from.start < p.from.end);
  }
  assert.match(to.slice(dated.passages[0]!.to.start, dated.passages[0]!.to.end), /Port Ellis ferry/);
  // The roundup is in both story clusters, which stay apart; the footers make no cluster.
  const stitched = r.clusters.flatMap((c) => c.members).filter((m) => m.url!.endsWith("roundup-stitched"));
  assert.equal(stitched.length, 2);
  assert.ok(stitched.every((m) => m.alsoIn?.length === 1));
  assert.ok(r.stats.repeatedFragments >= 3, "footer edges left out");
  assert.ok(!s.clusters.some((c) => c.includes("bridge") || c.includes("footer")));
  // Edges below --min-similarity are not shown; the stitch's halves are about half of both texts.
  const strict = await index.clusters({ minSimilarity: 0.9 });
  assert.deepEqual(shape(strict).clusters, ["ferry-original ferry-respun ferry-spun", "museum-original museum-spun"]);
  assert.equal(strict.stats.newlyExamined, 0, "nothing new to examine");
  await index.close();
});

test("incremental: only pairs with new documents are examined; removed documents take their edges along", async () => {
  const { index, location } = await indexOf(ALL.filter((n) => n !== "museum-spun.txt" && n !== "ferry-respun.txt"));
  const first = await index.clusters();
  assert.equal(first.stats.newlyExamined, 12);
  assert.deepEqual(shape(first).clusters.filter((c) => c.startsWith("ferry") || c.startsWith("museum")), ["ferry-original ferry-spun"]);
  const again = await index.clusters();
  assert.deepEqual([again.stats.newlyExamined, again.stats.candidatePairs], [0, 0]);
  await index.add([article("museum-spun.txt"), article("ferry-respun.txt")]);
  const next = await index.clusters();
  assert.equal(next.stats.newlyExamined, 2);
  assert.ok(next.stats.candidatePairs <= 4, `only pairs touching the new documents (${next.stats.candidatePairs})`);
  assert.deepEqual(shape(next).clusters.filter((c) => c.startsWith("ferry") || c.startsWith("museum")), ["ferry-original ferry-respun ferry-spun", "museum-original museum-spun"]);
  // check of an indexed article names its cluster.
  const report = await index.check(article("ferry-spun.txt"));
  assert.equal(report.indexed?.id, report.cluster && (await index.get(report.indexed!.id))!.id);
  assert.equal(report.cluster?.size, 3);
  assert.equal(report.cluster?.role, "intermediate");
  assert.equal(report.cluster?.copiedFrom.length, 1);
  assert.equal(report.cluster?.copiedBy.length, 1);
  // Its copy (ferry-respun) is not reported as its source: the original of a copy is no spun copy
  // of that copy. It still traces to its own original.
  const urls = report.sources.map((s) => s.url);
  assert.ok(urls.includes("https://news.example/ferry-original"), JSON.stringify(urls));
  assert.ok(!urls.includes("https://news.example/ferry-respun"), JSON.stringify(urls));
  assert.ok(report.notes.some((n) => /1 indexed document is a copy of this article/.test(n)), JSON.stringify(report.notes));
  const original = await index.check(article("ferry-original.txt"));
  assert.equal(original.cluster?.role, "original");
  assert.deepEqual(original.sources, [], "the original has no source among its own copies");
  assert.notEqual(original.verdict, "spun-copy");
  // Removing the middle of the chain removes its edges; the original and the respun copy stay linked.
  const removed = await index.remove(["https://news.example/ferry-spun"]);
  assert.equal(removed.removed.length, 1);
  const after = await index.clusters();
  assert.ok(shape(after).clusters.includes("ferry-original ferry-respun"));
  assert.ok(!shape(after).edges.some((e) => e.includes("ferry-spun")));
  // A URL re-added with another text replaces its document, and the old document's edges go too.
  await index.add([{ ...article("museum-original.txt"), url: "https://news.example/museum-spun", text: readFileSync(join(dir, "bus-original.txt"), "utf8") + "\n\nUpdated." }]);
  const updated = await index.clusters();
  assert.ok(!shape(updated).clusters.includes("museum-original museum-spun"));
  await index.close();
  // A read-only index reports what is stored and says what is left to examine.
  const ro = await unspin.openIndex(location, { readonly: true });
  const stored = await ro.clusters();
  assert.deepEqual(shape(stored).clusters, shape(updated).clusters);
  await ro.close();
});

test("incremental runs (keys of new documents looked up) find the same edges as one run over the streamed self-join", async () => {
  const { index: once } = await indexOf(ALL);
  const whole = await once.clusters();
  await once.close();
  const { index: steps } = await indexOf(ALL.slice(0, 5));
  await steps.clusters();
  for (let k = 5; k < ALL.length; k += 3) {
    await steps.add(ALL.slice(k, k + 3).map(article));
    const r = await steps.clusters();
    assert.ok(r.stats.newlyExamined <= 3);
  }
  const stepped = await steps.clusters();
  await steps.close();
  const edges = (r: ClustersReport) => r.clusters.flatMap((c) => c.edges.map((e) => `${e.from} ${e.to} ${e.verdict} ${e.similarity}`)).sort();
  assert.deepEqual(edges(stepped), edges(whole));
  assert.equal(stepped.stats.edges, whole.stats.edges);
});

test("an aborted run keeps the edges found and the next run finishes the job", async () => {
  const { index } = await indexOf(ALL);
  const controller = new AbortController();
  const r = await index.clusters({
    signal: controller.signal,
    onProgress: (p) => {
      if (p.phase === "align") controller.abort();
    },
  });
  assert.equal(r.stats.interrupted, true);
  assert.match(r.notes.join(" "), /interrupted/);
  const done = await index.clusters();
  assert.equal(done.stats.interrupted, false);
  assert.equal(done.stats.newlyExamined, ALL.length, "the mark did not move: every new document is examined again");
  assert.equal(done.clusters.length, 4);
  const settled = await index.clusters();
  assert.equal(settled.stats.newlyExamined, 0);
  await index.close();
});

const run = runCli;

test("CLI: unspin clusters as text, JSON, CSV and a self-contained HTML page", async () => {
  const { index, location } = await indexOf(ALL);
  await index.close();
  const text = await run(["clusters", "--index", location]);
  assert.equal(text.code, 1, text.err);
  assert.match(text.out, /^4 cluster\(s\) of 8 article\(s\)/);
  assert.match(text.out, /ferry-original -> https:\/\/news\.example\/ferry-spun {2}spun-copy/);
  const json = JSON.parse((await run(["clusters", "--index", location, "--format", "json", "--min-similarity", "0.9"])).out) as ClustersReport;
  assert.equal(json.schema, "unspin/clusters@1");
  assert.equal(json.clusters.length, 2);
  assert.equal(json.clusters[0]!.size, 3, "largest first");
  const csv = parse((await run(["clusters", "--index", location, "--format", "csv"])).out, { columns: true }) as Record<string, string>[];
  assert.equal(csv.length, json.stats.edgesShown + 2, "one row per edge shown (2 more below 0.9)");
  assert.ok(csv.every((row) => row.cluster && row.from && row.to && row.verdict && row.direction));
  const html = join(await tempDir("unspin-clusters-"), "c.html");
  const page = await run(["clusters", "--index", location, "--format", "html", "--out", html]);
  assert.equal(page.out, "");
  const body = readFileSync(html, "utf8");
  assert.match(body, /<svg class="graph"/);
  assert.doesNotMatch(body, /<script|https?:\/\/(?!news\.example)/, "no scripts, nothing loaded from elsewhere");
  // Every edge in a graph links to a section of the same page.
  const links = [...body.matchAll(/<a href="#(c[0-9a-f]+-e\d+)">/g)].map((m) => m[1]!);
  assert.ok(links.length >= 6);
  for (const id of links) assert.ok(body.includes(`id="${id}"`), id);
  assert.equal((await run(["clusters", "--index", join(location, "..", "missing.sqlite")])).code, 2);
  assert.equal((await run(["clusters", "--index", location, "--min-similarity", "2"])).code, 2);
});

test("HTML escapes everything taken from the input", async () => {
  const { index, location } = await indexOf([]);
  const text = readFileSync(join(dir, "museum-original.txt"), "utf8");
  await index.add([
    { text, url: "https://news.example/<script>alert(1)</script>", title: '<img src=x onerror="alert(2)">' },
    { text: readFileSync(join(dir, "museum-spun.txt"), "utf8").replace("wedding dress", "wedding <b>dress</b>"), url: "https://news.example/b" },
  ]);
  await index.close();
  const out = join(await tempDir("unspin-clusters-"), "x.html");
  await run(["clusters", "--index", location, "--format", "html", "--out", out]);
  const body = readFileSync(out, "utf8");
  assert.doesNotMatch(body, /<script|<img|<b>dress/);
  assert.match(body, /&lt;b&gt;/);
});
