import { idFrom } from "@/lib/pipeline/params";
import { rescheduleAppointment } from "@/lib/scheduling/booking";
import { rescheduleSchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// POST {"startsAt": ISO, "providerId"?: id} — atomic: the new time is taken and the old one freed together.
export const POST = tenantRoute({ permission: "appointments:write", body: rescheduleSchema }, async ({ params, body, ctx }) => ({
  data: await rescheduleAppointment(ctx, {
    id: idFrom(params, "id", "appointment"),
    startsAt: body.startsAt,
    providerId: body.providerId,
    online: false,
  }),
}));
