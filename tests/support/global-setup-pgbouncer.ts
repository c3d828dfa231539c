import type { TestProject } from "vitest/node";
import { config } from "@/lib/config/env";
import { startPgBouncer } from "@/scripts/pgbouncer";
import setupDatabase from "./global-setup";

// The pooled run: the same scratch database, but the app's pool reaches it through PgBouncer in
// transaction pooling mode, logging in as the runtime role (no startup options, which PgBouncer
// refuses) with named prepared statements off. The owner connection of the tests stays direct.
export default async function setup(project: TestProject) {
  if (!config().databaseUrl) {
    throw new Error("The PgBouncer run needs a PostgreSQL server: set DATABASE_URL (the embedded database cannot be pooled).");
  }
  const dropDatabase = await setupDatabase(project);
  let bouncer;
  try {
    bouncer = await startPgBouncer({ upstream: config().databaseUrl!, user: "agentcare_runtime", password: config().runtimePassword });
  } catch (err) {
    await dropDatabase();
    throw err;
  }
  const appUrl = project.getProvidedContext().appDatabaseUrl;
  project.provide("appDatabaseUrl", bouncer.rewrite(appUrl));
  project.provide("pooler", "pgbouncer");
  console.log(`PgBouncer (transaction pooling) on 127.0.0.1:${bouncer.port} in front of the test database`);
  return async () => {
    await bouncer.stop();
    await dropDatabase();
  };
}
