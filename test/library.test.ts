// The library's open index (createUnspin().openIndex): the one API the CLI and the server call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createUnspin, UnspinError } from "../src/index.js";
import { tempDir } from "./helpers/tmp.js";

const examples = new URL("../examples/", import.meta.url).pathname;
const original = (name: string) => join(examples, "original", name);
const spun = (name: string) => join(examples, "spun", name);
const unspin = createUnspin();

async function freshIndex(paths: string[] = [join(examples, "original")]) {
  const location = join(await tempDir("unspin-lib-"), "index.sqlite");
  const index = await unspin.openIndex(location);
  const summary = await index.add(paths);
  return { location, index, summary };
}

test("openIndex: add reports progress and each document, check traces a spun copy, get and stats read the index", async () => {
  const location = join(await tempDir("unspin-lib-"), "index.sqlite");
  const index = await unspin.openIndex(location);
  const progress: number[] = [];
  const docs: string[] = [];
  const summary = await index.add([join(examples, "original")], { onProgress: (p) => progress.push(p.documents), onDocument: (d) => docs.push(d.status) });
  assert.deepEqual({ added: summary.added, duplicates: summary.duplicates, updated: summary.updated }, { added: 5, duplicates: 0, updated: 0 });
  assert.deepEqual(docs, ["added", "added", "added", "added", "added"]);
  assert.equal(progress.at(-1), 5);
  const report = await index.check(readFileSync(spun("harbour-council.txt"), "utf8"));
  assert.equal(report.verdict, "spun-copy");
  const source = report.sources[0]!;
  assert.equal(source.url, pathToFileURL(original("harbour-council.txt")).href);
  const stored = await index.get(source.id);
  assert.equal(stored?.text, readFileSync(original("harbour-council.txt"), "utf8").trim());
  const stats = await index.stats();
  assert.equal(stats.documents, 5);
  assert.equal(stats.corpusDocuments, 5);
  await index.close();
});

test("articles given as data are indexed like files; one without words is skipped with a reason", async () => {
  const location = join(await tempDir("unspin-lib-"), "index.sqlite");
  const index = await unspin.openIndex(location);
  const text = readFileSync(original("rail-strike.txt"), "utf8");
  const seen: { id: string; status: string }[] = [];
  const summary = await index.add([{ text, url: "https://paper.example/rail", title: "Rail strike" }, { text: "  42  " }], { onDocument: (d) => seen.push(d) });
  assert.equal(summary.added, 1);
  assert.equal(summary.skipped.length, 1);
  assert.match(summary.skipped[0]!.reason, /no letters|no text/);
  const doc = await index.get(seen[0]!.id);
  assert.equal(doc?.title, "Rail strike");
  assert.deepEqual(doc?.urls, ["https://paper.example/rail"]);
  await index.close();
});

test("an indexed suspect is not its own source: the report names it as indexed and traces the others", async () => {
  const { index } = await freshIndex([join(examples, "original"), spun("harbour-council.txt")]);
  const text = readFileSync(spun("harbour-council.txt"), "utf8");
  const report = await index.check(text);
  assert.ok(report.indexed, "the report says the suspect is indexed");
  assert.ok(report.sources.every((s) => s.id !== report.indexed!.id), "not listed as its own source");
  assert.match(report.sources[0]!.url ?? "", /original\/harbour-council\.txt$/);
  assert.equal(report.verdict, "spun-copy");
  // Asked not to, it finds itself (a verbatim copy).
  const self = await index.check(text, { excludeSelf: false });
  assert.equal(self.sources[0]!.id, report.indexed!.id);
  assert.equal(self.indexed, undefined);
  // Same URL, other text: the document under that URL is the suspect itself.
  const byUrl = await index.check(readFileSync(original("harbour-council.txt"), "utf8").replace("council", "Council"), { url: pathToFileURL(spun("harbour-council.txt")).href });
  assert.ok(byUrl.indexed);
  // The same text at its own indexed URL is itself; at an address it was never seen at, it is a
  // word-for-word copy of the indexed document (a content farm's), and is reported as one.
  const atHome = await index.check(text, { url: pathToFileURL(spun("harbour-council.txt")).href });
  assert.equal(atHome.indexed?.id, report.indexed!.id);
  const elsewhere = await index.check(text, { url: "https://farm.example/harbour" });
  assert.equal(elsewhere.indexed, undefined);
  assert.equal(elsewhere.verdict, "verbatim-copy");
  assert.equal(elsewhere.sources[0]!.id, report.indexed!.id);
  assert.match(elsewhere.sources[0]!.url ?? "", /spun\/harbour-council\.txt$/);
  await index.close();
});

