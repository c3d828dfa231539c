import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
import { defineConfig, type TestProjectConfiguration } from "vitest/config";

const alias = {
  "@": path.resolve(__dirname),
  // Tests run on the server side of the "server-only" fence.
  "server-only": path.resolve(__dirname, "tests/support/server-only-stub.ts"),
};

// The isolation, pool-leakage and booking-race tests again, with the app's pool behind PgBouncer in
// transaction pooling mode (tests/support/global-setup-pgbouncer.ts), plus the checks that only
// make sense there (tests/pooled/). CI must run them: without PgBouncer or a PostgreSQL server the
// project stays in and its setup fails with the reason. Elsewhere it is left out, visibly.
const POOLED_TESTS = [
  "tests/isolation.test.ts",
  "tests/pool-leakage.test.ts",
  "tests/concurrency.test.ts",
  "tests/booking.test.ts",
  "tests/pooled/**/*.test.ts",
];
// Where scripts/pgbouncer.ts looks for the executable (kept apart: the config loader takes no TypeScript imports).
const hasPgBouncer = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/sbin", "/usr/local/sbin"].some((dir) => {
  try {
    fs.accessSync(path.join(dir, "pgbouncer"), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
const pooledUnavailable = !hasPgBouncer
  ? "PgBouncer is not installed (apt-get install -y pgbouncer)"
  : !process.env.DATABASE_URL
    ? "DATABASE_URL is not set (the embedded database cannot sit behind PgBouncer)"
    : undefined;
const runPooled = !pooledUnavailable || process.env.CI === "true";
const pooledSelected =
  process.argv.some((a) => a.includes("integration-pgbouncer")) || !process.argv.some((a) => a.startsWith("--project"));
if (!runPooled && pooledSelected) console.warn(`\n[integration-pgbouncer] SKIPPED: ${pooledUnavailable}\n`);

const pooledProject: TestProjectConfiguration = {
  resolve: { alias },
  test: {
    name: "integration-pgbouncer",
    include: POOLED_TESTS,
    environment: "node",
    globalSetup: ["tests/support/global-setup-pgbouncer.ts"],
    setupFiles: ["tests/support/setup-env.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Not beside the direct run: one suite at a time on this machine.
    sequence: { groupOrder: 1 },
  },
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "middleware.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/pooled/**"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts", "tests/support/log-scan-summary.ts"],
          setupFiles: ["tests/support/setup-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One database for the run; files share it, so they run one at a time.
          fileParallelism: false,
        },
      },
      ...(runPooled ? [pooledProject] : []),
    ],
  },
});
