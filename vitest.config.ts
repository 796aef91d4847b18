// One `vitest run` runs both projects: "workers" (inside workerd, storage isolated per file) and "e2e" (Node + the official SDKs).
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
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
    ],
  },
});
