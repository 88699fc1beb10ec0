// A text stitched from several articles is traced to each; the first source aligned may also
// find a chance passage inside the stretch another source explains word for word ("over the next
// three years. The plan, which will cost 9 million dollars" lined up with the harbour story's "the
// project will cost 48 million dollars" inside a paragraph copied from the cycling story). Left
// in, that passage invents edits ("the number 48 became 9") and counts toward its source's
// coverage. A passage lying mostly inside a much longer passage of another source that matches
// at least as well is such a chance alignment, and is dropped. Near-duplicate sources (one story
// indexed from two sites) align the same stretch with passages of similar length, and keep both.
import type { AlignedPassage } from "../align/index.js";
import type { SourceInput } from "../report/build.js";

/** Share of a passage's suspect units inside the other passage, from which it is shadowed. */
const INSIDE = 0.8;
/** How many times longer the other passage must be. */
const LONGER = 2;

const share = (p: AlignedPassage) => (p.units ? p.matched / p.units : 0);

function shadows(big: AlignedPassage, small: AlignedPassage): boolean {
  const len = small.suspect.end - small.suspect.start;
  const inside = Math.min(big.suspect.end, small.suspect.end) - Math.max(big.suspect.start, small.suspect.start);
  return len > 0 && inside >= INSIDE * len && big.suspect.end - big.suspect.start >= LONGER * len && share(big) >= share(small);
}

/** The sources with every passage another source's passage shadows taken out (the suspect's unit ranges are shared by all alignments). */
export function withoutShadowed(sources: readonly SourceInput[]): SourceInput[] {
  return sources.map((s, i) => {
    const others = sources.flatMap((o, j) => (j === i ? [] : o.alignment.passages));
    const passages = s.alignment.passages.filter((p) => !others.some((q) => shadows(q, p)));
    return passages.length === s.alignment.passages.length ? s : { ...s, alignment: { ...s.alignment, passages } };
  });
}