test("re-adding a file whose text changed replaces the older document; the summary says updated", async () => {
  const dir = await tempDir("unspin-lib-");
  const file = join(dir, "story.txt");
  copyFileSync(original("library-hours.txt"), file);
  const index = await unspin.openIndex(join(dir, "index.sqlite"));
  await index.add([file]);
  const before = await index.stats();
  writeFileSync(file, readFileSync(original("library-hours.txt"), "utf8") + "\n\nThe library thanked its volunteers for their help over the summer.");
  const again = await index.add([file]);
  assert.deepEqual({ added: again.added, updated: again.updated, replaced: again.replaced }, { added: 1, updated: 1, replaced: 1 });
  const after = await index.stats();
  assert.equal(after.documents, before.documents, "one version only");
  assert.equal(after.corpusDocuments, before.corpusDocuments);
  const report = await index.check(readFileSync(spun("library-hours.txt"), "utf8"));
  assert.equal(report.sources.length, 1);
  assert.match((await index.get(report.sources[0]!.id))!.text, /volunteers/);
  await index.close();
});

test("remove forgets documents by id, URL or path, with their postings and corpus counts", async () => {
  const { index } = await freshIndex();
  const before = await index.stats();
  const report = await index.check(readFileSync(spun("harbour-council.txt"), "utf8"));
  const id = report.sources[0]!.id;
  const r = await index.remove([original("harbour-council.txt"), "https://nowhere.example/x"]);
  assert.deepEqual(r.removed.map((x) => x.id), [id]);
  assert.deepEqual(r.notFound, ["https://nowhere.example/x"]);
  assert.equal(await index.get(id), undefined);
  const after = await index.stats();
  assert.equal(after.documents, before.documents - 1);
  assert.equal(after.corpusDocuments, before.corpusDocuments - 1);
  assert.ok(after.corpusTokens < before.corpusTokens);
  assert.ok(after.postings < before.postings, "its postings are gone");
  const again = await index.check(readFileSync(spun("harbour-council.txt"), "utf8"));
  assert.deepEqual(again.sources, [], "no longer found");
  // Removing by id works too, and the removed text can be added back.
  const other = (await index.check(readFileSync(spun("library-hours.txt"), "utf8"))).sources[0]!.id;
  assert.equal((await index.remove([other])).removed.length, 1);
  const back = await index.add([original("harbour-council.txt")]);
  assert.equal(back.added, 1);
  await index.close();
});

test("a read-only index refuses writes with a clear error; a missing one is INDEX_MISSING", async () => {
  const { location, index } = await freshIndex();
  await index.close();
  const ro = await unspin.openIndex(location, { readonly: true });
  await assert.rejects(ro.add([original("rail-strike.txt")]), (e: unknown) => e instanceof UnspinError && /read-only/.test(e.message));
  await assert.rejects(ro.remove(["x"]), UnspinError);
  assert.ok((await ro.stats()).documents > 0);
  await ro.close();
  await assert.rejects(unspin.openIndex(join(await tempDir("unspin-lib-"), "none.sqlite"), { readonly: true }), (e: unknown) => e instanceof UnspinError && e.code === "INDEX_MISSING");
});

