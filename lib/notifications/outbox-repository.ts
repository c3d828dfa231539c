import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { accountMessages, notifications, type Notification } from "@/lib/db/schema";
import { platformOrganizations } from "@/lib/organizations/platform-repository";

export type NotificationKind = Notification["kind"];

/** Retry schedule: 1, 2, 4 … minutes, capped at 6 hours. A message is never dropped. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}

/** A claimed message: the claim's token must accompany its completion. */
export type ClaimedNotification = Notification & { claimToken: string; leaseExpiresAt: Date };

export function outboxRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(notifications.organizationId, orgId);
  const heldBy = (id: string, claimToken: string) =>
    and(inOrg, eq(notifications.id, id), eq(notifications.status, "sending"), eq(notifications.claimToken, claimToken));
  return {
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

    /**
     * Claims due messages for one worker under a lease: rows are locked with SKIP LOCKED, so
     * concurrent workers never claim the same row, and marked "sending" with a fresh claim token
     * (one per claim, shared by its batch) and a lease measured on the database clock. A message
     * whose lease ran out (its worker died or stalled) is due again. Only the holder of the current
     * token can complete a message.
     */
    async claimDue({ now, limit, leaseSeconds }: { now: Date; limit: number; leaseSeconds: number }): Promise<ClaimedNotification[]> {
      const due = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            inOrg,
            or(
              and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)),
              and(eq(notifications.status, "sending"), sql`coalesce(${notifications.leaseExpiresAt}, '-infinity') <= now()`),
            ),
          ),
        )
        .orderBy(asc(notifications.nextAttemptAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      if (!due.length) return [];
      const rows = await tx
        .update(notifications)
        .set({
          status: "sending",
          attempts: sql`${notifications.attempts} + 1`,
          claimToken: randomUUID(),
          leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
        })
        .where(
          and(
            inOrg,
            inArray(
              notifications.id,
              due.map((d) => d.id),
            ),
          ),
        )
        .returning();
      return rows as ClaimedNotification[];
    },

    /** Completes a claim; false when the lease was lost to another worker (nothing is changed then). */
    async markSent({ id, claimToken, now }: { id: string; claimToken: string; now: Date }): Promise<boolean> {
      const done = await tx
        .update(notifications)
        .set({ status: "sent", sentAt: now, lastError: null, claimToken: null, leaseExpiresAt: null })
        .where(heldBy(id, claimToken))
        .returning({ id: notifications.id });
      return done.length > 0;
    },

    async markRetry({
      id,
      claimToken,
      attempts,
      error,
      now,
    }: {
      id: string;
      claimToken: string;
      attempts: number;
      error: string;
      now: Date;
    }): Promise<boolean> {
      const done = await tx
        .update(notifications)
        .set({
          status: "pending",
          lastError: error.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)),
          claimToken: null,
          leaseExpiresAt: null,
        })
        .where(heldBy(id, claimToken))
        .returning({ id: notifications.id });
      return done.length > 0;
    },

    /** Hands claimed but unattempted messages back (the lease is too short to send them safely). */
    async release({ ids, claimToken }: { ids: string[]; claimToken: string }): Promise<void> {
      if (!ids.length) return;
      await tx
        .update(notifications)
        .set({ status: "pending", attempts: sql`greatest(${notifications.attempts} - 1, 0)`, claimToken: null, leaseExpiresAt: null })
        .where(and(inOrg, inArray(notifications.id, ids), eq(notifications.status, "sending"), eq(notifications.claimToken, claimToken)));
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
