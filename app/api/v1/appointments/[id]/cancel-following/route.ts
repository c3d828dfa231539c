import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { cancelSeriesFrom } from "@/lib/scheduling/series";
import { cancelSchema } from "@/lib/scheduling/schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/appointments/{id}/cancel-following — this visit and the later ones of its series.
export const POST = tenantRoute({ permission: "appointments:write", body: cancelSchema }, async ({ params, body, ctx }) => ({
  data: await cancelSeriesFrom(ctx, { id: idFrom(params, "id", "appointment"), reason: body.reason }),
}));
