// `npm run dev` as its own process group, so a hard kill takes the whole tree (npm, node, wrangler, workerd) at once.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface DevServerOptions {
  port: number;
  /** Miniflare state directory (D1, R2, Durable Objects), kept across restarts: scripts/dev.mjs's PERSIST_TO. */
  persistTo: string;
  /** scripts/dev.mjs's API_KEYS: `key:project,…`. */
  apiKeys: string;
}

export interface DevServer {
  url: string;
  /** Process group id (= the npm process's pid). */
  pgid: number;
  /** Resolves when the npm process has exited. */
  exited: Promise<void>;
  /** SIGKILL to the whole process group: nothing gets to flush or shut down. Idempotent. */
  kill(): void;
  logs(): string;
}

/** Starts `npm run dev` detached (a new session and process group); `--inspector-port 0` so parallel servers never clash. */
export function startDevServer(options: DevServerOptions): DevServer {
  const child: ChildProcess = spawn("npm", ["run", "dev", "--", "--inspector-port", "0"], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      PERSIST_TO: options.persistTo,
      API_KEYS: options.apiKeys,
      CI: "true",
    },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const pgid = child.pid!;
  return {
    url: `http://127.0.0.1:${options.port}`,
    pgid,
    exited,
    logs: () => output,
    kill() {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // The group is already gone.
      }
    },
  };
}

/** Live (non-zombie) processes of the group, from `ps`: orphans a killed group leaves may never be reaped here. */
export function liveProcessesOf(pgid: number): number {
  const table = execFileSync("ps", ["-eo", "pgid=,stat="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith("Z")).length;
}

/** Any HTTP answer counts: the worker is serving. A refused or hanging connection does not. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `GET /` every 100 ms until the server answers; answers `performance.now()` at that moment.
 * Throws after `timeoutMs` (a harness failure: the server never came up) or when the server's process exits first.
 */
export async function waitUntilAnswering(server: DevServer, timeoutMs: number): Promise<number> {
  let exited = false;
  void server.exited.then(() => (exited = true));
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await answers(server.url)) return performance.now();
    if (exited) throw new Error(`npm run dev exited before answering:\n${server.logs().slice(-4000)}`);
    if (performance.now() > deadline) throw new Error(`npm run dev did not answer in ${timeoutMs / 1000} s:\n${server.logs().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the port no longer answers after a kill (bounded): a restart must not talk to a survivor. */
export async function waitUntilSilent(server: DevServer, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (liveProcessesOf(server.pgid) === 0 && !(await answers(server.url))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
