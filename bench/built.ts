// Benchmarks that stand in for the CLI measure the compiled package in dist/ (built by
// `npm install`, and by `npm run bench` before it runs them): that is the code `unspin` runs, and
// tsx's on-the-fly transform (closures wrapped with name helpers) measured 5-40% slower on this
// machine. `--source` runs the TypeScript sources through tsx instead.
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const fromSource = process.argv.includes("--source");

/** Imports `src/<rel>.ts` as compiled (`dist/<rel>.js`), or the source with --source. */
export async function load<T>(rel: string): Promise<T> {
  if (fromSource) return (await import(join(root, "src", `${rel}.ts`))) as T;
  const built = join(root, "dist", `${rel}.js`);
  if (!existsSync(built)) {
    console.error(`bench: no compiled ${built}; run \`npm run build\` (or pass --source)`);
    process.exit(2);
  }
  const src = join(root, "src", `${rel}.ts`);
  if (existsSync(src) && statSync(built).mtimeMs < statSync(src).mtimeMs) console.error(`bench: dist/${rel}.js is older than its source; run \`npm run build\` for current figures`);
  return (await import(built)) as T;
}

/** How the measured code was loaded, for the bench's output. */
export const codeLabel = (): string => (fromSource ? "TypeScript sources via tsx" : "compiled dist/");
