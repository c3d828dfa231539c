import { z } from "zod";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  status: z.enum(["pending", "sending", "sent", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

// GET /api/v1/notifications — the e-mail outbox (admins): what was sent, what waits, what failed and why.
export const GET = tenantRoute({ permission: "settings:manage", query: querySchema }, async ({ query, ctx }) => {
  const rows = await outboxRepo(ctx.tx, ctx.orgId).listRecent({ status: query.status, limit: query.limit });
  await ctx.audit({ action: "view", resourceType: "notification_outbox", metadata: { rows: rows.length } });
  return {
    data: rows.map((r) => ({
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
    })),
    nextCursor: null,
  };
});
