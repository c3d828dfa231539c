import { idFrom } from "@/lib/pipeline/params";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const DELETE = tenantRoute({ permission: "providers:manage" }, async ({ params, ctx }) => {
  const providerId = idFrom(params, "id", "provider");
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).removeTimeOff({ id: idFrom(params, "timeOffId", "time_off"), providerId });
  return new Response(null, { status: 204 });
});
