import { idFrom } from "@/lib/pipeline/params";
import { appointmentDetail } from "@/lib/scheduling/appointments-service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/appointments/{id} — with patient, provider and type, the telehealth link and the allowed next statuses.
export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await appointmentDetail(ctx, idFrom(params, "id", "appointment")),
}));
