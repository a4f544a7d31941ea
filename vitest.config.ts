import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "test/**/*.test.ts",
      "local-clerk/**/*.test.ts",
      "components/**/*.test.ts",
      "scripts/**/*.test.ts",
      "campaigns/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 30_000,
    // Suites start a PGlite store and a Local Clerk in beforeAll: PGlite's start is CPU-bound (a few
    // seconds alone, over 30 s on a busy 2-core machine), so hooks get room a slow machine needs.
    hookTimeout: 180_000,
    pool: "forks",
    // Most integration files wait on timers, rate limits and child processes rather than CPU.
    maxWorkers: 3,
  },
});
