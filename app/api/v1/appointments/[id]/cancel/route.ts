import { idFrom } from "@/lib/pipeline/params";
import { cancelAppointment } from "@/lib/scheduling/booking";
import { cancelSchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const POST = tenantRoute({ permission: "appointments:write", body: cancelSchema }, async ({ params, body, ctx }) => ({
  data: await cancelAppointment(ctx, { id: idFrom(params, "id", "appointment"), reason: body.reason, by: "staff" }),
}));
