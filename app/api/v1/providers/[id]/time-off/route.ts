import { idFrom } from "@/lib/pipeline/params";
import { timeOffSchema } from "@/lib/providers/schemas";
import { addTimeOffOverBookings } from "@/lib/scheduling/time-off";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const POST = tenantRoute({ permission: "providers:manage", body: timeOffSchema }, async ({ params, body, ctx }) => {
  const added = await addTimeOffOverBookings(ctx, idFrom(params, "id", "provider"), body);
  return Response.json(
    {
      data: added.timeOff,
      meta: { cancelledAppointmentIds: added.cancelledAppointmentIds, keptAppointmentIds: added.keptAppointmentIds },
    },
    { status: 201 },
  );
});
