// Texts written for the report tests: three near-duplicates of one story (a syndicated article
// indexed from three sites) and British prose with straight quotes.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const examples = new URL("../../examples/", import.meta.url).pathname;
const original = readFileSync(join(examples, "original", "harbour-council.txt"), "utf8");

/** Three near-duplicates of one story (a syndicated article indexed from three sites). */
export const NEAR_DUPLICATES = [
  original,
  original.replace("approved a plan", "backed a plan").replace("Tuesday", "Tuesday evening"),
  original.replace("after long debate", "after lengthy debate").replace("Opponents argued", "Opponents claimed"),
];

export const BRITISH = `The minister said she was sceptical about the finalised plan, but her favourite part was the new colour scheme for the harbour. "We have organised the consultation carefully," she said, adding that the visitor centre would open in the autumn. Critics were not convinced, and the neighbourhood association said it would analyse the proposals before the council meets again.

The decision follows months of talks with residents, who had criticised the earlier design as too expensive. The council's spokesman said the labour costs had been underestimated and that the defence of the budget in the chamber would be difficult.`;

