import { platformKey } from "@/lib/cache/keys";
import { invalidatePrefix } from "@/lib/cache/memory";
import { organizationJson } from "@/lib/organizations/public-shape";
import { organizationRepo } from "@/lib/organizations/repository";
import { profileSchema } from "@/lib/organizations/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// General settings: name, type, address, contact, time zone.
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: organizationJson(await organizationRepo(ctx.tx, ctx.orgId).get()),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: profileSchema }, async ({ body, ctx }) => {
  const updated = await organizationRepo(ctx.tx, ctx.orgId).updateProfile({ patch: body });
  invalidatePrefix(platformKey("org-"));
  return { data: organizationJson(updated) };
});
