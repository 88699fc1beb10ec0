// `unspin stats`: what the index holds, as text or JSON. Site names come from crawled pages and
// the location from the command line: both are escaped for the terminal.
import type { IndexStatsReport } from "../unspin.js";
import { jsonTerminalSafe, terminalSafe } from "../report/terminal.js";

export function formatStats(s: IndexStatsReport, format: "text" | "json"): string {
  if (format === "json") return jsonTerminalSafe(JSON.stringify(s, null, 2)) + "\n";
  const mb = (s.sizeBytes / 1e6).toFixed(1);
  const lines = [
    `index        ${terminalSafe(s.location)}`,
    `schema       ${s.schemaVersion}`,
    `documents    ${s.documents}`,
    `urls         ${s.urls}`,
    `postings     ${s.postings}`,
    `corpus       ${s.corpusTokens} words of ${s.corpusDocuments} documents counted (n-gram sketch)`,
    // A Redis index's size is the memory its cluster's masters use (all their data).
    /^rediss?:\/\//i.test(s.location) ? `memory       ${mb} MB (the cluster's masters)` : `size on disk ${mb} MB`,
    `sources      ${s.siteCount} site(s)${s.sources.length ? ":" : ""}`,
    ...s.sources.map((x) => `  ${String(x.documents).padStart(8)}  ${terminalSafe(x.site)}`),
  ];
  return lines.join("\n") + "\n";
}
