import "server-only";
import { platformKey } from "@/lib/cache/keys";
import { cached } from "@/lib/cache/memory";
import type { Organization } from "@/lib/db/schema";
import { withPlatform } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { SLUG_PATTERN, normalizeHost } from "@/lib/tenancy/host";

const TTL_MS = 30_000;

/**
 * Slug or verified custom hostname → organization (null when unknown). A hostname key is honoured
 * only when the request arrived on that very host, so /org/other-hospital.org cannot be asked for
 * from anywhere else.
 */
export async function findOrganization(key: string, requestHost?: string | null): Promise<Organization | null> {
  const normalized = key.trim().toLowerCase();
  if (normalized.includes(".")) {
    const host = normalizeHost(requestHost);
    if (!host || host !== normalizeHost(normalized)) return null;
    const found = await cached(platformKey("org-by-domain", host), TTL_MS, () =>
      withPlatform((tx) => platformOrganizations(tx).findByVerifiedDomain({ domain: host })),
    );
    return found ?? null;
  }
  if (!SLUG_PATTERN.test(normalized)) return null;
  const found = await cached(platformKey("org-by-slug", normalized), TTL_MS, () =>
    withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug: normalized })),
  );
  return found ?? null;
}

/** X-Organization-ID selector → organization (null when unknown). Authorization happens later. */
export async function findOrganizationById(id: string): Promise<Organization | null> {
  const found = await cached(platformKey("org-by-id", id), TTL_MS, () => withPlatform((tx) => platformOrganizations(tx).findById({ id })));
  return found ?? null;
}
