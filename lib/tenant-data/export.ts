import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { users } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { discoverTenantTables, schemaMigrationId } from "./catalog";

// One organization's complete data as JSON lines, one file per tenant table, plus a manifest.
// Tenant rows are read in one tenant transaction (RLS shows that organization and nothing else);
// the organization's own record and the accounts its rows name come from the platform scope.

export const EXPORT_FORMAT_VERSION = 1;

export type ExportManifest = {
  formatVersion: number;
  schemaMigration: string;
  createdAt: string;
  source: { organizationId: string; slug: string };
  organization: {
    name: string;
    type: string;
    address: unknown;
    contactInfo: unknown;
    timeZone: string;
    plan: string;
    status: string;
    subscriptionStatus: string;
  };
  /** Tables in import order (parents first) with their row counts. */
  tables: { name: string; rows: number }[];
  users: number;
  /** The last sealed audit row of the source chain; null when the chain is empty. */
  auditChainHead: { seq: number; rowHash: string } | null;
};

export type Row = Record<string, unknown>;

/** Writes the export of one organization into `outDir` (created if needed); returns its manifest. */
export async function exportOrganization({ slug, outDir }: { slug: string; outDir: string }): Promise<ExportManifest> {
  const org = await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug }));
  if (!org) throw new Error(`No organization has the slug "${slug}".`);
  const orgId = org.id;

  // One snapshot for every table: rows written while the export runs are either all in it or
  // all left out, so every reference in the export points at a row the export holds.
  const { tables, data, head } = await withTenant(
    orgId,
    async (tx) => {
      const tables = await discoverTenantTables(tx);
      const data = new Map<string, Row[]>();
      for (const t of tables) {
        const order =
          t.name === "audit_logs" ? sql.raw("seq nulls last, occurred_at, id") : sql.raw(t.primaryKey.map((c) => `"${c}"`).join(", "));
        const rows = await tx.execute<{ r: Row }>(
          sql`select to_jsonb(t) as r from ${sql.identifier(t.name)} t where organization_id = ${orgId} order by ${order}`,
        );
        data.set(
          t.name,
          rows.map((x) => x.r),
        );
      }
      const [head] = await tx.execute<{ seq: number; row_hash: string }>(
        sql`select seq::int as seq, row_hash from audit_logs where organization_id = ${orgId} and seq is not null order by seq desc limit 1`,
      );
      return { tables, data, head };
    },
    { snapshot: true },
  );

  const userIds = new Set<string>();
  for (const t of tables) {
    for (const row of data.get(t.name)!) {
      for (const column of t.userReferences) if (typeof row[column] === "string") userIds.add(row[column] as string);
    }
  }
  const people = userIds.size
    ? await withPlatform((tx) =>
        tx
          .select({
            id: users.id,
            email: users.email,
            name: users.name,
            password_hash: users.passwordHash,
            created_at: users.createdAt,
            updated_at: users.updatedAt,
          })
          .from(users)
          .where(inArray(users.id, [...userIds])),
      )
    : [];

  await mkdir(path.join(outDir, "tables"), { recursive: true });
  for (const t of tables) await writeFile(path.join(outDir, "tables", `${t.name}.jsonl`), jsonLines(data.get(t.name)!));
  await writeFile(path.join(outDir, "users.jsonl"), jsonLines(people));

  const manifest: ExportManifest = {
    formatVersion: EXPORT_FORMAT_VERSION,
    schemaMigration: schemaMigrationId(),
    createdAt: new Date().toISOString(),
    source: { organizationId: orgId, slug: org.slug },
    organization: {
      name: org.name,
      type: org.type,
      address: org.address,
      contactInfo: org.contactInfo,
      timeZone: org.timeZone,
      plan: org.plan,
      status: org.status,
      subscriptionStatus: org.subscriptionStatus,
    },
    tables: tables.map((t) => ({ name: t.name, rows: data.get(t.name)!.length })),
    users: people.length,
    auditChainHead: head ? { seq: head.seq, rowHash: head.row_hash } : null,
  };
  await writeFile(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function jsonLines(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}
