// The configuration an evaluation ran with, printed into every result file.
import { DEFAULT_THRESHOLDS } from "../src/verdict/pair.js";
import { DEFAULT_ALIGN_OPTIONS } from "../src/align/index.js";
import { DEFAULT_PASSAGE_OPTIONS } from "../src/align/passages.js";
import { cpus } from "node:os";
import { execFileSync } from "node:child_process";

export function configSummary() {
  return {
    thresholds: { ...DEFAULT_THRESHOLDS },
    passages: { ...DEFAULT_PASSAGE_OPTIONS },
    minMatchShare: DEFAULT_ALIGN_OPTIONS.minMatchShare,
  };
}

export function configMarkdown(): string {
  const c = configSummary();
  const kv = (o: object) => Object.entries(o).map(([k, v]) => `${k} ${String(v)}`).join(", ");
  return [
    `Defaults in effect: thresholds (src/verdict/pair.ts) ${kv(c.thresholds)}; passages (src/align/passages.ts) ${kv(c.passages)}; minMatchShare ${c.minMatchShare}.`,
  ].join("\n");
}

export function machine(): string {
  const c = cpus();
  let rev = "unknown";
  try {
    rev = execFileSync("git", ["describe", "--always", "--dirty"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return `${c.length} cores (${c[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, code ${rev}`;
}
