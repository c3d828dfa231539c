import { idFrom } from "@/lib/pipeline/params";
import { timeOffSchema } from "@/lib/providers/schemas";
import { addTimeOff } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const POST = tenantRoute({ permission: "providers:manage", body: timeOffSchema }, async ({ params, body, ctx }) => {
  const row = await addTimeOff(ctx, idFrom(params, "id", "provider"), body);
  return Response.json({ data: row }, { status: 201 });
});
