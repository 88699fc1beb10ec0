// Regenerates the rule catalogue section of README.md from src/rules/catalogue.ts, so the docs
// and the code cannot drift apart (test/docs.test.ts fails when they do).
import { readFileSync, writeFileSync } from "node:fs";
import { renderRulesTable, replaceRulesSection } from "../src/rules/doc.js";

const path = new URL("../README.md", import.meta.url);
const readme = readFileSync(path, "utf8");
const next = replaceRulesSection(readme, renderRulesTable());
if (next !== readme) writeFileSync(path, next);
console.log(next === readme ? "README rule table is up to date" : "README rule table regenerated");
