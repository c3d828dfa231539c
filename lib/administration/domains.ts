import "server-only";
import { promises as dns } from "node:dns";
import { and, eq } from "drizzle-orm";
import { organizationDomains } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { invalidatePrefix } from "@/lib/cache/memory";
import { platformKey } from "@/lib/cache/keys";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { subdomainOf } from "@/lib/administration/organizations";

export type TxtResolver = (hostname: string) => Promise<string[][]>;

export const systemResolver: TxtResolver = (hostname) => dns.resolveTxt(hostname);

/** The DNS record an organization creates to prove it controls a domain. */
export function verificationRecord(domain: string, token: string) {
  return { type: "TXT" as const, name: `_agentcare-challenge.${domain}`, value: `agentcare-verification=${token}` };
}

/** Checks the TXT record; on success the domain is marked verified (the platform's call, never the tenant's). */
export async function verifyDomain(orgId: string, domainId: string, resolver: TxtResolver = systemResolver) {
  const domain = await withTenant(orgId, async (tx) => (await organizationRepo(tx, orgId).listDomains()).find((d) => d.id === domainId));
  if (!domain) throw new NotFoundError("domain");
  if (domain.verifiedAt) return domain;
  const record = verificationRecord(domain.domain, domain.verificationToken);
  let answers: string[][] = [];
  try {
    answers = await resolver(record.name);
  } catch {
    answers = [];
  }
  if (!answers.some((chunks) => chunks.join("") === record.value)) {
    throw new ValidationError(
      `We could not find the TXT record ${record.name} with the value ${record.value} yet. DNS changes can take a while; try again later.`,
      undefined,
      "invalid:domain_unverified",
    );
  }
  const [updated] = await withPlatform((tx) =>
    tx
      .update(organizationDomains)
      .set({ verifiedAt: new Date() })
      .where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.id, domainId)))
      .returning(),
  );
  invalidatePrefix(platformKey("org-by-domain"));
  return updated!;
}

export async function removeDomain(orgId: string, domainId: string) {
  await withTenant(orgId, async (tx) => {
    const organization = await organizationRepo(tx, orgId).get();
    const domain = (await organizationRepo(tx, orgId).listDomains()).find((d) => d.id === domainId);
    if (!domain) throw new NotFoundError("domain");
    if (domain.domain === subdomainOf(organization.slug))
      throw new ConflictError("domain", "The organization's own AgentCare address cannot be removed.");
    if (domain.isPrimary) throw new ConflictError("primary_domain", "Make another domain primary before removing this one.");
    await tx.delete(organizationDomains).where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.id, domainId)));
  });
  invalidatePrefix(platformKey("org-by-domain"));
}
