import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { reportQuerySchema } from "@/lib/reports/schemas";
import { appointmentReport } from "@/lib/reports/service";

export const dynamic = "force-dynamic";

// GET /api/v1/reports?from=&to=&provider=&type=&location= — the appointments report (aggregates only).
export const GET = tenantRoute({ permission: "reports:read", query: reportQuerySchema }, async ({ query, ctx }) => ({
  data: await appointmentReport(ctx, query),
}));
