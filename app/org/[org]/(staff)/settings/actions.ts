"use server";

import { z } from "zod";
import { getProfile, updateProfile } from "@/lib/administration/settings";
import { profileSchema } from "@/lib/organizations/schemas";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { adminScopeOf } from "@/lib/tenancy/service-context";

/** The organization's name, type, address, contact details and time zone. */
export const profileAction = tenantAction(
  { name: "settings.profile", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => getProfile(adminScopeOf(ctx)),
);

export const updateProfileAction = tenantAction(
  { name: "settings.profile.update", schema: profileSchema, permission: "settings:manage" },
  async (input, ctx) => updateProfile(adminScopeOf(ctx), input),
);
