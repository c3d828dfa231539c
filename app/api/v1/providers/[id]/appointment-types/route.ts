import { idFrom } from "@/lib/pipeline/params";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { offeredTypesSchema } from "@/lib/providers/schemas";
import { providerDetail } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// PUT — which appointment types this provider offers (empty: all of them).
export const PUT = tenantRoute({ permission: "providers:manage", body: offeredTypesSchema }, async ({ params, body, ctx }) => {
  const id = idFrom(params, "id", "provider");
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  for (const typeId of body.appointmentTypeIds) await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: typeId });
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).setOfferedTypes({ providerId: id, typeIds: [...new Set(body.appointmentTypeIds)] });
  return { data: await providerDetail(ctx, id) };
});
