// The reader pool: piscina threads running reader-worker.ts. A task aborted while it waits is
// taken off the queue; one aborted while it runs has its thread terminated (piscina starts a new
// one), so a check past its time budget stops using the CPU at once.
import { Piscina } from "piscina";
import { HttpError, fromPlain } from "./errors.js";
import type { ReadResult, ReadTask, WorkerData } from "./tasks.js";
import { poolEntry } from "./workers.js";

/**
 * Reader threads run at this much lower CPU priority than the main thread (Linux, through
 * piscina's optional @napi-rs/nice): the thread that answers HTTP, /healthz included, gets the
 * CPU first when it needs it, and gives it back at once.
 */
export const READER_NICE = 5;

export interface PoolStats {
  threads: number;
  queued: number;
  completed: number;
  started: number;
  stopped: number;
}

export interface ReaderPoolOptions {
  location: string;
  size: number;
  maxQueue: number;
  generation: SharedArrayBuffer;
}

export class ReaderPool {
  private readonly pool: Piscina<ReadTask, ReadResult>;
  private started = 0;
  private stopped = 0;
  private closing = false;

  constructor(o: ReaderPoolOptions) {
    const entry = poolEntry("reader-worker");
    this.pool = new Piscina<ReadTask, ReadResult>({
      filename: entry.filename,
      execArgv: entry.execArgv,
      minThreads: o.size,
      maxThreads: o.size,
      // Threads never retire for idleness: a new one pays the lexicon load again.
      idleTimeout: 2 ** 31 - 1,
      maxQueue: o.maxQueue,
      niceIncrement: READER_NICE,
      workerData: { location: o.location, generation: o.generation } satisfies WorkerData,
    });
    this.pool.on("workerCreate", () => this.started++);
    this.pool.on("workerDestroy", () => this.stopped++);
    // A thread that fails to start (a broken index, a missing lexicon) is reported by the task
    // that was waiting for it; the event only needs a listener so it does not crash the process.
    this.pool.on("error", () => {});
  }

  /** Resolves once every thread has loaded its models and opened the index. */
  async ready(): Promise<void> {
    const size = this.pool.maxThreads;
    await Promise.all(Array.from({ length: size }, () => this.run({ kind: "ping" })));
  }

  /** Runs a task; aborting stops it (queued: dropped; running: its thread is terminated). */
  async run(task: ReadTask, signal?: AbortSignal): Promise<ReadResult & { ok: true }> {
    if (this.closing) throw new HttpError("SHUTTING_DOWN", "the server is stopping", "send the request again once it has restarted");
    let result: ReadResult;
    try {
      result = await this.pool.run(task, signal ? { signal } : {});
    } catch (e) {
      if (signal?.aborted) throw signal.reason instanceof HttpError ? signal.reason : new HttpError("TIMEOUT", "the work was stopped", "send it again");
      const message = e instanceof Error ? e.message : String(e);
      if (/queue is at limit|No task queue available/i.test(message)) {
        throw new HttpError("BUSY", `every worker is busy and ${this.pool.queueSize} requests are waiting`, "send the request again in a moment", { "Retry-After": "1" });
      }
      if (this.closing) throw new HttpError("SHUTTING_DOWN", "the server is stopping", "send the request again once it has restarted");
      throw new HttpError("INTERNAL", `a worker failed: ${message}`, "report it with the request that caused it");
    }
    if (!result.ok) throw fromPlain(result.error);
    return result;
  }

  stats(): PoolStats {
    return { threads: this.pool.threads.length, queued: this.pool.queueSize, completed: this.pool.completed, started: this.started, stopped: this.stopped };
  }

  /**
   * Waits for running tasks (their own budgets bound the wait), lets every thread close its
   * index (so SQLite can fold its write-ahead log back when the last connection goes), then
   * stops every thread.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    const threads = this.pool.threads.length;
    const started = new SharedArrayBuffer(4);
    const closes = Array.from({ length: threads }, () => this.pool.run({ kind: "close", started, threads }).catch(() => undefined));
    this.closing = true;
    await Promise.all(closes);
    await this.pool.close();
  }
}
