// A document the suspect was traced to may be the suspect's own copy: a content farm's spun copy
// of the very article being checked, indexed before it. Listed as the suspect's source, it makes
// the original read as a spun copy of its copy. Who copied whom is decided as clusters decide it
// (src/cluster/direction.ts), with what each kind of evidence can bear here:
// - publication dates, when both are known and the document is the later one: it is a copy of the
//   suspect, not its source, and is left out of the sources (`copies`);
// - the text alone (the spinner's traces, tokenizer debris and mangled non-words, in the
//   document's aligned passages and none in the suspect's, the balance pointing at the suspect as
//   the original) only raises a doubt, said in a note: a copy can also be cleaner than its
//   original. PAN 2013's round-trip translations of scraped pages are (eval/results/retrieval.md,
//   session 7: leaving such sources out cost 16 points of translation recall on the test split).
import type { Text } from "../text/types.js";
import type { Lexicon } from "../lexicon/types.js";
import type { SourceInput } from "../report/build.js";
import { copyDirection, dateOrder } from "./direction.js";
import { passageChars } from "./examine.js";

/** An indexed document that is a copy of the suspect (published later), not its source. */
export interface CopyOfSuspect {
  id: string;
  url?: string;
  title?: string;
  /** Why, in words. */
  why: string;
}

export interface DirectionCheck {
  /** The suspect's sources. */
  sources: SourceInput[];
  /** Left out: published after the suspect. */
  copies: CopyOfSuspect[];
  /** Kept, but the text suggests they copied the suspect: the source and one sentence saying why. */
  doubts: { id: string; url?: string; note: string }[];
}

/** A date as stored ("2026-10-05T00:00:00.000Z" for a day), shown as the day when no time was given. */
const day = (d: string) => d.replace(/T00:00(:00(\.000)?)?Z$/, "");

export function checkDirection(suspect: Text, sources: readonly SourceInput[], lexicon: Lexicon, published?: string): DirectionCheck {
  const out: DirectionCheck = { sources: [], copies: [], doubts: [] };
  for (const s of sources) {
    const name = s.url ?? s.id;
    if (dateOrder(published, s.published) < 0) {
      out.copies.push({ id: s.id, ...(s.url ? { url: s.url } : {}), ...(s.title ? { title: s.title } : {}), why: `published ${day(s.published!)}, after this text (${day(published!)})` });
      continue;
    }
    out.sources.push(s);
    const a = s.alignment;
    if (a.passages.length === 0) continue;
    const chars = passageChars(a, suspect, s.text);
    const ranges = { a: chars.map((c) => c.suspect), b: chars.map((c) => c.source) };
    const dir = copyDirection({ text: suspect }, { text: s.text }, a, true, ranges, lexicon);
    const mine = dir.evidence.text.a;
    const theirs = dir.evidence.text.b;
    if (dir.original === "a" && theirs.debris + theirs.nonWords > 0 && mine.debris + mine.nonWords === 0) {
      const note = `${name} may be a copy of this text rather than its source: ${dir.evidence.note.replace(/^the copy carries/, "it carries")}, and this text none; with no dates to decide, it is listed as the source`;
      out.doubts.push({ id: s.id, ...(s.url ? { url: s.url } : {}), note });
    }
  }
  return out;
}
