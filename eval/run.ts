// Evaluation dispatcher: `npm run eval -- [COMMAND] [--data DIR] [--split dev|test|both] [--limit N] [--no-write]`.
// Commands: clough-stevenson, pan13, compare (both of those; the default), tune, extraction.
// Data lives outside the repository (default ../shared/data); results go to eval/results/.
import { parseArgs, fail } from "./args.js";
import { runClough } from "./clough-stevenson.js";
import { runPan13 } from "./pan13-compare.js";
import { runTune } from "./tune.js";

const argv = process.argv.slice(2);
const command = argv[0] && !argv[0].startsWith("--") ? argv[0] : "compare";
const args = parseArgs(argv);
const shown = `npm run eval -- ${command}${argv.includes("--data") ? ` --data ${argv[argv.indexOf("--data") + 1]}` : ""}${args.split !== "both" ? ` --split ${args.split}` : ""}${args.limit ? ` --limit ${args.limit}` : ""}`;

switch (command) {
  case "clough-stevenson":
    runClough(args, shown);
    break;
  case "pan13":
    runPan13(args, shown);
    break;
  case "compare":
    runClough(args, shown);
    runPan13(args, shown);
    break;
  case "tune":
    runTune(args, shown);
    break;
  case "extraction":
    // eval/extraction.ts runs on import and reads --data from process.argv itself.
    await import("./extraction.js");
    break;
  default:
    fail(`unknown evaluation ${command} (use clough-stevenson, pan13, compare, tune or extraction)`);
}
