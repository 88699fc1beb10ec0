// Runs the CLI in-process with captured stdout and stderr (the env is the test process's).
import { PassThrough, Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

export async function runCli(args: string[], input?: string): Promise<{ code: number; out: string; err: string }> {
  const stdin = input === undefined ? undefined : Readable.from([Buffer.from(input)]);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await main(args, { stdout, stderr, ...(stdin ? { stdin } : {}) });
  return { code, out, err };
}
