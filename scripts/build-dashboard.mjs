// Builds the dashboard (dashboard/ → dashboard/dist, Workers Static Assets) with Vite. Used by dev, build and test.
// `node scripts/build-dashboard.mjs [--watch]` runs it alone; the other scripts import buildDashboard().
import { fileURLToPath } from "node:url";

const config = fileURLToPath(new URL("../dashboard/vite.config.ts", import.meta.url));

/** One production build; with `watch`, keeps rebuilding on change (answers once the first build is written). */
export async function buildDashboard({ watch = false } = {}) {
  const { build } = await import("vite");
  const started = Date.now();
  const result = await build({ configFile: config, build: watch ? { watch: {} } : {} });
  if (watch && result && "on" in result) {
    await new Promise((resolve, reject) =>
      result.on("event", (e) => {
        if (e.code === "END") resolve(undefined);
        if (e.code === "ERROR") reject(e.error);
      }),
    );
  }
  console.log(`dashboard built in ${Date.now() - started} ms (dashboard/dist)`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDashboard({ watch: process.argv.includes("--watch") });
}
