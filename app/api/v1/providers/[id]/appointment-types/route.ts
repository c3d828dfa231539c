import { idFrom } from "@/lib/pipeline/params";
import { offeredTypesSchema } from "@/lib/providers/schemas";
import { setOfferedTypes } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// PUT — which appointment types this provider offers (empty: all of them).
export const PUT = tenantRoute({ permission: "providers:manage", body: offeredTypesSchema }, async ({ params, body, ctx }) => ({
  data: await setOfferedTypes(ctx, idFrom(params, "id", "provider"), body.appointmentTypeIds),
}));
