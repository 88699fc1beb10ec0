// The command line: parses arguments, calls the library (src/unspin.ts and the open index it
// returns), prints. No indexing or tracing logic lives here. Exit codes: 0 no finding,
// 1 findings, 2 error, 130 interrupted.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isUnspinError, UnspinError } from "../errors.js";
import { createUnspin, defaultIndexPath, isRedisLocation, onCacheBuild, packageVersion, type UnspinIndex } from "../unspin.js";
import { DEFAULT_HOST, DEFAULT_MAX_BODY, DEFAULT_PORT, DEFAULT_TIMEOUT_MS } from "../server/index.js";
import { readTextInput, DEFAULT_MAX_BYTES } from "../ingest/readText.js";
import { DEFAULT_INGEST_MAX_BYTES } from "../ingest/readArticles.js";
import { assertSafeOut, writeReport, type Format } from "./output.js";
import { terminalSafe } from "../report/terminal.js";
import { formatAddSummary, runAdd } from "./add.js";
import { formatTally, runCheck, type CheckFormat } from "./check.js";
import { formatRemoveSummary } from "./remove.js";
import { formatStats } from "./stats.js";
import { runClusters, writeClusters } from "./clusters.js";
import { CLUSTERS_FORMATS, type ClustersFormat } from "../report/clusters-render.js";
import { formatMigrateSummary, runMigrate } from "./migrate.js";
import type { Report } from "../report/schema.js";
import { EXIT_INTERRUPTED } from "./signals.js";
import { parseBytes, parsePort, parseSeconds, parseWorkers, runServe } from "./serve.js";

export const EXIT = { clean: 0, findings: 1, error: 2, interrupted: EXIT_INTERRUPTED, pipeClosed: 141 } as const;

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

/** Says on stderr why the first run on a machine is slow: the lexicon caches are being built. */
function announceCacheBuilds(stderr: NodeJS.WritableStream): () => void {
  let announced = false;
  onCacheBuild((e) => {
    if (e.phase === "start") {
      if (!announced) stderr.write("unspin: building the English lexicon caches (once per machine, up to a minute)\n");
      announced = true;
      stderr.write(`unspin:   ${e.name} ...`);
      if (!(stderr as NodeJS.WriteStream).isTTY) stderr.write("\n");
    } else if ((stderr as NodeJS.WriteStream).isTTY) {
      stderr.write(` ${((e.ms ?? 0) / 1000).toFixed(1)} s\n`);
    }
  });
  return () => onCacheBuild(undefined);
}

