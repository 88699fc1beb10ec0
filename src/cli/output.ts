// Writes a report in the chosen format to --out or stdout. Colour follows the terminal: on for a
// TTY unless NO_COLOR is set, never when piped or written to a file.
import { writeFile } from "node:fs/promises";
import { UnspinError } from "../errors.js";
import type { Report } from "../report/schema.js";
import { renderText } from "../report/text.js";
import { renderHtml } from "../report/html.js";
import { jsonTerminalSafe } from "../report/terminal.js";

export type Format = "text" | "json" | "html";

export interface OutputOptions {
  format: Format;
  out?: string | undefined;
  stdout: NodeJS.WritableStream;
  texts: { suspect: string; sources: Map<string, string> };
}

export function useColor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean((stream as NodeJS.WriteStream).isTTY);
}

export function formatReport(report: Report, opts: OutputOptions): string {
  switch (opts.format) {
    case "json":
      // Same JSON; C1 and bidi characters from the input as \u escapes (a terminal may show it).
      return jsonTerminalSafe(JSON.stringify(report, null, 2)) + "\n";
    case "html":
      return renderHtml(report, opts.texts);
    default:
      return renderText(report, { color: !opts.out && useColor(opts.stdout) });
  }
}

export async function writeReport(report: Report, opts: OutputOptions): Promise<void> {
  await writeOut(formatReport(report, opts), opts.out, opts.stdout);
}

export async function writeOut(body: string, out: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  if (!out) {
    stdout.write(body);
    return;
  }
  try {
    await writeFile(out, body, "utf8");
  } catch (e) {
    throw new UnspinError("OUTPUT_UNWRITABLE", `cannot write to ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, "choose a writable --out path", { cause: e });
  }
}
