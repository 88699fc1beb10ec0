// The one text model every stage uses. Offsets are UTF-16 code-unit offsets into `Text.source`
// (what String.prototype.slice takes), so `source.slice(t.start, t.end)` is always the token.

export type TokenKind = "word" | "number" | "punct" | "symbol";

export interface Token {
  /** Index of this token in `Text.tokens`. */
  i: number;
  /** Start offset (inclusive) into the original string. */
  start: number;
  /** End offset (exclusive) into the original string. */
  end: number;
  /** The original characters, `source.slice(start, end)`. */
  raw: string;
  /**
   * Normalised form for matching: NFKC, lower case, curly apostrophes straightened, tokenizer
   * debris repaired (`do n't` becomes one token `don't` spanning both pieces).
   */
  norm: string;
  kind: TokenKind;
  /** Index into `Text.sentences`. */
  sentence: number;
  /** Index into `Text.quotations` of the innermost quotation holding this token, or -1. */
  quote: number;
  /** True when the token is tokenizer debris (a stray comma, a space-split piece) to skip in matching. */
  debris: boolean;
}

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** First token index (inclusive). */
  first: number;
  /** Last token index (exclusive). */
  last: number;
}

export interface Quotation extends Span {
  /** Offsets of the opening and closing marks (the span includes both marks). */
  open: number;
  close: number;
  /** Token index range of the quoted words, [first, last). */
  first: number;
  last: number;
  /** True when a mark points the wrong way (a closing quote used to open, or the reverse). */
  misoriented: boolean;
}

export type ArtifactKind =
  | "split-contraction" // do n't, it 's
  | "space-before-punct" // word , word / word .
  | "space-inside-brackets" // ( November 7 )
  | "comma-in-phrase" // Q&, A / to , end
  | "misoriented-quote" // statement,” we are
  | "unbalanced-quote" // a quotation mark with no partner in its paragraph
  | "double-space";

/** Tokenizer debris found while reading a text: repaired for matching, kept as evidence. */
export interface Artifact extends Span {
  kind: ArtifactKind;
  /** The original characters at start..end. */
  text: string;
  /** What the characters were most likely before the tokenizer touched them. */
  repaired: string;
}

export interface Text {
  source: string;
  tokens: Token[];
  /** Indices of word and number tokens that are not debris: what alignment works on. */
  words: number[];
  sentences: Sentence[];
  quotations: Quotation[];
  artifacts: Artifact[];
}
