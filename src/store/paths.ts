// Where the index lives when `--index` is not given:
//   1. $UNSPIN_INDEX, when set and not empty;
//   2. $XDG_DATA_HOME/unspin/index.sqlite, when XDG_DATA_HOME is set;
//   3. ~/.local/share/unspin/index.sqlite (the XDG default), so one index serves every folder
//      the user works in rather than scattering files into the current directory.

import { homedir } from "node:os";
import { join } from "node:path";

export function defaultIndexPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env["UNSPIN_INDEX"]) return env["UNSPIN_INDEX"];
  const base = env["XDG_DATA_HOME"] || join(homedir(), ".local", "share");
  return join(base, "unspin", "index.sqlite");
}
