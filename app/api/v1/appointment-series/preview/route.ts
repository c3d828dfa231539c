import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { previewSeries } from "@/lib/scheduling/series";
import { seriesPreviewSchema } from "@/lib/scheduling/series-schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/appointment-series/preview — each planned visit checked; nothing is booked.
export const POST = tenantRoute({ permission: "appointments:write", body: seriesPreviewSchema }, async ({ body, ctx }) => ({
  data: await previewSeries(ctx, body),
}));
