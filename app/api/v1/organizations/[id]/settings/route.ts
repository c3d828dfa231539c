import { settingsPatchSchema } from "@/lib/organizations/schemas";
import { organizationService } from "@/lib/administration/organizations";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// PATCH — the guide's organizationService.updateSettings (any subset; business hours per weekday).
export const PATCH = orgAdminRoute({ permission: "settings:manage", body: settingsPatchSchema }, async ({ orgId, body }) => ({
  data: await organizationService.updateSettings(orgId, body),
}));
