// Turns typed edits and text artifacts into findings: the one explanation type of the report,
// each pointing at exact characters of the suspect (and of the source when there is one).
import type { Text } from "../text/types.js";
import type { Alignment, Edit, Unit } from "../align/index.js";
import { ruleSpec, type RuleId } from "../rules/catalogue.js";
import type { Finding, Place, SourcePlace } from "./schema.js";

/** Character span of units [u0, u1) in a text; an empty range gives the point before unit u0. */
function unitSpan(text: Text, units: Unit[], u0: number, u1: number): Place {
  if (u1 <= u0) {
    const t = units[u0] ? text.tokens[units[u0]!.token]! : null;
    const at = t ? t.start : units.length ? text.tokens[units[units.length - 1]!.token]!.end : 0;
    return { start: at, end: at, text: "" };
  }
  const start = text.tokens[units[u0]!.token]!.start;
  const end = text.tokens[units[u1 - 1]!.token]!.end;
  return { start, end, text: text.source.slice(start, end) };
}

const CONFIDENCE: Partial<Record<RuleId, number>> = {
  inflection: 0.9, "synonym-swap": 0.9, "related-word": 0.7, paraphrase: 0.6, "meaning-flip": 0.8, "number-changed": 0.95,
  "name-changed": 0.7, reordered: 0.8, inserted: 0.8, deleted: 0.8, misspelling: 0.75,
};

function noteFor(edit: Edit, actual: string, expected: string): string {
  switch (edit.rule) {
    case "inflection": return `"${expected}" appears as "${actual}" (another form of the same word)`;
    case "synonym-swap": return `"${expected}" was swapped for its synonym "${actual}"`;
    case "related-word": return `"${expected}" was replaced by the related word "${actual}" (${edit.relation ?? "WordNet relation"})`;
    case "paraphrase": return `"${expected}" was rewritten as "${actual}"`;
    case "meaning-flip": return edit.relation === "antonym" ? `"${expected}" was replaced by its opposite "${actual}"` : `a negation differs: "${expected}" became "${actual}"`;
    case "number-changed": return `the number ${expected} became ${actual}`;
    case "name-changed": return `the name "${expected}" became "${actual}"`;
    case "misspelling": return `"${actual}" is no English word; the source has "${expected}"`;
    case "reordered": return `"${actual}" was moved from another place in the source`;
    case "inserted": return `"${actual}" is not in the source`;
    case "deleted": return `"${expected}" was left out`;
    default: return `${edit.rule}`;
  }
}

export function editFindings(suspect: Text, source: Text, sourceId: string, alignment: Alignment): Finding[] {
  const findings: Finding[] = [];
  const { suspectUnits: su, sourceUnits: ou } = alignment;
  for (const passage of alignment.passages) {
    for (const edit of passage.edits) {
      const s = unitSpan(suspect, su, edit.s0, edit.s1);
      const o = edit.o0 >= 0 ? unitSpan(source, ou, edit.o0, edit.o1) : null;
      const f: Finding = {
        rule: edit.rule,
        severity: ruleSpec(edit.rule).severity,
        suspect: s,
        confidence: CONFIDENCE[edit.rule] ?? 0.6,
        note: noteFor(edit, s.text, o?.text ?? ""),
      };
      if (o) {
        f.source = { id: sourceId, ...o };
        if (edit.rule !== "reordered") f.suggestion = o.text;
      }
      findings.push(f);
    }
  }
  return findings;
}

/**
 * Quotation rules: a suspect quotation with any non-verbatim edit is `quote-altered`; one whose
 * words come from source text outside any quotation is `quote-invented` (reported speech turned
 * into a direct quote).
 */
export function quoteFindings(suspect: Text, source: Text, sourceId: string, alignment: Alignment): Finding[] {
  const findings: Finding[] = [];
  const { suspectUnits: su, sourceUnits: ou } = alignment;
  suspect.quotations.forEach((q, qi) => {
    let inQuote = 0;
    let outOfQuote = 0;
    let edited = 0;
    let oMin = Infinity;
    let oMax = -Infinity;
    for (const p of alignment.passages) {
      for (const op of p.ops) {
        if (op.op !== "match" || su[op.s]!.quote !== qi) continue;
        if (ou[op.o]!.quote >= 0) inQuote++;
        else outOfQuote++;
        oMin = Math.min(oMin, op.o);
        oMax = Math.max(oMax, op.o);
      }
      for (const e of p.edits) {
        const inside = e.s1 > e.s0 ? su.slice(e.s0, e.s1).some((u) => u.quote === qi) : su[e.s0]?.quote === qi && su[e.s0 - 1]?.quote === qi;
        if (inside) edited++;
      }
    }
    if (inQuote + outOfQuote < 2) return;
    const start = q.start;
    const end = q.end;
    const place: Place = { start, end, text: suspect.source.slice(start, end) };
    const o = unitSpan(source, ou, oMin, oMax + 1);
    const sourcePlace: SourcePlace = { id: sourceId, ...o };
    if (outOfQuote > inQuote) {
      findings.push({
        rule: "quote-invented", severity: ruleSpec("quote-invented").severity, suspect: place, source: sourcePlace,
        confidence: Math.min(0.95, 0.5 + outOfQuote / (inQuote + outOfQuote) / 2),
        note: "the source reports these words without quotation marks; the suspect presents them as a direct quote",
      });
    } else if (edited > 0) {
      findings.push({
        rule: "quote-altered", severity: ruleSpec("quote-altered").severity, suspect: place, source: sourcePlace, suggestion: o.text,
        confidence: 0.9, note: `the quotation differs from the source in ${edited} place${edited === 1 ? "" : "s"}`,
      });
    }
  });
  return findings;
}

/** Tokenizer debris and quote-mark anomalies of the suspect (no source needed). */
export function artifactFindings(suspect: Text): Finding[] {
  return suspect.artifacts.map((a) => {
    const quote = a.kind === "misoriented-quote" || a.kind === "unbalanced-quote";
    const rule: RuleId = quote ? "quote-mark-anomaly" : "tokenizer-artifact";
    const f: Finding = {
      rule, severity: ruleSpec(rule).severity,
      suspect: { start: a.start, end: a.end, text: a.text },
      confidence: a.kind === "double-space" ? 0.4 : 0.85,
      note: ARTIFACT_NOTES[a.kind],
    };
    if (a.repaired !== a.text) f.suggestion = a.repaired;
    return f;
  });
}

const ARTIFACT_NOTES: Record<Text["artifacts"][number]["kind"], string> = {
  "split-contraction": "a contraction split by a tokenizer",
  "space-before-punct": "a space before punctuation, left by a tokenizer",
  "space-inside-brackets": "spaces inside brackets, left by a tokenizer",
  "comma-in-phrase": "a comma inserted inside a phrase",
  "misoriented-quote": "a quotation mark pointing the wrong way",
  "unbalanced-quote": "a quotation mark with no partner in its paragraph",
  "double-space": "doubled spaces between words",
};
