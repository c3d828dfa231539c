import { appointmentTypeInputSchema } from "@/lib/appointment-types/schemas";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ ctx }) => ({
  data: await appointmentTypesRepo(ctx.tx, ctx.orgId).list(),
  nextCursor: null,
}));

export const POST = tenantRoute({ permission: "settings:manage", body: appointmentTypeInputSchema }, async ({ body, ctx }) => {
  const row = await appointmentTypesRepo(ctx.tx, ctx.orgId).create({ input: body });
  return Response.json({ data: row }, { status: 201 });
});
