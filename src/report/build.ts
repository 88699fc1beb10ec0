// Assembles the versioned report from the alignments of a suspect with its sources.
import type { Text } from "../text/types.js";
import type { Alignment } from "../align/index.js";
import { pairVerdict, round, DEFAULT_THRESHOLDS, type PairMeasures, type VerdictThresholds } from "../verdict/pair.js";
import { ruleSpec } from "../rules/catalogue.js";
import { artifactFindings, editFindings, quoteFindings } from "./findings.js";
import { REPORT_SCHEMA, type Finding, type Report, type SourceReport } from "./schema.js";

export interface SourceInput {
  id: string;
  url?: string;
  title?: string;
  text: Text;
  alignment: Alignment;
}

const MEANING_CHANGES = new Set(["meaning-flip", "number-changed", "name-changed"]);
const SUBSTITUTIONS = new Set(["synonym", "antonym", "similar", "hypernym", "derivation", "misspelling", "name", "number"]);

export function measure(alignment: Alignment): PairMeasures {
  const m: PairMeasures = { suspectUnits: alignment.suspectUnits.length, alignedUnits: 0, matched: 0, identical: 0, substituted: 0, meaningChanges: 0 };
  for (const p of alignment.passages) {
    for (const e of p.edits) if (MEANING_CHANGES.has(e.rule)) m.meaningChanges++;
    m.alignedUnits += p.units;
    m.matched += p.matched;
    m.identical += p.identical;
    for (const op of p.ops) {
      if (op.op === "match" && SUBSTITUTIONS.has(op.rel)) m.substituted++;
      else if (op.op === "replace") m.substituted += op.s1 - op.s0;
    }
  }
  return m;
}

/** Passages that appear in the suspect in another order than in the source. */
function passageOrderFindings(suspect: Text, source: Text, s: SourceInput): Finding[] {
  const ps = s.alignment.passages;
  const out: Finding[] = [];
  const su = s.alignment.suspectUnits;
  const ou = s.alignment.sourceUnits;
  for (let k = 1; k < ps.length; k++) {
    const prev = ps[k - 1]!;
    const cur = ps[k]!;
    if (cur.source.start >= prev.source.start) continue;
    const sStart = suspect.tokens[su[cur.suspect.start]!.token]!.start;
    const sEnd = suspect.tokens[su[cur.suspect.end - 1]!.token]!.end;
    const oStart = source.tokens[ou[cur.source.start]!.token]!.start;
    const oEnd = source.tokens[ou[cur.source.end - 1]!.token]!.end;
    out.push({
      rule: "reordered", severity: ruleSpec("reordered").severity,
      suspect: { start: sStart, end: sEnd, text: suspect.source.slice(sStart, sEnd) },
      source: { id: s.id, start: oStart, end: oEnd, text: source.source.slice(oStart, oEnd) },
      confidence: 0.8, note: "this passage comes earlier in the source than the passage before it",
    });
  }
  return out;
}

const COPIES = new Set(["verbatim-copy", "spun-copy", "rewrite"]);

/** Whether a pair verdict says copy (what `onlyCopies` keeps). */
export function isCopyVerdict(verdict: string): boolean {
  return COPIES.has(verdict);
}

export interface BuildOptions {
  input?: string;
  thresholds?: VerdictThresholds;
  /** List only sources the suspect was copied from (index search), not same-story neighbours. */
  onlyCopies?: boolean;
}

export function buildReport(suspect: Text, sources: SourceInput[], options: BuildOptions = {}): Report {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const findings: Finding[] = [];
  const sourceReports: SourceReport[] = [];
  let best: ReturnType<typeof pairVerdict> | null = null;
  let truncated = false;
  const total: PairMeasures = { suspectUnits: 0, alignedUnits: 0, matched: 0, identical: 0, substituted: 0, meaningChanges: 0 };
  for (const s of sources) {
    truncated ||= s.alignment.truncated;
    const m = measure(s.alignment);
    const v = pairVerdict(m, thresholds);
    if (s.alignment.passages.length === 0 || v.verdict === "no-evidence") continue;
    if (options.onlyCopies && !COPIES.has(v.verdict)) continue;
    total.suspectUnits = m.suspectUnits;
    total.alignedUnits += m.alignedUnits;
    total.matched += m.matched;
    total.identical += m.identical;
    total.substituted += m.substituted;
    total.meaningChanges += m.meaningChanges;
    if (!best || v.score > best.score) best = v;
    const su = s.alignment.suspectUnits;
    const ou = s.alignment.sourceUnits;
    sourceReports.push({
      id: s.id,
      ...(s.url ? { url: s.url } : {}),
      ...(s.title ? { title: s.title } : {}),
      similarity: round(m.alignedUnits ? m.identical / m.alignedUnits : 0),
      coverage: round(v.coverage),
      passages: s.alignment.passages.map((p) => ({
        suspect: { start: suspect.tokens[su[p.suspect.start]!.token]!.start, end: suspect.tokens[su[p.suspect.end - 1]!.token]!.end },
        source: { start: s.text.tokens[ou[p.source.start]!.token]!.start, end: s.text.tokens[ou[p.source.end - 1]!.token]!.end },
        similarity: round(p.units ? p.matched / p.units : 0),
      })),
    });
    findings.push(...editFindings(suspect, s.text, s.id, s.alignment));
    findings.push(...quoteFindings(suspect, s.text, s.id, s.alignment));
    findings.push(...passageOrderFindings(suspect, s.text, s));
  }
  findings.push(...artifactFindings(suspect));
  findings.sort((a, b) => a.suspect.start - b.suspect.start || a.suspect.end - b.suspect.end);

  // Several sources together may cover enough of the suspect to be a copy even if none does alone.
  const combined = sourceReports.length > 1 ? pairVerdict(total, thresholds) : best;
  const verdict = combined ?? { verdict: "no-evidence" as const, score: 0, coverage: 0, substitutionRate: 0 };
  return {
    schema: REPORT_SCHEMA,
    ...(options.input !== undefined ? { input: options.input } : {}),
    verdict: verdict.verdict,
    score: verdict.score,
    sources: sourceReports.sort((a, b) => b.coverage - a.coverage),
    findings,
    stats: {
      suspectWords: sources[0]?.alignment.suspectUnits.length ?? 0,
      ...(combined ? { substitutionRate: round(verdict.substitutionRate), coverage: round(verdict.coverage) } : {}),
      truncated,
    },
    notes: truncated ? ["the input was longer than the alignment budget; only its beginning was compared"] : [],
  };
}

