import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { leasedQueue, type Claimed } from "@/lib/db/leased-queue";
import { withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { accountMessages, notifications, type Notification } from "@/lib/db/schema";
import { platformOrganizations } from "@/lib/organizations/platform-repository";

export type NotificationKind = Notification["kind"];

/** A claimed message: the claim's token must accompany its completion. */
export type ClaimedNotification = Claimed<Notification>;

export function outboxRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(notifications.organizationId, orgId);
  return {
    // claimDue, markSent, markRetry, release: the leased queue, every statement within this organization.
    ...leasedQueue(tx, notifications, { scope: inOrg }),

    async enqueue(values: {
      kind: NotificationKind;
      appointmentId?: string | null;
      toEmail: string;
      subject: string;
      bodyText: string;
      icsContent?: string | null;
    }): Promise<Notification | undefined> {
      const [row] = await tx
        .insert(notifications)
        .values({ ...values, organizationId: orgId })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    /** Queue depth of this organization: messages not yet sent, the oldest one's age, failed attempts waiting. */
    async stats(): Promise<{ pending: number; oldestCreatedAt: Date | null; failed: number }> {
      const [row] = await tx
        .select({
          pending: sql<number>`count(*) filter (where ${notifications.status} in ('pending', 'sending'))::int`,
          oldest: sql<string | null>`min(${notifications.createdAt}) filter (where ${notifications.status} in ('pending', 'sending'))`,
          failed: sql<number>`count(*) filter (where ${notifications.status} = 'failed' or (${notifications.status} = 'pending' and ${notifications.lastError} is not null))::int`,
        })
        .from(notifications)
        .where(and(inOrg, inArray(notifications.status, ["pending", "sending", "failed"])));
      return { pending: row?.pending ?? 0, oldestCreatedAt: row?.oldest ? new Date(row.oldest) : null, failed: row?.failed ?? 0 };
    },

    async listRecent({ limit = 100, status }: { limit?: number; status?: Notification["status"] } = {}) {
      const where = [inOrg];
      if (status) where.push(eq(notifications.status, status));
      return tx
        .select()
        .from(notifications)
        .where(and(...where))
        .orderBy(desc(notifications.createdAt))
        .limit(limit);
    },

    async forAppointment({ appointmentId }: { appointmentId: string }) {
      return tx
        .select()
        .from(notifications)
        .where(and(inOrg, eq(notifications.appointmentId, appointmentId)))
        .orderBy(asc(notifications.createdAt));
    },
  };
}

export type OutboxStats = {
  /** Messages not yet sent (waiting, or being sent right now), every organization and the account outbox. */
  pending: number;
  /** Age of the oldest of those, in seconds; null when there is none. */
  oldestPendingAgeSeconds: number | null;
  /** Messages whose last attempt failed (retried later) or that were given up. */
  failed: number;
};

/**
 * The outbox across the platform, for logs and metrics: counts and an age only, no message content.
 * Each organization is read in its own tenant transaction (RLS holds); the account outbox through
 * the platform scope.
 */
export async function outboxStats({ now = new Date() }: { now?: Date } = {}): Promise<OutboxStats> {
  const orgIds = await withPlatform((tx) => platformOrganizations(tx).listIds());
  let pending = 0;
  let failed = 0;
  let oldest: number | null = null;
  const note = (at: Date | null) => {
    if (at && (oldest === null || at.getTime() < oldest)) oldest = at.getTime();
  };
  for (const orgId of orgIds) {
    const s = await withTenant(orgId, (tx) => outboxRepo(tx, orgId).stats());
    pending += s.pending;
    failed += s.failed;
    note(s.oldestCreatedAt);
  }
  const [account] = await withPlatform((tx) =>
    tx
      .select({
        pending: sql<number>`count(*) filter (where ${accountMessages.status} in ('pending', 'sending'))::int`,
        oldest: sql<string | null>`min(${accountMessages.createdAt}) filter (where ${accountMessages.status} in ('pending', 'sending'))`,
        failed: sql<number>`count(*) filter (where ${accountMessages.status} = 'failed' or (${accountMessages.status} = 'pending' and ${accountMessages.lastError} is not null))::int`,
      })
      .from(accountMessages)
      .where(inArray(accountMessages.status, ["pending", "sending", "failed"])),
  );
  pending += account?.pending ?? 0;
  failed += account?.failed ?? 0;
  note(account?.oldest ? new Date(account.oldest) : null);
  return {
    pending,
    oldestPendingAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
    failed,
  };
}
