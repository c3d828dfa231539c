import { getSchedulingSettings, updateSchedulingSettings } from "@/lib/administration/settings";
import { settingsPatchSchema } from "@/lib/organizations/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await getSchedulingSettings(adminScopeOf(ctx)),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: settingsPatchSchema }, async ({ body, ctx }) => ({
  data: await updateSchedulingSettings(adminScopeOf(ctx), body),
}));
