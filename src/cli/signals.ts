// Ctrl-C for long commands: the first one asks the work to stop at the next safe point (add
// finishes the batch in hand; check stops after the article in hand and keeps every report
// already written); a second one stops at once. Either way the exit status is 130, so scripts
// can tell an interrupted run from a finished one.
export const EXIT_INTERRUPTED = 130;

export interface Interruptible {
  readonly signal: AbortSignal;
  dispose(): void;
}

export function interruptible(onFirst?: () => void): Interruptible {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    onFirst?.();
    controller.abort();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
