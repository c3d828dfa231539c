import { getOrganizationDetail } from "@/lib/administration/settings";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

export const GET = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, actor }) => ({
  data: await getOrganizationDetail({ orgId, by: actor }),
}));
