// Keeps the layout of src/README.md true: who may import whom, and no I/O in core stages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, dirname, normalize } from "node:path";

const src = new URL("../src/", import.meta.url).pathname;

const ALLOWED: Record<string, string[]> = {
  text: [],
  rules: [],
  errors: [],
  lexicon: ["errors"],
  align: ["text", "lexicon", "rules"],
  verdict: ["report"],
  fingerprint: ["align", "lexicon"],
  corpus: ["fingerprint"],
  search: ["text", "align", "fingerprint", "report", "lexicon", "ingest", "corpus"],
  intrinsic: ["text", "lexicon", "rules", "report", "corpus", "align"],
  report: ["text", "align", "verdict", "rules"],
  ingest: ["errors", "text"],
  store: ["errors", "corpus", "ingest", "search", "fingerprint"],
};
const CORE = ["text", "rules", "align", "verdict", "fingerprint", "corpus", "search", "intrinsic", "report"];
const IO_MODULES = /^(node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads|dgram|tls)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function stageOf(path: string): string {
  const rel = relative(src, path);
  const top = rel.split("/")[0]!;
  return top.replace(/\.js$|\.ts$/, "");
}

test("stages import only what src/README.md allows, and core stages do no I/O", () => {
  const problems: string[] = [];
  for (const file of files(src)) {
    const stage = stageOf(file);
    const allowed = ALLOWED[stage];
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (CORE.includes(stage) && IO_MODULES.test(spec)) problems.push(`${relative(src, file)} imports ${spec} (core stages do no I/O)`);
      if (!spec.startsWith(".") || allowed === undefined) continue;
      const target = stageOf(normalize(join(dirname(file), spec)));
      if (target !== stage && !allowed.includes(target)) problems.push(`${relative(src, file)} imports ${target}`);
    }
  }
  assert.deepEqual(problems, []);
});
