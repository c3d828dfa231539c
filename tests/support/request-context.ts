import crypto from "node:crypto";
import type { Session } from "next-auth";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import type { MemberRole } from "@/lib/db/schema/enums";
import { platformUsers } from "@/lib/users/platform-repository";
import { listTenantTables } from "./fixtures";
import { asOwner } from "./owner";

// Server actions read the request through next/headers and the session through getSession. These
// tests run the real actions against the real database; only the request they arrive on is made
// up here. Test files install it with:
//   vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
//   vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

type Incoming = { host: string; path: string; session: Session | null; headers?: Record<string, string> };

let current: Incoming = { host: "localhost", path: "/", session: null };

/** The request the next action call arrives on: host, page path, who is signed in. */
export function arriveAs(incoming: Incoming): void {
  current = incoming;
}

export const nextHeaders = {
  headers: async () =>
    new Headers({
      host: current.host,
      "x-agentcare-path": current.path,
      "x-agentcare-request-id": crypto.randomUUID(),
      "user-agent": "vitest",
      "x-forwarded-for": "10.9.8.7",
      ...current.headers,
    }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
};

export const sessionModule = {
  getSession: async () => current.session,
};

export type Person = { id: string; email: string; session: Session };

/** A user account, with a membership in each organization given. */
export async function person(memberships: { orgId: string; role: MemberRole }[], prefix = "person"): Promise<Person> {
  const email = `${prefix}-${crypto.randomBytes(5).toString("hex")}@example.test`;
  const user = await withPlatform((tx) => platformUsers(tx).create({ input: { email, name: `Test ${prefix}` } }));
  for (const m of memberships) await withTenant(m.orgId, (tx) => membershipsRepo(tx, m.orgId).add({ userId: user.id, role: m.role }));
  const session = {
    user: { id: user.id, email, name: `Test ${prefix}` },
    expires: new Date(Date.now() + 3_600_000).toISOString(),
  } as Session;
  return { id: user.id, email, session };
}

/** Security events recorded for a request made by this user. */
export async function securityEventsFor(userId: string): Promise<{ kind: string; attempted_organization_id: string | null }[]> {
  return asOwner(
    (sql_) =>
      sql_<{ kind: string; attempted_organization_id: string | null }[]>`
      select kind, attempted_organization_id from security_events where user_id = ${userId} order by occurred_at`,
  );
}

const REQUEST_BOOKKEEPING = new Set(["audit_logs", "organization_resource_usage"]);

/**
 * Every row an organization owns (all tenant tables but the audit log and the usage meter, plus its organizations and
 * domains rows), as one fingerprint: equal before and after means nothing was changed.
 */
export async function fingerprint(orgId: string): Promise<string> {
  // The audit log and the resource-usage meter record that requests happened, refused ones included.
  const tables = [...(await listTenantTables()).filter((t) => !REQUEST_BOOKKEEPING.has(t)), "organization_domains"];
  return asOwner(async (sql_) => {
    const parts: string[] = [];
    for (const table of tables) {
      const [row] = await sql_.unsafe<{ h: string | null }[]>(
        `select md5(string_agg(row_to_json(t)::text, ',' order by row_to_json(t)::text)) as h from public."${table}" t where organization_id = $1`,
        [orgId],
      );
      parts.push(`${table}:${row?.h ?? "-"}`);
    }
    const [org] = await sql_<{ h: string }[]>`select md5(row_to_json(o)::text) as h from organizations o where id = ${orgId}`;
    parts.push(`organizations:${org?.h ?? "-"}`);
    return parts.join("|");
  });
}
