// `npm run dev`: the dashboard build, then the worker on http://localhost:8787 (PORT=nnnn to change), fully offline, data kept in .wrangler/state.
// Every configuration variable (src/config.ts) set in this process's environment reaches the worker as a var.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildDashboard } from "./build-dashboard.mjs";

const port = process.env.PORT ?? "8787";
const apiKeys = process.env.API_KEYS ?? "sk-local";
const args = [
  "wrangler", "dev", "--local",
  "--port", port,
  "--ip", process.env.HOST ?? "localhost",
  "--persist-to", process.env.PERSIST_TO ?? ".wrangler/state",
  "--var", `API_KEYS:${apiKeys}`,
  ...configVars().flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  "--show-interactive-dev-session=false",
  ...process.argv.slice(2),
];
// The dashboard's assets directory must exist before wrangler starts; the watch build then keeps it current.
const watcher = await buildDashboard({ watch: process.env.DASHBOARD_WATCH !== "0" });
const child = spawn("npx", args, {
  stdio: "inherit",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", async (code) => {
  if (watcher && "close" in watcher) await watcher.close();
  process.exit(code ?? 0);
});

/** [name, value] of each variable ConfigSchema declares (its keys are the UPPER_CASE properties) that is set here. */
function configVars() {
  const source = readFileSync(new URL("../src/config.ts", import.meta.url), "utf8");
  const names = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]).filter((n) => n !== "API_KEYS");
  return names.filter((n) => process.env[n] !== undefined && process.env[n] !== "").map((n) => [n, process.env[n]]);
}
