// The IndexStore on a Redis Cluster (key layout: slots.ts; scripts: scripts.ts; durability: the
// README's "Redis Cluster" section).
//
// A batch is written in steps, each a set of idempotent scripts grouped by slot and sent in
// parallel (ioredis pipelines the commands of one tick per node):
//   1. read which ids are stored; 2. take numbers for the others (INCRBY) and claim them per id
//   (so a retried batch reuses its numbers); 3. write postings and URL entries; 4. create the
//   records, counting documents, URLs and postings in the same script; 5. mark the ids stored;
//   6. count sites; 7. detach moved URLs. A document is visible to hasDocument only after step 5,
//   by which time its postings are written.
// Before a step that depends on earlier ones (numbers before claims, claims before postings) and
// at the end, WAIT makes every master that was written confirm the writes on `wait` replicas, and
// the slot map is compared with the one at the start: a failover in between (a write may have been
// acknowledged by a master that died before replicating it) fails the attempt, and the whole batch
// is written again, which finds what survived and finishes the rest. A batch is acknowledged only
// when an attempt gets through.
import { Cluster, type Redis } from "ioredis";
import { deflateSync, inflateSync, constants as zlib } from "node:zlib";
import { randomBytes } from "node:crypto";
import { UnspinError } from "../../errors.js";
import { checkKey, distinctKeys } from "../keys.js";
import type {
  BlobWrite, DocumentInput, EdgeRecord, IndexStats, IndexStore, NumberedDocument, OpenStoreOptions, PostingGroupsOptions, PutOptions, PutResult, RemoveInput, StoredDocument,
} from "../types.js";
import { decodeRecord, encodeRecord, ID_HEAD, recordId } from "./record.js";
import { GROUPS, Layout, RECORD_RUN } from "./slots.js";
import { SCRIPTS, type ScriptName } from "./scripts.js";
import { parseRedisLocation, type RedisLocation } from "./location.js";

/** Version of the key layout and record format; an index with a higher one is refused. */
export const REDIS_SCHEMA_VERSION = 1;
const FORMAT = "unspin-redis";
/** Blobs are cut into chunks of this many bytes before compression (no 32 MB single value). */
const CHUNK = 1 << 20;
const MAX_NUMBER = 2 ** 32 - 1;
/** documentIds reads whole records for at most this many numbers (see there). */
const PREFETCH = 64;

type Arg = string | Buffer | number;

/** Attempts repeated by this process, and why the last one was (for tests and diagnostics). */
export const redisRetries = { count: 0, last: "" };

/** A write not confirmed (by its replicas, or because the slot map changed meanwhile): the attempt is repeated. */
class NotConfirmed extends Error {}

const RETRIABLE = /Connection is closed|CLUSTERDOWN|TRYAGAIN|MOVED|ASK |Too many Cluster redirections|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|READONLY|LOADING|MASTERDOWN|NOREPLICAS|None of startup nodes|Cluster isn't ready|Failed to refresh slots cache|Command timed out|Stream isn't writeable|Connection is in subscriber mode/;

function retriable(e: unknown): boolean {
  return e instanceof NotConfirmed || (e instanceof Error && RETRIABLE.test(e.message));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function unpack(b: Buffer, max: number): number[] {
  const seen = new Set<number>();
  for (let i = 0; i + 4 <= b.length && seen.size < max; i += 4) seen.add(b.readUInt32BE(i));
  return [...seen];
}

/** The written slots of one attempt, and the master of each when the attempt began. */
class Round {
  readonly slots = new Set<number>();
  constructor(readonly masters: readonly (string | undefined)[]) {}
}

interface Item {
  id: string;
  doc: DocumentInput;
  urls: string[];
  keys: number[];
  number?: number;
  stored?: boolean;
}

export async function openRedisStore(location: string, opts: OpenStoreOptions = {}): Promise<IndexStore> {
  const loc = parseRedisLocation(location);
  const readonly = opts.readonly ?? false;
  const create = opts.create ?? !readonly;
  const cluster = new Cluster(loc.nodes, {
    enableAutoPipelining: true,
    // Scripts take a variable number of keys, which the auto-pipeline cannot route (it would
    // take the key count for the first key); they go out one by one, on the same connections.
    autoPipeliningIgnoredCommands: Object.keys(SCRIPTS),
    scaleReads: "master",
    retryDelayOnFailover: 300,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 100,
    maxRedirections: 32,
    slotsRefreshTimeout: 3000,
    clusterRetryStrategy: (times) => (times > 10 ? null : Math.min(200 * times, 2000)),
    redisOptions: {
      connectTimeout: 5000,
      ...(loc.username ? { username: loc.username } : {}),
      ...(loc.password ? { password: loc.password } : {}),
      ...(loc.tls ? { tls: {} } : {}),
    },
  });
  for (const [name, lua] of Object.entries(SCRIPTS)) cluster.defineCommand(name, { lua });
  cluster.on("error", () => {}); // surfaces on the commands; an unhandled 'error' event would end the process
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer within 15 s")), 15_000);
      cluster.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
      cluster.once("end", () => {
        clearTimeout(timer);
        reject(new Error("the cluster closed the connection"));
      });
    });
  } catch (e) {
    cluster.disconnect();
    throw new UnspinError("INDEX_UNAVAILABLE", `${loc.display}: cannot reach a ready Redis Cluster (${e instanceof Error ? e.message : String(e)})`, "check the host:port list and that `redis-cli -c -p PORT cluster info` says cluster_state:ok", { cause: e });
  }
  try {
    const store = new RedisStore(cluster, loc, readonly);
    await store.init(create);
    return store;
  } catch (e) {
    cluster.disconnect();
    throw e;
  }
}

