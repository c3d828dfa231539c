import { afterAll, inject, vi } from "vitest";
import { closeDb } from "@/lib/db/client";
import { closeOwner } from "./owner";
import { reloadConfig } from "@/lib/config/env";
import { scanCapturedLines } from "./log-capture";
import type * as LoggerModule from "@/lib/observability/logger";

// The app's own logger (serializers and redaction as in production), at debug level, writing to
// memory instead of nowhere: after the file's tests, its lines are scanned for every patient,
// person and secret the database holds, and any finding fails the file.
vi.mock("@/lib/observability/logger", async (importOriginal) => {
  const actual = await importOriginal<typeof LoggerModule>();
  const { captureDestination } = await import("./log-capture");
  return { ...actual, logger: actual.createLogger({ level: "debug", destination: captureDestination }) };
});

const embedded = inject("embedded");
process.env.DATABASE_URL = inject("appDatabaseUrl");
// On a real server the app logs in as agentcare_runtime itself; embedded, the session role is
// already set by the global setup.
process.env.DATABASE_SESSION_ROLE = "none";
process.env.DATABASE_POOL_MAX = embedded ? "1" : "12";
// Behind PgBouncer in transaction mode a named statement would be looked for on another server connection.
process.env.DATABASE_PREPARED_STATEMENTS = inject("pooler") ? "false" : "true";
// Readers' audit rows are sealed only when a test asks (a writer, the worker, sealOrganization), so
// what a test sees does not depend on a background timer.
process.env.AUDIT_SEAL_INTERVAL_SECONDS = "0";
reloadConfig();

afterAll(async ({}, suite) => {
  try {
    const report = await scanCapturedLines(suite.file.filepath);
    if (report.findings.length) throw new Error(`The app logged personal data or secrets:\n${report.description}`);
  } finally {
    await closeDb();
    await closeOwner();
  }
});
