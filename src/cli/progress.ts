// Progress on stderr for long work: documents, MB, rate, ETA. Only on a TTY (a piped or CI run
// gets the final summary alone), and never on stdout, which carries reports.
import cliProgress from "cli-progress";

export interface Progress {
  update(docs: number, bytes: number): void;
  stop(): void;
}

const NONE: Progress = { update() {}, stop() {} };

/** `noun` names what is counted: "docs" for add, "checked" for check. */
export function startProgress(stream: NodeJS.WritableStream, totalBytes: number | undefined, noun = "docs"): Progress {
  if (!(stream as NodeJS.WriteStream).isTTY) return NONE;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: totalBytes ? `{bar} {percentage}% | {docs} ${noun} | {mb} MB | {rate} docs/s | ETA {eta_formatted}` : `{docs} ${noun} | {mb} MB | {rate} docs/s`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes ?? 1, 0, { docs: 0, mb: "0.0", rate: 0 });
  return {
    update(docs, bytes) {
      const secs = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(totalBytes ? Math.min(bytes, totalBytes) : 0, { docs, mb: (bytes / 1e6).toFixed(1), rate: Math.round(docs / secs) });
    },
    stop() {
      bar.stop();
    },
  };
}
