import { organizationRepo } from "@/lib/organizations/repository";
import { settingsPatchSchema } from "@/lib/organizations/schemas";
import { organizationService } from "@/lib/administration/organizations";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await organizationRepo(ctx.tx, ctx.orgId).getSettings(),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: settingsPatchSchema }, async ({ body, ctx }) => ({
  data: await organizationService.updateSettings(ctx.orgId, body, ctx.tx),
}));
