// The command line: parses arguments, reads inputs through ingest/, calls the library, writes
// the report. No algorithm lives here. Exit codes: 0 no finding, 1 findings, 2 error.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isUnspinError, UnspinError } from "../errors.js";
import { createUnspin } from "../unspin.js";
import { readTextInput, DEFAULT_MAX_BYTES } from "../ingest/readText.js";
import { writeReport, type Format } from "./output.js";
import type { Report } from "../report/schema.js";

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

export function exitCodeFor(report: Report): number {
  return report.verdict === "no-evidence" || report.verdict === "same-story" ? EXIT.clean : EXIT.findings;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number of bytes");
  return n;
}

const formatOption = () => new Option("--format <format>", "report format").choices(["text", "json", "html"]).default("text");

export async function main(argv: string[], io: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream } = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const debug = argv.includes("--debug");
  let code: number = EXIT.clean;
  const program = new Command("unspin")
    .description("Find machine-spun copies of news articles, trace them to their source, and explain every change.")
    .option("--debug", "show stack traces of errors")
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) });

  program
    .command("compare")
    .description("align a suspect text with a source text and explain every edit (- reads stdin)")
    .argument("<suspect>", "suspect text file, or - for stdin")
    .argument("<source>", "source text file, or - for stdin")
    .addOption(formatOption())
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--max-bytes <n>", "largest input accepted, in bytes", positiveInt, DEFAULT_MAX_BYTES)
    .action(async (suspectPath: string, sourcePath: string, opts: { format: Format; out?: string; maxBytes: number }) => {
      if (suspectPath === "-" && sourcePath === "-") {
        throw new UnspinError("USAGE", "suspect and source cannot both be read from stdin", "give at least one of them as a file");
      }
      const suspect = await readTextInput(suspectPath, { maxBytes: opts.maxBytes });
      const source = await readTextInput(sourcePath, { maxBytes: opts.maxBytes });
      const unspin = createUnspin();
      const report = unspin.compare(suspect.text, { text: source.text, id: source.name, url: source.name }, { input: suspect.name });
      await writeReport(report, { format: opts.format, out: opts.out, stdout, texts: { suspect: suspect.text, sources: new Map([[source.name, source.text]]) } });
      code = exitCodeFor(report);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; usage mistakes are (commander already printed them).
      return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.help" ? EXIT.clean : EXIT.error;
    }
    if (isUnspinError(e)) {
      stderr.write(`unspin: ${e.message} (${e.hint})\n`);
    } else {
      stderr.write(`unspin: internal error: ${e instanceof Error ? e.message : String(e)} (run again with --debug and report it)\n`);
    }
    if (debug && e instanceof Error && e.stack) stderr.write(`${e.stack}\n`);
    return EXIT.error;
  }
}
