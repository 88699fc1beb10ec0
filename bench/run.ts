// Runs every benchmark as its own Node process (so one's warm caches do not help another) and
// prints their JSON lines. Usage: npm run bench [-- NAME...]; figures go to BENCHMARKS.md.
import { spawnSync } from "node:child_process";

const ALL = ["align", "lexicon-startup", "trigram-load", "intrinsic-speed", "ingest", "check-latency"];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = chosen.length ? chosen : ALL;
let failed = false;
for (const name of names) {
  if (!ALL.includes(name)) {
    console.error(`bench: unknown benchmark ${name} (known: ${ALL.join(", ")})`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ["--import", "tsx", new URL(`./${name}.ts`, import.meta.url).pathname], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
