// Keeps the layout of src/README.md true: who may import whom, and no I/O in core stages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, dirname, normalize } from "node:path";

const src = new URL("../src/", import.meta.url).pathname;

/**
 * The layout table of src/README.md: row name (folder or file, without "/" or ".ts") -> what it
 * may import. The test and the documentation cannot drift apart: the table is the rule.
 */
function layoutTable(): Record<string, string[]> {
  const readme = readFileSync(join(src, "README.md"), "utf8");
  const rows: Record<string, string[]> = {};
  for (const line of readme.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 5 || !/^`[^`]+`$/.test(cells[1]!)) continue;
    const name = cells[1]!.slice(1, -1).replace(/\/$|\.ts$/, "");
    rows[name] = /^nothing$/.test(cells[3]!) ? [] : [...cells[3]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  }
  return rows;
}
const ALLOWED = layoutTable();
const CORE = ["text", "rules", "align", "verdict", "fingerprint", "corpus", "search", "intrinsic", "report", "cluster"];
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

test("the layout table of src/README.md covers every file under src/, cli/, server/ and unspin.ts", () => {
  for (const required of ["cli", "server", "unspin", "library", "store"]) assert.ok(ALLOWED[required], `src/README.md has a row for ${required}`);
  const missing = [...new Set(files(src).map(stageOf))].filter((stage) => ALLOWED[stage] === undefined);
  assert.deepEqual(missing, [], "every folder and top-level file has a row in src/README.md");
});

test("stages import only what src/README.md allows, and core stages do no I/O", () => {
  const problems: string[] = [];
  for (const file of files(src)) {
    const stage = stageOf(file);
    const allowed = ALLOWED[stage]!;
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (CORE.includes(stage) && IO_MODULES.test(spec)) problems.push(`${relative(src, file)} imports ${spec} (core stages do no I/O)`);
      if (!spec.startsWith(".")) continue;
      const target = stageOf(normalize(join(dirname(file), spec)));
      if (target !== stage && !allowed.includes(target)) problems.push(`${relative(src, file)} imports ${target}`);
    }
  }
  assert.deepEqual(problems, []);
});

/** Value imports of a file (type-only imports vanish at run time and cannot form a cycle). */
function valueImports(file: string): string[] {
  const code = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)(\s+type\b)?[^"';]*?from\s+["'](\.[^"']+)["']/gm)) {
    if (m[2]) continue;
    out.push(normalize(join(dirname(file), m[3]!.replace(/\.js$/, ".ts"))));
  }
  for (const m of code.matchAll(/^\s*import\s+["'](\.[^"']+)["']/gm)) out.push(normalize(join(dirname(file), m[1]!.replace(/\.js$/, ".ts"))));
  return out;
}

test("no import cycle among the files under src/", () => {
  const graph = new Map(files(src).map((f) => [f, valueImports(f)]));
  const state = new Map<string, 1 | 2>();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 2) return;
    if (state.get(f) === 1) {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(src, p)).join(" -> "));
      return;
    }
    state.set(f, 1);
    for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
    state.set(f, 2);
  };
  for (const f of graph.keys()) visit(f, []);
  assert.deepEqual(cycles, []);
});
