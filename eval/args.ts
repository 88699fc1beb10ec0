// Command-line arguments shared by the evaluation scripts, and the data path check.
// `--data DIR` defaults to ../shared/data relative to the repository; a missing folder is a
// one-line error with exit status 2 (the data is never copied into the repository).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const RESULTS_DIR = join(REPO, "eval", "results");

export interface EvalArgs {
  data: string;
  /** Which split to report: dev, test or both (default both). */
  split: "dev" | "test" | "both";
  /** Only the first N items (after sorting), for quick checks; 0 means all. */
  limit: number;
  /** Write eval/results/*.md|json (default true; --no-write turns it off). */
  write: boolean;
}

export function parseArgs(argv: string[]): EvalArgs {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) fail(`--${name} needs a value`);
    return v;
  };
  const split = get("split") ?? "both";
  if (split !== "dev" && split !== "test" && split !== "both") fail(`--split must be dev, test or both (got ${split})`);
  const limit = Number(get("limit") ?? "0");
  if (!Number.isInteger(limit) || limit < 0) fail(`--limit must be a non-negative integer`);
  return { data: resolve(get("data") ?? join(REPO, "..", "shared", "data")), split, limit, write: !argv.includes("--no-write") };
}

export function fail(message: string): never {
  console.error(`unspin eval: ${message}`);
  process.exit(2);
}

/** The dataset folder `name` under the data root, after checking that `files` exist in it. */
export function dataset(args: EvalArgs, name: string, files: string[]): string {
  const dir = join(args.data, name);
  for (const f of files) {
    if (!existsSync(join(dir, f))) fail(`no ${name} data: ${join(dir, f)} is missing (pass --data DIR, the folder holding ${name}/)`);
  }
  return dir;
}

/** A text file as a string: UTF-8, or Latin-1 when it is not valid UTF-8 (one Clough-Stevenson file). */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
