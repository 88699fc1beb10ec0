// Where a worker thread's code is. From the build: the compiled file beside this one. From the
// TypeScript sources (tests, `node --import tsx`): the .ts file, which a worker thread can only
// load once tsx's loader is registered in that thread (`--import tsx` in its exec arguments does
// not register it in time), so a small bootstrap registers it first, as src/library/preparer.ts
// does: eval code for a plain Worker, and for piscina (which loads its task from a file) a
// bootstrap module written once to the temporary directory.
import { mkdirSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The parent's exec arguments, without an -e/-p script a worker must not run again. */
function inheritedExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === "-e" || a === "--eval" || a === "-p" || a === "--print") {
      k++;
      continue;
    }
    if (/^--(eval|print)=/.test(a)) continue;
    out.push(a);
  }
  return out;
}

export const fromSource = import.meta.url.endsWith(".ts");

/** For piscina: the task file and the exec arguments of its threads. */
export function poolEntry(name: string): { filename: string; execArgv: string[] } {
  const execArgv = inheritedExecArgv();
  if (!fromSource) return { filename: new URL(`./${name}.js`, import.meta.url).href, execArgv };
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nconst m = await import(${JSON.stringify(entry)});\nexport default m.default;\n`;
  const dir = join(tmpdir(), "unspin-worker-boot");
  const file = join(dir, `${name}-${createHash("sha1").update(code).digest("hex").slice(0, 12)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed, so a thread never imports a half-written file.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, code);
    renameSync(part, file);
  }
  return { filename: pathToFileURL(file).href, execArgv };
}

/** For a plain Worker: its entry (a URL, or bootstrap code to eval) and options. */
export function workerEntry(name: string): { entry: URL | string; eval: boolean; execArgv: string[] } {
  const execArgv = inheritedExecArgv();
  if (!fromSource) return { entry: new URL(`./${name}.js`, import.meta.url), eval: false, execArgv };
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { entry: boot, eval: true, execArgv };
}
