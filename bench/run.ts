// Runs every benchmark as its own Node process (so one's warm caches do not help another) and
// prints their JSON lines. Usage: npm run bench [-- NAME...]; figures go to BENCHMARKS.md.
import { spawnSync } from "node:child_process";

const ALL = ["align", "lexicon-startup", "context-model-load", "trigram-load", "intrinsic-speed", "ingest", "check-latency", "check-stream", "clusters", "server"];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = chosen.length ? chosen : ALL;
const unknown = names.filter((n) => !ALL.includes(n));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(", ")} (known: ${ALL.join(", ")})`);
  process.exit(2);
}
// Benchmarks that measure the shipped code import the compiled package: build it first.
const build = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
if (build.status !== 0) {
  console.error("bench: `npm run build` failed; the benchmarks need the compiled package in dist/");
  process.exit(1);
}
let failed = false;
for (const name of names) {
  const r = spawnSync(process.execPath, ["--import", "tsx", new URL(`./${name}.ts`, import.meta.url).pathname], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
