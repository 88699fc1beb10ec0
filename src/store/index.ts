// Opening an index by location: a `redis://` or `rediss://` URL is a Redis Cluster (redis/), any
// other location an SQLite file. Both behind the same IndexStore interface.

import { openSqliteStore } from "./sqlite.js";
import { isRedisLocation } from "./redis/location.js";
import type { IndexStore, OpenStoreOptions } from "./types.js";

export { defaultIndexPath } from "./paths.js";
export { SCHEMA_VERSION } from "./schema.js";
export type * from "./types.js";
export { isRedisLocation } from "./redis/location.js";

export async function openIndexStore(location: string, opts: OpenStoreOptions = {}): Promise<IndexStore> {
  if (!isRedisLocation(location)) return openSqliteStore(location, opts);
  // Loaded on first use: the CLI starts without the Redis client unless a location needs it.
  const { openRedisStore } = await import("./redis/store.js");
  return openRedisStore(location, opts);
}
