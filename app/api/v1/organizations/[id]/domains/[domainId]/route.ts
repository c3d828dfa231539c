import { removeDomain } from "@/lib/administration/settings";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";
import { idFrom } from "@/lib/pipeline/params";

export const dynamic = "force-dynamic";

export const DELETE = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, actor, params }) => {
  await removeDomain({ orgId, by: actor }, idFrom(params, "domainId", "domain"));
  return new Response(null, { status: 204 });
});
