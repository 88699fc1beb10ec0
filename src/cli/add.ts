// `unspin add PATH...`: the progress bar, Ctrl-C and the summary; the indexing itself is the
// library's (src/library/add.ts).
import type { AddSummary, UnspinIndex } from "../unspin.js";
import { startProgress } from "./progress.js";
import { terminalSafe } from "../report/terminal.js";
import { interruptible } from "./signals.js";

export async function runAdd(index: UnspinIndex, paths: string[], stderr: NodeJS.WritableStream, maxBytes?: number): Promise<AddSummary> {
  let bar: ReturnType<typeof startProgress> | undefined;
  const stop = interruptible(() => stderr.write("\nunspin: stopping after the batch in hand (Ctrl-C again to stop at once)\n"));
  try {
    return await index.add(paths, {
      signal: stop.signal,
      ...(maxBytes !== undefined ? { maxBytes, optionNames: { maxBytes: "--max-bytes" } } : {}),
      onProgress: (p) => {
        bar ??= startProgress(stderr, p.totalBytes);
        bar.update(p.documents, p.bytes);
      },
    });
  } finally {
    bar?.stop();
    stop.dispose();
  }
}

export function formatAddSummary(s: AddSummary): string {
  // An edited file is one document added and one URL updated: worded so it does not read as two.
  const updated = s.updated ? [`${s.updated} indexed URL${s.updated === 1 ? "" : "s"} now with a new text`] : [];
  const parts = [`added ${s.added}`, ...updated, `duplicates ${s.duplicates}`, `skipped ${s.skipped.length}`];
  const lines = [`${parts.join(", ")}${s.interrupted ? " (interrupted: run the same command again to finish)" : ""}`];
  if (s.replaced) lines.push(`  ${s.replaced} older version(s) of updated URLs removed`);
  for (const k of s.skipped.slice(0, 20)) lines.push(`  skipped ${terminalSafe(k.input)}${k.record ? ` [${terminalSafe(k.record)}]` : ""}: ${terminalSafe(k.reason)}`);
  if (s.skipped.length > 20) lines.push(`  ... and ${s.skipped.length - 20} more`);
  return lines.join("\n") + "\n";
}
