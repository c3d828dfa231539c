import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { smsSettingsPatchSchema } from "@/lib/sms/schemas";
import { getSmsSettings, updateSmsSettings } from "@/lib/sms/service";

export const dynamic = "force-dynamic";

// GET /api/v1/settings/sms — the text-message set-up (the auth token is never returned).
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await getSmsSettings(ctx),
}));

// PATCH — any subset; `authToken` sets or replaces the kept token.
export const PATCH = tenantRoute({ permission: "settings:manage", body: smsSettingsPatchSchema }, async ({ body, ctx }) => ({
  data: await updateSmsSettings(ctx, body),
}));
