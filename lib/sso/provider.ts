import "server-only";
import { LRUCache } from "lru-cache";
import * as oidc from "openid-client";
import { config } from "@/lib/config/env";
import { providerFetch } from "./fetch";

// An organization's identity provider as openid-client sees it: discovered from the issuer's
// /.well-known/openid-configuration (whose issuer must be exactly the one configured), kept a few
// minutes per organization and set-up, so a sign-in does not fetch it twice.

const cache = new LRUCache<string, oidc.Configuration>({ max: 500, ttl: 5 * 60_000 });

export type ProviderSettings = { issuer: string; clientId: string; clientSecret: string };

export async function discoverProvider(orgId: string, settings: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${orgId}|${settings.issuer}|${settings.clientId}|${settings.clientSecret.length}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const allowPrivate = config().ssoAllowPrivateIssuers;
  const found = await oidc.discovery(
    new URL(settings.issuer),
    settings.clientId,
    settings.clientSecret,
    oidc.ClientSecretPost(settings.clientSecret),
    {
      [oidc.customFetch]: providerFetch(allowPrivate),
      execute: allowPrivate ? [oidc.allowInsecureRequests] : [],
      timeout: 5,
    },
  );
  found[oidc.customFetch] = providerFetch(allowPrivate);
  cache.set(key, found);
  return found;
}

/** Forget an organization's provider (its set-up changed). */
export function forgetProvider(orgId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${orgId}|`)) cache.delete(key);
}
