// Process-level tuning that the entry points (the CLI launcher, the benchmarks that stand in for
// it) apply before any work. The source-free detector allocates many short-lived objects per
// document (tokens, judgements, candidate scores); with V8's default young generation (16 MB
// semi-spaces) part of a document's objects outlive a scavenge and are copied and promoted.
// 32 MB semi-spaces let more of them die young: on the intrinsic benchmark 5-10% faster in
// interleaved runs (more in some plain-node runs) and a lower peak RSS (BENCHMARKS.md, 2026-11-29).
import { setFlagsFromString } from "node:v8";

export const YOUNG_SEMI_SPACE_MB = 32;

/** Applies the heap tuning unless the user chose a semi-space size (NODE_OPTIONS or node flags). */
export function tuneHeap(): void {
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("semi-space-size"));
  if (!chosen) setFlagsFromString(`--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`);
}
