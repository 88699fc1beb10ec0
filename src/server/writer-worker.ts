// The server's one writer: a worker thread that holds the index open for writing and runs adds
// and removes one at a time, through the library. SQLite in WAL mode lets the readers go on
// beside it. Writes are never stopped by terminating this thread (a connection killed inside a
// transaction could leave its lock behind): an abort asks the library to finish the batch in hand
// and return, which leaves the index consistent.
import { basename } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { clusterMemberTexts, createUnspin, type AddedDocument, type UnspinIndex } from "../unspin.js";
import { renderClusters } from "../report/clusters-render.js";
import { toPlainError } from "./errors.js";
import type { AddedEntry, WriteRequest, WriteResponse, WorkerData } from "./tasks.js";

const { location, generation } = workerData as WorkerData;
const written = new Int32Array(generation);
const unspin = createUnspin();
const port = parentPort!;

let index: UnspinIndex;
try {
  index = await unspin.openIndex(location);
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ ready: false, error: toPlainError(e) });
  process.exit(1);
}

const aborts = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

/**
 * The library reports written documents and skipped ones (with their 1-based position) in input
 * order; this puts them back in the order of the request.
 */
function entries(count: number, documents: AddedDocument[], skipped: { record?: string; reason: string }[]): AddedEntry[] {
  const out: AddedEntry[] = Array.from({ length: count }, () => ({ status: "not-written" }) as AddedEntry);
  for (const s of skipped) {
    const at = Number(s.record) - 1;
    if (at >= 0 && at < count) out[at] = { status: "skipped", reason: s.reason };
  }
  let d = 0;
  for (let k = 0; k < count && d < documents.length; k++) {
    if (out[k]!.status === "skipped") continue;
    const doc = documents[d++]!;
    out[k] = { status: doc.status, id: doc.id, ...(doc.url ? { url: doc.url } : {}) };
  }
  return out;
}

async function handle(m: WriteRequest, signal: AbortSignal): Promise<WriteResponse> {
  switch (m.op) {
    case "add": {
      const documents: AddedDocument[] = [];
      // Aborted while it waited its turn: nothing written.
      if (signal.aborted) return { id: m.id, ok: true, op: "add", summary: { added: 0, updated: 0, duplicates: 0, replaced: 0, skipped: [], interrupted: true }, entries: entries(m.documents.length, [], []) };
      const summary = await index.add(m.documents, { signal, onDocument: (d) => documents.push(d) });
      return { id: m.id, ok: true, op: "add", summary, entries: entries(m.documents.length, documents, summary.skipped) };
    }
    case "remove":
      return { id: m.id, ok: true, op: "remove", summary: await index.remove(m.ids) };
    case "clusters": {
      // The index's file name only: where it lives on the server's disk, or a store URL that may
      // carry a password, is no client's business (GET /api/stats leaves the location out too).
      const report = { ...(await index.clusters({ minSimilarity: m.minSimilarity, signal })), index: location.includes("://") ? `${location.slice(0, location.indexOf("://"))} store` : basename(location) };
      const texts = m.format === "html" ? await clusterMemberTexts(index, report) : undefined;
      const body = renderClusters(report, m.format, texts ? { texts } : {});
      return { id: m.id, ok: true, op: "clusters", body, interrupted: report.stats.interrupted };
    }
    default:
      return { id: m.id, ok: true, op: "close" };
  }
}

port.on("message", (m: WriteRequest) => {
  if (m.op === "abort") {
    aborts.get(m.id)?.abort();
    return;
  }
  const controller = new AbortController();
  aborts.set(m.id, controller);
  queue = queue.then(async () => {
    let response: WriteResponse;
    try {
      response = await handle(m, controller.signal);
    } catch (e) {
      response = { id: m.id, ok: false, error: toPlainError(e) };
    } finally {
      aborts.delete(m.id);
      // Readers reopen after a write; stored cluster edges change no check, so clusters does not count.
      if (m.op === "add" || m.op === "remove") Atomics.add(written, 0, 1);
    }
    if (m.op === "close") {
      await index.close();
      port.postMessage(response);
      port.close();
      return;
    }
    port.postMessage(response);
  });
});
