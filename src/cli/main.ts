// The command line: parses arguments, reads inputs through ingest/, calls the library, writes
// the report. No algorithm lives here. Exit codes: 0 no finding, 1 findings, 2 error.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isUnspinError, UnspinError } from "../errors.js";
import { createUnspin } from "../unspin.js";
import { readTextInput, DEFAULT_MAX_BYTES } from "../ingest/readText.js";
import { writeReport, formatReport, writeOut, type Format } from "./output.js";
import { addPaths, formatAddSummary } from "./add.js";
import { checkInputs, openForCheck } from "./check.js";
import { formatStats } from "./stats.js";
import { CorpusCounter } from "../store/corpus.js";
import { defaultIndexPath, openIndexStore } from "../store/index.js";
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

export interface CliIo {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** What "-" reads (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

export async function main(argv: string[], io: CliIo = {}): Promise<number> {
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
      const read = (p: string) => readTextInput(p, { maxBytes: opts.maxBytes, ...(io.stdin ? { stdin: io.stdin } : {}) });
      const suspect = await read(suspectPath);
      const source = await read(sourcePath);
      const unspin = createUnspin();
      const report = unspin.compare(suspect.text, { text: source.text, id: source.name, url: source.name }, { input: suspect.name });
      await writeReport(report, { format: opts.format, out: opts.out, stdout, texts: { suspect: suspect.text, sources: new Map([[source.name, source.text]]) } });
      code = exitCodeFor(report);
    });

  const indexOption = () => new Option("--index <file>", `index file (default: $UNSPIN_INDEX or ${defaultIndexPath()})`);

  program
    .command("add")
    .description("index articles: text, HTML, WARC(.gz), RSS/Atom, JSON Lines, folders, - for stdin")
    .argument("<paths...>", "files or folders to index, or - for stdin")
    .addOption(indexOption())
    .action(async (paths: string[], opts: { index?: string }) => {
      const summary = await addPaths(createUnspin(), opts.index ?? defaultIndexPath(), paths, stderr);
      stderr.write(formatAddSummary(summary));
      code = summary.added + summary.duplicates === 0 && summary.skipped.length > 0 ? EXIT.error : EXIT.clean;
    });

  program
    .command("check")
    .description("find the indexed sources of each input article and explain the copy; without an index, source-free evidence only")
    .argument("<inputs...>", "files or folders of articles, or - for stdin")
    .addOption(indexOption())
    .addOption(new Option("--format <format>", "report format").choices(["text", "json", "jsonl", "html"]).default("text"))
    .option("--out <file>", "write the report(s) to a file instead of stdout")
    .action(async (inputs: string[], opts: { index?: string; format: Format | "jsonl"; out?: string }) => {
      const indexPath = opts.index ?? defaultIndexPath();
      // $UNSPIN_INDEX names an index as explicitly as --index (an empty value names none).
      const store = await openForCheck(indexPath, opts.index !== undefined || Boolean(process.env.UNSPIN_INDEX));
      const unspin = createUnspin();
      const chunks: string[] = [];
      const reports: Report[] = []; // kept only for --format json, which prints them together
      let findings = false;
      try {
        const outcome = await checkInputs(unspin, store, inputs, { sourceTexts: opts.format === "html" }, async (c) => {
          if (exitCodeFor(c.report) === EXIT.findings) findings = true;
          if (opts.format === "json") reports.push(c.report);
          else if (opts.format === "jsonl") chunks.push(JSON.stringify(c.report) + "\n");
          else chunks.push(formatReport(c.report, { format: opts.format, out: opts.out, stdout, texts: { suspect: c.text, sources: c.sources } }));
        });
        if (opts.format === "json") chunks.push(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + "\n");
        if (opts.format === "html" && outcome.checked > 1) {
          throw new UnspinError("USAGE", `--format html writes one page per input, but ${outcome.checked} articles were checked`, "check one article at a time, or use --format jsonl");
        }
        if (!store) stderr.write(`unspin: no index at ${indexPath}; reporting source-free evidence only (build one with unspin add)\n`);
        await writeOut(chunks.join(""), opts.out, stdout);
        for (const f of outcome.failed) stderr.write(`unspin: ${f.reason}\n`);
        code = outcome.failed.length ? EXIT.error : findings ? EXIT.findings : EXIT.clean;
      } finally {
        await store?.close();
      }
    });

  program
    .command("stats")
    .description("what the index holds: documents, sources, size, schema version")
    .addOption(indexOption())
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (opts: { index?: string; format: "text" | "json" }) => {
      const store = await openIndexStore(opts.index ?? defaultIndexPath(), { readonly: true });
      try {
        const corpus = await CorpusCounter.load(store);
        stdout.write(formatStats({ ...(await store.stats()), corpusDocuments: corpus.documents, corpusTokens: corpus.tokens }, opts.format));
      } finally {
        await store.close();
      }
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
