// Assembles the versioned report from the alignments of a suspect with its sources.
import type { Text } from "../text/types.js";
import type { AlignedPassage, Alignment, Unit } from "../align/index.js";
import { pairVerdict, round, DEFAULT_THRESHOLDS, type PairMeasures, type VerdictThresholds } from "../verdict/pair.js";
import { RULES, ruleSpec } from "../rules/catalogue.js";
import { artifactFindings, editFindings, quoteFindings } from "./findings.js";
import { REPORT_SCHEMA, type Finding, type Report, type ReportMode, type SourceReport } from "./schema.js";

export interface SourceInput {
  id: string;
  url?: string;
  title?: string;
  /** Publication date, when known (`check`: a source published after the suspect is its copy). */
  published?: string;
  text: Text;
  alignment: Alignment;
  /**
   * The caller established this source as a copy on evidence the pair verdict does not weigh
   * (`check`'s dense-stretch claim, src/search/claim.ts): it is kept with `onlyCopies`, and its
   * stretch is typed as a copy however short it is.
   */
  claimed?: boolean;
}

/** Edits that change what the source says (the catalogue's `weight: "meaning"`). */
const MEANING_CHANGES = new Set<string>(RULES.filter((r) => r.weight === "meaning").map((r) => r.id));
const SUBSTITUTIONS = new Set(["synonym", "antonym", "similar", "hypernym", "derivation", "misspelling", "name", "number"]);

export function measure(alignment: Alignment): PairMeasures {
  const m: PairMeasures = { suspectUnits: alignment.suspectUnits.length, alignedUnits: 0, matched: 0, identical: 0, runIdentical: 0, substituted: 0, swapped: 0, meaningChanges: 0 };
  for (const p of alignment.passages) addMeasures(m, passageMeasures(p, alignment.suspectUnits));
  return m;
}

function addMeasures(m: PairMeasures, pm: Omit<PairMeasures, "suspectUnits">): void {
  m.alignedUnits += pm.alignedUnits;
  m.matched += pm.matched;
  m.identical += pm.identical;
  m.runIdentical += pm.runIdentical;
  m.substituted += pm.substituted;
  m.swapped += pm.swapped;
  m.meaningChanges += pm.meaningChanges;
}

/** Identical words in order on both sides, at least this many in a row, count as a verbatim run (PairMeasures.runIdentical). */
export const RUN_WORDS = 3;

/**
 * Suspect words identical (or inflected) to the source inside runs of at least RUN_WORDS words
 * that follow each other on both sides. A spinner leaves the words between its swaps in place, so
 * a spun copy is mostly such runs; two articles on one story share scattered words ("the",
 * "dollar", "euro") that line up one or two at a time. Names and numbers are passed over (they
 * neither count nor break a run): every article on the story repeats "the International Monetary
 * Fund" and "managing director Rodrigo Rato".
 */
function runIdentical(p: AlignedPassage, sus: readonly Unit[]): number {
  // A summary's words are matched out of order by design (and its passage passed the summary
  // test's own contrast with the rest of the suspect): all its identical words count.
  if (p.summary) return p.identical;
  let total = 0;
  let run = 0;
  let last: { s: number; o: number } | null = null;
  for (const op of p.ops) {
    const same = op.op === "match" && !op.moved && (op.rel === "same" || op.rel === "inflection");
    const common = same && !sus[op.s]!.proper && !sus[op.s]!.number;
    if (same && last && op.s === last.s + 1 && op.o === last.o + 1) run += common ? 1 : 0;
    else {
      if (run >= RUN_WORDS) total += run;
      run = common ? 1 : 0;
    }
    last = same ? { s: op.s, o: op.o } : null;
  }
  if (run >= RUN_WORDS) total += run;
  return total;
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
  /** How the report was made (see Report.mode); default "compare". */
  mode?: ReportMode;
}

/** Measures of one aligned passage (the pieces `measure` adds up). */
function passageMeasures(p: AlignedPassage, sus: readonly Unit[]): Omit<PairMeasures, "suspectUnits"> {
  const m = { alignedUnits: p.units, matched: p.matched, identical: p.identical, runIdentical: runIdentical(p, sus), substituted: 0, swapped: 0, meaningChanges: 0 };
  for (const e of p.edits) if (MEANING_CHANGES.has(e.rule)) m.meaningChanges++;
  for (const op of p.ops) {
    if (op.op === "match" && SUBSTITUTIONS.has(op.rel)) {
      m.substituted++;
      m.swapped++;
    } else if (op.op === "replace") m.substituted += op.s1 - op.s0;
  }
  return m;
}

/**
 * Where several sources align the same stretch of the suspect (near-duplicate sources, or a
 * syndicated story indexed from several sites), that stretch is explained once, by the source
 * that covers more of the suspect (then: more identically). Its passages are the source's
 * "own"; the others still count toward the source's own coverage and similarity, but their
 * edits are not listed again and their words are not counted twice in the report's totals, so
 * overall coverage is a share of the suspect and never passes 1.
 */
