import "server-only";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { notifications, type Notification } from "@/lib/db/schema";

export type NotificationKind = Notification["kind"];

/** Retry schedule: 1, 2, 4 … minutes, capped at 6 hours. A message is never dropped. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}

export function outboxRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(notifications.organizationId, orgId);
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

    /** Due messages, claimed for this worker (SKIP LOCKED lets several workers share the outbox). */
    async claimDue({ now, limit }: { now: Date; limit: number }): Promise<Notification[]> {
      const due = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(inOrg, eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, now)))
        .orderBy(asc(notifications.nextAttemptAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      if (!due.length) return [];
      return tx
        .update(notifications)
        .set({ status: "sending", attempts: sql`${notifications.attempts} + 1` })
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
    },

    async markSent({ id, now }: { id: string; now: Date }) {
      await tx
        .update(notifications)
        .set({ status: "sent", sentAt: now, lastError: null })
        .where(and(inOrg, eq(notifications.id, id)));
    },

    async markRetry({ id, attempts, error, now }: { id: string; attempts: number; error: string; now: Date }) {
      await tx
        .update(notifications)
        .set({ status: "pending", lastError: error.slice(0, 500), nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)) })
        .where(and(inOrg, eq(notifications.id, id)));
    },

    /** Messages stuck in "sending" (a worker died mid-send) go back to the queue. */
    async requeueStale({ olderThan }: { olderThan: Date }) {
      await tx
        .update(notifications)
        .set({ status: "pending" })
        .where(and(inOrg, eq(notifications.status, "sending"), lte(notifications.nextAttemptAt, olderThan)));
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
