import { queryServerDatabases } from "./server-database";

export { canInspectDatabase } from "./server-database";

export type SecurityEventRow = {
  kind: string;
  user_id: string | null;
  attempted_organization_id: string | null;
  user_organization_ids: string[];
  host: string | null;
  path: string | null;
  metadata: Record<string, unknown>;
};

/** security_events rows carrying this User-Agent (unique per test), from the e2e server's database. */
export function securityEventsByUserAgent(userAgent: string): Promise<SecurityEventRow[]> {
  return queryServerDatabases(
    (sql) => sql<SecurityEventRow[]>`
      select kind, user_id, attempted_organization_id, user_organization_ids, host, path, metadata
      from security_events where user_agent = ${userAgent} order by occurred_at`,
  );
}
