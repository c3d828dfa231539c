import postgres from "postgres";

export type SecurityEventRow = {
  kind: string;
  user_id: string | null;
  attempted_organization_id: string | null;
  user_organization_ids: string[];
  host: string | null;
  path: string | null;
  metadata: Record<string, unknown>;
};

/** Only a real PostgreSQL can be inspected from outside: the embedded one lives inside the server process. */
export const canInspectDatabase = Boolean(process.env.DATABASE_URL);

/**
 * security_events rows carrying this User-Agent, from the e2e server's scratch database. Its name is
 * random (agentcare_e2e_*), so every such database on the server is searched; the User-Agent is
 * unique per test, so only our own rows match.
 */
export async function securityEventsByUserAgent(userAgent: string): Promise<SecurityEventRow[]> {
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
  const rows: SecurityEventRow[] = [];
  for (const name of names) {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      rows.push(
        ...(await sql<SecurityEventRow[]>`
          select kind, user_id, attempted_organization_id, user_organization_ids, host, path, metadata
          from security_events where user_agent = ${userAgent} order by occurred_at`),
      );
    } catch {
      // A database being dropped by another run, or one without the table yet: not ours.
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  return rows;
}
