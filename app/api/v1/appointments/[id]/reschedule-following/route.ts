import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { rescheduleSchema } from "@/lib/scheduling/schemas";
import { rescheduleSeriesFrom } from "@/lib/scheduling/series";

export const dynamic = "force-dynamic";

// POST /api/v1/appointments/{id}/reschedule-following — this visit and the later ones of its series, moved alike.
export const POST = tenantRoute({ permission: "appointments:write", body: rescheduleSchema }, async ({ params, body, ctx }) => ({
  data: await rescheduleSeriesFrom(ctx, { id: idFrom(params, "id", "appointment"), ...body }),
}));
