import { organizationJson } from "@/lib/organizations/public-shape";
import { organizationRepo } from "@/lib/organizations/repository";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";
import { withTenant } from "@/lib/db/tenant";

export const dynamic = "force-dynamic";

export const GET = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId }) => ({
  data: await withTenant(orgId, async (tx) => {
    const repo = organizationRepo(tx, orgId);
    return {
      ...organizationJson(await repo.get()),
      settings: await repo.getSettings(),
      branding: await repo.getBranding(),
      domains: await repo.listDomains(),
    };
  }),
}));
