// One `vitest run` runs the projects: "workers" (inside workerd, storage isolated per file), "e2e" (Node + the official
// SDKs) and "browser" (Chromium driving the dashboard). The dashboard is built once first (globalSetup).
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/vitest-global-setup.ts"],
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // Remote bindings need a Cloudflare account; tests run offline.
            remoteBindings: false,
            miniflare: { bindings: { API_KEYS: "sk-test:proj_a,sk-other:proj_b" } },
          }),
        ],
        // Race and recovery tests run many requests; on a loaded 2-core CI machine 5 s is too short a hang guard.
        test: { name: "workers", include: ["test/**/*.test.ts"], setupFiles: ["./test/setup.ts"], testTimeout: 60_000 },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each e2e file starts its own worker; two at once is what 2 cores take.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "browser",
          include: ["e2e/**/*.browser.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts a worker and a Chromium: one file at a time on 2 cores.
          maxWorkers: 1,
        },
      },
    ],
  },
});
