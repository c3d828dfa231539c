import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { auditLogs, notifications } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";

export type Backlog = {
  outboxPending: number;
  outboxOldestAgeSeconds: number;
  auditUnsealed: number;
  auditOldestUnsealedAgeSeconds: number;
};

/**
 * The outbox's and the audit sealer's backlog over every organization, as numbers only: the
 * organization ids through the platform wrapper, then one short tenant transaction per
 * organization (as the worker reads its outbox), left out of the organization's metered time.
 */
export async function readBacklog(now = new Date()): Promise<Backlog> {
  const ids = await withPlatform((tx) => platformOrganizations(tx).listIds());
  const total: Backlog = { outboxPending: 0, outboxOldestAgeSeconds: 0, auditUnsealed: 0, auditOldestUnsealedAgeSeconds: 0 };
  let oldestPending: Date | null = null;
  let oldestUnsealed: Date | null = null;
  for (const orgId of ids) {
    const [outbox, audit] = await withTenant(
      orgId,
      async (tx) =>
        Promise.all([
          tx
            .select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${notifications.createdAt})` })
            .from(notifications)
            .where(and(eq(notifications.organizationId, orgId), eq(notifications.status, "pending"))),
          tx
            .select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${auditLogs.occurredAt})` })
            .from(auditLogs)
            .where(and(eq(auditLogs.organizationId, orgId), isNull(auditLogs.seq))),
        ]),
      { unmetered: true },
    );
    total.outboxPending += outbox[0]?.n ?? 0;
    total.auditUnsealed += audit[0]?.n ?? 0;
    const pendingAt = outbox[0]?.oldest ? new Date(outbox[0].oldest) : null;
    const unsealedAt = audit[0]?.oldest ? new Date(audit[0].oldest) : null;
    if (pendingAt && (!oldestPending || pendingAt < oldestPending)) oldestPending = pendingAt;
    if (unsealedAt && (!oldestUnsealed || unsealedAt < oldestUnsealed)) oldestUnsealed = unsealedAt;
  }
  if (oldestPending) total.outboxOldestAgeSeconds = Math.max(0, (now.getTime() - oldestPending.getTime()) / 1000);
  if (oldestUnsealed) total.auditOldestUnsealedAgeSeconds = Math.max(0, (now.getTime() - oldestUnsealed.getTime()) / 1000);
  return total;
}
