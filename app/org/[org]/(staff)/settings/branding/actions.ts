"use server";

import { z } from "zod";
import { getBranding, updateBranding } from "@/lib/administration/settings";
import { brandingSchema } from "@/lib/organizations/schemas";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const brandingAction = tenantAction(
  { name: "settings.branding", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => getBranding(adminScopeOf(ctx)),
);

/** The display name on any plan; a logo and colours with custom branding. */
export const updateBrandingAction = tenantAction(
  { name: "settings.branding.update", schema: brandingSchema, permission: "settings:manage" },
  async (input, ctx) => updateBranding(adminScopeOf(ctx), input),
);
