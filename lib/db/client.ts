import "server-only";
import { config } from "@/lib/config/env";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;

/** drizzle without the schema's relational query API (`db.query.…`): what the wrappers' transactions are. */
export type TransactionalDatabase = PostgresJsDatabase<Record<string, never>>;

type Pool = { sql: postgres.Sql; db: Database; transactional: TransactionalDatabase };

const globalForDb = globalThis as unknown as { __agentcarePool?: Pool };

/**
 * The login role's session is switched to `agentcare_runtime` (NOINHERIT, no privileges of its
 * own) at connect time, so even a superuser URL in development cannot read tenant data outside
 * withTenant/withPlatform. Set DATABASE_SESSION_ROLE=none when the URL already logs in as it.
 */
export function sessionRole(): string | undefined {
  return config().databaseSessionRole ?? undefined;
}

function createPool(): Pool {
  const url = config().databaseUrl;
  if (!url) throw new Error("DATABASE_URL is not set (npm start provides an embedded database)");
  const role = sessionRole();
  const sql = postgres(url, {
    max: config().databasePoolMax,
    // Off: every statement is sent unnamed (drizzle's .prepare(name) included), so it runs on
    // whichever server connection a transaction-mode pooler hands out.
    prepare: config().databasePreparedStatements,
    idle_timeout: 30,
    connect_timeout: 15,
    onnotice: () => {},
    connection: {
      application_name: "agentcare",
      ...(role ? { options: `-c role=${role}` } : {}),
    },
  });
  // The wrappers' transactions: drizzle over the same pool without the schema. A transaction then
  // skips building the relational query API (unused: every query is written with the query
  // builder), which drizzle otherwise does for every table on every transaction.
  return { sql, db: drizzle(sql, { schema }), transactional: drizzle(sql) };
}

function pool(): Pool {
  // One pool per process; dev-mode module reloads must not open another.
  globalForDb.__agentcarePool ??= createPool();
  return globalForDb.__agentcarePool;
}

/** Only lib/db's wrappers use this; everything else goes through withTenant/withPlatform. */
export function rawDb(): Database {
  return pool().db;
}

/** Only withTenant/withPlatform (and tests of them) use this: its pool, dialect and session options. */
export function transactionalDb(): TransactionalDatabase {
  return pool().transactional;
}

export function rawSql(): postgres.Sql {
  return pool().sql;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__agentcarePool;
  globalForDb.__agentcarePool = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}
