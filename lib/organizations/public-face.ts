import "server-only";
import { cached } from "@/lib/cache/memory";
import type { OrganizationBranding, OrganizationSettings } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo, publicFaceKey } from "./repository";

export type PublicFace = { branding: OrganizationBranding; settings: OrganizationSettings };

const PUBLIC_FACE_TTL_MS = 5000;

/**
 * Branding and settings, which every page of the organization shows: kept for a few seconds and
 * dropped at once when this process changes them (another instance's change shows within the TTL,
 * or at once with REDIS_URL). While an entry lives, every caller gets the same object: the page
 * cache uses that to know a stored page was rendered from what is current.
 */
export function publicFace(orgId: string): Promise<PublicFace> {
  return cached(publicFaceKey(orgId), PUBLIC_FACE_TTL_MS, () =>
    withTenant(orgId, async (tx) => {
      const repo = organizationRepo(tx, orgId);
      return { branding: await repo.getBranding(), settings: await repo.getSettings() };
    }),
  );
}
