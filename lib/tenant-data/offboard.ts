import "server-only";
import { eq, sql } from "drizzle-orm";
import { organizationDomains, organizations, securityEvents } from "@/lib/db/schema";
import { enterTenant, withPlatform, withTenant } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { OFFBOARDED_SLUG_PREFIX } from "@/lib/tenancy/slug";
import { discoverTenantTables } from "./catalog";

// Offboarding: one organization's data deleted for good. Every tenant table (read from the
// catalog, so a table added later is included) is emptied of its rows in the organization's own
// tenant scope, children first; its custom domains go with them. The audit trail, which the
// application can never delete, is removed by public.audit_purge, and the deletion is recorded as a
// platform event, all in one transaction. The organization's record stays as a tombstone without
// its name, address or slug, so the event and old sign-in links still resolve to "gone".

export type OffboardResult = { organizationId: string; slug: string; deleted: { name: string; rows: number }[] };

export async function offboardOrganization({ slug, actor }: { slug: string; actor: string }): Promise<OffboardResult> {
  const org = await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug }));
  if (!org) throw new Error(`No organization has the slug "${slug}".`);
  const orgId = org.id;
  const tombstone = `${OFFBOARDED_SLUG_PREFIX}${orgId.replaceAll("-", "")}`;
  // Suspended first: from here on no request is served for it while its rows are removed.
  await withPlatform((tx) =>
    tx.update(organizations).set({ status: "suspended", updatedAt: new Date() }).where(eq(organizations.id, orgId)),
  );
  // What is about to go, for the platform event (nothing is written to a suspended organization).
  const before = await withTenant(orgId, async (tx) => {
    const tables = await discoverTenantTables(tx);
    const rows: Record<string, number> = {};
    for (const t of tables) {
      const [c] = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(t.name)} where organization_id = ${orgId}`,
      );
      rows[t.name] = c?.n ?? 0;
    }
    return rows;
  });
  // One transaction, all or nothing: the platform part first (the event, the tombstone, the audit
  // trail, which the other rows' audit references make the first thing to go), then the same
  // transaction switched to the organization's tenant scope for its own rows.
  const deleted = await withPlatform(async (platformTx) => {
    const [purged] = await platformTx.execute<{ n: number }>(sql`select public.audit_purge(${orgId}::uuid) as n`);
    await platformTx
      .update(organizations)
      .set({ name: "Offboarded organization", slug: tombstone, address: {}, contactInfo: {}, status: "suspended", updatedAt: new Date() })
      .where(eq(organizations.id, orgId));
    await platformTx
      .insert(securityEvents)
      .values({
        kind: "organization_offboarded",
        attemptedOrganizationId: orgId,
        metadata: { organizationId: orgId, slug: org.slug, actor, rows: before },
      })
      .returning({ id: securityEvents.id });

    const tx = await enterTenant(platformTx, orgId);
    const tables = await discoverTenantTables(tx);
    const counts: { name: string; rows: number }[] = [];
    for (const t of [...tables].reverse()) {
      if (t.name === "audit_logs") continue;
      const rows = await tx.execute(sql`delete from ${sql.identifier(t.name)} where organization_id = ${orgId}`);
      counts.push({ name: t.name, rows: rows.count ?? 0 });
    }
    await tx.delete(organizationDomains).where(eq(organizationDomains.organizationId, orgId));
    counts.push({ name: "audit_logs", rows: purged?.n ?? 0 });
    return counts;
  });
  return { organizationId: orgId, slug: org.slug, deleted };
}
