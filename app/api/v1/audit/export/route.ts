import { exportAuditRange } from "@/lib/audit/console";
import { auditExportSchema } from "@/lib/audit/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/audit/export?from=&to=&format=ndjson|csv — the chain's events of those days with their hashes (the export is recorded).
export const GET = tenantRoute(
  { permission: "audit:read", query: auditExportSchema, limitPerMinute: 10 },
  async ({ query, ctx, organization }) => {
    const file = await exportAuditRange(ctx, query, organization.timeZone, organization.slug);
    return new Response(file.body, {
      status: 200,
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  },
);
