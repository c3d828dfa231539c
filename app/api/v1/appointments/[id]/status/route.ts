import { idFrom } from "@/lib/pipeline/params";
import { changeStatus } from "@/lib/scheduling/booking";
import { statusChangeSchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// POST {"status": "confirmed" | "checked_in" | "completed" | "no_show"}; invalid transitions → 400.
export const POST = tenantRoute({ permission: "appointments:write", body: statusChangeSchema }, async ({ params, body, ctx }) => ({
  data: await changeStatus(ctx, { id: idFrom(params, "id", "appointment"), to: body.status }),
}));
