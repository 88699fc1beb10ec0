// Finds quotations and quote-mark anomalies. Spinners and their detokenizers often turn
// opening quotes into closing ones (`statement,” we are`) or drop a mark, so pairing cannot
// trust the glyph alone: marks alternate open/close within a paragraph, and the glyph and its
// surroundings only decide the ambiguous cases and whether a mark points the wrong way.
import type { Artifact, Quotation, Token } from "./types.js";

const DOUBLE_MARKS = new Set(['"', "“", "”", "„", "‟", "«", "»"]);
const OPENERS = new Set(["“", "„", "‟", "«"]);

function isSpaceOrEdge(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** Does the mark at `pos` sit where a quotation opens (space before, a word right after)? */
function opensHere(source: string, pos: number): boolean {
  const before = source[pos - 1];
  const after = source[pos + 1];
  const beforeOk = isSpaceOrEdge(before) || /[([{\u2014\u2013-]/.test(before ?? "");
  return beforeOk && after !== undefined && !/\s/.test(after);
}

/** `said,” we are`: a mark glued to a comma or colon, then space and a word, opens a quotation. */
function opensAfterPunct(source: string, pos: number): boolean {
  return /[,:]/.test(source[pos - 1] ?? "") && /^\s+["“”]?[\p{L}\d]/u.test(source.slice(pos + 1, pos + 4));
}

/** `vote.” We listened ... meetings.”`: a mark before a new sentence with a partner later in its paragraph. */
function opensBeforeLaterMark(source: string, pos: number): boolean {
  if (!/^\s+[\p{Lu}\d]/u.test(source.slice(pos + 1, pos + 3))) return false;
  const lineEnd = source.indexOf("\n", pos);
  const rest = source.slice(pos + 1, lineEnd < 0 ? source.length : lineEnd);
  return /["“”]/.test(rest);
}

export interface QuoteResult {
  quotations: Quotation[];
  artifacts: Artifact[];
}

export function findQuotations(source: string, tokens: Token[]): QuoteResult {
  const quotations: Quotation[] = [];
  const artifacts: Artifact[] = [];
  let open: { pos: number; misoriented: boolean; unmatched?: boolean } | null = null;
  let paragraphStart = firstNonSpace(source, 0);

  const closeQuote = (closePos: number, closeMisoriented: boolean) => {
    if (!open) return;
    quotations.push({
      start: open.pos,
      end: closePos + 1,
      open: open.pos,
      close: closePos,
      first: 0,
      last: 0,
      misoriented: open.misoriented || closeMisoriented,
    });
    open = null;
  };
  const flag = (kind: Artifact["kind"], pos: number, repaired: string) =>
    artifacts.push({ kind, start: pos, end: pos + 1, text: source.slice(pos, pos + 1), repaired });

  // The next line break at or after the previous token: found once per paragraph, not by
  // scanning back from every token (that was quadratic in the paragraph's length).
  let nextBreak = source.indexOf("\n");
  for (const t of tokens) {
    // Paragraph boundary: an unclosed quotation ends with its paragraph.
    if (nextBreak >= 0 && nextBreak < t.start) {
      const nl = source.lastIndexOf("\n", t.start - 1);
      nextBreak = source.indexOf("\n", t.start);
      if (open) {
        const end = lastNonSpace(source, nl);
        flag("unbalanced-quote", open.pos, source[open.pos]!);
        quotations.push({ start: open.pos, end: end + 1, open: open.pos, close: -1, first: 0, last: 0, misoriented: open.misoriented });
        open = null;
      }
      paragraphStart = firstNonSpace(source, nl + 1);
    }
    if (t.kind !== "punct" || !DOUBLE_MARKS.has(t.raw)) continue;
    const pos = t.start;
    const mark = t.raw;
    if (!open) {
      if (OPENERS.has(mark) || (mark === '"' && !closesHere(source, pos))) {
        open = { pos, misoriented: false };
      } else if (opensHere(source, pos) || opensAfterPunct(source, pos) || opensBeforeLaterMark(source, pos)) {
        // A closing glyph standing where a quotation opens.
        flag("misoriented-quote", pos, "“");
        open = { pos, misoriented: true };
      } else {
        // A closing mark with no opening: the quotation started at the paragraph start.
        flag("unbalanced-quote", pos, mark);
        quotations.push({ start: paragraphStart, end: pos + 1, open: -1, close: pos, first: 0, last: 0, misoriented: false });
      }
    } else {
      if (OPENERS.has(mark) && opensHere(source, pos) && !closesHere(source, pos)) {
        // A new quotation opens while one is still open: the first one lost its closing mark.
        flag("unbalanced-quote", open.pos, source[open.pos]!);
        closeQuote(lastNonSpace(source, pos - 1), false);
        quotations[quotations.length - 1]!.close = -1;
        open = { pos, misoriented: false };
        continue;
      }
      const misoriented = OPENERS.has(mark);
      if (misoriented) flag("misoriented-quote", pos, "”");
      closeQuote(pos, misoriented);
    }
  }
  if (open) {
    const o: { pos: number; misoriented: boolean } = open;
    flag("unbalanced-quote", o.pos, source[o.pos]!);
    quotations.push({ start: o.pos, end: lastNonSpace(source, source.length - 1) + 1, open: o.pos, close: -1, first: 0, last: 0, misoriented: o.misoriented });
  }
  quotations.sort((a, b) => a.start - b.start);
  return { quotations, artifacts };
}

function closesHere(source: string, pos: number): boolean {
  const before = source[pos - 1];
  const after = source[pos + 1];
  return !isSpaceOrEdge(before) && (isSpaceOrEdge(after) || /[\p{P}]/u.test(after ?? ""));
}

function firstNonSpace(source: string, from: number): number {
  let i = from;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return i;
}

function lastNonSpace(source: string, from: number): number {
  let i = Math.min(from, source.length - 1);
  while (i > 0 && /\s/.test(source[i]!)) i--;
  return i;
}
