import { assertFeature } from "@/lib/billing/limits";
import { organizationRepo } from "@/lib/organizations/repository";
import { brandingSchema } from "@/lib/organizations/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await organizationRepo(ctx.tx, ctx.orgId).getBranding(),
}));

// The display name is every plan's; logo and colours need custom branding.
export const PATCH = tenantRoute({ permission: "settings:manage", body: brandingSchema }, async ({ body, ctx }) => {
  if (body.logoUrl !== undefined || body.primaryColor !== undefined || body.accentColor !== undefined) {
    await assertFeature(ctx.tx, ctx.orgId, "custom_branding");
  }
  const patch = { ...body, ...(body.logoUrl !== undefined ? { logoUrl: body.logoUrl || null } : {}) };
  return { data: await organizationRepo(ctx.tx, ctx.orgId).updateBranding({ patch }) };
});
