import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { organizations, securityEvents, type NewOrganization } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { discoverTenantTables, schemaMigrationId } from "./catalog";
import { EXPORT_FORMAT_VERSION, type ExportManifest, type Row } from "./export";

// Accepts an export into a new organization (new id, new slug), in this database or another one
// on the same schema version. Row ids are kept: every key leads with organization_id, so they are
// unique again under the new id. Accounts named by the rows are matched by id, then by e-mail
// address, and created when the database has neither. The audit chain is re-anchored (its hashes
// cover the organization id): rows keep their content and order, public.audit_import chains them
// from the new organization's genesis, and a platform event records both chain heads.

const CHUNK = 500;

export type ImportResult = {
  organizationId: string;
  slug: string;
  tables: { name: string; rows: number }[];
  auditChainHead: { seq: number; rowHash: string } | null;
};

async function readJsonLines(file: string): Promise<Row[]> {
  const text = await readFile(file, "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Row);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function importOrganization({ dir, slug }: { dir: string; slug: string }): Promise<ImportResult> {
  const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as ExportManifest;
  if (manifest.formatVersion !== EXPORT_FORMAT_VERSION) throw new Error(`Unsupported export format ${manifest.formatVersion}.`);
  const here = schemaMigrationId();
  if (manifest.schemaMigration !== here) {
    throw new Error(`The export was made at schema ${manifest.schemaMigration}, this database's code is at ${here}: migrate first.`);
  }

  const tables = await withPlatform((tx) => discoverTenantTables(tx));
  const known = new Set(tables.map((t) => t.name));
  const unknown = manifest.tables.filter((t) => !known.has(t.name)).map((t) => t.name);
  if (unknown.length) throw new Error(`The export holds tables this database does not have: ${unknown.join(", ")}.`);

  const data = new Map<string, Row[]>();
  for (const t of manifest.tables) {
    const rows = await readJsonLines(path.join(dir, "tables", `${t.name}.jsonl`));
    if (rows.length !== t.rows) throw new Error(`${t.name}.jsonl holds ${rows.length} rows, the manifest says ${t.rows}.`);
    data.set(t.name, rows);
  }
  const people = await readJsonLines(path.join(dir, "users.jsonl"));

  // Accounts: the same id, else the same address (the person already has an account here), else new.
  const userIdMap = await withPlatform(async (tx) => {
    const map = new Map<string, string>();
    for (const person of people) {
      const [existing] = await tx.execute<{ id: string }>(
        sql`select id from users where id = ${person.id as string} or lower(email) = lower(${person.email as string}) order by (id = ${person.id as string}) desc limit 1`,
      );
      if (existing) {
        map.set(person.id as string, existing.id);
        continue;
      }
      await tx.execute(
        sql`insert into users (id, email, name, password_hash, created_at, updated_at)
            values (${person.id as string}, ${person.email as string}, ${person.name as string}, ${(person.password_hash as string | null) ?? null},
                    ${person.created_at as string}, ${person.updated_at as string})`,
      );
      map.set(person.id as string, person.id as string);
    }
    return map;
  });

  const o = manifest.organization;
  const org = await withPlatform(async (tx) => {
    const [row] = await tx
      .insert(organizations)
      .values({
        name: o.name,
        slug,
        type: o.type as NewOrganization["type"],
        address: o.address as NewOrganization["address"],
        contactInfo: o.contactInfo as NewOrganization["contactInfo"],
        timeZone: o.timeZone,
        plan: o.plan as NewOrganization["plan"],
        status: o.status as NewOrganization["status"],
        subscriptionStatus: o.subscriptionStatus as NewOrganization["subscriptionStatus"],
      })
      .returning({ id: organizations.id, slug: organizations.slug });
    return row!;
  });
  const orgId = org.id;

  const counts: { name: string; rows: number }[] = [];
  const head = await withTenant(orgId, async (tx) => {
    for (const t of tables) {
      const rows = (data.get(t.name) ?? []).map((row) => {
        const copy: Row = { ...row, organization_id: orgId };
        for (const column of t.userReferences) {
          if (typeof copy[column] === "string") copy[column] = userIdMap.get(copy[column] as string) ?? copy[column];
        }
        return copy;
      });
      counts.push({ name: t.name, rows: rows.length });
      if (!rows.length) continue;
      if (t.name === "audit_logs") {
        for (const part of chunks(rows, CHUNK)) {
          await tx.execute(sql`select public.audit_import(${orgId}::uuid, ${JSON.stringify(part)}::jsonb)`);
        }
        continue;
      }
      const table = sql.identifier(t.name);
      for (const part of chunks(rows, CHUNK)) {
        // Rows pointing at rows of the same table are written without that link first, then linked.
        const firstPass = t.selfReferences.length
          ? part.map((row) => ({ ...row, ...Object.fromEntries(t.selfReferences.map((c) => [c, null])) }))
          : part;
        await tx.execute(
          sql`insert into ${table} select * from jsonb_populate_recordset(null::${table}, ${JSON.stringify(firstPass)}::jsonb)`,
        );
      }
      for (const column of t.selfReferences) {
        const linked = rows.filter((row) => row[column] !== null && row[column] !== undefined);
        const col = sql.identifier(column);
        const matchKey = sql.join(
          t.primaryKey.map((k) => sql`t.${sql.identifier(k)} = j.${sql.identifier(k)}`),
          sql` and `,
        );
        for (const part of chunks(linked, CHUNK)) {
          await tx.execute(
            sql`update ${table} t set ${col} = j.${col} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(part)}::jsonb) j where ${matchKey}`,
          );
        }
      }
    }
    // An API key's secret names the organization it was made for: the copies can never be used
    // here, so they arrive revoked (kept, for the history) and the new organization makes its own.
    await tx.execute(sql`update api_keys set revoked_at = now() where organization_id = ${orgId} and revoked_at is null`);
    const [head] = await tx.execute<{ seq: number; row_hash: string }>(
      sql`select seq::int as seq, row_hash from audit_logs where organization_id = ${orgId} and seq is not null order by seq desc limit 1`,
    );
    return head ? { seq: head.seq, rowHash: head.row_hash } : null;
  });

  await withPlatform((tx) =>
    tx.insert(securityEvents).values({
      kind: "organization_imported",
      attemptedOrganizationId: orgId,
      metadata: {
        organizationId: orgId,
        slug: org.slug,
        source: manifest.source,
        exportedAt: manifest.createdAt,
        sourceAuditChainHead: manifest.auditChainHead,
        auditChainHead: head,
        rows: Object.fromEntries(counts.map((c) => [c.name, c.rows])),
      },
    }),
  );
  return { organizationId: orgId, slug: org.slug, tables: counts, auditChainHead: head };
}
