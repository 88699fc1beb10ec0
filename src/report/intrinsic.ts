// Puts source-free evidence into a report: its findings join the alignment's (tokenizer debris
// is found by both paths and listed once), and when no source explains the text, the intrinsic
// score decides between `likely-spun` and `no-evidence`, on two conditions a reader can check:
// the text is long enough to judge, and some finding points at where the spinning shows. The
// report names the context model used.
import type { Finding, Report } from "./schema.js";
import { round } from "../verdict/pair.js";
import { ruleSpec } from "../rules/catalogue.js";

export interface IntrinsicEvidence {
  findings: Finding[];
  score: number;
  /** Which context model scored the words (IntrinsicResult.contextModel). */
  contextModel: string;
}

/**
 * Below this many words a spin probability says little: the score model was fit on articles,
 * and one sentence with one rare word reads as extreme. Such texts are "too short to judge".
 */
export const MIN_JUDGED_WORDS = 50;

/** Findings that show spinning by themselves (the catalogue's `weight: "evidence"`; doubled spaces are too weak). */
function isEvidence(f: Finding): boolean {
  return ruleSpec(f.rule).weight === "evidence" && f.confidence >= 0.5;
}

export function mergeIntrinsic(report: Report, evidence: IntrinsicEvidence, threshold: number): Report {
  const seen = new Set(report.findings.map((f) => `${f.rule}:${f.suspect.start}:${f.suspect.end}`));
  // Inside an aligned passage the source itself says what changed: a source-free guess there is
  // either redundant (the alignment found the edit) or wrong (the source has the same word).
  const passages = report.sources.flatMap((s) => s.passages.map((p) => p.suspect));
  const inPassage = (f: Finding) => passages.some((p) => f.suspect.start < p.end && f.suspect.end > p.start);
  const extra = evidence.findings.filter((f) => !seen.has(`${f.rule}:${f.suspect.start}:${f.suspect.end}`) && !inPassage(f));
  const findings = [...report.findings, ...extra].sort((a, b) => a.suspect.start - b.suspect.start || a.suspect.end - b.suspect.end);
  const analysis = { ...report.analysis, contextModel: evidence.contextModel };
  const words = report.stats.suspectWords;
  if (words < MIN_JUDGED_WORDS) {
    const note = `too short to judge without a source: ${words} word${words === 1 ? "" : "s"} (the source-free score needs at least ${MIN_JUDGED_WORDS}); findings are listed, no spin probability is given`;
    return { ...report, findings, notes: [...report.notes, note], analysis };
  }
  const stats = { ...report.stats, spinProbability: round(evidence.score) };
  const copied = report.sources.length > 0 && report.verdict !== "no-evidence" && report.verdict !== "same-story";
  if (copied || evidence.score < threshold) return { ...report, findings, stats, analysis };
  if (!findings.some(isEvidence)) {
    const note = `the text as a whole scores ${Math.round(evidence.score * 100)}% on the source-free model, but no word or span stands out as spun, so it is not called likely-spun`;
    return { ...report, findings, stats, notes: [...report.notes, note], analysis };
  }
  return { ...report, verdict: "likely-spun", score: round(evidence.score), findings, stats, analysis };
}
