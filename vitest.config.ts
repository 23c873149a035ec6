import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  esbuild: { jsx: "automatic" },
  test: {
    globalSetup: ["tests/setup/global-setup.ts"],
    // Vitest's default leaves a core free, which on a 2-core machine runs the files one at a time;
    // much of a test's time is waiting on a database or a spawned server, so two share two cores
    // well (the PGlite suite: 7.1 min one at a time, 5.4 min two at a time).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/setup/setup-test-env.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/setup/setup-test-env.ts", "tests/setup/setup-db.ts"],
          // One database per worker, shared by its files (a PGlite start costs ~3 s);
          // every test starts from empty tables.
          isolate: false,
          pool: "forks",
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
