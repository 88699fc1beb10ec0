// `unspin stats`: what the index holds, as text or JSON.
import type { IndexStatsReport } from "../unspin.js";

export function formatStats(s: IndexStatsReport, format: "text" | "json"): string {
  if (format === "json") return JSON.stringify(s, null, 2) + "\n";
  const mb = (s.sizeBytes / 1e6).toFixed(1);
  const lines = [
    `index        ${s.location}`,
    `schema       ${s.schemaVersion}`,
    `documents    ${s.documents}`,
    `urls         ${s.urls}`,
    `postings     ${s.postings}`,
    `corpus       ${s.corpusTokens} words of ${s.corpusDocuments} documents counted (n-gram sketch)`,
    // A Redis index's size is the memory its cluster's masters use (all their data).
    /^rediss?:\/\//i.test(s.location) ? `memory       ${mb} MB (the cluster's masters)` : `size on disk ${mb} MB`,
    `sources      ${s.siteCount} site(s)${s.sources.length ? ":" : ""}`,
    ...s.sources.map((x) => `  ${String(x.documents).padStart(8)}  ${x.site}`),
  ];
  return lines.join("\n") + "\n";
}
