// Where `add` prepares articles (fingerprint keys, n-gram counts): in this thread for small
// inputs, in a worker thread for large ones (start-up of a worker costs a lexicon load, ~0.1 s).
import { Worker } from "node:worker_threads";
import type { Unspin } from "../unspin.js";
import { prepareForIndex, type Prepared, type PrepareRequest, type PrepareResponse, type SketchShape } from "./prepare-core.js";

export type { Prepared } from "./prepare-core.js";

export interface Preparer {
  prepare(text: string): Promise<Prepared>;
  close(): Promise<void>;
}

/** Inputs larger than this many bytes are prepared in a worker thread. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export function inlinePreparer(unspin: Unspin, shape: SketchShape): Preparer {
  return {
    prepare: async (text) => prepareForIndex(unspin, text, shape),
    close: async () => {},
  };
}

/**
 * From the build, the compiled worker beside this file. From source (tests, benchmarks under
 * tsx) a worker does not inherit tsx's loader, so a small bootstrap registers it first.
 */
function startWorker(shape: SketchShape): Worker {
  const self = import.meta.url;
  if (!self.endsWith(".ts")) return new Worker(new URL("./prepare-worker.js", self), { workerData: shape });
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./prepare-worker.ts", self).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: shape });
}

export function workerPreparer(shape: SketchShape): Preparer {
  const worker = startWorker(shape);
  const waiting = new Map<number, { resolve: (p: Prepared) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on("message", (m: PrepareResponse) => {
    const w = waiting.get(m.seq);
    if (!w) return;
    waiting.delete(m.seq);
    if (m.error !== undefined || !m.keys || !m.slots || !m.counts || m.tokens === undefined) w.reject(new Error(`preparing an article failed: ${m.error ?? "no result"}`));
    else w.resolve({ keys: m.keys, slots: m.slots, counts: m.counts, tokens: m.tokens });
  });
  worker.on("error", (e) => failAll(e));
  worker.on("exit", (code) => {
    if (waiting.size) failAll(new Error(`the preparing worker stopped (exit ${code})`));
  });
  return {
    prepare(text) {
      if (failure) return Promise.reject(failure);
      const n = seq++;
      return new Promise<Prepared>((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        worker.postMessage({ seq: n, text } satisfies PrepareRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
