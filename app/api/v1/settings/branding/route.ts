import { getBranding, updateBranding } from "@/lib/administration/settings";
import { brandingSchema } from "@/lib/organizations/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await getBranding(adminScopeOf(ctx)),
}));

// The display name is every plan's; logo and colours need custom branding.
export const PATCH = tenantRoute({ permission: "settings:manage", body: brandingSchema }, async ({ body, ctx }) => ({
  data: await updateBranding(adminScopeOf(ctx), body),
}));
