// Public library entry point.
export { createUnspin, type Unspin, type UnspinOptions, type CompareInput, type CheckOptions, type CandidateOutcome, type RuleInfo } from "./unspin.js";
export { analyzeText } from "./text/index.js";
export type * from "./text/types.js";
export type { Lexicon, WordRelation } from "./lexicon/types.js";
export { RULES, type RuleId, type RuleSpec } from "./rules/catalogue.js";
export { REPORT_SCHEMA, type Report, type Finding, type Verdict } from "./report/schema.js";
export { renderText } from "./report/text.js";
export { renderHtml } from "./report/html.js";
export { terminalSafe, jsonTerminalSafe } from "./report/terminal.js";
// The corpus view's report (`index.clusters()`) and its renderings, for front ends such as the HTTP server.
export { CLUSTERS_SCHEMA, type ClustersReport, type Cluster, type ClusterEdge, type ClusterMember, type ClusterMembership } from "./report/clusters-schema.js";
export { renderClustersText } from "./report/clusters-text.js";
export { renderClustersCsv } from "./report/clusters-csv.js";
export { renderClustersHtml } from "./report/clusters-html.js";
export { UnspinError, ERROR_CODES, type ErrorCode } from "./errors.js";
export { tuneHeap } from "./runtime.js";