class RedisStore implements IndexStore {
  readonly location: string;
  private layout: Layout;
  private version = REDIS_SCHEMA_VERSION;

  constructor(
    private readonly cluster: Cluster,
    private readonly loc: RedisLocation,
    private readonly readonly: boolean,
  ) {
    this.location = loc.display;
    this.layout = new Layout(`${loc.name}:`, loc.buckets);
  }

  // --- opening ---------------------------------------------------------------------------------

  async init(create: boolean): Promise<void> {
    const key = `${this.layout.meta}:layout`;
    let layout = await this.cluster.hgetall(key);
    if (!layout["format"]) {
      if (!create) {
        throw new UnspinError("INDEX_MISSING", `${this.location}: no unspin index named "${this.loc.name}" on this cluster`, "build one with `unspin add PATH... --store redis://...`, or check the index name after the hosts");
      }
      // HSETNX: two writers creating the index at once agree on the first one's layout.
      await this.cluster.hsetnx(key, "buckets", String(this.loc.buckets));
      await this.cluster.hsetnx(key, "version", String(REDIS_SCHEMA_VERSION));
      await this.cluster.hsetnx(key, "created", new Date().toISOString());
      await this.cluster.hsetnx(key, "format", FORMAT);
      layout = await this.cluster.hgetall(key);
    }
    if (layout["format"] !== FORMAT) {
      throw new UnspinError("INDEX_CORRUPT", `${this.location}: the keys named "${this.loc.name}:" are not an unspin index`, "give another index name after the hosts (redis://host:port/NAME)");
    }
    const version = Number(layout["version"]);
    if (!(version >= 1) || version > REDIS_SCHEMA_VERSION) {
      throw new UnspinError("INDEX_VERSION", `${this.location}: index schema version ${layout["version"]} is newer than this unspin understands (up to ${REDIS_SCHEMA_VERSION})`, "upgrade unspin, or build a new index under another name");
    }
    this.version = version;
    this.layout = new Layout(`${this.loc.name}:`, Number(layout["buckets"]));
  }

  // --- plumbing --------------------------------------------------------------------------------

  private script(name: ScriptName, keys: readonly string[], args: readonly Arg[]): Promise<unknown> {
    const fn = (this.cluster as unknown as Record<string, (...a: Arg[]) => Promise<unknown>>)[name]!;
    return fn.call(this.cluster, keys.length, ...keys, ...args);
  }

  private writable(): void {
    if (this.readonly) throw new UnspinError("USAGE", `${this.location}: opened read-only`, "open the index without { readonly: true } to write");
  }

  private round(): Round {
    return new Round(this.cluster.slots.map((s) => s?.[0]));
  }

  private master(key: string): Redis | undefined {
    return this.cluster.nodes("master").find((n) => `${n.options.host}:${n.options.port}` === key);
  }

  /**
   * The writes of `round` are on `wait` replicas of each master that took them, and no slot
   * changed master since the round began; else NotConfirmed (the attempt is repeated).
   */
  private async confirm(round: Round): Promise<void> {
    const masters = new Set<string>();
    const check = () => {
      for (const s of round.slots) {
        const now = this.cluster.slots[s]?.[0];
        if (now === undefined || now !== round.masters[s]) throw new NotConfirmed(`slot ${s} moved from ${round.masters[s]} to ${now} during the batch`);
        masters.add(now);
      }
    };
    check();
    if (this.loc.wait > 0) {
      await Promise.all(
        [...masters].map(async (key) => {
          const node = this.master(key);
          if (!node) throw new NotConfirmed(`master ${key} is gone`);
          const acked = Number(await node.call("WAIT", this.loc.wait, this.loc.waitTimeout));
          if (acked < this.loc.wait) throw new NotConfirmed(`master ${key} had the batch on ${acked} of ${this.loc.wait} replica(s) after ${this.loc.waitTimeout} ms`);
        }),
      );
      check();
    }
  }

