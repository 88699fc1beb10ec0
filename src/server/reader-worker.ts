// A reader thread of the server's pool (piscina): opens the index read-only through the library
// and runs checks and compares, so the main thread stays free for small requests while large
// checks run. A check past its time budget is stopped by terminating this thread (the pool starts
// another). Each thread loads the lexicon and models once, at start, before it takes work.
import { workerData } from "node:worker_threads";
import { createUnspin, type UnspinIndex } from "../unspin.js";
import { renderHtml } from "../report/html.js";
import { requireWords } from "../ingest/decode.js";
import type { Report } from "../report/schema.js";
import { toPlainError } from "./errors.js";
import type { ReadResult, ReadTask, WorkerData, ReportResult, Wanted } from "./tasks.js";

const { location, generation } = workerData as WorkerData;
const written = new Int32Array(generation);
const unspin = createUnspin();
let index: UnspinIndex | null = null;
let openedAt = -1;

/**
 * The index, opened again when a write finished since it was opened: new documents are visible
 * to every read anyway (SQLite in WAL mode), but the corpus n-gram counts that the source-free
 * analysis uses are loaded once per open index.
 */
async function openIndex(): Promise<UnspinIndex> {
  const now = Atomics.load(written, 0);
  if (index && openedAt === now) return index;
  await index?.close();
  index = null;
  index = await unspin.openIndex(location, { readonly: true });
  openedAt = now;
  return index;
}

// Warm-up: lexicon, word vectors, the trigram model and the index's corpus counts load here, so
// the first request this thread serves costs what any other does.
await (await openIndex()).check("The council said on Monday that the harbour would reopen to ships in the spring after repairs.", { excludeSelf: false });

async function reply(report: Report, suspect: string, want: Wanted, sources: () => Promise<Map<string, string>>): Promise<ReportResult> {
  if (want.page) return { ok: true, page: renderHtml(report, { suspect, sources: await sources() }) };
  if (!want.texts) return { ok: true, json: JSON.stringify(report) };
  return { ok: true, json: JSON.stringify({ report, texts: { suspect, sources: Object.fromEntries(await sources()) } }) };
}

export default async function run(task: ReadTask): Promise<ReadResult> {
  try {
    switch (task.kind) {
      case "ping":
        return { ok: true, pong: Date.now() };
      case "close": {
        await index?.close();
        index = null;
        const started = new Int32Array(task.started);
        Atomics.add(started, 0, 1);
        Atomics.notify(started, 0);
        const deadline = Date.now() + 5000;
        for (let n = Atomics.load(started, 0); n < task.threads && Date.now() < deadline; n = Atomics.load(started, 0)) Atomics.wait(started, 0, n, 100);
        return { ok: true, closed: true };
      }
      case "stats":
        return { ok: true, stats: await (await openIndex()).stats() };
      case "check": {
        const idx = await openIndex();
        const article = "html" in task.suspect ? await unspin.extract({ html: task.suspect.html, ...(task.url ? { url: task.url } : {}) }) : { text: task.suspect.text };
        requireWords(article.text, "html" in task.suspect ? "the page's main text" : "text", "send the article's text as `text`, or its page as `html`");
        // A page's date (from its metadata) lets check tell its later copies from its sources.
        const published = "published" in article ? article.published : undefined;
        const report = await idx.check({ text: article.text, ...(published ? { published } : {}) }, { ...(task.input !== undefined ? { input: task.input } : {}), ...(task.url ? { url: task.url } : {}) });
        return await reply(report, article.text, task.want, async () => {
          const docs = await Promise.all(report.sources.map((s) => idx.get(s.id)));
          return new Map(docs.flatMap((d) => (d ? [[d.id, d.text] as [string, string]] : [])));
        });
      }
      case "compare": {
        requireWords(task.suspect, "suspect", "send the suspect's text as `suspect`");
        requireWords(task.source, "source", "send the source's text as `source`");
        const report = unspin.compare(task.suspect, { text: task.source, id: "source" }, task.input !== undefined ? { input: task.input } : {});
        return await reply(report, task.suspect, task.want, async () => new Map([["source", task.source]]));
      }
    }
  } catch (e) {
    return { ok: false, error: toPlainError(e) };
  }
}
