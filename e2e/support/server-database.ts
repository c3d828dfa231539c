import postgres from "postgres";

/** Only a real PostgreSQL can be inspected from outside: the embedded one lives inside the server process. */
export const canInspectDatabase = Boolean(process.env.DATABASE_URL);

/**
 * Rows from the e2e server's scratch database (DATABASE_URL only). Its name is random
 * (agentcare_e2e_*), so every such database on the server is asked; callers filter on something
 * unique to their test (an e-mail address, a User-Agent), so only their own rows match.
 */
export async function queryServerDatabases<T>(query: (sql: postgres.Sql) => Promise<T[]>): Promise<T[]> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  let names: string[];
  try {
    names = (await admin<{ datname: string }[]>`select datname from pg_database where datname like 'agentcare\_e2e\_%'`).map(
      (r) => r.datname,
    );
  } finally {
    await admin.end({ timeout: 5 });
  }
  const rows: T[] = [];
  for (const name of names) {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      rows.push(...(await query(sql)));
    } catch {
      // A database being dropped by another run, or one without the table yet: not ours.
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  return rows;
}
