"use server";

import { z } from "zod";
import { getUsage } from "@/lib/administration/settings";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { adminScopeOf } from "@/lib/tenancy/service-context";

/** The plan, its limits, this month's usage and the subscription's standing. */
export const usageAction = tenantAction(
  { name: "settings.usage", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => getUsage(adminScopeOf(ctx)),
);
