// Decoding bytes of web documents (HTML, feeds) whose encoding is declared somewhere, or not at
// all. Order, as browsers do it: a BOM wins, then the HTTP Content-Type charset, then the
// document's own declaration (<meta charset>, http-equiv, or the XML declaration), then
// detection. Node's TextDecoder (full ICU) knows the legacy encodings (windows-1252,
// iso-8859-x, shift_jis, gb18030, ...), and WHATWG label rules map e.g. iso-8859-1 to 1252.

import chardet from "chardet";
import { detectBom } from "./decode.js";

/** How far into a document to look for a declared charset (the HTML spec says 1024 bytes; pages often put it later). */
const PRESCAN_BYTES = 4096;

export interface Decoded {
  text: string;
  /** The encoding used, and where it came from, for diagnostics. */
  encoding: string;
  source: "bom" | "http" | "declared" | "utf-8" | "detected" | "fallback";
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

function tryDecoder(label: string | undefined, fatal: boolean): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal, ignoreBOM: true });
  } catch {
    return undefined; // an unknown label: fall through to the next clue
  }
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
  const guess = tryDecoder(chardet.detect(bytes) ?? undefined, false);
  if (guess && guess.encoding !== "utf-8") return { text: guess.decode(bytes), encoding: guess.encoding, source: "detected" };
  return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252", source: "fallback" };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
