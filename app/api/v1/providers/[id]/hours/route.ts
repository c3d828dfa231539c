import { idFrom } from "@/lib/pipeline/params";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { weeklyHoursSchema } from "@/lib/providers/schemas";
import { providerDetail } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// PUT /api/v1/providers/{id}/hours — replaces the weekly working hours.
export const PUT = tenantRoute({ permission: "providers:manage", body: weeklyHoursSchema }, async ({ params, body, ctx }) => {
  const id = idFrom(params, "id", "provider");
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).replaceWeeklyHours({ providerId: id, hours: body.hours });
  return { data: await providerDetail(ctx, id) };
});
