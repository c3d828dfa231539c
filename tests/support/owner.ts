import { inject } from "vitest";
import postgres from "postgres";

let client: postgres.Sql | undefined;

function ownerClient(): postgres.Sql {
  client ??= postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
  return client;
}

/**
 * Runs fn as the table owner / superuser — the "behind the app's back" connection of the tests.
 * Always inside a transaction (the embedded server shares one session between connections).
 */
export async function asOwner<T>(fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return ownerClient().begin(async (sql) => {
    await sql`select set_config('role', session_user, true)`;
    return fn(sql);
  }) as Promise<T>;
}

export async function closeOwner(): Promise<void> {
  await client?.end({ timeout: 5 });
  client = undefined;
}
