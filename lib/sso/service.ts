import "server-only";
import { organizationSiteUrl } from "@/lib/auth/links";
import { config } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors/app-error";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { issuerProblem } from "./fetch";
import { discoverProvider, forgetProvider } from "./provider";
import { organizationSsoRepo } from "./repository";
import type { SsoSettingsInput, SsoSettingsView } from "./schemas";
import { decryptClientSecret, encryptClientSecret } from "./secret";

// An organization's single sign-on set-up, as its owners and admins manage it. The client secret
// is write-only: kept encrypted, never shown again; saving checks the provider answers.

export const SSO_CALLBACK_PATH = "/api/v1/public/sso/callback";
export const SSO_LOGOUT_PATH = "/api/v1/public/sso/logout";

const uris = (slug: string) => ({
  redirectUri: organizationSiteUrl(slug, SSO_CALLBACK_PATH),
  backchannelLogoutUri: organizationSiteUrl(slug, SSO_LOGOUT_PATH),
});

export async function getSsoSettings(ctx: ServiceContext, slug: string): Promise<SsoSettingsView | null> {
  const row = await organizationSsoRepo(ctx.tx, ctx.orgId).find();
  if (!row) return null;
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretSet: true,
    allowedDomains: row.allowedDomains,
    defaultRole: row.defaultRole === "owner" ? "admin" : row.defaultRole,
    required: row.required,
    enabled: row.enabled,
    ...uris(slug),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The settings page: the set-up (or null), and the addresses to register at the provider before saving. */
export async function ssoSettingsPage(ctx: ServiceContext, slug: string) {
  return { settings: await getSsoSettings(ctx, slug), ...uris(slug) };
}

/** Saves the set-up once the issuer's OpenID configuration has been read with it (400 otherwise). */
export async function saveSsoSettings(ctx: ServiceContext, slug: string, input: SsoSettingsInput): Promise<SsoSettingsView> {
  const repo = organizationSsoRepo(ctx.tx, ctx.orgId);
  const issuer = input.issuer.replace(/\/+$/, "");
  const problem = issuerProblem(issuer, config().ssoAllowPrivateIssuers);
  if (problem) throw new ValidationError(problem, { issuer: [problem] });
  const existing = await repo.find();
  const secret = input.clientSecret ?? (existing ? decryptClientSecret(ctx.orgId, existing.clientSecretEncrypted) : null);
  if (!secret) {
    const message = "Enter the client secret the identity provider gave you.";
    throw new ValidationError(message, { clientSecret: [message] });
  }
  if (input.required && !input.enabled) {
    const message = "Single sign-on cannot be required while it is turned off.";
    throw new ValidationError(message, { required: [message] });
  }
  try {
    await discoverProvider(ctx.orgId, { issuer, clientId: input.clientId, clientSecret: secret });
  } catch (err) {
    const message = `The identity provider's OpenID configuration could not be read at ${issuer}/.well-known/openid-configuration (${reasonOf(err)}).`;
    throw new ValidationError(message, { issuer: [message] }, "invalid:sso_issuer");
  }
  const domains = [...new Set(input.allowedDomains)];
  await repo.save({
    issuer,
    clientId: input.clientId,
    clientSecretEncrypted: encryptClientSecret(ctx.orgId, secret),
    allowedDomains: domains,
    defaultRole: input.defaultRole,
    required: input.required,
    enabled: input.enabled,
  });
  forgetProvider(ctx.orgId);
  await ctx.audit({
    action: existing ? "update" : "create",
    resourceType: "sso_settings",
    metadata: {
      issuer,
      domains: domains.length,
      required: input.required,
      enabled: input.enabled,
      secretChanged: Boolean(input.clientSecret),
    },
  });
  return (await getSsoSettings(ctx, slug))!;
}

export async function removeSsoSettings(ctx: ServiceContext): Promise<{ removed: boolean }> {
  const removed = await organizationSsoRepo(ctx.tx, ctx.orgId).remove();
  forgetProvider(ctx.orgId);
  if (removed) await ctx.audit({ action: "delete", resourceType: "sso_settings" });
  return { removed };
}

/** What the sign-in page offers: single sign-on (and whether staff must use it), or nothing. */
export async function ssoSignInOption(orgId: string): Promise<{ available: boolean; required: boolean }> {
  const row = await withTenant(orgId, (tx) => organizationSsoRepo(tx, orgId).find());
  return { available: Boolean(row?.enabled), required: Boolean(row?.enabled && row.required) };
}

/** A short, safe reason for a failure to reach or understand the provider (never its answer's text). */
export function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === "string" && /^[A-Z_]{3,60}$/.test(code)) return code.toLowerCase().replaceAll("_", " ");
  if (err instanceof Error && err.name === "IdentityProviderUnreachable") return err.message;
  return "no valid answer";
}
