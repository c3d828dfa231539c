import "server-only";
import { eq } from "drizzle-orm";
import { organizationSso, type OrganizationSso } from "@/lib/db/schema";
import type { TenantTx } from "@/lib/db/tenant";

export function organizationSsoRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(organizationSso.organizationId, orgId);
  return {
    async find(): Promise<OrganizationSso | undefined> {
      const [row] = await tx.select().from(organizationSso).where(inOrg);
      return row;
    },
    async save(values: Omit<OrganizationSso, "organizationId" | "createdAt" | "updatedAt">): Promise<OrganizationSso> {
      const [row] = await tx
        .insert(organizationSso)
        .values({ ...values, organizationId: orgId })
        .onConflictDoUpdate({ target: organizationSso.organizationId, set: { ...values, updatedAt: new Date() } })
        .returning();
      return row!;
    },
    async remove(): Promise<boolean> {
      const rows = await tx.delete(organizationSso).where(inOrg).returning({ id: organizationSso.organizationId });
      return rows.length > 0;
    },
  };
}
