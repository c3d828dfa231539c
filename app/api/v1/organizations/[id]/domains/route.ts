import { addDomain } from "@/lib/administration/settings";
import { addDomainSchema } from "@/lib/organizations/schemas";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// POST {"domain": "...", "isPrimary": true} — organizationService.addDomain (the own subdomain, or a custom domain to verify).
export const POST = orgAdminRoute({ permission: "settings:manage", body: addDomainSchema }, async ({ orgId, actor, body }) =>
  Response.json({ data: await addDomain({ orgId, by: actor }, body) }, { status: 201 }),
);
