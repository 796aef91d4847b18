// `npm run dev`: the worker on http://localhost:8787 (PORT=nnnn to change), fully offline, data kept in .wrangler/state.
import { spawn } from "node:child_process";

const port = process.env.PORT ?? "8787";
const apiKeys = process.env.API_KEYS ?? "sk-local";
const args = [
  "wrangler", "dev", "--local",
  "--port", port,
  "--ip", process.env.HOST ?? "localhost",
  "--persist-to", process.env.PERSIST_TO ?? ".wrangler/state",
  "--var", `API_KEYS:${apiKeys}`,
  "--show-interactive-dev-session=false",
  ...process.argv.slice(2),
];
const child = spawn("npx", args, {
  stdio: "inherit",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
