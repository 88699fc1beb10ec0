// Decoding bytes of web documents (HTML, feeds) whose encoding is declared somewhere, or not at
// all. Order, as browsers do it: a BOM wins, then the HTTP Content-Type charset, then the
// document's own declaration (<meta charset>, http-equiv, or the XML declaration), then
// detection. Node's TextDecoder (full ICU) knows the legacy encodings (windows-1252,
// iso-8859-x, shift_jis, gb18030, ...), and WHATWG label rules map e.g. iso-8859-1 to 1252.

import chardet from "chardet";
import { TextDecoder } from "node:util";
import { detectBom } from "./decode.js";

/** How far into a document to look for a declared charset (the HTML spec says 1024 bytes; pages often put it later). */
const PRESCAN_BYTES = 4096;

export interface Decoded {
  text: string;
  /** The encoding used, and where it came from, for diagnostics. */
  encoding: string;
  source: "bom" | "http" | "declared" | "utf-8" | "mostly-utf-8" | "detected" | "fallback";
  /** Places where bytes were not UTF-8 and became U+FFFD (source "mostly-utf-8"). */
  replaced?: number;
}

/**
 * What a reader of the report should know about how the bytes were read, or undefined when
 * nothing was guessed: bytes replaced, or an encoding guessed for a text that declared none (a
 * wrong guess shows as odd characters, which the source-free analysis could take for spinning).
 */
export function decodingNote(d: Decoded): string | undefined {
  if (d.source === "mostly-utf-8") return `not valid UTF-8 in ${d.replaced} place${d.replaced === 1 ? "" : "s"}, each read as \ufffd; the rest was read as UTF-8`;
  if (d.source === "detected") return `not UTF-8 and no encoding declared: read as ${d.encoding}, the encoding detected`;
  if (d.source === "fallback") return "not UTF-8, and no encoding declared or detected: read as windows-1252";
  return undefined;
}

/** Pulls `charset=...` out of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m?.[1];
}

/** Finds a charset declared in the document's first bytes (meta charset, http-equiv, XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString("latin1");
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return undefined;
}

// windows-1252 bytes 0x80-0x9F (curly quotes, dashes, euro sign). Node 20's TextDecoder decodes
// the windows-1252 label as ISO-8859-1, turning them into C1 control characters, so they are
// mapped here. Undefined positions (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as they are.
const CP1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

interface Decoder {
  encoding: string;
  decode(bytes: Uint8Array): string;
}

function tryDecoder(label: string | undefined, fatal: boolean): Decoder | undefined {
  if (!label) return undefined;
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(label.trim().toLowerCase(), { fatal, ignoreBOM: true });
  } catch {
    return undefined; // an unknown label: fall through to the next clue
  }
  if (dec.encoding !== "windows-1252") return dec;
  return {
    encoding: dec.encoding,
    decode: (bytes) => dec.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!),
  };
}

export function decodeWebBytes(bytes: Uint8Array, httpContentType?: string | null): Decoded {
  const bom = detectBom(bytes);
  if (bom) {
    return { text: new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(bytes.subarray(bom.length)), encoding: bom.encoding, source: "bom" };
  }
  const clues: [string | undefined, Decoded["source"]][] = [
    [charsetFromContentType(httpContentType), "http"],
    [declaredCharset(bytes), "declared"],
  ];
  for (const [label, source] of clues) {
    const dec = tryDecoder(label, false);
    if (!dec) continue;
    // A page that claims UTF-8 but is not is common (templates copied between sites); let
    // detection judge those rather than fill the text with replacement characters.
    if (dec.encoding === "utf-8" && !isUtf8(bytes)) continue;
    return { text: dec.decode(bytes), encoding: dec.encoding, source };
  }
  if (isUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", source: "utf-8" };
  // UTF-8 with a stray bad byte (a file cut and pasted together, one Latin-1 character in a UTF-8
  // page): decoding the whole as a legacy encoding would turn every curly quote and accent into
  // mojibake, so the bad bytes alone become U+FFFD.
  if (isMostlyUtf8(utf8Sequences(bytes))) {
    const text = new TextDecoder("utf-8").decode(bytes);
    return { text, encoding: "utf-8", source: "mostly-utf-8", replaced: countReplacements(text, bytes) };
  }
  const guess = tryDecoder(chardet.detect(bytes) ?? undefined, false);
  if (guess && guess.encoding !== "utf-8") return { text: guess.decode(bytes), encoding: guess.encoding, source: "detected" };
  return { text: tryDecoder("windows-1252", false)!.decode(bytes), encoding: "windows-1252", source: "fallback" };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Valid multi-byte UTF-8 sequences at least as many as invalid bytes (`ratio` to one). Text in a
 * legacy encoding rarely holds a valid UTF-8 sequence at all (a lead byte 0xC2-0xF4 followed by
 * the right number of 0x80-0xBF bytes spells unlikely pairs such as "Ã©" in windows-1252), while
 * every one of its accented letters and curly quotes is an invalid byte; a UTF-8 text with one
 * quotation (two curly quotes) and one stray byte must still count as UTF-8.
 */
function isMostlyUtf8(c: { valid: number; invalid: number }, ratio = 1): boolean {
  return c.invalid > 0 && c.valid >= ratio * c.invalid;
}

/** U+FFFD made by decoding (those spelt in the bytes, EF BF BD, were there before). */
function countReplacements(text: string, bytes: Uint8Array): number {
  let made = 0;
  for (const c of text) if (c === "\ufffd") made++;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) made--;
  return made;
}

/** Valid multi-byte UTF-8 sequences, and bytes that start none (each becomes one U+FFFD). */
function utf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}
