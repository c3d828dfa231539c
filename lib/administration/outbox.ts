import "server-only";
import { z } from "zod";
import { notificationStatus, type Notification } from "@/lib/db/schema";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";

// The e-mail outbox as administrators see it: what was sent, what waits, what failed and why.

export const outboxQuerySchema = z.object({
  status: z.enum(notificationStatus.enumValues).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export type OutboxEntry = Pick<
  Notification,
  | "id"
  | "kind"
  | "appointmentId"
  | "toEmail"
  | "subject"
  | "bodyText"
  | "status"
  | "attempts"
  | "lastError"
  | "nextAttemptAt"
  | "sentAt"
  | "createdAt"
>;

/** The newest messages first, of one status or all; the read is audited (e-mails name patients). */
export async function listOutbox(ctx: ServiceContext, query: OutboxQuery): Promise<OutboxEntry[]> {
  const rows = await outboxRepo(ctx.tx, ctx.orgId).listRecent({ status: query.status, limit: query.limit });
  await ctx.audit({ action: "view", resourceType: "notification_outbox", metadata: { rows: rows.length } });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    appointmentId: r.appointmentId,
    toEmail: r.toEmail,
    subject: r.subject,
    bodyText: r.bodyText,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    nextAttemptAt: r.nextAttemptAt,
    sentAt: r.sentAt,
    createdAt: r.createdAt,
  }));
}
