// `unspin check FILE|FOLDER|-`: prints each report as soon as it is done (text, JSON Lines, a
// JSON array written incrementally, or one HTML page), shows progress on a terminal, and ends
// with a summary line, as linters do. The checking is the library's (src/library/check.ts).
import { UnspinError } from "../errors.js";
import { isCopyVerdict } from "../report/build.js";
import type { Report } from "../report/schema.js";
import type { Unspin } from "../unspin.js";
import type { UnspinIndex } from "../unspin.js";
import { formatReport, openOut, type Format, type OutWriter } from "./output.js";
import { jsonTerminalSafe, terminalSafe } from "../report/terminal.js";
import { startProgress, type Progress } from "./progress.js";
import { interruptible } from "./signals.js";

export type CheckFormat = Format | "jsonl";

export interface CheckTally {
  checked: number;
  copies: number;
  likelySpun: number;
  failed: number;
  interrupted: boolean;
}

/**
 * Frames reports for the chosen format. One JSON report is an object and several are an array;
 * one HTML page takes one article. The first report is held back until a second one (or the end)
 * tells which case this is; every later one is written at once.
 */
class ReportStream {
  private held: { report: Report; text: string; sources: Map<string, string> } | null = null;
  private count = 0;
  private broken = false;

  constructor(
    private readonly sink: OutWriter,
    private readonly format: CheckFormat,
    private readonly render: (r: Report, text: string, sources: Map<string, string>) => string,
  ) {}

  async push(report: Report, text: string, sources: Map<string, string>): Promise<void> {
    this.count++;
    if (this.format === "text" || this.format === "jsonl") return this.sink.write(this.format === "jsonl" ? jsonTerminalSafe(JSON.stringify(report)) + "\n" : this.render(report, text, sources));
    if (this.format === "html" && this.count > 1) {
      this.broken = true;
      throw new UnspinError("USAGE", "--format html writes one page per input, but the inputs hold more than one article", "check one article at a time, or use --format jsonl");
    }
    if (this.count === 1) {
      this.held = { report, text, sources };
      return;
    }
    if (this.held) {
      await this.sink.write("[\n" + indent(this.held.report));
      this.held = null;
    }
    await this.sink.write(",\n" + indent(report));
  }

  /** Closes the framing; true when anything was written. */
  async end(): Promise<boolean> {
    if (this.broken) return false;
    if (this.held) {
      const { report, text, sources } = this.held;
      await this.sink.write(this.format === "json" ? jsonTerminalSafe(JSON.stringify(report, null, 2)) + "\n" : this.render(report, text, sources));
      this.held = null;
    } else if (this.format === "json" && this.count > 1) {
      await this.sink.write("\n]\n");
    }
    return this.count > 0;
  }
}

function indent(r: Report): string {
  return jsonTerminalSafe(JSON.stringify(r, null, 2)).replace(/^/gm, "  ");
}

export function formatTally(t: CheckTally): string {
  const clean = t.checked - t.copies - t.likelySpun;
  const parts = [`${t.copies} ${t.copies === 1 ? "copy" : "copies"}`, `${t.likelySpun} likely spun`, `${clean} without finding`];
  return `checked ${t.checked}: ${parts.join(", ")}${t.failed ? `; ${t.failed} failed` : ""}${t.interrupted ? " (interrupted)" : ""}\n`;
}

export interface RunCheckOptions {
  format: CheckFormat;
  out?: string | undefined;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  /** Per-article byte limit (`--max-bytes`). */
  maxBytes?: number;
}

export async function runCheck(unspin: Unspin, index: UnspinIndex | null, inputs: string[], o: RunCheckOptions): Promise<CheckTally> {
  const tally: CheckTally = { checked: 0, copies: 0, likelySpun: 0, failed: 0, interrupted: false };
  const sink = openOut(o.out, o.stdout);
  const render = (r: Report, text: string, sources: Map<string, string>) =>
    formatReport(r, { format: o.format === "jsonl" ? "json" : o.format, out: o.out, stdout: o.stdout, texts: { suspect: text, sources } });
  const reports = new ReportStream(sink, o.format, render);
  const stop = interruptible(() => o.stderr.write("\nunspin: stopping after the article in hand (Ctrl-C again to stop at once)\n"));
  let bar: Progress | undefined;
  let wrote = false;
  let failure: unknown;
  try {
    const events = unspin.checkInputs(inputs, {
      index,
      signal: stop.signal,
      sourceTexts: o.format === "html",
      ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes, optionNames: { maxBytes: "--max-bytes" } } : {}),
      ...(o.stdin ? { stdin: o.stdin } : {}),
      onProgress: (p) => {
        bar ??= startProgress(o.stderr, p.totalBytes, "checked");
        bar.update(p.checked, p.bytes);
      },
    });
    for await (const ev of events) {
      if (ev.kind === "failed") {
        tally.failed++;
        bar?.stop();
        bar = undefined;
        o.stderr.write(`unspin: ${terminalSafe(ev.reason)}\n`);
        continue;
      }
      tally.checked++;
      if (isCopyVerdict(ev.report.verdict)) tally.copies++;
      else if (ev.report.verdict === "likely-spun") tally.likelySpun++;
      await reports.push(ev.report, ev.text, ev.sources);
    }
    tally.interrupted = stop.signal.aborted;
  } catch (e) {
    failure = e;
  } finally {
    bar?.stop();
    stop.dispose();
    // Reports already made are kept, even when a later input broke the run.
    try {
      wrote = await reports.end();
    } finally {
      if (wrote) await sink.commit();
      else await sink.abort();
    }
  }
  if (failure) throw failure;
  return tally;
}
