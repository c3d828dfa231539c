import "server-only";
import { config } from "@/lib/config/env";
import crypto from "node:crypto";
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";

export type ScratchDatabase = {
  /** Logs in as the migration role (table owner; superuser on a dev server). */
  adminUrl: string;
  /** What the application uses: the NOINHERIT runtime role on a real server. */
  appUrl: string;
  embedded: boolean;
  drop(): Promise<void>;
};

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests and benchmarks create and drop databases: refuse anything but this machine's server. */
export function assertLocalDatabase(url: string): URL {
  const parsed = new URL(url);
  const host = parsed.hostname || "localhost";
  if (!LOCAL_HOSTS.has(host) && !host.startsWith("/")) {
    throw new Error(`Refusing to use a non-local database (${host}) for tests or benchmarks.`);
  }
  return parsed;
}

/**
 * A fresh, migrated database for one test or benchmark run: a new database on DATABASE_URL's
 * (local) server, or an in-memory embedded PostgreSQL when DATABASE_URL is unset.
 */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const base = config().databaseUrl;
  if (!base) {
    const embedded = await startEmbeddedPostgres({});
    await runMigrations(embedded.url);
    await embedded.setSessionRole("agentcare_runtime");
    return { adminUrl: embedded.url, appUrl: embedded.url, embedded: true, drop: () => embedded.stop() };
  }
  const parsed = assertLocalDatabase(base);
  const name = `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const adminUrl = new URL(parsed.toString());
  adminUrl.pathname = `/${name}`;
  const dropDatabase = async () => {
    const sql = postgres(base, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  try {
    await runMigrations(adminUrl.toString());
  } catch (err) {
    await dropDatabase();
    throw err;
  }
  const appUrl = new URL(adminUrl.toString());
  appUrl.username = "agentcare_runtime";
  appUrl.password = config().runtimePassword;
  return {
    adminUrl: adminUrl.toString(),
    appUrl: appUrl.toString(),
    embedded: false,
    drop: dropDatabase,
  };
}
