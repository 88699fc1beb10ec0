// One clusters report in any of its formats, for every front end (the CLI's --format, the HTTP
// API's ?format=). The HTML report shows members side by side, so it needs their texts.
import type { ClustersReport } from "./clusters-schema.js";
import { renderClustersCsv } from "./clusters-csv.js";
import { renderClustersHtml } from "./clusters-html.js";
import { renderClustersText } from "./clusters-text.js";

export const CLUSTERS_FORMATS = ["text", "json", "csv", "html"] as const;
export type ClustersFormat = (typeof CLUSTERS_FORMATS)[number];

export function renderClusters(report: ClustersReport, format: ClustersFormat, options: { texts?: ReadonlyMap<string, string>; color?: boolean } = {}): string {
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "csv":
      return renderClustersCsv(report);
    case "html":
      return renderClustersHtml(report, options.texts ?? new Map());
    default:
      return renderClustersText(report, { color: options.color ?? false });
  }
}
