// `unspin clusters`: the progress bar, Ctrl-C and the output formats; the clustering is the
// library's (src/library/clusters.ts).
import cliProgress from "cli-progress";
import { clusterMemberTexts, type ClustersProgress, type ClustersReport, type UnspinIndex } from "../unspin.js";
import { renderClusters, type ClustersFormat } from "../report/clusters-render.js";
import { interruptible } from "./signals.js";
import { useColor, writeOut } from "./output.js";


const PHASES: Record<ClustersProgress["phase"], string> = {
  postings: "reading postings",
  candidates: "counting pairs  ",
  align: "aligning pairs  ",
  clusters: "clustering      ",
};

/** A bar per phase on a terminal; nothing when stderr is not one. */
function progressBar(stream: NodeJS.WritableStream): { update(p: ClustersProgress): void; stop(): void } {
  if (!(stream as NodeJS.WriteStream).isTTY) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  let phase = "";
  return {
    update(p) {
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar(
          {
            stream: stream as NodeJS.WriteStream,
            format: p.total !== undefined ? `${PHASES[p.phase]} {bar} {value}/{total} | {edges} edges | ETA {eta_formatted}` : `${PHASES[p.phase]} {value} | {edges} edges`,
            hideCursor: true,
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total ?? 0, 0, { edges: 0 });
      }
      if (p.total !== undefined) bar!.setTotal(p.total);
      bar!.update(p.done, { edges: p.edges });
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function runClusters(
  index: UnspinIndex,
  o: { minSimilarity: number; rebuild: boolean; stderr: NodeJS.WritableStream },
): Promise<ClustersReport> {
  const bar = progressBar(o.stderr);
  const stop = interruptible(() => o.stderr.write("\nunspin: stopping after the pair in hand; the edges found are kept (Ctrl-C again to stop at once)\n"));
  try {
    return await index.clusters({ minSimilarity: o.minSimilarity, rebuild: o.rebuild, signal: stop.signal, onProgress: (p) => bar.update(p) });
  } finally {
    bar.stop();
    stop.dispose();
  }
}

export async function writeClusters(index: UnspinIndex, report: ClustersReport, format: ClustersFormat, out: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  const texts = format === "html" ? await clusterMemberTexts(index, report) : undefined;
  await writeOut(renderClusters(report, format, { ...(texts ? { texts } : {}), color: !out && useColor(stdout) }), out, stdout);
}
