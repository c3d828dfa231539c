import "server-only";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { PlatformTx } from "@/lib/db/tenant";
import { organizationDomains, organizations, type NewOrganization, type Organization } from "@/lib/db/schema";

// Platform reads across tenants: resolving which organization a request is for. Only the
// organizations and organization_domains tables are touched; never tenant data.
export function platformOrganizations(tx: PlatformTx) {
  return {
    async findBySlug({ slug }: { slug: string }): Promise<Organization | undefined> {
      const [row] = await tx.select().from(organizations).where(eq(organizations.slug, slug.toLowerCase()));
      return row;
    },

    async findById({ id }: { id: string }): Promise<Organization | undefined> {
      const [row] = await tx.select().from(organizations).where(eq(organizations.id, id));
      return row;
    },

    /** Only verified domains route. */
    async findByVerifiedDomain({ domain }: { domain: string }): Promise<Organization | undefined> {
      const [row] = await tx
        .select({ org: organizations })
        .from(organizationDomains)
        .innerJoin(organizations, eq(organizations.id, organizationDomains.organizationId))
        .where(and(eq(organizationDomains.domain, domain.toLowerCase()), isNotNull(organizationDomains.verifiedAt)));
      return row?.org;
    },

    async create({ input }: { input: NewOrganization }): Promise<Organization> {
      const [row] = await tx.insert(organizations).values(input).returning();
      return row!;
    },

    async addDomain({
      organizationId,
      domain,
      isPrimary = false,
      verified = false,
    }: {
      organizationId: string;
      domain: string;
      isPrimary?: boolean;
      verified?: boolean;
    }) {
      const [row] = await tx
        .insert(organizationDomains)
        .values({
          organizationId,
          domain: domain.toLowerCase(),
          isPrimary,
          verifiedAt: verified ? new Date() : null,
        })
        .returning();
      return row!;
    },

    /** Marks a domain verified: the platform's call after the DNS check, never the tenant's. */
    async markDomainVerified({ organizationId, id }: { organizationId: string; id: string }) {
      const [row] = await tx
        .update(organizationDomains)
        .set({ verifiedAt: new Date() })
        .where(and(eq(organizationDomains.organizationId, organizationId), eq(organizationDomains.id, id)))
        .returning();
      return row;
    },

    async list({ limit = 100 }: { limit?: number } = {}): Promise<Organization[]> {
      return tx.select().from(organizations).orderBy(asc(organizations.name)).limit(limit);
    },

    async listIds(): Promise<string[]> {
      const rows = await tx.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.id));
      return rows.map((r) => r.id);
    },

    async count(): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(organizations);
      return row?.n ?? 0;
    },
  };
}
