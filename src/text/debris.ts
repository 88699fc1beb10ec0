// Tokenizer debris: what a spinner's tokenize/detokenize round trip leaves behind. Each repair
// is kept as an Artifact (evidence of spinning) while the tokens get the repaired form for
// matching, so `do n't` in a suspect still matches `don't` in the source.
import type { Artifact, Token } from "./types.js";
import { normalizeWord, type RawToken } from "./scan.js";


const SPACE_SENSITIVE_PUNCT = new Set([",", ".", ";", ":", "?", "!"]);
const OPEN_BRACKETS = new Set(["(", "["]);
const CLOSE_BRACKETS = new Set([")", "]"]);
// Words after which a comma cannot close a phrase: a comma here was inserted inside the phrase.
const PHRASE_INTERNAL = new Set([
  "to", "the", "a", "an", "of", "in", "on", "at", "by", "for", "with", "from", "into", "and", "or",
  "&", "their", "its", "his", "her", "our", "my", "your", "this", "that", "these", "those", "than",
]);

// Hoisted: V8 re-derives the case closure of \p{L} under /iu for each literal evaluation.
const CONTRACTION_PIECE = /^(?:n['’]t|['’]\p{L}{1,2})$/iu;
const INLINE_SPACE = /^[ \t\u00a0]+$/;
const DOUBLE_SPACE = /^[ ]{2,}$/;
const SENTENCE_END = /[.!?:"”]$/;

/** Cheap pre-check before the /iu regex (slow in V8): pieces are 2-3 characters, led by n, ' or ’. */
function isPieceShaped(raw: string): boolean {
  if (raw.length < 2 || raw.length > 3) return false;
  const c = raw.charCodeAt(0);
  return c === 110 || c === 78 || c === 39 || c === 0x2019;
}

function isInlineSpace(s: string): boolean {
  return s.length > 0 && INLINE_SPACE.test(s);
}

// Tokens come out as full `Token`s (sentence and quotation filled in later by analyzeText), so
// each token is one object; merged pieces keep the first piece's index.
export function repairDebris(source: string, raw: RawToken[]): { tokens: Token[]; artifacts: Artifact[] } {
  const tokens: Token[] = [];
  const artifacts: Artifact[] = [];
  const artifact = (kind: Artifact["kind"], start: number, end: number, repaired: string) =>
    artifacts.push({ kind, start, end, text: source.slice(start, end), repaired });

  for (let k = 0; k < raw.length; k++) {
    const t = raw[k]!;
    const prev = tokens[tokens.length - 1];
    const gap = prev ? source.slice(prev.end, t.start) : "";

    // do n't / it 's: a contraction piece separated from its host by spaces.
    if (t.kind === "word" && isPieceShaped(t.raw) && CONTRACTION_PIECE.test(t.raw) && prev && prev.kind === "word" && !prev.debris) {
      if (isInlineSpace(gap)) {
        const norm = prev.norm + normalizeWord(t.raw);
        artifact("split-contraction", prev.start, t.end, prev.raw + t.raw);
        tokens[tokens.length - 1] = { ...prev, end: t.end, raw: source.slice(prev.start, t.end), norm };
        continue;
      }
    }

    // Q&, A: an ampersand term split by a comma. Merge into one word.
    if (t.raw === "&" && prev && prev.kind === "word" && gap === "") {
      const comma = raw[k + 1];
      const next = raw[k + 2];
      if (comma?.raw === "," && comma.start === t.end && next && next.kind === "word" && isInlineSpace(source.slice(comma.end, next.start))) {
        const repairedRaw = `${prev.raw}&${next.raw}`;
        artifact("comma-in-phrase", prev.start, next.end, repairedRaw);
        tokens[tokens.length - 1] = { ...prev, end: next.end, raw: source.slice(prev.start, next.end), norm: normalizeWord(repairedRaw) };
        k += 2;
        continue;
      }
    }

    // An explicit literal, not `{ ...t }`: object spread here was most of the stage's time.
    const norm = t.kind === "punct" || t.kind === "symbol" ? t.raw : normalizeWord(t.raw);
    const rt: Token = { i: tokens.length, start: t.start, end: t.end, raw: t.raw, norm, kind: t.kind, sentence: 0, quote: -1, debris: false };

    if (t.kind === "punct" && prev && isInlineSpace(gap)) {
      if (t.raw === "," && prev.kind === "word" && PHRASE_INTERNAL.has(prev.norm)) {
        // to , end: a comma inside a phrase. Debris: skipped by matching.
        rt.debris = true;
        artifact("comma-in-phrase", prev.end, t.end, "");
      } else if (SPACE_SENSITIVE_PUNCT.has(t.raw) && prev.kind !== "punct") {
        if (t.raw === ",") rt.debris = true;
        artifact("space-before-punct", prev.end, t.end, t.raw);
      } else if (CLOSE_BRACKETS.has(t.raw)) {
        artifact("space-inside-brackets", prev.end, t.start, "");
      }
    }
    if (prev && OPEN_BRACKETS.has(prev.raw) && isInlineSpace(gap)) {
      artifact("space-inside-brackets", prev.end, t.start, "");
    }
    // Two or more spaces between tokens on one line (not the old two-spaces-after-a-period habit).
    if (prev && gap.length >= 2 && DOUBLE_SPACE.test(gap) && !SENTENCE_END.test(prev.raw)) {
      artifact("double-space", prev.end, t.start, " ");
    }
    tokens.push(rt);
  }
  return { tokens, artifacts };
}
