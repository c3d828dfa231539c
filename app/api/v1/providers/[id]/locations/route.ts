import { idFrom } from "@/lib/pipeline/params";
import { providerWeekSchema } from "@/lib/locations/schemas";
import { providerWeek, setProviderWeek } from "@/lib/locations/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET — where the provider works on each weekday set (the others: the main location).
export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await providerWeek(ctx, idFrom(params, "id", "provider")),
}));

// PUT — replaces the week as a whole ({ days: [{ weekday: 1–7, locationId }] }).
export const PUT = tenantRoute({ permission: "providers:manage", body: providerWeekSchema }, async ({ params, body, ctx }) => ({
  data: await setProviderWeek(ctx, idFrom(params, "id", "provider"), body.days),
}));
