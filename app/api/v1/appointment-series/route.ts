import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { bookSeries } from "@/lib/scheduling/series";
import { seriesBookSchema } from "@/lib/scheduling/series-schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/appointment-series — books the chosen visits of a weekly series, all or none.
export const POST = tenantRoute({ permission: "appointments:write", body: seriesBookSchema }, async ({ body, ctx }) => {
  const series = await bookSeries(ctx, body);
  return Response.json({ data: series }, { status: 201 });
});
