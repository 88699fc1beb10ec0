// Batch `check` streams: resident memory of the CLI while it checks 5,000 inputs in one run with
// --format jsonl, sampled from /proc every half second, and when the first report came out. A
// flat memory curve means reports are printed and dropped, not kept until the end.
// Index: the BBC corpus. Inputs: BBC articles spun by the evaluation spinner (30% of content
// words, tokenizer debris), written as files into one folder (so 5,000 inputs = the 2,225 BBC
// articles spun with several seeds).
// Usage: node --import tsx bench/check-stream.ts [--inputs 5000] [--data DIR] [--dir DIR]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { createUnspin } from "../src/unspin.js";
import { spin } from "./spinner.js";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const count = Number(arg("--inputs") ?? 5000);
const data = arg("--data") ?? new URL("../../shared/data", import.meta.url).pathname;
const dir = arg("--dir") ?? join(tmpdir(), "unspin-bench-stream");
const bin = new URL("../bin/unspin.js", import.meta.url).pathname;
if (!existsSync(join(data, "bbc"))) {
  console.error(`bench check-stream: needs ${data}/bbc (pass --data DIR)`);
  process.exit(2);
}
const bbc: string[] = [];
for (const topic of readdirSync(join(data, "bbc")).sort()) {
  if (!/^[a-z]+$/.test(topic)) continue;
  for (const f of readdirSync(join(data, "bbc", topic)).sort()) if (f.endsWith(".txt")) bbc.push(join(data, "bbc", topic, f));
}
mkdirSync(dir, { recursive: true });
const index = join(dir, "bbc.sqlite");
if (!existsSync(index)) {
  const r = spawnSync(process.execPath, [bin, "add", join(data, "bbc"), "--index", index], { stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}
const inputs = join(dir, `inputs-${count}`);
if (!existsSync(inputs)) {
  mkdirSync(inputs);
  const lexicon = createUnspin().lexicon;
  for (let k = 0; k < count; k++) {
    const source = readFileSync(bbc[k % bbc.length]!, "utf8");
    const spun = spin(source, lexicon, { rate: 0.3, debris: true, seed: 1000 + k });
    writeFileSync(join(inputs, `${String(k).padStart(5, "0")}.txt`), spun.text);
  }
}

const rssOf = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};
const load = loadavg()[0]!;
const started = performance.now();
const child = spawn(process.execPath, [bin, "check", inputs, "--index", index, "--format", "jsonl"], { stdio: ["ignore", "pipe", "ignore"] });
let reports = 0;
let firstMs = 0;
let tail = "";
child.stdout!.on("data", (d: Buffer) => {
  const lines = (tail + d.toString()).split("\n");
  tail = lines.pop()!;
  if (reports === 0 && lines.length) firstMs = performance.now() - started;
  reports += lines.length;
});
const samples: { reports: number; rss: number }[] = [];
const timer = setInterval(() => samples.push({ reports, rss: rssOf(child.pid!) }), 500);
const code = await new Promise<number | null>((res) => child.once("exit", res));
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
const at = (share: number) => {
  const s = samples.filter((x) => x.reports >= share * count && x.rss > 0)[0];
  return s ? Math.round(s.rss / 1e6) : null;
};
const peak = Math.max(...samples.map((s) => s.rss));
console.log(JSON.stringify({
  bench: "check-stream",
  inputs: count,
  reports,
  exit: code,
  seconds: Math.round(seconds),
  firstReportMs: Math.round(firstMs),
  rssMB: { at10: at(0.1), at25: at(0.25), at50: at(0.5), at75: at(0.75), at95: at(0.95), peak: Math.round(peak / 1e6) },
  load1: Number(load.toFixed(2)),
  date: new Date().toISOString(),
}));
