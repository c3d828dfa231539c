import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { ssoSettingsSchema } from "@/lib/sso/schemas";
import { getSsoSettings, removeSsoSettings, saveSsoSettings } from "@/lib/sso/service";

export const dynamic = "force-dynamic";

// GET /api/v1/settings/sso — the organization's single sign-on set-up (never its client secret),
// with the redirect and back-channel logout addresses to register at the provider; null if none.
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx, organization }) => ({
  data: await getSsoSettings(ctx, organization.slug),
}));

// PUT — the whole set-up; `clientSecret` the first time, left out afterwards to keep the kept one.
// The issuer's OpenID configuration is read before anything is saved.
export const PUT = tenantRoute({ permission: "settings:manage", body: ssoSettingsSchema }, async ({ body, ctx, organization }) => ({
  data: await saveSsoSettings(ctx, organization.slug, body),
}));

// DELETE — single sign-on off and forgotten (sessions already made end as usual).
export const DELETE = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({ data: await removeSsoSettings(ctx) }));
