// The README's rule table is generated from the catalogue; this fails when they drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { renderRulesTable, replaceRulesSection } from "../src/rules/doc.js";

test("README's rule catalogue matches src/rules/catalogue.ts (run npm run docs:rules)", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  assert.equal(replaceRulesSection(readme, renderRulesTable()), readme);
});

test("README's JSON report example names every field a real check report carries, and no other", async () => {
  const { createUnspin } = await import("../src/index.js");
  const { join } = await import("node:path");
  const { tempDir } = await import("./helpers/tmp.js");
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## JSON report (`unspin/report@1`)"), readme.indexOf("## Rule catalogue"));
  const example = section.slice(section.indexOf("```jsonc"), section.indexOf("```\n", section.indexOf("```jsonc") + 8));
  const named = new Set([...example.matchAll(/"([a-zA-Z]+)":/g)].map((m) => m[1]!));
  const examples = new URL("../examples/", import.meta.url).pathname;
  const unspin = createUnspin();
  const index = await unspin.openIndex(join(await tempDir("unspin-docs-"), "i.sqlite"));
  await index.add([join(examples, "original"), join(examples, "spun", "library-hours.txt")]);
  const spun = readFileSync(join(examples, "spun", "harbour-council.txt"), "utf8");
  const self = readFileSync(join(examples, "spun", "library-hours.txt"), "utf8");
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) {
      keys.add(k);
      walk(x);
    }
  };
  walk(await index.check(spun, { input: "spun.txt" }));
  await index.clusters();
  walk(await index.check(self));
  walk(unspin.intrinsic("Too short."));
  await index.close();
  // An original checked against its farm's later copy (dated: copies) and undated (directionInDoubt).
  const farm = await unspin.openIndex(join(await tempDir("unspin-docs-"), "farm.sqlite"));
  await farm.add([{ text: spun, url: "https://farm.example/harbour", published: "2026-10-05" }]);
  const original = readFileSync(join(examples, "original", "harbour-council.txt"), "utf8");
  walk(await farm.check({ text: original, published: "2026-10-02" }));
  walk(await farm.check(original));
  await farm.close();
  assert.deepEqual([...keys].filter((k) => !named.has(k)).sort(), [], "fields a report has that the README does not show");
  assert.deepEqual([...named].filter((k) => !keys.has(k)).sort(), [], "fields the README shows that no report has");
});
