// Article ids are content hashes, so the same text reached through two URLs or added twice is
// one document. The hash covers a normalised form (Unicode NFC, runs of white space collapsed,
// trimmed) because re-serialisation of the same page often changes only spacing and newlines.

import { createHash } from "node:crypto";

export function normaliseForId(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** First 16 hex digits (64 bits) of SHA-1: collisions are negligible below billions of articles. */
export function articleId(text: string): string {
  return createHash("sha1").update(normaliseForId(text), "utf8").digest("hex").slice(0, 16);
}
