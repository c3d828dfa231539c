import { idFrom } from "@/lib/pipeline/params";
import { weeklyHoursSchema } from "@/lib/providers/schemas";
import { setWeeklyHours } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// PUT /api/v1/providers/{id}/hours — replaces the weekly working hours.
export const PUT = tenantRoute({ permission: "providers:manage", body: weeklyHoursSchema }, async ({ params, body, ctx }) => ({
  data: await setWeeklyHours(ctx, idFrom(params, "id", "provider"), body.hours),
}));
