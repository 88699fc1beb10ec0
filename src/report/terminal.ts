// Text from crawled input (titles, sites, URLs, file names, skip reasons) printed on a terminal
// must not drive it: an ESC or a C1 control starts a sequence that can clear the screen, retitle
// the window or plant a hyperlink (OSC 8), a carriage return overwrites the line, and bidi
// overrides make a line read differently from what it holds. These are shown as visible
// escapes instead; everything else passes unchanged.

/**
 * C0 controls but tab and line feed, DEL, C1 controls, and the Unicode format characters that
 * reorder or break lines: ALM, LRM, RLM, LINE and PARAGRAPH SEPARATOR, the bidi embeddings,
 * overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
}

/**
 * `s` made safe to print on a terminal: control and bidi characters become `\x1b`, `\u202e`.
 * A value printed on one line (a title, a file name, a reason) keeps no line break or tab;
 * with `multiline`, line feeds and tabs are kept for layout.
 */
export function terminalSafe(s: string, options: { multiline?: boolean } = {}): string {
  return s.replace(options.multiline ? UNSAFE : UNSAFE_OR_BREAK, escape);
}

/**
 * JSON text safe to print on a terminal, and still the same JSON: JSON.stringify escapes C0
 * controls but leaves DEL, C1 controls and bidi characters raw inside strings; they become
 * `\u` escapes, which parse back to the same characters.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
