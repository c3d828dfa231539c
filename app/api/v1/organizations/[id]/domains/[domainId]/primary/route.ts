import { idFrom } from "@/lib/pipeline/params";
import { withTenant } from "@/lib/db/tenant";
import { NotFoundError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { organizationService } from "@/lib/administration/organizations";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// POST — make this (verified) domain the primary one.
export const POST = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, params }) => {
  const domainId = idFrom(params, "domainId", "domain");
  const domain = (await withTenant(orgId, (tx) => organizationRepo(tx, orgId).listDomains())).find((d) => d.id === domainId);
  if (!domain) throw new NotFoundError("domain");
  return { data: await organizationService.addDomain(orgId, { domain: domain.domain, isPrimary: true }) };
});
