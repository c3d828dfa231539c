import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { nextAvailableSchema } from "@/lib/reports/schemas";
import { nextAvailable } from "@/lib/reports/service";

export const dynamic = "force-dynamic";

// GET /api/v1/reports/next-available?provider=&type= — per appointment type, the first free time from now.
export const GET = tenantRoute({ permission: "reports:read", query: nextAvailableSchema }, async ({ query, ctx }) => ({
  data: await nextAvailable(ctx, query),
}));
