// Vitest globalSetup: builds the dashboard once before the projects start (wrangler.toml's [assets] directory).
// @ts-expect-error: a plain ES module script without type declarations.
import { buildDashboard } from "../scripts/build-dashboard.mjs";

/** Runs once per `vitest run`, before any project's workers or e2e worker starts. */
export default async function setup(): Promise<void> {
  await buildDashboard();
}
