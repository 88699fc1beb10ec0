// `unspin remove ID|URL|FILE...`: forget documents; the work is the library's (src/library/remove.ts).
import type { RemoveSummary } from "../unspin.js";
import { terminalSafe } from "../report/terminal.js";

export function formatRemoveSummary(s: RemoveSummary): string {
  const lines = [`removed ${s.removed.length}${s.notFound.length ? `, not found ${s.notFound.length}` : ""}`];
  for (const r of s.removed) lines.push(`  removed ${r.id}${r.urls.length ? ` (${terminalSafe(r.urls.join(", "))})` : ""}`);
  for (const n of s.notFound) lines.push(`  not found: ${terminalSafe(n)} (no document has this id or URL)`);
  return lines.join("\n") + "\n";
}
