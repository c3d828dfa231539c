import "server-only";
import { and, eq } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import {
  organizationBranding,
  organizationDomains,
  organizations,
  organizationSettings,
  type Organization,
  type OrganizationBranding,
  type OrganizationDomain,
  type OrganizationSettings,
} from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";
import { invalidate } from "@/lib/cache/memory";
import { tenantKey } from "@/lib/cache/keys";

/** The cache key of an organization's branding and settings as every page shows them. */
export function publicFaceKey(orgId: string): string {
  return tenantKey(orgId, "public-face");
}

export type SettingsPatch = Partial<Omit<OrganizationSettings, "organizationId" | "updatedAt">>;
export type BrandingPatch = Partial<Omit<OrganizationBranding, "organizationId" | "updatedAt">>;
export type ProfilePatch = Partial<Pick<Organization, "name" | "type" | "address" | "contactInfo" | "timeZone">>;

/** The current tenant's own organization row, settings, branding and domains. */
export function organizationRepo(tx: TenantTx, orgId: string) {
  return {
    async get(): Promise<Organization> {
      const [row] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).prepare("organizations_get").execute();
      if (!row) throw new NotFoundError("organization");
      return row;
    },

    async updateProfile({ patch }: { patch: ProfilePatch }): Promise<Organization> {
      const [row] = await tx
        .update(organizations)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(organizations.id, orgId))
        .returning();
      if (!row) throw new NotFoundError("organization");
      return row;
    },

    async getSettings(): Promise<OrganizationSettings> {
      const [row] = await tx
        .select()
        .from(organizationSettings)
        .where(eq(organizationSettings.organizationId, orgId))
        .prepare("organization_settings_get")
        .execute();
      if (row) return row;
      // Every organization gets a settings row at creation; this covers rows created by hand.
      const [created] = await tx.insert(organizationSettings).values({ organizationId: orgId }).onConflictDoNothing().returning();
      return created ?? (await this.getSettings());
    },

    async updateSettings({ patch }: { patch: SettingsPatch }): Promise<OrganizationSettings> {
      await this.getSettings();
      const [row] = await tx
        .update(organizationSettings)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(organizationSettings.organizationId, orgId))
        .returning();
      await invalidate(publicFaceKey(orgId));
      return row!;
    },

    async getBranding(): Promise<OrganizationBranding> {
      const [row] = await tx.select().from(organizationBranding).where(eq(organizationBranding.organizationId, orgId));
      if (row) return row;
      const org = await this.get();
      const [created] = await tx
        .insert(organizationBranding)
        .values({ organizationId: orgId, displayName: org.name })
        .onConflictDoNothing()
        .returning();
      return created ?? (await this.getBranding());
    },

    async updateBranding({ patch }: { patch: BrandingPatch }): Promise<OrganizationBranding> {
      await this.getBranding();
      const [row] = await tx
        .update(organizationBranding)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(organizationBranding.organizationId, orgId))
        .returning();
      await invalidate(publicFaceKey(orgId));
      return row!;
    },

    async listDomains(): Promise<OrganizationDomain[]> {
      return tx.select().from(organizationDomains).where(eq(organizationDomains.organizationId, orgId));
    },

    async findDomain({ id }: { id: string }): Promise<OrganizationDomain | undefined> {
      const [row] = await tx
        .select()
        .from(organizationDomains)
        .where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.id, id)));
      return row;
    },

    async findDomainByName({ domain }: { domain: string }): Promise<OrganizationDomain | undefined> {
      const [row] = await tx
        .select()
        .from(organizationDomains)
        .where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.domain, domain.toLowerCase())));
      return row;
    },

    /** An unverified, non-primary domain (the tenant role can file a claim, never verify one). */
    async addDomain({ domain }: { domain: string }): Promise<OrganizationDomain> {
      const [row] = await tx
        .insert(organizationDomains)
        .values({ organizationId: orgId, domain: domain.toLowerCase(), isPrimary: false })
        .returning();
      return row!;
    },

    /** The previous primary steps down first: one primary per organization. */
    async setPrimaryDomain({ id }: { id: string }): Promise<void> {
      await tx
        .update(organizationDomains)
        .set({ isPrimary: false })
        .where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.isPrimary, true)));
      await tx
        .update(organizationDomains)
        .set({ isPrimary: true })
        .where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.id, id)));
    },

    async removeDomain({ id }: { id: string }): Promise<void> {
      await tx.delete(organizationDomains).where(and(eq(organizationDomains.organizationId, orgId), eq(organizationDomains.id, id)));
    },
  };
}
