export type * from "./types.js";
export { analyzeText } from "./analyze.js";
export { normalizeWord } from "./scan.js";
