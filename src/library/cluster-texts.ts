// The stored texts of a clusters report's members: what its HTML rendering shows side by side.
import type { ClustersReport, UnspinIndex } from "./types.js";

export async function clusterMemberTexts(index: UnspinIndex, report: ClustersReport): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const c of report.clusters) {
    for (const m of c.members) {
      if (texts.has(m.id)) continue;
      const d = await index.get(m.id);
      if (d) texts.set(m.id, d.text);
    }
  }
  return texts;
}
