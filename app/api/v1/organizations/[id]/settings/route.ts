import { updateSchedulingSettings } from "@/lib/administration/settings";
import { settingsPatchSchema } from "@/lib/organizations/schemas";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// PATCH — organizationService.updateSettings (any subset; business hours per weekday).
export const PATCH = orgAdminRoute({ permission: "settings:manage", body: settingsPatchSchema }, async ({ orgId, actor, body }) => ({
  data: await updateSchedulingSettings({ orgId, by: actor }, body),
}));
