"use server";

import { z } from "zod";
import { getSchedulingSettings, updateSchedulingSettings } from "@/lib/administration/settings";
import { settingsPatchSchema } from "@/lib/organizations/schemas";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { adminScopeOf } from "@/lib/tenancy/service-context";

/** Business hours, booking rules and online services. */
export const schedulingSettingsAction = tenantAction(
  { name: "settings.scheduling", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => getSchedulingSettings(adminScopeOf(ctx)),
);

export const updateSchedulingSettingsAction = tenantAction(
  { name: "settings.scheduling.update", schema: settingsPatchSchema, permission: "settings:manage" },
  async (input, ctx) => updateSchedulingSettings(adminScopeOf(ctx), input),
);
