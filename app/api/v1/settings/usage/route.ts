import { getUsage } from "@/lib/administration/settings";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await getUsage(adminScopeOf(ctx)),
}));