test("checkInputs yields each report as it is done, and stops when aborted", async () => {
  const { index } = await freshIndex();
  const dir = await tempDir("unspin-lib-");
  mkdirSync(join(dir, "in"));
  for (let k = 0; k < 4; k++) copyFileSync(spun("harbour-council.txt"), join(dir, "in", `copy-${k}.txt`));
  writeFileSync(join(dir, "in", "empty.txt"), "");
  const seen: string[] = [];
  for await (const ev of unspin.checkInputs([join(dir, "in")], { index })) seen.push(ev.kind === "report" ? ev.report.verdict : `failed: ${ev.reason}`);
  assert.equal(seen.filter((v) => v === "spun-copy").length, 4);
  assert.equal(seen.filter((v) => v.startsWith("failed")).length, 1);
  const controller = new AbortController();
  let n = 0;
  for await (const ev of unspin.checkInputs([join(dir, "in")], { index, signal: controller.signal })) {
    if (ev.kind === "report") n++;
    controller.abort();
  }
  assert.equal(n, 1, "nothing more after the abort");
  // Without an index: source-free reports.
  for await (const ev of unspin.checkInputs([spun("harbour-council.txt")])) {
    assert.equal(ev.kind, "report");
    if (ev.kind === "report") assert.deepEqual(ev.report.sources, []);
  }
  await index.close();
});

test("checkInputs: a file read with a guess says so in its report (bytes not UTF-8 replaced, or an encoding detected)", async () => {
  const { index } = await freshIndex();
  const dir = await tempDir("unspin-lib-");
  const text = readFileSync(spun("harbour-council.txt"), "utf8");
  const good = Buffer.from(text, "utf8");
  const at = good.indexOf(Buffer.from(" "), 200);
  // A stray Latin-1 byte in a UTF-8 file, and (to keep it UTF-8 by count) one curly quote.
  writeFileSync(join(dir, "stray.txt"), Buffer.concat([Buffer.from("\u201cA note.\u201d ", "utf8"), good.subarray(0, at), Buffer.from([0xe9]), good.subarray(at)]));
  writeFileSync(join(dir, "plain.txt"), good);
  const notes = new Map<string, { notes: string[]; verdict: string }>();
  for await (const ev of unspin.checkInputs([join(dir, "stray.txt"), join(dir, "plain.txt")], { index })) {
    if (ev.kind === "report") notes.set(ev.input.endsWith("stray.txt") ? "stray" : "plain", { notes: ev.report.notes, verdict: ev.report.verdict });
  }
  assert.equal(notes.get("stray")?.verdict, "spun-copy", "still traced");
  assert.ok(notes.get("stray")!.notes.some((n) => /not valid UTF-8 in 1 place/.test(n)), JSON.stringify(notes.get("stray")));
  assert.ok(!notes.get("plain")!.notes.some((n) => /UTF-8|encoding/.test(n)), "a clean UTF-8 file gets no note");
  await index.close();
});

test("an aborted add writes whole batches only and says it was interrupted", async () => {
  const location = join(await tempDir("unspin-lib-"), "index.sqlite");
  const index = await unspin.openIndex(location);
  const controller = new AbortController();
  controller.abort();
  const s = await index.add([join(examples, "original")], { signal: controller.signal });
  assert.equal(s.interrupted, true);
  assert.equal((await index.stats()).documents, s.added);
  await index.close();
});

test("the library refuses a text without words as the CLI and the server do: INPUT_EMPTY, not a report", async () => {
  const text = readFileSync(original("rail-strike.txt"), "utf8");
  const empty = (e: unknown) => e instanceof UnspinError && e.code === "INPUT_EMPTY" && /pass the article's text/.test(e.hint);
  assert.throws(() => unspin.compare("", text), empty);
  assert.throws(() => unspin.compare(text, "  \n "), empty);
  assert.throws(() => unspin.intrinsic("1234 --"), empty);
  const { index } = await freshIndex();
  await assert.rejects(index.check(""), empty);
  await index.close();
});
