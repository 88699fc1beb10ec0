// Puts source-free evidence into a report: its findings join the alignment's (tokenizer debris
// is found by both paths and listed once), and when no source explains the text, the intrinsic
// score decides between `likely-spun` and `no-evidence`. The report names the context model used.
import type { Finding, Report } from "./schema.js";
import { round } from "../verdict/pair.js";

export interface IntrinsicEvidence {
  findings: Finding[];
  score: number;
  /** Which context model scored the words (IntrinsicResult.contextModel). */
  contextModel: string;
}

export function mergeIntrinsic(report: Report, evidence: IntrinsicEvidence, threshold: number): Report {
  const seen = new Set(report.findings.map((f) => `${f.rule}:${f.suspect.start}:${f.suspect.end}`));
  // Inside an aligned passage the source itself says what changed: a source-free guess there is
  // either redundant (the alignment found the edit) or wrong (the source has the same word).
  const passages = report.sources.flatMap((s) => s.passages.map((p) => p.suspect));
  const inPassage = (f: Finding) => passages.some((p) => f.suspect.start < p.end && f.suspect.end > p.start);
  const extra = evidence.findings.filter((f) => !seen.has(`${f.rule}:${f.suspect.start}:${f.suspect.end}`) && !inPassage(f));
  const findings = [...report.findings, ...extra].sort((a, b) => a.suspect.start - b.suspect.start || a.suspect.end - b.suspect.end);
  const copied = report.sources.length > 0 && report.verdict !== "no-evidence" && report.verdict !== "same-story";
  const analysis = { ...report.analysis, contextModel: evidence.contextModel };
  if (copied) return { ...report, findings, stats: { ...report.stats, spinProbability: round(evidence.score) }, analysis };
  const spun = evidence.score >= threshold;
  return {
    ...report,
    verdict: spun ? "likely-spun" : report.verdict,
    score: spun ? round(evidence.score) : report.score,
    findings,
    stats: { ...report.stats, spinProbability: round(evidence.score) },
    analysis,
  };
}

