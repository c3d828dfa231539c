import { idFrom } from "@/lib/pipeline/params";
import { appointmentTypePatchSchema } from "@/lib/appointment-types/schemas";
import { appointmentTypeById, updateAppointmentType } from "@/lib/appointment-types/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await appointmentTypeById(ctx, idFrom(params, "id", "appointment_type")),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: appointmentTypePatchSchema }, async ({ params, body, ctx }) => ({
  data: await updateAppointmentType(ctx, idFrom(params, "id", "appointment_type"), body),
}));
