// Worker thread for `add`: fingerprints articles and turns their n-gram counts into corpus-sketch
// slots off the main thread, which meanwhile reads input and writes SQLite. The two cores of a
// small machine then both work, and only typed arrays cross between the threads.
import { parentPort, workerData } from "node:worker_threads";
import { createUnspin } from "../unspin.js";
import { prepareForIndex, type PrepareRequest, type PrepareResponse, type SketchShape } from "./prepare-core.js";

const unspin = createUnspin();
const shape = workerData as SketchShape;
parentPort?.on("message", (m: PrepareRequest) => {
  try {
    const p = prepareForIndex(unspin, m.text, shape);
    parentPort!.postMessage({ seq: m.seq, ...p } satisfies PrepareResponse, [p.slots.buffer as ArrayBuffer, p.counts.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ seq: m.seq, error: e instanceof Error ? e.message : String(e) } satisfies PrepareResponse);
  }
});
