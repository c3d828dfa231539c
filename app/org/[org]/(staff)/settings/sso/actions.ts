"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { ssoSettingsSchema } from "@/lib/sso/schemas";
import { removeSsoSettings, saveSsoSettings, ssoSettingsPage } from "@/lib/sso/service";

/** The single sign-on set-up (never the client secret) and the addresses to register at the provider. */
export const ssoSettingsAction = tenantAction(
  { name: "settings.sso", schema: z.strictObject({}), permission: "settings:manage" },
  async (_input, ctx) => ssoSettingsPage(ctx, ctx.organization.slug),
);

export const saveSsoSettingsAction = tenantAction(
  { name: "settings.sso.save", schema: ssoSettingsSchema, permission: "settings:manage" },
  async (input, ctx) => saveSsoSettings(ctx, ctx.organization.slug, input),
);

export const removeSsoSettingsAction = tenantAction(
  { name: "settings.sso.remove", schema: z.strictObject({}), permission: "settings:manage" },
  async (_input, ctx) => removeSsoSettings(ctx),
);
