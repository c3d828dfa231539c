import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "@/lib/db/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    appDatabaseUrl: string;
    embedded: boolean;
    /** Set when the app's pool reaches the database through a connection pooler. */
    pooler?: "pgbouncer";
  }
}

export default async function setup(project: TestProject) {
  const db = await createScratchDatabase("agentcare_test");
  project.provide("adminDatabaseUrl", db.adminUrl);
  project.provide("appDatabaseUrl", db.appUrl);
  project.provide("embedded", db.embedded);
  return async () => {
    await db.drop();
  };
}