export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const debug = argv.includes("--debug");
  let code: number = EXIT.clean;
  // A reader that stops early (`unspin check DIR | head`) closes the pipe: stop quietly with the
  // status of a Unix tool stopped by SIGPIPE (141), never an unhandled EPIPE, and never 0, which
  // would tell a script with pipefail that nothing was found before the batch was done.
  if (stdout === process.stdout) {
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      process.exit(EXIT.pipeClosed);
    });
  }
  const unspin = createUnspin();
  const program = new Command("unspin")
    .description("Find machine-spun copies of news articles, trace them to their source, and explain every change.")
    .version(packageVersion(), "-V, --version", "print the version")
    .option("--debug", "show stack traces of errors")
    .exitOverride()
    // Usage errors read like every other error of the tool: "unspin: unknown option '--bogus'".
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s), outputError: (s, write) => write(s.replace(/^error: /, "unspin: ")) });

  program
    .command("compare")
    .description("align a suspect text with a source text and explain every edit (- reads stdin)")
    .argument("<suspect>", "suspect text or HTML file, or - for stdin")
    .argument("<source>", "source text or HTML file, or - for stdin")
    .addOption(formatOption())
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--max-bytes <n>", "largest input accepted, in bytes", positiveInt, DEFAULT_MAX_BYTES)
    .action(async (suspectPath: string, sourcePath: string, opts: { format: Format; out?: string; maxBytes: number }) => {
      if (suspectPath === "-" && sourcePath === "-") {
        throw new UnspinError("USAGE", "suspect and source cannot both be read from stdin", "give at least one of them as a file");
      }
      await assertSafeOut(opts.out, { inputs: [suspectPath, sourcePath] });
      const read = (p: string) => readTextInput(p, { maxBytes: opts.maxBytes, optionNames: { maxBytes: "--max-bytes" }, ...(io.stdin ? { stdin: io.stdin } : {}) });
      const suspect = await read(suspectPath);
      const source = await read(sourcePath);
      const report = unspin.compare(suspect.text, { text: source.text, id: source.name, url: source.name }, { input: suspect.name });
      await writeReport(report, { format: opts.format, out: opts.out, stdout, texts: { suspect: suspect.text, sources: new Map([[source.name, source.text]]) } });
      code = exitCodeFor(report);
    });

  // add and check read whole crawls (a WARC streams; one record, page or file is one document).
  const maxBytesOption = () => new Option("--max-bytes <n>", "largest single document (a file, page, WARC record or JSON line), in bytes").argParser(positiveInt).default(DEFAULT_INGEST_MAX_BYTES);
  const indexOption = () => new Option("--index <file>", `index file (default: $UNSPIN_STORE, else $UNSPIN_INDEX, else ${defaultIndexPath()})`);
  const storeOption = () => new Option("--store <url>", "index on a Redis Cluster: redis://host:port[,host:port...][/name][?wait=1] (default: $UNSPIN_STORE)");
  /** The index a command names: --store, --index, $UNSPIN_STORE, $UNSPIN_INDEX, the default file. */
  const locationOf = (opts: { index?: string; store?: string }): string => {
    if (opts.index !== undefined && opts.store !== undefined) throw new UnspinError("USAGE", "both --index and --store were given", "give one: --index FILE for SQLite, --store redis://... for a Redis Cluster");
    const store = opts.store ?? (opts.index === undefined ? process.env.UNSPIN_STORE || undefined : undefined);
    if (store !== undefined && !isRedisLocation(store)) {
      throw new UnspinError("USAGE", `${opts.store !== undefined ? "--store" : "$UNSPIN_STORE"} ${store}: not a redis:// location`, "give redis://host:port[,host:port...]; an SQLite file goes with --index or $UNSPIN_INDEX");
    }
    return store ?? opts.index ?? defaultIndexPath();
  };
  /** --index, --store, $UNSPIN_INDEX or $UNSPIN_STORE named the index (an empty variable names none). */
  const named = (opts: { index?: string; store?: string }) => opts.index !== undefined || opts.store !== undefined || Boolean(process.env.UNSPIN_INDEX) || Boolean(process.env.UNSPIN_STORE);
  /** Runs `work` on the index, closing it afterwards whatever happens. */
  const withIndex = async <T>(index: UnspinIndex | null, work: (index: UnspinIndex | null) => Promise<T>): Promise<T> => {
    try {
      return await work(index);
    } finally {
      await index?.close();
    }
  };

  program
    .command("add")
    .description("index articles: text, HTML, WARC(.gz), RSS/Atom, JSON Lines, folders, - for stdin")
    .argument("<paths...>", "files or folders to index, or - for stdin")
    .addOption(indexOption())
    .addOption(storeOption())
    .addOption(maxBytesOption())
    .action(async (paths: string[], opts: { index?: string; store?: string; maxBytes: number }) => {
      const index = await unspin.openIndex(locationOf(opts));
      const summary = await withIndex(index, (i) => runAdd(i!, paths, stderr, opts.maxBytes));
      stderr.write(formatAddSummary(summary));
      code = summary.interrupted ? EXIT.interrupted : summary.added + summary.duplicates + summary.updated === 0 && summary.skipped.length > 0 ? EXIT.error : EXIT.clean;
    });

  program
    .command("check")
    .description("find the indexed sources of each input article and explain the copy; without an index, source-free evidence only")
    .argument("<inputs...>", "files or folders of articles, or - for stdin")
    .addOption(indexOption())
    .addOption(storeOption())
    .addOption(new Option("--format <format>", "report format").choices(["text", "json", "jsonl", "html"]).default("text"))
    .option("--out <file>", "write the report(s) to a file instead of stdout")
    .addOption(maxBytesOption())
    .action(async (inputs: string[], opts: { index?: string; store?: string; format: CheckFormat; out?: string; maxBytes: number }) => {
      const indexPath = locationOf(opts);
      const explicit = named(opts);
      await assertSafeOut(opts.out, { inputs, index: indexPath });
      let index: UnspinIndex | null;
      try {
        index = await unspin.openIndex(indexPath, { readonly: true });
      } catch (e) {
        if (explicit || !isUnspinError(e) || e.code !== "INDEX_MISSING") throw e;
        index = null;
        stderr.write(`unspin: no index at ${terminalSafe(indexPath)}; reporting source-free evidence only (build one with unspin add)\n`);
      }
      const tally = await withIndex(index, (i) => runCheck(unspin, i, inputs, { format: opts.format, out: opts.out, stdout, stderr, maxBytes: opts.maxBytes, ...(io.stdin ? { stdin: io.stdin } : {}) }));
      if (tally.checked + tally.failed > 1 || tally.interrupted) stderr.write(`unspin: ${formatTally(tally)}`);
      code = tally.interrupted ? EXIT.interrupted : tally.failed ? EXIT.error : tally.copies + tally.likelySpun > 0 ? EXIT.findings : EXIT.clean;
    });

  program
    .command("remove")
    .description("forget indexed documents, given by id, URL or the path of an added file")
    .argument("<refs...>", "document ids, URLs, or paths of added files")
    .addOption(indexOption())
    .addOption(storeOption())
    .action(async (refs: string[], opts: { index?: string; store?: string }) => {
      const index = await unspin.openIndex(locationOf(opts), { readonly: false, create: false });
      const summary = await withIndex(index, (i) => i!.remove(refs));
      stderr.write(formatRemoveSummary(summary));
      code = summary.notFound.length ? EXIT.error : EXIT.clean;
    });

  program
    .command("stats")
    .description("what the index holds: documents, sources, size, schema version")
    .addOption(indexOption())
    .addOption(storeOption())
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (opts: { index?: string; store?: string; format: "text" | "json" }) => {
      const index = await unspin.openIndex(locationOf(opts), { readonly: true });
      stdout.write(formatStats(await withIndex(index, (i) => i!.stats()), opts.format));
    });

  program
    .command("clusters")
    .description("which indexed articles are copies of which, and who copied whom (examines documents added since the last run)")
    .addOption(indexOption())
    .addOption(storeOption())
    .option("--min-similarity <x>", "show only edges whose similarity is at least x (0..1)", (v: string) => {
      const x = Number(v);
      if (!(x >= 0 && x <= 1) || v.trim() === "") throw new InvalidArgumentError("expected a number between 0 and 1");
      return x;
    }, 0)
    .addOption(new Option("--format <format>", "output format").choices(CLUSTERS_FORMATS).default("text"))
    .option("--out <file>", "write the output to a file instead of stdout")
    .option("--rebuild", "forget the stored edges and examine every pair again")
    .action(async (opts: { index?: string; store?: string; minSimilarity: number; format: ClustersFormat; out?: string; rebuild?: boolean }) => {
      // Writable: the edges found are stored in the index (an existing index only).
      const index = await unspin.openIndex(locationOf(opts), { readonly: false, create: false });
      const report = await withIndex(index, async (i) => {
        const r = await runClusters(i!, { minSimilarity: opts.minSimilarity, rebuild: Boolean(opts.rebuild), stderr });
        await writeClusters(i!, r, opts.format, opts.out, stdout);
        return r;
      });
      code = report.stats.interrupted ? EXIT.interrupted : report.clusters.length ? EXIT.findings : EXIT.clean;
    });

  program
    .command("migrate")
    .description("copy an index to another place: an SQLite file to a Redis Cluster, back, or to another file (run it again to finish an interrupted copy)")
    .requiredOption("--from <location>", "the index to copy: a file, or redis://host:port[,...][/name]")
    .requiredOption("--to <location>", "where to copy it: a new file, or redis://host:port[,...][/name] (a new index name)")
    .action(async (opts: { from: string; to: string }) => {
      const summary = await runMigrate(unspin, opts.from, opts.to, stderr);
      stderr.write(`unspin: ${formatMigrateSummary(summary)}`);
      code = summary.interrupted ? EXIT.interrupted : EXIT.clean;
    });

  program
    .command("serve")
    .description("serve the HTTP API and the web page over an index (loopback only unless --host and a token are given)")
    .option("--host <address>", "address to listen on (any other than loopback needs --token)", DEFAULT_HOST)
    .option("--port <n>", "port to listen on (0: any free port)", parsePort, DEFAULT_PORT)
    .addOption(indexOption())
    .addOption(storeOption())
    .addOption(new Option("--token <token>", "bearer token for writes and document reads (default: $UNSPIN_TOKEN)").env("UNSPIN_TOKEN"))
    .option("--max-body <bytes>", `largest request body, e.g. 512k or 5M; 413 past it (default: ${DEFAULT_MAX_BODY / 1024 ** 2}M)`, parseBytes)
    .option("--timeout <seconds>", `time budget of one request's work; 504 past it, the work stopped (default: ${DEFAULT_TIMEOUT_MS / 1000})`, parseSeconds)
    .option("--workers <n>", "threads that run checks (default: the number of cores)", parseWorkers)
    .action(async (opts: { host: string; port: number; index?: string; store?: string; token?: string; maxBody?: number; timeout?: number; workers?: number }) => {
      code = await runServe(
        {
          index: locationOf(opts),
          host: opts.host,
          port: opts.port,
          ...(opts.token ? { token: opts.token } : {}),
          ...(opts.maxBody ? { maxBodyBytes: opts.maxBody } : {}),
          ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
          ...(opts.workers ? { workers: opts.workers } : {}),
        },
        stderr,
      );
    });

  const quiet = announceCacheBuilds(stderr);
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help asked for (--help, help) and version are not errors; usage mistakes are (commander
      // already printed them), and so is no command at all: the help then goes to stderr, status 2.
      return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version" ? EXIT.clean : EXIT.error;
    }
    if (isUnspinError(e)) {
      stderr.write(`unspin: ${terminalSafe(e.message)} (${terminalSafe(e.hint)})\n`);
    } else {
      stderr.write(`unspin: internal error: ${terminalSafe(e instanceof Error ? e.message : String(e))} (run again with --debug and report it)\n`);
    }
    if (debug && e instanceof Error && e.stack) stderr.write(`${e.stack}\n`);
    return EXIT.error;
  } finally {
    quiet();
  }
}
