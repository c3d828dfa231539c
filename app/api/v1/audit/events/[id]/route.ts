import { getAuditEvent } from "@/lib/audit/console";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/audit/events/{id} — one event, its metadata and its place in the chain (recorded, naming the patients shown).
export const GET = tenantRoute({ permission: "audit:read" }, async ({ params, ctx }) => ({
  data: await getAuditEvent(ctx, idFrom(params, "id", "audit_event")),
}));
