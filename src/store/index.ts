// Opening an index by location. Only SQLite exists so far; a `redis://` location will pick the
// Redis Cluster backend once it is written, behind the same IndexStore interface.

import { UnspinError } from "../errors.js";
import { openSqliteStore } from "./sqlite.js";
import type { IndexStore, OpenStoreOptions } from "./types.js";

export { defaultIndexPath } from "./paths.js";
export { SCHEMA_VERSION } from "./schema.js";
export type * from "./types.js";

export async function openIndexStore(location: string, opts: OpenStoreOptions = {}): Promise<IndexStore> {
  if (/^rediss?:\/\//i.test(location)) {
    throw new UnspinError("USAGE", `${location}: the Redis backend is not available yet`, "use a file path for an SQLite index");
  }
  return openSqliteStore(location, opts);
}
