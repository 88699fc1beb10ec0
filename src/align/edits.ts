// Edit typing: turns word operations into typed edits, one rule id each, with the unit ranges
// they cover on both sides. Quotation-level rules (quote-altered, quote-invented) are derived
// from these edits in quotes.ts.
import type { RuleId } from "../rules/catalogue.js";
import type { Unit } from "./units.js";
import type { WordOp } from "./words.js";
import { numberValue } from "./numbers.js";

export interface Edit {
  rule: RuleId;
  /** Suspect unit range [s0, s1); empty for deletions (s0 === s1 is the insertion point). */
  s0: number;
  s1: number;
  /** Source unit range [o0, o1); empty for insertions. */
  o0: number;
  o1: number;
  /** The lexical relation behind a one-word substitution, for the note. */
  relation?: string;
}

// Only unambiguous negators: "nothing" or "without" often paraphrase a positive ("cost nothing").
const NEGATIONS = new Set(["not", "no", "never", "nor", "neither"]);

const RELATION_RULE: Record<string, RuleId> = {
  inflection: "inflection",
  synonym: "synonym-swap",
  antonym: "meaning-flip",
  similar: "related-word",
  hypernym: "related-word",
  derivation: "related-word",
  number: "number-changed",
  name: "name-changed",
  misspelling: "misspelling",
};

function hasNegation(units: Unit[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (NEGATIONS.has(units[k]!.norm)) return true;
  return false;
}

/**
 * A negation added or removed flips meaning only when it is (nearly) all that changed: "will" ->
 * "will not", "did not say" -> "said". A deleted or rewritten clause that happens to hold a "not"
 * says something else altogether; calling that a meaning flip accuses the copy of a reversal no
 * reader would see. So the run holding the negation, and for a replacement the other side too,
 * is at most this many words.
 */
const MAX_FLIP_RUN = 3;

function negationFlip(units: Unit[], from: number, to: number): boolean {
  return to - from <= MAX_FLIP_RUN && hasNegation(units, from, to);
}

export function typeEdits(ops: WordOp[], sus: Unit[], src: Unit[]): Edit[] {
  const edits: Edit[] = [];
  let moved: Edit | null = null;
  const flushMove = () => {
    if (moved) edits.push(moved);
    moved = null;
  };
  for (const op of ops) {
    if (op.op === "match" && op.moved) {
      // Consecutive moved matches form one reordered block (plus their own substitutions).
      if (moved && moved.s1 === op.s) {
        moved.s1 = op.s + 1;
        moved.o0 = Math.min(moved.o0, op.o);
        moved.o1 = Math.max(moved.o1, op.o + 1);
      } else {
        flushMove();
        moved = { rule: "reordered", s0: op.s, s1: op.s + 1, o0: op.o, o1: op.o + 1 };
      }
    } else flushMove();

    switch (op.op) {
      case "match": {
        if (op.rel === "same") break;
        // WordNet relates "six" and "sixteen" (both numbers): a changed figure all the same.
        if (changedNumber(sus[op.s]!, src[op.o]!)) {
          edits.push({ rule: "number-changed", s0: op.s, s1: op.s + 1, o0: op.o, o1: op.o + 1 });
          break;
        }
        const rule = RELATION_RULE[op.rel];
        if (rule) edits.push({ rule, s0: op.s, s1: op.s + 1, o0: op.o, o1: op.o + 1, relation: op.rel });
        break;
      }
      case "replace": {
        const short = op.s1 - op.s0 <= MAX_FLIP_RUN && op.o1 - op.o0 <= MAX_FLIP_RUN;
        const negFlip = short && hasNegation(sus, op.s0, op.s1) !== hasNegation(src, op.o0, op.o1);
        const oneEach = op.s1 - op.s0 === 1 && op.o1 - op.o0 === 1;
        let rule: RuleId = "paraphrase";
        if (negFlip) rule = "meaning-flip";
        else if (oneEach && ((sus[op.s0]!.number && src[op.o0]!.number) || changedNumber(sus[op.s0]!, src[op.o0]!))) rule = "number-changed";
        else if (oneEach && sus[op.s0]!.proper && src[op.o0]!.proper) rule = "name-changed";
        edits.push({ rule, s0: op.s0, s1: op.s1, o0: op.o0, o1: op.o1 });
        break;
      }
      case "insert":
        edits.push({ rule: negationFlip(sus, op.s0, op.s1) ? "meaning-flip" : "inserted", s0: op.s0, s1: op.s1, o0: -1, o1: -1 });
        break;
      case "delete":
        edits.push({ rule: negationFlip(src, op.o0, op.o1) ? "meaning-flip" : "deleted", s0: op.at, s1: op.at, o0: op.o0, o1: op.o1 });
        break;
    }
  }
  flushMove();
  return edits;
}

/** Two words that both write a number (in digits or in words) and say different values: 40 -> fourteen, six -> sixteen. */
function changedNumber(a: Unit, b: Unit): boolean {
  const x = numberValue(a.norm);
  const y = numberValue(b.norm);
  return x !== undefined && y !== undefined && x !== y;
}
