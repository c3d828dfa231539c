import { organizationJson } from "@/lib/organizations/public-shape";
import { organizationRepo } from "@/lib/organizations/repository";
import { profileSchema } from "@/lib/organizations/schemas";
import { tenantRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

// General settings: name, type, address, contact, time zone.
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: organizationJson(await organizationRepo(ctx.tx, ctx.orgId).get()),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: profileSchema }, async ({ body, ctx }) => ({
  data: organizationJson(await organizationRepo(ctx.tx, ctx.orgId).updateProfile({ patch: body })),
}));
