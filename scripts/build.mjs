// `npm run build`: build the dashboard, then bundle the worker as `wrangler deploy` would (no account needed) and print its size.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { buildDashboard } from "./build-dashboard.mjs";

// wrangler.toml's [assets] directory must hold the built dashboard before wrangler bundles.
await buildDashboard();
const outdir = "dist";
execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
  stdio: "inherit",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
let raw = 0;
let gz = 0;
for (const name of readdirSync(outdir)) {
  if (!/\.(js|mjs|wasm)$/.test(name)) continue;
  const path = `${outdir}/${name}`;
  raw += statSync(path).size;
  gz += gzipSync(readFileSync(path)).length;
}
console.log(`bundle ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip (${outdir}/)`);
