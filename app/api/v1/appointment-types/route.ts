import { appointmentTypeInputSchema } from "@/lib/appointment-types/schemas";
import { createAppointmentType, listAppointmentTypes } from "@/lib/appointment-types/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ ctx }) => ({
  data: await listAppointmentTypes(ctx),
  nextCursor: null,
}));

export const POST = tenantRoute({ permission: "settings:manage", body: appointmentTypeInputSchema }, async ({ body, ctx }) => {
  const row = await createAppointmentType(ctx, body);
  return Response.json({ data: row }, { status: 201 });
});
