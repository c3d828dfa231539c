import { idFrom } from "@/lib/pipeline/params";
import { appointmentTypePatchSchema } from "@/lib/appointment-types/schemas";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: idFrom(params, "id", "appointment_type") }),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: appointmentTypePatchSchema }, async ({ params, body, ctx }) => ({
  data: await appointmentTypesRepo(ctx.tx, ctx.orgId).update({ id: idFrom(params, "id", "appointment_type"), patch: body }),
}));
