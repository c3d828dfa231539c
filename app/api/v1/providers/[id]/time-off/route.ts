import { idFrom } from "@/lib/pipeline/params";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { timeOffSchema } from "@/lib/providers/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const POST = tenantRoute({ permission: "providers:manage", body: timeOffSchema }, async ({ params, body, ctx }) => {
  const id = idFrom(params, "id", "provider");
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  const row = await providerAvailabilityRepo(ctx.tx, ctx.orgId).addTimeOff({ providerId: id, ...body });
  return Response.json({ data: row }, { status: 201 });
});
