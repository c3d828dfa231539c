"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { smsSettingsPatchSchema } from "@/lib/sms/schemas";
import { getSmsSettings, updateSmsSettings } from "@/lib/sms/service";

/** The text-message set-up (never the auth token). */
export const smsSettingsAction = tenantAction(
  { name: "settings.sms", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => getSmsSettings(ctx),
);

export const updateSmsSettingsAction = tenantAction(
  { name: "settings.sms.update", schema: smsSettingsPatchSchema, permission: "settings:manage" },
  async (input, ctx) => updateSmsSettings(ctx, input),
);
