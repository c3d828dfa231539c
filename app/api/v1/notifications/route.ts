import { listOutbox, outboxQuerySchema } from "@/lib/administration/outbox";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/notifications — the e-mail outbox (admins): what was sent, what waits, what failed and why.
export const GET = tenantRoute({ permission: "settings:manage", query: outboxQuerySchema }, async ({ query, ctx }) => ({
  data: await listOutbox(ctx, query),
  nextCursor: null,
}));
