import "server-only";
import type { OrganizationDomain } from "@/lib/db/schema";
import { systemResolver, verificationRecord, type TxtRecord, type TxtResolver } from "./dns-resolver";
import { verifyDomain as verifyInScope } from "./settings";
import { PLATFORM } from "./organizations";

// Domain verification by organization id alone (tests, scripts). The rules live in the
// organization administration service (./settings.ts); this is a door onto it for the platform.

export { systemResolver, verificationRecord, type TxtRecord, type TxtResolver };

/** Checks the TXT record; on success the domain is marked verified (the platform's call, never the tenant's). */
export function verifyDomain(orgId: string, domainId: string, resolver: TxtResolver = systemResolver): Promise<OrganizationDomain> {
  return verifyInScope({ orgId, by: PLATFORM }, domainId, resolver);
}