function ownPassages(sources: readonly { alignment: Alignment; coverage: number; similarity: number }[], suspectUnits: number): { own: Set<AlignedPassage>; covered: number } {
  const covered = new Uint8Array(suspectUnits);
  let count = 0;
  const own = new Set<AlignedPassage>();
  const order = [...sources].sort((a, b) => b.coverage - a.coverage || b.similarity - a.similarity);
  for (const s of order) {
    for (const p of s.alignment.passages) {
      let fresh = 0;
      for (let u = p.suspect.start; u < p.suspect.end && u < suspectUnits; u++) if (!covered[u]) fresh++;
      // Mostly new ground: this passage explains it. Mostly explained already: a duplicate.
      if (fresh * 2 < p.suspect.end - p.suspect.start) continue;
      own.add(p);
      for (let u = p.suspect.start; u < p.suspect.end && u < suspectUnits; u++) {
        if (!covered[u]) count++;
        covered[u] = 1;
      }
    }
  }
  return { own, covered: count };
}

export function buildReport(suspect: Text, sources: SourceInput[], options: BuildOptions = {}): Report {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const findings: Finding[] = [];
  const sourceReports: SourceReport[] = [];
  let best: ReturnType<typeof pairVerdict> | null = null;
  let truncated = false;
  const suspectUnits = sources[0]?.alignment.suspectUnits.length ?? suspect.words.length;
  const kept: (SourceInput & { coverage: number; similarity: number; verdict: ReturnType<typeof pairVerdict> })[] = [];
  for (const s of sources) {
    truncated ||= s.alignment.truncated;
    const m = measure(s.alignment);
    // A dense-stretch claim (src/search/claim.ts) is itself the evidence a reader accepts for a
    // copy whose word order is gone: most of a stretch's rare words found together in the source.
    // It stands in for the verbatim runs and identical share an accusation needs otherwise.
    const v = pairVerdict(m, s.claimed ? { ...thresholds, minCoverage: 0, minAlignedWords: 1, minRunWords: 0, minAccuseIdentical: 0 } : thresholds);
    if (s.alignment.passages.length === 0 || v.verdict === "no-evidence") continue;
    if (options.onlyCopies && !COPIES.has(v.verdict)) continue;
    kept.push({ ...s, coverage: v.coverage, similarity: m.alignedUnits ? m.identical / m.alignedUnits : 0, verdict: v });
  }
  const { own, covered } = ownPassages(kept, suspectUnits);
  const total: PairMeasures = { suspectUnits, alignedUnits: 0, matched: 0, identical: 0, runIdentical: 0, substituted: 0, swapped: 0, meaningChanges: 0 };
  for (const s of kept) {
    const v = s.verdict;
    if (!best || v.score > best.score) best = v;
    const su = s.alignment.suspectUnits;
    const ou = s.alignment.sourceUnits;
    sourceReports.push({
      id: s.id,
      ...(s.url ? { url: s.url } : {}),
      ...(s.title ? { title: s.title } : {}),
      similarity: round(s.similarity),
      coverage: round(Math.min(1, s.coverage)),
      passages: s.alignment.passages.map((p) => ({
        suspect: { start: suspect.tokens[su[p.suspect.start]!.token]!.start, end: suspect.tokens[su[p.suspect.end - 1]!.token]!.end },
        source: { start: s.text.tokens[ou[p.source.start]!.token]!.start, end: s.text.tokens[ou[p.source.end - 1]!.token]!.end },
        similarity: round(p.units ? p.matched / p.units : 0),
      })),
    });
    const mine = s.alignment.passages.filter((p) => own.has(p));
    for (const p of mine) addMeasures(total, { ...passageMeasures(p, su), alignedUnits: 0 });
    const ownAlignment: Alignment = { ...s.alignment, passages: mine };
    findings.push(...editFindings(suspect, s.text, s.id, ownAlignment));
    findings.push(...quoteFindings(suspect, s.text, s.id, ownAlignment));
    findings.push(...passageOrderFindings(suspect, s.text, { ...s, alignment: ownAlignment }));
  }
  total.alignedUnits = covered;
  findings.push(...artifactFindings(suspect));
  findings.sort((a, b) => a.suspect.start - b.suspect.start || a.suspect.end - b.suspect.end);

  // Several sources together may cover enough of the suspect to be a copy even if none does alone.
  const combined = sourceReports.length > 1 ? pairVerdict(total, thresholds) : best;
  const verdict = combined ?? { verdict: "no-evidence" as const, score: 0, coverage: 0, substitutionRate: 0 };
  return {
    schema: REPORT_SCHEMA,
    ...(options.input !== undefined ? { input: options.input } : {}),
    mode: options.mode ?? "compare",
    verdict: verdict.verdict,
    score: verdict.score,
    sources: sourceReports.sort((a, b) => b.coverage - a.coverage || b.similarity - a.similarity),
    findings,
    stats: {
      suspectWords: suspectUnits,
      ...(combined ? { substitutionRate: round(verdict.substitutionRate), coverage: round(Math.min(1, verdict.coverage)) } : {}),
      truncated,
    },
    notes: truncated ? ["the input was longer than the alignment budget; only its beginning was compared"] : [],
  };
}
