import { idFrom } from "@/lib/pipeline/params";
import { removeTimeOff } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const DELETE = tenantRoute({ permission: "providers:manage" }, async ({ params, ctx }) => {
  const providerId = idFrom(params, "id", "provider");
  await removeTimeOff(ctx, providerId, idFrom(params, "timeOffId", "time_off"));
  return new Response(null, { status: 204 });
});
