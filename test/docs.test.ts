// The README's rule table is generated from the catalogue; this fails when they drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { renderRulesTable, replaceRulesSection } from "../src/rules/doc.js";

test("README's rule catalogue matches src/rules/catalogue.ts (run npm run docs:rules)", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  assert.equal(replaceRulesSection(readme, renderRulesTable()), readme);
});
