// Temporary folders for tests that write real files; removed when the test process exits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];
process.on("exit", () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

export async function tempDir(prefix = "unspin-test-"): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
