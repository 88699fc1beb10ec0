// `npm ci` refuses to install when package.json and package-lock.json disagree, and it resolves a
// dist-tag such as "latest" against the registry of the day: a dependency declared as
// `tar: "latest"` broke every clean install the day tar published a new version. This test makes
// the same checks offline, so a commit that would break `npm ci` fails here first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import semver from "semver";

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const root = new URL("../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string | Record<string, string>>;
};
const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as { lockfileVersion: number; packages: Record<string, LockEntry> };

/** The package name of a lock path such as node_modules/a/node_modules/@s/b. */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
}

/** Where Node (and npm) would find `dep` when required from the package at `from`. */
function resolve(from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${dep}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

/** The override that applies to `dep` below the package `parent`, if package.json declares one. */
function overrideFor(parent: string, dep: string): string | undefined {
  const o = pkg.overrides ?? {};
  const scoped = o[parent];
  if (scoped && typeof scoped === "object" && typeof scoped[dep] === "string") return scoped[dep];
  return typeof o[dep] === "string" ? (o[dep] as string) : undefined;
}

test("package-lock.json records exactly the dependencies package.json declares", () => {
  assert.equal(lock.lockfileVersion, 3);
  const rootEntry = lock.packages[""]!;
  assert.deepEqual(rootEntry.dependencies ?? {}, pkg.dependencies, "run `npm install` to update the lock file");
  assert.deepEqual(rootEntry.devDependencies ?? {}, pkg.devDependencies, "run `npm install` to update the lock file");
});

test("every locked package satisfies what depends on it, and no dependency is a moving dist-tag", () => {
  const problems: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue;
    const parent = path === "" ? "" : nameOf(path);
    const specs: [string, string, boolean][] = [
      ...Object.entries(entry.dependencies ?? {}).map(([d, s]): [string, string, boolean] => [d, s, false]),
      ...Object.entries(entry.optionalDependencies ?? {}).map(([d, s]): [string, string, boolean] => [d, s, true]),
      ...Object.entries(entry.peerDependencies ?? {}).map(([d, s]): [string, string, boolean] => [d, s, entry.peerDependenciesMeta?.[d]?.optional ?? true]),
    ];
    if (path === "") specs.push(...Object.entries(entry.devDependencies ?? {}).map(([d, s]): [string, string, boolean] => [d, s, false]));
    for (const [dep, declared, optional] of specs) {
      const spec = overrideFor(parent, dep) ?? declared;
      if (spec.startsWith("npm:") || spec.includes("/") || spec.startsWith("file:")) continue;
      if (semver.validRange(spec) === null) {
        problems.push(`${path || "(root)"} depends on ${dep}@"${spec}", a tag that moves with every release; pin it with "overrides" in package.json`);
        continue;
      }
      const at = resolve(path, dep);
      if (!at) {
        if (!optional) problems.push(`${path || "(root)"} needs ${dep}@${spec}, which the lock file does not hold`);
        continue;
      }
      const version = lock.packages[at]!.version;
      if (!version || !semver.satisfies(version, spec, { includePrerelease: true })) {
        problems.push(`${at}@${version} does not satisfy ${dep}@${spec} of ${path || "(root)"}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("every package in the lockfile supports the Node.js running the tests (npm warns EBADENGINE otherwise)", () => {
  const refused: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
    if (path && range && !semver.satisfies(process.versions.node, range, { includePrerelease: true })) refused.push(`${nameOf(path)}@${entry.version} wants node ${range}`);
  }
  assert.deepEqual(refused, [], "pin an older version in package.json overrides (light-my-request 6.6.0 keeps cookie 1.x, which runs on Node 20)");
});
