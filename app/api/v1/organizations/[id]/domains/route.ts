import { addDomainSchema } from "@/lib/organizations/schemas";
import { organizationService } from "@/lib/administration/organizations";
import { verificationRecord } from "@/lib/administration/domains";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// POST {"domain": "...", "isPrimary": true} — the guide's organizationService.addDomain.
export const POST = orgAdminRoute({ permission: "settings:manage", body: addDomainSchema }, async ({ orgId, body }) => {
  const domain = await organizationService.addDomain(orgId, body);
  return Response.json(
    { data: { ...domain, verification: domain.verifiedAt ? null : verificationRecord(domain.domain, domain.verificationToken) } },
    { status: 201 },
  );
});
