// A real Redis Cluster for tests and benchmarks, made of Debian's redis-server on 127.0.0.1:
// free ports, one temporary folder per node (append-only file on, as in production), slots
// split evenly over the masters by CLUSTER ADDSLOTSRANGE, nodes joined by CLUSTER MEET, each
// master given its replicas by CLUSTER REPLICATE, then waited on until every node says
// cluster_state:ok and every replica's link is up. Stopped by stop(), and on process exit
// whatever happens (a failing test included).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ClusterNode {
  port: number;
  dir: string;
  process: ChildProcess | null;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** redis://127.0.0.1:p1,127.0.0.1:p2,... (all nodes). */
  url: string;
  /** Runs redis-cli against a node, returns stdout. */
  cli(port: number, ...args: string[]): string;
  /** Ports of the current masters (by CLUSTER NODES). */
  masters(): number[];
  /** Port of the master serving a slot now. */
  masterOf(slot: number): number;
  kill(port: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed node again from its folder (it rejoins the cluster by its nodes.conf). */
  restart(port: number): Promise<void>;
  /** Waits until every live node says cluster_state:ok and sees `masters` masters with a replica each (when asked). */
  waitHealthy(opts?: { replicas?: boolean; timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export function redisServerPath(): string | null {
  const r = spawnSync("sh", ["-c", "command -v redis-server && command -v redis-cli"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0]!.trim() : null;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/** A port p with p and p + 10000 (the cluster bus) both free. */
async function freePort(taken: Set<number>): Promise<number> {
  for (let tries = 0; tries < 500; tries++) {
    const p = 20000 + Math.floor(Math.random() * 10000);
    if (taken.has(p)) continue;
    if ((await portFree(p)) && (await portFree(p + 10000))) {
      taken.add(p);
      return p;
    }
  }
  throw new Error("no free port pair for a Redis node");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = new Set<ClusterNode>();
process.on("exit", () => {
  for (const n of live) n.process?.kill("SIGKILL");
});

export async function startCluster(opts: { masters?: number; replicas?: number; nodeTimeoutMs?: number; extraConfig?: string[] } = {}): Promise<TestCluster> {
  const masters = opts.masters ?? 3;
  const replicas = opts.replicas ?? 1;
  const total = masters * (1 + replicas);
  const taken = new Set<number>();
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < total; i++) nodes.push({ port: await freePort(taken), dir: mkdtempSync(join(tmpdir(), "unspin-redis-")), process: null });

  const launch = (n: ClusterNode) => {
    const args = [
      "--port", String(n.port), "--bind", "127.0.0.1", "--dir", n.dir, "--cluster-enabled", "yes",
      "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String(opts.nodeTimeoutMs ?? 2000),
      "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "no", "--daemonize", "no",
      "--logfile", join(n.dir, "redis.log"), ...(opts.extraConfig ?? []),
    ];
    n.process = spawn("redis-server", args, { stdio: "ignore" });
    live.add(n);
    n.process.once("exit", () => {
      n.process = null;
    });
  };
  const cli = (port: number, ...args: string[]) => {
    const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { encoding: "utf8", timeout: 10_000 });
    if (r.status !== 0) throw new Error(`redis-cli -p ${port} ${args.join(" ")}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const waitFor = async (what: string, ok: () => boolean, timeoutMs = 30_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (ok()) return;
      } catch {
        // not up yet
      }
      if (Date.now() > end) throw new Error(`Redis test cluster: timed out waiting for ${what}`);
      await sleep(100);
    }
  };

  const cluster: TestCluster = {
    nodes,
    url: `redis://${nodes.map((n) => `127.0.0.1:${n.port}`).join(",")}`,
    cli,
    masters() {
      const alive = nodes.find((n) => n.process);
      if (!alive) return [];
      return cli(alive.port, "cluster", "nodes")
        .split("\n")
        .filter((l) => /\bmaster\b/.test(l) && !/\bfail\b/.test(l) && / \d+-\d+|\s\d+$/.test(l.trim()))
        .map((l) => Number(/:(\d+)@/.exec(l)![1]));
    },
    masterOf(slot) {
      const alive = nodes.find((n) => n.process)!;
      for (const l of cli(alive.port, "cluster", "nodes").split("\n")) {
        if (!/\bmaster\b/.test(l) || /\bfail\b/.test(l)) continue;
        for (const m of l.matchAll(/ (\d+)(?:-(\d+))?(?= |$)/g)) {
          const lo = Number(m[1]);
          const hi = m[2] === undefined ? lo : Number(m[2]);
          if (lo <= slot && slot <= hi && l.split(" ").indexOf(m[0].trim()) >= 8) return Number(/:(\d+)@/.exec(l)![1]);
        }
      }
      throw new Error(`no master serves slot ${slot}`);
    },
    async kill(port, signal = "SIGKILL") {
      const n = nodes.find((x) => x.port === port)!;
      const p = n.process;
      if (!p) return;
      const exited = new Promise((r) => p.once("exit", r));
      p.kill(signal);
      await exited;
    },
    async restart(port) {
      const n = nodes.find((x) => x.port === port)!;
      launch(n);
      await waitFor(`node ${port} to answer`, () => cli(port, "ping").trim() === "PONG");
    },
    async waitHealthy({ replicas: wantReplicas = replicas > 0, timeoutMs = 60_000 } = {}) {
      await waitFor(
        "cluster_state:ok on every node",
        () =>
          nodes
            .filter((n) => n.process)
            .every((n) => {
              const info = cli(n.port, "cluster", "info");
              if (!/cluster_state:ok/.test(info) || !/cluster_slots_ok:16384/.test(info)) return false;
              if (!wantReplicas) return true;
              const repl = cli(n.port, "info", "replication");
              return /role:master/.test(repl) ? Number(/connected_slaves:(\d+)/.exec(repl)?.[1] ?? 0) >= replicas : /master_link_status:up/.test(repl);
            }),
        timeoutMs,
      );
    },
    async stop() {
      await Promise.all(nodes.map((n) => cluster.kill(n.port, "SIGKILL")));
      for (const n of nodes) {
        live.delete(n);
        rmSync(n.dir, { recursive: true, force: true });
      }
    },
  };

  try {
    for (const n of nodes) launch(n);
    for (const n of nodes) await waitFor(`node ${n.port} to answer`, () => cli(n.port, "ping").trim() === "PONG");
    // Slots split evenly over the masters; every node meets the first.
    for (let m = 0; m < masters; m++) {
      const lo = Math.floor((m * 16384) / masters);
      const hi = Math.floor(((m + 1) * 16384) / masters) - 1;
      cli(nodes[m]!.port, "cluster", "addslotsrange", String(lo), String(hi));
    }
    for (const n of nodes.slice(1)) cli(n.port, "cluster", "meet", "127.0.0.1", String(nodes[0]!.port));
    const ids = nodes.map((n) => cli(n.port, "cluster", "myid").trim());
    await waitFor("every node to know every other", () => nodes.every((n) => cli(n.port, "cluster", "nodes").trim().split("\n").length === total));
    for (let r = 0; r < masters * replicas; r++) {
      const replica = nodes[masters + r]!;
      const master = ids[r % masters]!;
      await waitFor(`replica ${replica.port} to accept its master`, () => cli(replica.port, "cluster", "replicate", master).trim() === "OK");
    }
    await cluster.waitHealthy();
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
