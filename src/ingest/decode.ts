// Byte-level checks shared by every text input: binary sniffing, strict UTF-8 decoding with the
// offset of the first bad byte, BOM handling. Kept free of I/O so the adapters (files, stdin,
// WARC records, JSONL fields) can all run the same checks on bytes they already hold.

import { UnspinError } from "../errors.js";

/** How many leading bytes the binary sniffer looks at: enough to judge, cheap on big inputs. */
const SNIFF_BYTES = 8192;
/** Share of control characters above which a text is taken for binary data. */
const CONTROL_SHARE = 0.1;

export type BinaryVerdict = { binary: false } | { binary: true; why: string };

/**
 * Decides whether bytes look like binary data rather than text. A NUL byte is never in text
 * (UTF-16 with a BOM is handled before this is asked); otherwise too many C0 control characters
 * other than tab, newline, carriage return, form feed and escape mean binary.
 */
export function sniffBinary(bytes: Uint8Array): BinaryVerdict {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return { binary: true, why: `NUL byte at offset ${i}` };
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
    else if (b === 0x7f) controls++;
  }
  if (n > 0 && controls / n > CONTROL_SHARE) {
    return { binary: true, why: `${Math.round((100 * controls) / n)}% control characters` };
  }
  return { binary: false };
}

/** Which Unicode BOM the bytes start with, if any, and its length. */
export function detectBom(bytes: Uint8Array): { encoding: "utf-8" | "utf-16le" | "utf-16be"; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/**
 * Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid. TextDecoder with
 * `fatal: true` only says "invalid"; users need to know where to look.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes bytes that must be text: a BOM picks UTF-8 or UTF-16 (and is dropped), otherwise the
 * bytes must be strict UTF-8. The string is returned exactly as decoded (no newline or Unicode
 * normalisation) so character offsets found later point at the original text.
 */
export function decodeTextBytes(bytes: Uint8Array, name: string): string {
  const bom = detectBom(bytes);
  if (bom && bom.encoding !== "utf-8") {
    return new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(bytes.subarray(bom.length));
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const sniff = sniffBinary(body);
  if (sniff.binary) {
    throw new UnspinError(
      "INPUT_BINARY",
      `${name}: looks like binary data, not text (${sniff.why})`,
      "give a plain-text, HTML or other text file; convert documents such as PDF or Word to text first",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch (cause) {
    const at = firstInvalidUtf8(body) + (bom ? bom.length : 0);
    throw new UnspinError(
      "INPUT_INVALID_UTF8",
      `${name}: not valid UTF-8 (first bad byte at offset ${at})`,
      "convert the file to UTF-8, e.g. `iconv -f windows-1252 -t utf-8 FILE > OUT`",
      { cause },
    );
  }
}

/** Throws INPUT_EMPTY unless the text holds at least one letter. */
export function requireWords(text: string, name: string, hint = "give a file that contains the article's text"): void {
  if (!/\p{L}/u.test(text)) {
    const what = text.trim() === "" ? "is empty" : "holds no letters";
    throw new UnspinError("INPUT_EMPTY", `${name}: ${what}`, hint);
  }
}
