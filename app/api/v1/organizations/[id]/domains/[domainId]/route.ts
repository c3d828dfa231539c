import { idFrom } from "@/lib/pipeline/params";
import { removeDomain } from "@/lib/administration/domains";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

export const DELETE = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, params }) => {
  await removeDomain(orgId, idFrom(params, "domainId", "domain"));
  return new Response(null, { status: 204 });
});