  /** Runs an attempt until it gets through, through failovers, up to retryTimeout. */
  private async retrying<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.loc.retryTimeout;
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        if (!retriable(e)) throw e;
        redisRetries.count++;
        redisRetries.last = e instanceof Error ? e.message : String(e);
        if (Date.now() > deadline) {
          const why = e instanceof Error ? e.message : String(e);
          const hint =
            e instanceof NotConfirmed && /replica/.test(why)
              ? "start the missing replica, or give ?wait=0 in the location to accept writes the masters alone hold"
              : "check the cluster (redis-cli --cluster check HOST:PORT); running the command again finishes the job";
          throw new UnspinError("INDEX_UNAVAILABLE", `${this.location}: ${what} failed for ${Math.round(this.loc.retryTimeout / 1000)} s (${why})`, hint, { cause: e });
        }
        await sleep(Math.min(2000, 100 * 2 ** n));
        await new Promise<void>((r) => this.cluster.refreshSlotsCache(() => r()));
      }
    }
  }

  /** Numbers of stored ids (negative: being deleted), read in parallel. */
  private async numbersOf(ids: readonly string[]): Promise<(number | undefined)[]> {
    return Promise.all(
      ids.map(async (id) => {
        const v = await this.cluster.hget(this.layout.id(id).index, id);
        return v === null ? undefined : Number(v);
      }),
    );
  }

  /** Runs one script per slot over items grouped by slot. */
  private async perSlot<T, R>(round: Round, items: readonly T[], slotOf: (x: T) => number, run: (slot: number, group: T[]) => Promise<R[]>): Promise<Map<T, R>> {
    const groups = new Map<number, T[]>();
    for (const x of items) {
      const s = slotOf(x);
      let g = groups.get(s);
      if (!g) groups.set(s, (g = []));
      g.push(x);
    }
    const out = new Map<T, R>();
    await Promise.all(
      [...groups].map(async ([slot, group]) => {
        round.slots.add(slot);
        const res = await run(slot, group);
        group.forEach((x, i) => out.set(x, res[i]!));
      }),
    );
    return out;
  }

  /** Adds (or removes) document numbers to (from) the posting lists of keys. */
  private async writePostings(round: Round, entries: readonly { number: number; keys: readonly number[] }[], remove: boolean): Promise<void> {
    // slot -> bucket -> key remainder -> numbers; all numeric (a batch has ~40,000 postings).
    const B = this.layout.buckets;
    const bySlot = new Map<number, Map<number, Map<number, number[]>>>();
    for (const e of entries) {
      for (const k of e.keys) {
        const b = k % B;
        const r = Math.floor(k / B);
        const slot = this.layout.bucketSlot(b);
        let buckets = bySlot.get(slot);
        if (!buckets) bySlot.set(slot, (buckets = new Map()));
        let fields = buckets.get(b);
        if (!fields) buckets.set(b, (fields = new Map()));
        const list = fields.get(r);
        if (list) list.push(e.number);
        else fields.set(r, [e.number]);
      }
    }
    await Promise.all(
      [...bySlot].map(([slot, buckets]) => {
        round.slots.add(slot);
        const keys: string[] = [];
        const args: Buffer[] = [];
        for (const [b, fields] of buckets) {
          // A list's count is 2 bytes: a longer one (a removal of many documents) goes in parts.
          let size = 0;
          for (const numbers of fields.values()) size += 7 * Math.ceil(numbers.length / 0xffff) + 4 * numbers.length;
          const blob = Buffer.allocUnsafe(size);
          let at = 0;
          for (const [r, numbers] of fields) {
            for (let from = 0; from < numbers.length; from += 0xffff) {
              const part = numbers.length <= 0xffff ? numbers : numbers.slice(from, from + 0xffff);
              at = blob.writeUIntBE(r, at, 5);
              at = blob.writeUInt16BE(part.length, at);
              for (const n of part) at = blob.writeUInt32BE(n, at);
            }
          }
          keys.push(this.layout.bucket(b));
          args.push(blob);
        }
        return this.script(remove ? "unspinRemovePostings" : "unspinAddPostings", keys, args);
      }),
    );
  }

  private async countSites(round: Round, entries: readonly { number: number; site: string; delta: 1 | -1 }[]): Promise<void> {
    if (entries.length === 0) return;
    round.slots.add(this.layout.metaSlot);
    await this.script("unspinSites", [`${this.layout.meta}:sites`, `${this.layout.meta}:sitebits`], entries.flatMap((e) => [e.number, e.site, e.delta]));
  }

  /**
   * Deletes records (url '') or takes a URL from each (deleting records left without one), with
   * their postings, id entries and site counts. The id is marked as being deleted first, so a
   * crash halfway leaves no id pointing at a missing document.
   */
  private async deleteRecords(round: Round, items: readonly { id: string; number: number; url: string; keys: readonly number[] }[]): Promise<Map<(typeof items)[number], [number, number, string]>> {
    await Promise.all(items.map((x) => (round.slots.add(this.layout.id(x.id).slot), this.cluster.hset(this.layout.id(x.id).index, x.id, String(-x.number)))));
    const results = await this.perSlot(round, items, (x) => this.layout.recordSlot(x.number), async (_slot, group) => {
      const g = this.layout.recordGroup(group[0]!.number);
      return (await this.script("unspinDelete", [this.layout.counters(g), ...group.map((x) => this.layout.record(x.number))], group.map((x) => x.url))) as [number, number, string][];
    });
    const gone = items.filter((x) => results.get(x)![0] === 1);
    const kept = items.filter((x) => results.get(x)![0] !== 1 && !gone.some((y) => y.id === x.id));
    await Promise.all([
      ...gone.map((x) => this.cluster.hdel(this.layout.id(x.id).index, x.id)),
      ...kept.map((x) => this.cluster.hset(this.layout.id(x.id).index, x.id, String(x.number))),
      this.countSites(round, gone.map((x) => ({ number: x.number, site: results.get(x)![2], delta: -1 as const }))),
      this.writePostings(round, gone.map((x) => ({ number: x.number, keys: distinctKeys(x.keys) })), true),
      this.dropEdgesOf(round, gone.map((x) => x.number)),
    ]);
    return results;
  }

  // --- edges -----------------------------------------------------------------------------------

  private async edgeGeneration(): Promise<number> {
    return Number((await this.cluster.get(`${this.layout.meta}:edgegen`)) ?? 0);
  }

  /** Runs PUT_EDGES or DROP_EDGES per record slot over (number, args) entries. */
  private async edgeScript(round: Round, name: "unspinPutEdges" | "unspinDropEdges", gen: number, entries: readonly { n: number; args: Arg[] }[]): Promise<Map<(typeof entries)[number], unknown>> {
    return this.perSlot(round, entries, (e) => this.layout.recordSlot(e.n), async (_slot, group) => {
      const g = this.layout.recordGroup(group[0]!.n);
      const keys = [this.layout.counters(g), this.layout.edgeSet(g, gen), ...group.map((e) => this.layout.edges(e.n, gen))];
      const res = await this.script(name, keys, [gen, ...group.flatMap((e) => [e.n, ...e.args])]);
      return name === "unspinDropEdges" ? (res as unknown[]) : group.map(() => 1);
    });
  }

  /** Deletes the edges of deleted documents, on both sides. */
  private async dropEdgesOf(round: Round, numbers: readonly number[]): Promise<void> {
    if (numbers.length === 0) return;
    const gen = await this.edgeGeneration();
    const own = await this.edgeScript(round, "unspinDropEdges", gen, numbers.map((n) => ({ n, args: ["*"] })));
    const others: { n: number; args: Arg[] }[] = [];
    for (const [e, held] of own) for (const other of held as string[]) others.push({ n: Number(other), args: [e.n] });
    if (others.length) await this.edgeScript(round, "unspinDropEdges", gen, others);
  }

  async putEdges(edges: readonly EdgeRecord[], meta: Readonly<Record<string, string>> = {}): Promise<void> {
    this.writable();
    for (const e of edges) if (!(e.a < e.b)) throw new RangeError(`an edge's ids must be in order (a < b): ${e.a}, ${e.b}`);
    await this.retrying("writing edges", async () => {
      const round = this.round();
      const gen = await this.edgeGeneration();
      const ids = [...new Set(edges.flatMap((e) => [e.a, e.b]))];
      const at = new Map(ids.map((id, i) => [id, i]));
      const found = await this.numbersOf(ids);
      const num = (id: string) => found[at.get(id)!] ?? 0;
      const entries: { n: number; args: Arg[] }[] = [];
      for (const e of edges) {
        const a = num(e.a);
        const b = num(e.b);
        if (a <= 0 || b <= 0) continue;
        entries.push({ n: a, args: [b, `=${e.payload}`] }, { n: b, args: [a, "<"] });
      }
      // Each adjacency hash once per script call: later entries for a pair replace earlier ones.
      const last = new Map<string, { n: number; args: Arg[] }>();
      for (const x of entries) last.set(`${x.n}:${x.args[0]}`, x);
      if (last.size) await this.edgeScript(round, "unspinPutEdges", gen, [...last.values()]);
      if (Object.keys(meta).length) {
        round.slots.add(this.layout.metaSlot);
        await this.cluster.hset(this.layout.meta, meta);
      }
      await this.confirm(round);
    });
  }

  async clearEdges(meta: Readonly<Record<string, string>> = {}): Promise<void> {
    this.writable();
    const old = await this.edgeGeneration();
    await this.retrying("clearing edges", async () => {
      const round = this.round();
      round.slots.add(this.layout.metaSlot);
      await this.script("unspinNewEdgeGeneration", [`${this.layout.meta}:edgegen`, this.layout.meta], Object.entries(meta).flat());
      await this.confirm(round);
    });
    // The old generation is invisible now; its keys go (a crash here leaves them for the next clear).
    for (let gen = old; gen >= Math.max(0, old - 1); gen--) {
      await Promise.all(
        Array.from({ length: GROUPS }, async (_, g) => {
          const set = this.layout.edgeSet(g, gen);
          const members = await this.cluster.smembers(set);
          await Promise.all(members.map((n) => this.cluster.del(this.layout.edges(Number(n), gen))));
          await this.cluster.del(set);
          await this.cluster.hdel(this.layout.counters(g), `e${gen}`);
        }),
      );
    }
  }

  /** Owned edges of documents (by number): [owner, other, payload]. */
  private async ownedEdges(numbers: readonly number[], gen: number): Promise<[number, number, string][]> {
    const out: [number, number, string][] = [];
    const hashes = await Promise.all(numbers.map((n) => this.cluster.hgetall(this.layout.edges(n, gen))));
    numbers.forEach((n, i) => {
      for (const [other, v] of Object.entries(hashes[i]!)) if (v.startsWith("=")) out.push([n, Number(other), v.slice(1)]);
    });
    return out;
  }

  /** Named edges; an edge whose document is gone (a deletion cut short) is left out. */
  private async named(edges: readonly [number, number, string][]): Promise<EdgeRecord[]> {
    const ids = await this.documentIds([...new Set(edges.flatMap(([a, b]) => [a, b]))]);
    return edges.flatMap(([a, b, payload]) => (ids.has(a) && ids.has(b) ? [{ a: ids.get(a)!, b: ids.get(b)!, payload }] : []));
  }

  async *edges(): AsyncIterable<EdgeRecord[]> {
    const gen = await this.edgeGeneration();
    for (let g = 0; g < GROUPS; g++) {
      const members = (await this.cluster.smembers(this.layout.edgeSet(g, gen))).map(Number);
      for (let i = 0; i < members.length; i += 1000) {
        const batch = await this.named(await this.ownedEdges(members.slice(i, i + 1000), gen));
        if (batch.length) yield batch;
      }
    }
  }

  async edgesOf(ids: readonly string[]): Promise<EdgeRecord[]> {
    const gen = await this.edgeGeneration();
    const numbers = (await this.numbersOf([...new Set(ids)])).filter((n): n is number => (n ?? 0) > 0);
    const hashes = await Promise.all(numbers.map((n) => this.cluster.hgetall(this.layout.edges(n, gen))));
    const owners = new Set<number>();
    numbers.forEach((n, i) => {
      for (const [other, v] of Object.entries(hashes[i]!)) owners.add(v.startsWith("=") ? n : Number(other));
    });
    const mine = new Set(numbers);
    const all = await this.ownedEdges([...owners], gen);
    const seen = new Set<string>();
    return this.named(
      all.filter(([a, b]) => {
        const k = `${a}:${b}`;
        if (seen.has(k) || !(mine.has(a) || mine.has(b))) return false;
        seen.add(k);
        return true;
      }),
    );
  }

  // --- writing ---------------------------------------------------------------------------------

  async putDocuments(batch: readonly DocumentInput[], options: PutOptions = {}): Promise<PutResult> {
    this.writable();
    const items = new Map<string, Item>();
    for (const d of batch) {
      if (!d.id || typeof d.id !== "string" || typeof d.text !== "string") throw new TypeError("a document needs an id and a text");
      const keys = distinctKeys(d.keys ?? []);
      let it = items.get(d.id);
      if (!it) items.set(d.id, (it = { id: d.id, doc: d, urls: [], keys }));
      if (d.url && !it.urls.includes(d.url)) it.urls.push(d.url);
    }
    for (const x of options.detach ?? []) distinctKeys(x.keys);
    const added = new Set<string>();
    const urlsAdded = new Map<string, number>();
    const updated = new Set<string>();
    const removed = new Set<string>();
    await this.retrying("writing a batch", async () => {
      const list = [...items.values()];
      // 1. which ids are stored
      let round = this.round();
      const known = await this.numbersOf(list.map((x) => x.id));
      list.forEach((x, i) => {
        x.stored = (known[i] ?? 0) > 0;
        x.number = x.stored ? known[i] : undefined;
      });
      // 2. numbers for the others, durable before any is used, then claimed per id
      const fresh = list.filter((x) => !x.stored);
      if (fresh.length) {
        const high = await this.cluster.incrby(`${this.layout.meta}:seq`, fresh.length);
        if (high > MAX_NUMBER) throw new RangeError(`the index ran out of document numbers (${high})`);
        round.slots.add(this.layout.metaSlot);
        await this.confirm(round);
        round = this.round();
        const candidate = new Map(fresh.map((x, i) => [x, high - fresh.length + 1 + i]));
        const claimed = await this.perSlot(round, fresh, (x) => this.layout.id(x.id).slot, async (_slot, group) =>
          (await this.script(
            "unspinClaim",
            group.flatMap((x) => [this.layout.id(x.id).index, this.layout.id(x.id).claim]),
            group.flatMap((x) => [x.id, candidate.get(x)!]),
          )) as [number, number][],
        );
        for (const x of fresh) {
          const [n, stored] = claimed.get(x)!;
          x.number = n;
          x.stored = stored === 1;
        }
        await this.confirm(round);
      }
      round = this.round();
      // 3. postings of new documents, URL entries of all
      const creating = list.filter((x) => !x.stored);
      await Promise.all([
        this.writePostings(round, creating.map((x) => ({ number: x.number!, keys: x.keys })), false),
        ...list.flatMap((x) =>
          x.urls.map((u) => {
            const place = this.layout.url(u);
            round.slots.add(place.slot);
            return this.cluster.hset(place.key, place.field, String(x.number));
          }),
        ),
      ]);
      // 4. records
      const commit = async (group: Item[], withRecord: (x: Item) => boolean) => {
        const g = this.layout.recordGroup(group[0]!.number!);
        const keys = [this.layout.counters(g), ...group.map((x) => this.layout.record(x.number!))];
        const args = group.flatMap((x) => [withRecord(x) ? encodeRecord(x.doc, x.urls, x.keys.length) : "", JSON.stringify(x.urls)]);
        return (await this.script("unspinCommit", keys, args)) as [number, number, string][];
      };
      const committed = await this.perSlot(round, list, (x) => this.layout.recordSlot(x.number!), (_s, group) => commit(group, (x) => !x.stored));
      // A stored id whose record is missing (a crash while it was being deleted): written anew.
      const missing = list.filter((x) => committed.get(x)![0] === -1);
      if (missing.length) {
        await this.writePostings(round, missing.map((x) => ({ number: x.number!, keys: x.keys })), false);
        const again = await this.perSlot(round, missing, (x) => this.layout.recordSlot(x.number!), (_s, group) => commit(group, () => true));
        for (const [x, r] of again) committed.set(x, r);
      }
      // 5. ids stored, 6. sites
      await Promise.all([
        ...list
          .filter((x) => !x.stored || missing.includes(x))
          .flatMap((x) => {
            const place = this.layout.id(x.id);
            round.slots.add(place.slot);
            return [this.cluster.hset(place.index, x.id, String(x.number)), this.cluster.hdel(place.claim, x.id)];
          }),
        this.countSites(round, list.map((x) => ({ number: x.number!, site: committed.get(x)![2], delta: 1 as const }))),
      ]);
      for (const x of list) {
        const [created, urls] = committed.get(x)!;
        if (created === 1) added.add(x.id);
        urlsAdded.set(x.id, Math.max(urlsAdded.get(x.id) ?? 0, urls));
      }
      // 7. URLs that moved to a new text: taken from the document that held them
      const detach = options.detach ?? [];
      if (detach.length) {
        const numbers = await this.numbersOf(detach.map((x) => x.from));
        const work = detach.flatMap((x, i) => ((numbers[i] ?? 0) > 0 ? [{ id: x.from, number: numbers[i]!, url: x.url, keys: x.keys }] : []));
        const results = await this.deleteRecords(round, work);
        for (const w of work) {
          const [gone, taken] = results.get(w)!;
          if (taken > 0) updated.add(`${w.url}\n${w.id}`);
          if (gone === 1) removed.add(w.id);
        }
      }
      await this.confirm(round);
    });
    const urls = [...urlsAdded.values()].reduce((a, b) => a + b, 0);
    return { added: added.size, updated: updated.size, removed: [...removed], duplicates: batch.length - added.size, urlsAdded: urls };
  }

  async removeDocuments(items: readonly RemoveInput[], blob?: BlobWrite): Promise<string[]> {
    this.writable();
    for (const it of items) distinctKeys(it.keys);
    const removed = new Set<string>();
    await this.retrying("removing documents", async () => {
      const round = this.round();
      const ids = [...new Set(items.map((x) => x.id))];
      const numbers = await this.numbersOf(ids);
      const work = ids.flatMap((id, i) => ((numbers[i] ?? 0) > 0 ? [{ id, number: numbers[i]!, url: "", keys: items.find((x) => x.id === id)!.keys }] : []));
      const results = await this.deleteRecords(round, work);
      for (const w of work) if (results.get(w)![0] === 1) removed.add(w.id);
      await this.confirm(round);
    });
    if (blob) await this.putBlob(blob.key, blob.data, blob.meta);
    return items.map((x) => x.id).filter((id, i, all) => removed.has(id) && all.indexOf(id) === i);
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.writable();
    await this.retrying("writing metadata", async () => {
      const round = this.round();
      round.slots.add(this.layout.metaSlot);
      await this.cluster.hset(this.layout.meta, key, value);
      await this.confirm(round);
    });
  }

  async putBlob(key: string, data: Uint8Array, meta: Readonly<Record<string, string>> = {}): Promise<void> {
    this.writable();
    const chunks: Buffer[] = [];
    for (let at = 0; at < data.length || chunks.length === 0; at += CHUNK) chunks.push(deflateSync(data.subarray(at, at + CHUNK), { level: zlib.Z_BEST_SPEED }));
    await this.retrying("writing a blob", async () => {
      const generation = randomBytes(6).toString("hex");
      let round = this.round();
      await Promise.all(
        chunks.map((c, i) => {
          const place = this.layout.blobChunk(key, generation, i);
          round.slots.add(place.slot);
          return this.cluster.set(place.key, c);
        }),
      );
      await this.confirm(round);
      round = this.round();
      round.slots.add(this.layout.metaSlot);
      const manifest = JSON.stringify({ g: generation, n: chunks.length, z: data.length });
      const old = (await this.script("unspinPutBlob", [`${this.layout.meta}:blobs`, this.layout.meta], [key, manifest, ...Object.entries(meta).flat()])) as string;
      await this.confirm(round);
      if (old) {
        const m = JSON.parse(old) as { g: string; n: number };
        if (m.g !== generation) await Promise.all(Array.from({ length: m.n }, (_, i) => this.cluster.del(this.layout.blobChunk(key, m.g, i).key))).catch(() => {});
      }
    });
  }

  // --- reading ---------------------------------------------------------------------------------

  async documentIdByUrl(url: string): Promise<string | undefined> {
    const place = this.layout.url(url);
    const v = await this.cluster.hget(place.key, place.field);
    if (v === null) return undefined;
    return (await this.documentIds([Number(v)])).get(Number(v));
  }

  async postingNumbers(keys: readonly number[], limit: number): Promise<Map<number, number[]>> {
    const distinct = [...new Set(keys)].map(checkKey);
    const max = limit + 1;
    const lists = await Promise.all(
      distinct.map(async (k) => {
        const p = this.layout.posting(k);
        const v = await this.cluster.hgetBuffer(p.key, p.field);
        if (v === null) return [];
        if (v.length > 0) return unpack(v, max);
        // A long list in its own string: read what the limit needs (a repeat left by a retried
        // batch is dropped, so read a little more than needed).
        const over = Buffer.concat([Buffer.from(p.key, "utf8"), Buffer.from("|"), p.field]);
        let bytes = 8 * max;
        for (;;) {
          const b = await this.cluster.getrangeBuffer(over, 0, bytes - 1);
          const got = unpack(b, max);
          if (got.length >= max || b.length < bytes) return got;
          bytes *= 2;
        }
      }),
    );
    const out = new Map<number, number[]>();
    distinct.forEach((k, i) => out.set(k, lists[i]!.sort((a, b) => a - b)));
    return out;
  }

  async *postingGroups(options: PostingGroupsOptions): AsyncIterable<number[][]> {
    const max = options.maxDocs;
    const per = options.batchGroups ?? 20_000;
    let groups: number[][] = [];
    const STEP = 256;
    for (let from = 0; from < this.layout.buckets; from += STEP) {
      const keys = Array.from({ length: Math.min(STEP, this.layout.buckets - from) }, (_, i) => this.layout.bucket(from + i));
      const lists = await Promise.all(
        keys.map(async (key) => {
          const flat = (await (this.cluster as unknown as Record<string, (...a: Arg[]) => Promise<Buffer[]>>)["unspinHashPairsBuffer"]!.call(this.cluster, 1, key)) ?? [];
          const out: number[][] = [];
          for (let i = 0; i + 1 < flat.length; i += 2) {
            const v = flat[i + 1]!;
            let numbers: number[];
            if (v.length > 0) numbers = unpack(v, Infinity);
            else {
              const over = Buffer.concat([Buffer.from(key, "utf8"), Buffer.from("|"), flat[i]!]);
              // Too long to be a group (repeats left by retries aside): not read.
              if ((await this.cluster.strlen(over)) > 8 * max) continue;
              numbers = unpack(await this.cluster.getBuffer(over) ?? Buffer.alloc(0), Infinity);
            }
            if (numbers.length >= 2 && numbers.length <= max) out.push(numbers.sort((a, b) => a - b));
          }
          return out;
        }),
      );
      for (const l of lists) groups.push(...l);
      if (groups.length >= per) {
        for (let i = 0; i < groups.length; i += per) yield groups.slice(i, i + per);
        groups = [];
      }
    }
    if (groups.length) yield groups;
  }

  async documentsAfter(after: number, limit: number): Promise<NumberedDocument[]> {
    const high = await this.lastDocumentNumber();
    const out: NumberedDocument[] = [];
    for (let from = Math.max(1, Math.floor(after) + 1); from <= high && out.length < limit; from += RECORD_RUN) {
      const numbers = Array.from({ length: Math.min(RECORD_RUN, high - from + 1) }, (_, i) => from + i);
      const ids = await this.documentIds(numbers);
      for (const n of numbers) {
        const id = ids.get(n);
        if (id !== undefined && out.length < limit) out.push({ number: n, id });
      }
    }
    return out;
  }

  async lastDocumentNumber(): Promise<number> {
    return Number((await this.cluster.get(`${this.layout.meta}:seq`)) ?? 0);
  }

  async documentIds(numbers: readonly number[]): Promise<Map<number, string>> {
    const distinct = [...new Set(numbers)].filter((n) => Number.isInteger(n) && n > 0 && n <= MAX_NUMBER);
    // A few numbers are check's ranked candidates, whose documents it fetches next, one by one:
    // their whole records are read now (one round trip for all) and kept for that. Many numbers
    // (a listing) get their ids alone.
    const whole = distinct.length <= PREFETCH;
    this.prefetched.clear();
    this.prefetchedAt = Date.now();
    const heads = await Promise.all(
      distinct.map(async (n) => {
        const key = this.layout.record(n);
        if (whole) {
          const rec = await this.cluster.getBuffer(key);
          const id = rec ? recordId(rec) : undefined;
          if (rec && id !== undefined) this.prefetched.set(id, rec);
          return id;
        }
        const head = await this.cluster.getrangeBuffer(key, 0, ID_HEAD - 1);
        if (head.length === 0) return undefined;
        return recordId(head) ?? recordId(await this.cluster.getrangeBuffer(key, 0, 3 + head.readUInt16BE(1)));
      }),
    );
    const out = new Map<number, string>();
    distinct.forEach((n, i) => {
      const id = heads[i];
      if (id === undefined) return;
      out.set(n, id);
      this.remember(id, n);
    });
    return out;
  }

  /**
   * Numbers of ids that documentIds named lately: `check` fetches the candidates it ranked, and
   * going straight to their records saves a round trip each. Safe because a number is never
   * given to another document: a record that is gone or names another id sends the lookup
   * through the id index as usual.
   */
  private readonly recent = new Map<string, number>();
  /**
   * Records documentIds read whole, until getDocuments takes them, the next documentIds call
   * replaces them, or a second has passed (so a read never sees a record older than that).
   */
  private readonly prefetched = new Map<string, Buffer>();
  private prefetchedAt = 0;

  private remember(id: string, n: number): void {
    if (this.recent.size >= 10_000) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(id, n);
  }

  async getDocuments(ids: readonly string[]): Promise<StoredDocument[]> {
    if (Date.now() - this.prefetchedAt > 1000) this.prefetched.clear();
    const fetch = async (id: string): Promise<StoredDocument | undefined> => {
      const ready = this.prefetched.get(id);
      if (ready) {
        this.prefetched.delete(id);
        const { header: _h, ...doc } = decodeRecord(ready);
        return doc;
      }
      const hint = this.recent.get(id);
      if (hint !== undefined) {
        const r = await this.cluster.getBuffer(this.layout.record(hint));
        if (r && recordId(r) === id) {
          const { header: _h, ...doc } = decodeRecord(r);
          return doc;
        }
      }
      const [n] = await this.numbersOf([id]);
      if (!n || n <= 0) return undefined;
      const r = await this.cluster.getBuffer(this.layout.record(n));
      if (!r) return undefined;
      const { header: _h, ...doc } = decodeRecord(r);
      return doc.id === id ? doc : undefined;
    };
    return (await Promise.all(ids.map(fetch))).filter((d): d is StoredDocument => d !== undefined);
  }

  async getDocument(id: string): Promise<StoredDocument | undefined> {
    return (await this.getDocuments([id]))[0];
  }

  async hasDocument(id: string): Promise<boolean> {
    return ((await this.numbersOf([id]))[0] ?? 0) > 0;
  }

  async *documents(): AsyncIterable<StoredDocument> {
    const high = Number((await this.cluster.get(`${this.layout.meta}:seq`)) ?? 0);
    for (let from = 1; from <= high; from += RECORD_RUN) {
      const numbers = Array.from({ length: Math.min(RECORD_RUN, high - from + 1) }, (_, i) => from + i);
      const recs = await Promise.all(numbers.map((n) => this.cluster.getBuffer(this.layout.record(n))));
      for (const r of recs) {
        if (!r) continue;
        const { header: _h, ...doc } = decodeRecord(r);
        yield doc;
      }
    }
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.cluster.hget(this.layout.meta, key)) ?? undefined;
  }

  async getBlob(key: string): Promise<Buffer | undefined> {
    for (let tries = 0; ; tries++) {
      const m = await this.cluster.hget(`${this.layout.meta}:blobs`, key);
      if (m === null) return undefined;
      const manifest = JSON.parse(m) as { g: string; n: number; z: number };
      const chunks = await Promise.all(Array.from({ length: manifest.n }, (_, i) => this.cluster.getBuffer(this.layout.blobChunk(key, manifest.g, i).key)));
      // A chunk gone: a newer blob replaced this one meanwhile; read the new manifest.
      if (chunks.some((c) => c === null)) {
        if (tries < 5) continue;
        throw new UnspinError("INDEX_CORRUPT", `${this.location}: blob ${key} has missing chunks`, "write it again (`unspin add` saves the corpus sketch)");
      }
      const data = Buffer.concat(chunks.map((c) => inflateSync(c!)));
      if (data.length !== manifest.z) throw new UnspinError("INDEX_CORRUPT", `${this.location}: blob ${key} has the wrong size`, "write it again");
      return data;
    }
  }

  async countDocuments(): Promise<number> {
    const counts = await Promise.all(Array.from({ length: GROUPS }, (_, g) => this.cluster.hget(this.layout.counters(g), "d")));
    return counts.reduce((a, c) => a + Number(c ?? 0), 0);
  }

  async stats(opts: { topSources?: number } = {}): Promise<IndexStats> {
    const gen = await this.edgeGeneration();
    const counters = await Promise.all(Array.from({ length: GROUPS }, (_, g) => this.cluster.hmget(this.layout.counters(g), "d", "u", "p", `e${gen}`)));
    const sum = (i: number) => counters.reduce((a, c) => a + Number(c[i] ?? 0), 0);
    const sites = await this.cluster.hgetall(`${this.layout.meta}:sites`);
    const sources = Object.entries(sites)
      .map(([site, n]) => ({ site: site === "" ? "(unknown)" : site, documents: Number(n) }))
      .filter((s) => s.documents > 0)
      .sort((a, b) => b.documents - a.documents || (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
    const memory = await Promise.all(this.cluster.nodes("master").map(async (n) => Number(/used_memory:(\d+)/.exec(await n.info("memory"))?.[1] ?? 0)));
    return {
      documents: sum(0),
      urls: sum(1),
      sources: sources.slice(0, opts.topSources ?? 20),
      siteCount: sources.length,
      postings: sum(2),
      edges: sum(3),
      sizeBytes: memory.reduce((a, b) => a + b, 0),
      schemaVersion: this.version,
      location: this.location,
    };
  }

  async close(): Promise<void> {
    if (this.cluster.status === "end") return;
    await this.cluster.quit().catch(() => this.cluster.disconnect());
  }
}

// Reads are retried like writes (they are idempotent): through a failover, `check` and `stats`
// wait for the replica to take over instead of failing, up to retryTimeout.
for (const name of ["postingNumbers", "documentIds", "getDocuments", "hasDocument", "documentIdByUrl", "getMeta", "getBlob", "stats", "documentsAfter", "lastDocumentNumber", "edgesOf"]) {
  const proto = RedisStore.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const once = proto[name]!;
  proto[name] = function (this: { retrying(what: string, f: () => Promise<unknown>): Promise<unknown> }, ...args: unknown[]) {
    return this.retrying(`reading the index (${name})`, () => once.apply(this, args));
  };
}
