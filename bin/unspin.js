#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
import { tuneHeap } from "../dist/runtime.js";
import { main } from "../dist/cli/main.js";

tuneHeap();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
