import { getProfile, updateProfile } from "@/lib/administration/settings";
import { profileSchema } from "@/lib/organizations/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

// General settings: name, type, address, contact, time zone.
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await getProfile(adminScopeOf(ctx)),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: profileSchema }, async ({ body, ctx }) => ({
  data: await updateProfile(adminScopeOf(ctx), body),
}));
