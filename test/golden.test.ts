// Golden cases: one folder per case under test/golden with source.txt, suspect.txt, case.json
// (options and hand-written expectations: verdict and rules that must appear) and expected.json
// (the full report, a snapshot). `npm run golden:update` rewrites the snapshots; the hand-written
// expectations are never rewritten.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createUnspin } from "../src/index.js";
import { RULES } from "../src/rules/catalogue.js";
import type { Report } from "../src/report/schema.js";

const dir = new URL("./golden/", import.meta.url).pathname;
const update = process.env.UNSPIN_UPDATE_GOLDEN === "1";
const unspin = createUnspin();
const seenRules = new Set<string>();

interface CaseSpec {
  expect: { verdict: string | string[]; rules: string[] };
}

const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

for (const name of cases) {
  test(`golden: ${name}`, () => {
    const read = (f: string) => readFileSync(join(dir, name, f), "utf8");
    const spec = JSON.parse(read("case.json")) as CaseSpec;
    const suspect = read("suspect.txt");
    const source = read("source.txt");
    const report: Report = unspin.compare(suspect, { text: source, id: "source" }, { input: "suspect.txt" });

    const rules = new Set(report.findings.map((f) => f.rule));
    rules.forEach((r) => seenRules.add(r));
    const verdicts = Array.isArray(spec.expect.verdict) ? spec.expect.verdict : [spec.expect.verdict];
    assert.ok(verdicts.includes(report.verdict), `verdict ${report.verdict}, expected ${verdicts.join(" or ")}`);
    for (const r of spec.expect.rules) assert.ok(rules.has(r as never), `rule ${r} expected among ${[...rules].join(", ")}`);
    // Every place points at exactly its characters.
    for (const f of report.findings) {
      assert.equal(suspect.slice(f.suspect.start, f.suspect.end), f.suspect.text);
      if (f.source) assert.equal(source.slice(f.source.start, f.source.end), f.source.text);
    }

    const expectedPath = join(dir, name, "expected.json");
    const actual = JSON.stringify(report, null, 2) + "\n";
    if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
    else assert.equal(actual, readFileSync(expectedPath, "utf8"), `report of ${name} changed; run npm run golden:update and review the diff`);
  });
}

test("golden cases cover every alignment and text rule of the catalogue", () => {
  const needed = RULES.filter((r) => r.stage === "align" || r.stage === "text").map((r) => r.id);
  const missing = needed.filter((r) => !seenRules.has(r));
  assert.deepEqual(missing, []);
});
