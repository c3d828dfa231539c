import { searchAuditEvents } from "@/lib/audit/console";
import { auditSearchSchema } from "@/lib/audit/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/audit/events?actor=&patient=&action=&resource=&from=&to=&limit=&cursor= — the audit log, newest first (the look is itself recorded).
export const GET = tenantRoute({ permission: "audit:read", query: auditSearchSchema }, async ({ query, ctx, organization }) =>
  searchAuditEvents(ctx, query, organization.timeZone),
);
