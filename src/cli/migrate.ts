// `unspin migrate --from LOCATION --to LOCATION`: progress on stderr (a line that rewrites itself
// on a terminal, a line every 10% otherwise), Ctrl-C stops after the batch in hand, the summary.
import type { MigrateSummary, Unspin } from "../unspin.js";
import { interruptible } from "./signals.js";

export async function runMigrate(unspin: Unspin, from: string, to: string, stderr: NodeJS.WritableStream): Promise<MigrateSummary> {
  const tty = Boolean((stderr as NodeJS.WriteStream).isTTY);
  const started = Date.now();
  let shown = -1;
  const stop = interruptible(() => stderr.write("\nunspin: stopping after the batch in hand (Ctrl-C again to stop at once)\n"));
  try {
    const summary = await unspin.migrate(from, to, {
      signal: stop.signal,
      onProgress: (p) => {
        const tenth = p.total ? Math.floor((10 * p.documents) / p.total) : 0;
        if (!tty && tenth === shown) return;
        shown = tenth;
        const rate = Math.round(p.documents / Math.max(0.001, (Date.now() - started) / 1000));
        stderr.write(`${tty ? "\r" : ""}unspin: ${p.documents} of ${p.total} documents (${p.copied} copied), ${rate}/s${tty ? "" : "\n"}`);
      },
    });
    if (tty && shown >= 0) stderr.write("\n");
    return summary;
  } finally {
    stop.dispose();
  }
}

export function formatMigrateSummary(s: MigrateSummary): string {
  const parts = [`copied ${s.copied} of ${s.total} documents from ${s.from} to ${s.to}`];
  if (s.skipped) parts.push(`${s.skipped} already there`);
  if (s.edges) parts.push(`${s.edges} cluster edges`);
  return `${parts.join(", ")}${s.interrupted ? " (interrupted: run the same command again to finish)" : ""}\n`;
}
