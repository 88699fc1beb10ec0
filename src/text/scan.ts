// Splits a string into raw tokens with exact offsets. No repair happens here: debris.ts merges
// and flags pieces afterwards, so that every token still maps to the characters it came from.
import type { TokenKind } from "./types.js";

export interface RawToken {
  start: number;
  end: number;
  raw: string;
  kind: TokenKind;
}

// Order matters: the first alternative that matches at a position wins.
const TOKEN_RE = new RegExp(
  [
    // Initialisms with periods: U.S., U.N., e.g.
    String.raw`(?<abbr>(?:\p{L}\.){2,})`,
    // Numbers, with thousands separators, decimals, an optional percent or ordinal/decade suffix.
    String.raw`(?<num>\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?(?![\p{L}\d]))`,
    // Contraction pieces standing on their own (debris of tokenizers: do n't, it 's).
    String.raw`(?<piece>(?:[nN]['’][tT]|['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M))(?![\p{L}\d]))`,
    // Words: letters and marks, joined by inner apostrophes, hyphens or ampersands (Q&A, don't, cross-border).
    String.raw`(?<word>[\p{L}\p{M}\d]*\p{L}[\p{L}\p{M}\d]*(?:(?:['’\-‐]|&)[\p{L}\p{M}\d]+)*)`,
    // Anything else that is not white space is one punctuation or symbol character.
    String.raw`(?<other>\S)`,
  ].join("|"),
  "gu",
);

const PUNCT_RE = /^[\p{P}]$/u;

export function scan(source: string): RawToken[] {
  const out: RawToken[] = [];
  for (const m of source.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    const raw = m[0];
    let kind: TokenKind;
    if (g.num !== undefined) kind = "number";
    else if (g.other !== undefined) kind = PUNCT_RE.test(raw) ? "punct" : "symbol";
    else kind = "word";
    out.push({ start, end: start + raw.length, raw, kind });
  }
  return out;
}

/** Lower-cased, NFKC, straight apostrophes and hyphens: the form used for matching. */
export function normalizeWord(raw: string): string {
  // String.prototype.normalize goes through ICU and costs about a microsecond a call: skip it
  // for plain ASCII, which NFKC leaves unchanged.
  if (ASCII.test(raw)) return raw.toLowerCase();
  return raw.normalize("NFKC").toLowerCase().replace(/’/g, "'").replace(/‐/g, "-");
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;
