// The main thread's handle on the writer thread (writer-worker.ts): requests go out as messages,
// one at a time on the writer's side, and an abort (time budget, client gone, shutdown) asks the
// writer to stop after the batch in hand.
import { Worker } from "node:worker_threads";
import { fromPlain, HttpError, unspinErrorOf, type PlainError } from "./errors.js";
import type { AddedEntry, WriteRequest, WriteResponse, WorkerData } from "./tasks.js";
import type { AddSummary, ArticleInput, HtmlArticleInput, RemoveSummary } from "../unspin.js";
import { workerEntry } from "./workers.js";
import type { ClustersFormat } from "../report/clusters-render.js";

type Pending = { resolve: (r: WriteResponse) => void; reject: (e: Error) => void };

/** Distributive Omit, so each variant of the union keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

export class Writer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failure: HttpError | null = null;
  private closing = false;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on("message", (m: WriteResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.resolve(m);
    });
    const fail = (why: string) => {
      if (this.closing) return;
      this.failure = new HttpError("INTERNAL", `the index writer stopped: ${why}`, "restart the server; the index keeps every batch written before");
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on("error", (e) => fail(e.message));
    worker.on("exit", (code) => fail(`exit ${code}`));
  }

  /** Starts the writer thread; it opens (or creates) the index before this resolves. */
  static async start(location: string, generation: SharedArrayBuffer): Promise<Writer> {
    const entry = workerEntry("writer-worker");
    const worker = new Worker(entry.entry, { eval: entry.eval, execArgv: entry.execArgv, workerData: { location, generation } satisfies WorkerData });
    let onMessage!: (m: { ready: boolean; error?: PlainError }) => void;
    let onError!: (e: Error) => void;
    let onExit!: (code: number) => void;
    const ready = await new Promise<{ ready: boolean; error?: PlainError }>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      onExit = (code) => reject(new Error(`the index writer stopped at start (exit ${code})`));
      worker.once("message", onMessage).once("error", onError).once("exit", onExit);
    }).finally(() => {
      // Only these listeners: the Worker keeps listeners of its own (removeAllListeners would
      // take them too, and messages would stop arriving).
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    });
    if (!ready.ready) {
      await worker.terminate();
      // The library's own error (an index that cannot be written, say): the caller is the CLI or a program, not HTTP.
      throw unspinErrorOf(ready.error!);
    }
    return new Writer(worker);
  }

  private request(m: WithoutId<WriteRequest>, signal?: AbortSignal): Promise<WriteResponse> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing && m.op !== "close") return Promise.reject(new HttpError("SHUTTING_DOWN", "the server is stopping", "send the request again once it has restarted"));
    const id = ++this.seq;
    const onAbort = () => this.worker.postMessage({ id, op: "abort" } satisfies WriteRequest);
    return new Promise<WriteResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...m, id } as WriteRequest);
      signal?.addEventListener("abort", onAbort, { once: true });
    }).finally(() => signal?.removeEventListener("abort", onAbort));
  }

  async add(documents: (ArticleInput | HtmlArticleInput)[], signal?: AbortSignal): Promise<{ summary: AddSummary; entries: AddedEntry[] }> {
    const r = await this.request({ op: "add", documents }, signal);
    if (!r.ok) throw fromPlain(r.error);
    if (r.op !== "add") throw new Error("writer answered another request");
    return { summary: r.summary, entries: r.entries };
  }

  async remove(ids: string[]): Promise<RemoveSummary> {
    const r = await this.request({ op: "remove", ids });
    if (!r.ok) throw fromPlain(r.error);
    if (r.op !== "remove") throw new Error("writer answered another request");
    return r.summary;
  }

  /** Runs clusters in the writer thread; an abort stops it after the pair in hand, edges kept. */
  async clusters(minSimilarity: number, format: ClustersFormat, signal?: AbortSignal): Promise<{ body: string; interrupted: boolean }> {
    const r = await this.request({ op: "clusters", minSimilarity, format }, signal);
    if (!r.ok) throw fromPlain(r.error);
    if (r.op !== "clusters") throw new Error("writer answered another request");
    return { body: r.body, interrupted: r.interrupted };
  }

  /** Lets the writes in hand finish, closes the index and stops the thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    const wasRunning = !this.failure;
    this.closing = true;
    if (wasRunning) await this.request({ op: "close" }).catch(() => {});
    this.failure = new HttpError("SHUTTING_DOWN", "the server is stopping", "send the request again once it has restarted");
    await this.worker.terminate();
  }
}
