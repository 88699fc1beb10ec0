// Run in a child process by test/context-model.test.ts: loads the default context model on a
// machine where Debian's pocketsphinx-en-us looks absent (every file-system call on its folder
// fails with ENOENT), and prints what it got as one JSON line.
// Usage: node --import tsx test/helpers/without-debian-model.ts CACHE_DIR
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const HIDDEN = "/usr/share/pocketsphinx/";
const hidden = (p: unknown): boolean => String(p).startsWith(HIDDEN);
const api = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of ["statSync", "lstatSync", "readFileSync", "openSync", "accessSync", "existsSync", "readdirSync"]) {
  const original = api[name]!;
  api[name] = (...args: unknown[]) => {
    if (!hidden(args[0])) return original(...args);
    if (name === "existsSync") return false;
    throw Object.assign(new Error(`ENOENT: no such file or directory, ${name} '${String(args[0])}'`), { code: "ENOENT" });
  };
}
// Named imports of node:fs in ES modules read these bindings: make them see the patched functions.
syncBuiltinESMExports();

const { loadContextModel } = await import("../../src/lexicon/context-model.js");
const { DEFAULT_TRIGRAM_LM } = await import("../../src/lexicon/trigram.js");
const model = loadContextModel({ cacheDir: process.argv[2]! });
const a = model ? model.id("a") : -1;
const hostile = model ? model.id("hostile") : -1;
console.log(
  JSON.stringify({
    debianVisible: fs.existsSync(DEFAULT_TRIGRAM_LM),
    name: model?.name,
    source: model?.source,
    fromCache: model?.fromCache,
    aHostile: model ? model.bigramIds(a, hostile) : null,
    aHostileSeen: model?.lastBigramSeen,
  }),
);
