import { verifyDomain } from "@/lib/administration/settings";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";
import { idFrom } from "@/lib/pipeline/params";

export const dynamic = "force-dynamic";

// POST — checks the DNS TXT record; only a verified domain ever routes.
export const POST = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, actor, params }) => ({
  data: await verifyDomain({ orgId, by: actor }, idFrom(params, "domainId", "domain")),
}));
