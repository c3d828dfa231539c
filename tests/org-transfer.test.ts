import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import crypto from "node:crypto";
import os from "node:os";
import { sql } from "drizzle-orm";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyOrganizationChain } from "@/lib/audit/verify";
import { sealOrganization } from "@/lib/audit/sealer";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { platformTablesLiteral } from "@/lib/tenant-data/catalog";
import { exportOrganization, type ExportManifest } from "@/lib/tenant-data/export";
import { importOrganization } from "@/lib/tenant-data/import";
import { offboardOrganization } from "@/lib/tenant-data/offboard";
import { changeOrganization, offboardOrganizationById } from "@/lib/administration/operator";
import { slugProblem } from "@/lib/tenancy/slug";
import { flushUsage, meterRequest } from "@/lib/usage/meter";
import { orderTenantTables, TENANT_TABLES_SQL, type CatalogRow } from "@/lib/tenant-data/tables";
import { patientsRepo } from "@/lib/patients/repository";
import { createFullWorld, listTenantTables, uniqueSlug, type FullWorld } from "./support/fixtures";
import { asOwner } from "./support/owner";

// Moving a hospital: export → import round trip, isolation of the export, offboarding.

async function slugOf(orgId: string): Promise<string> {
  return (await withPlatform((tx) => platformOrganizations(tx).findById({ id: orgId })))!.slug;
}

/** Rows per tenant table for one organization, counted behind the application's back. */
async function rowCounts(orgId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTenantTables()) {
    const [row] = await asOwner(
      (sql) => sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)} where organization_id = ${orgId}`,
    );
    counts[table] = row!.n;
  }
  return counts;
}

const manifestCounts = (m: { tables: { name: string; rows: number }[] }) => Object.fromEntries(m.tables.map((t) => [t.name, t.rows]));

describe("the tenant tables an export covers come from the catalog", () => {
  it("are exactly the schema's tenant tables, parents before children", async () => {
    const rows = await asOwner((sql) => sql.unsafe<CatalogRow[]>(TENANT_TABLES_SQL.replaceAll("$1::text[]", platformTablesLiteral())));
    const ordered = orderTenantTables(rows);
    expect(ordered.map((t) => t.name).sort()).toEqual([...(await listTenantTables())].sort());
    const position = new Map(ordered.map((t, i) => [t.name, i]));
    for (const t of ordered)
      for (const parent of t.dependsOn) expect(position.get(parent)!, `${parent} before ${t.name}`).toBeLessThan(position.get(t.name)!);
    expect(position.get("patients")!).toBeLessThan(position.get("appointments")!);
    expect(ordered.find((t) => t.name === "patients")!.selfReferences).toEqual(["merged_into_id"]);
  });

  it("include a table added later without any code change", async () => {
    const names = await asOwner(async (sql) => {
      await sql`create table public.transfer_probe (
        organization_id uuid not null references public.organizations (id), id uuid not null,
        patient_id uuid not null, primary key (organization_id, id),
        foreign key (organization_id, patient_id) references public.patients (organization_id, id))`;
      const rows = await sql.unsafe<CatalogRow[]>(TENANT_TABLES_SQL.replaceAll("$1::text[]", platformTablesLiteral()));
      await sql`drop table public.transfer_probe`;
      return orderTenantTables(rows).map((t) => t.name);
    });
    expect(names).toContain("transfer_probe");
    expect(names.indexOf("patients")).toBeLessThan(names.indexOf("transfer_probe"));
  });
});

describe("export, import and offboarding of one organization", () => {
  let a: FullWorld;
  let b: FullWorld;
  let dir: string;
  let manifest: ExportManifest;

  beforeAll(async () => {
    [a, b] = [await createFullWorld("xfer-a"), await createFullWorld("xfer-b")];
    // A patient merged into another: a row pointing at a row of its own table.
    await withTenant(a.orgId, async (tx) => {
      const dup = await patientsRepo(tx, a.orgId).create({
        input: { mrn: "DUP-1", firstName: "Pat", lastName: "Duplicate", dateOfBirth: "1980-01-01" },
      });
      await tx.execute(sql`update patients set merged_into_id = ${a.patientId} where organization_id = ${a.orgId} and id = ${dup.id}`);
    });
    await sealOrganization(a.orgId);
    dir = await mkdtemp(path.join(os.tmpdir(), "agentcare-export-"));
    manifest = await exportOrganization({ slug: await slugOf(a.orgId), outDir: dir });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("the export holds every tenant table with the organization's row counts and its audit chain head", async () => {
    expect(manifestCounts(manifest)).toEqual(await rowCounts(a.orgId));
    expect(Object.values(manifestCounts(manifest)).every((n) => n > 0)).toBe(true);
    expect(manifest.source.organizationId).toBe(a.orgId);
    const [head] = await asOwner(
      (sql) =>
        sql<
          { seq: number; row_hash: string }[]
        >`select seq::int as seq, row_hash from audit_logs where organization_id = ${a.orgId} and seq is not null order by seq desc limit 1`,
    );
    expect(manifest.auditChainHead).toEqual({ seq: head!.seq, rowHash: head!.row_hash });
    expect(await readdir(path.join(dir, "tables"))).toHaveLength(manifest.tables.length);
  });

  it("holds nothing of another organization", async () => {
    const bIds = new Set<string>([b.orgId]);
    for (const table of await listTenantTables()) {
      const rows = await asOwner(
        (sql) => sql<{ r: Record<string, unknown> }[]>`select to_jsonb(t) as r from ${sql(table)} t where organization_id = ${b.orgId}`,
      );
      for (const { r } of rows) if (typeof r.id === "string") bIds.add(r.id);
    }
    expect(bIds.size).toBeGreaterThan(10);
    for (const file of await readdir(path.join(dir, "tables"))) {
      const text = await readFile(path.join(dir, "tables", file), "utf8");
      for (const line of text.split("\n").filter(Boolean))
        expect((JSON.parse(line) as { organization_id: string }).organization_id).toBe(a.orgId);
      for (const id of bIds) expect(text.includes(id), `${file} mentions ${id}`).toBe(false);
    }
    const users = await readFile(path.join(dir, "users.jsonl"), "utf8");
    expect(users).toContain(a.userId);
    expect(users).not.toContain(b.userId);
  });

  let copyId: string;

  it("imports into a new organization with equal counts per table and an intact, re-anchored audit chain", async () => {
    const slug = uniqueSlug("xfer-copy");
    const result = await importOrganization({ dir, slug });
    copyId = result.organizationId;
    expect(copyId).not.toBe(a.orgId);
    expect(manifestCounts(result)).toEqual(manifestCounts(manifest));
    expect(await rowCounts(copyId)).toEqual(manifestCounts(manifest));

    const report = await verifyOrganizationChain(copyId);
    expect(report.firstBreak).toBeUndefined();
    expect(report.rows).toBe(manifest.auditChainHead!.seq);
    // Same rows in the same order; only the hashes differ (they cover the organization id).
    const trail = (org: string) =>
      asOwner(
        (sql) => sql<{ id: string; action: string; occurred_at: Date; row_hash: string }[]>`
          select id, action, occurred_at, row_hash from audit_logs where organization_id = ${org} and seq is not null order by seq`,
      );
    const [original, copied] = [await trail(a.orgId), await trail(copyId)];
    expect(copied.map(({ id, action, occurred_at }) => [id, action, occurred_at])).toEqual(
      original.map(({ id, action, occurred_at }) => [id, action, occurred_at]),
    );
    expect(copied.at(-1)!.row_hash).not.toBe(original.at(-1)!.row_hash);
    expect(result.auditChainHead).toEqual({ seq: copied.length, rowHash: copied.at(-1)!.row_hash });

    const [merged] = await asOwner(
      (sql) =>
        sql<{ n: number }[]>`select count(*)::int as n from patients where organization_id = ${copyId} and merged_into_id = ${a.patientId}`,
    );
    expect(merged!.n).toBe(1);
    // The copied API keys name the source organization in their secret: they arrive revoked.
    const [keys] = await asOwner(
      (sql) => sql<{ all: number; live: number }[]>`
        select count(*)::int as all, count(*) filter (where revoked_at is null)::int as live from api_keys where organization_id = ${copyId}`,
    );
    expect(keys).toEqual({ all: manifest.tables.find((t) => t.name === "api_keys")!.rows, live: 0 });
    expect(keys!.all).toBeGreaterThan(0);
    const [event] = await asOwner(
      (sql) => sql<{ metadata: { sourceAuditChainHead: unknown; auditChainHead: unknown } }[]>`
        select metadata from security_events where kind = 'organization_imported' and attempted_organization_id = ${copyId}`,
    );
    expect(event!.metadata.sourceAuditChainHead).toEqual(manifest.auditChainHead);
    expect(event!.metadata.auditChainHead).toEqual(result.auditChainHead);
  });

  it("refuses an import whose slug is taken, and leaves no organization behind", async () => {
    const before = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from organizations`);
    await expect(importOrganization({ dir, slug: await slugOf(b.orgId) })).rejects.toThrow();
    expect(await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from organizations`)).toEqual(before);
  });

  it("offboarding leaves no row of the organization in any tenant table, records a platform event, and touches no other", async () => {
    const [beforeA, beforeB] = [await rowCounts(a.orgId), await rowCounts(b.orgId)];
    // Usage this process counted for it before the offboarding, written after it.
    meterRequest(copyId, { apiKey: false });
    const result = await offboardOrganization({ slug: await slugOf(copyId), actor: "test" });
    expect(result.organizationId).toBe(copyId);
    await flushUsage();
    const after = await rowCounts(copyId);
    expect(Object.keys(after).length).toBeGreaterThan(15);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await rowCounts(a.orgId)).toEqual(beforeA);
    expect(await rowCounts(b.orgId)).toEqual(beforeB);
    expect((await verifyOrganizationChain(a.orgId)).firstBreak).toBeUndefined();
    const [org] = await asOwner(
      (sql) => sql<{ status: string; slug: string }[]>`select status, slug from organizations where id = ${copyId}`,
    );
    expect(org!.status).toBe("suspended");
    expect(org!.slug).toMatch(/^offboarded-/);
    const [event] = await asOwner(
      (sql) => sql<{ metadata: { rows: Record<string, number> } }[]>`
        select metadata from security_events where kind = 'organization_offboarded' and attempted_organization_id = ${copyId}`,
    );
    expect(event!.metadata.rows).toEqual(manifestCounts(manifest));

    // The tombstone cannot be brought back, re-planned or offboarded twice; nothing changes.
    const operator = { userId: crypto.randomUUID() };
    await expect(changeOrganization(operator, { id: copyId, status: "active" })).rejects.toThrow(/offboarded/);
    const [before] = await asOwner((sql) => sql<{ plan: string }[]>`select plan from organizations where id = ${copyId}`);
    const plan = before!.plan;
    const otherPlan = plan === "basic" ? "enterprise" : "basic";
    await expect(changeOrganization(operator, { id: copyId, plan: otherPlan })).rejects.toThrow(/offboarded/);
    await expect(offboardOrganizationById(operator, { id: copyId, confirm: org!.slug })).rejects.toThrow(/offboarded already/);
    const [still] = await asOwner(
      (sql) => sql<{ status: string; plan: string }[]>`select status, plan from organizations where id = ${copyId}`,
    );
    expect(still!.status).toBe("suspended");
    expect(still!.plan).toBe(plan);
    // …and no organization may take an address that looks like one.
    expect(slugProblem(org!.slug)).toBe("That address is reserved.");
  });

  it("the application cannot delete audit rows nor call the purge, and cannot import into a live trail", async () => {
    const refused = async (p: Promise<unknown>) =>
      expect(
        await p.then(
          () => "ran",
          (err: unknown) => err,
        ),
      ).toBeInstanceOf(Error);
    await refused(withTenant(b.orgId, (tx) => tx.execute(sql`select public.audit_purge(${b.orgId}::uuid)`)));
    await refused(withTenant(b.orgId, (tx) => tx.execute(sql`delete from audit_logs where organization_id = ${b.orgId}`)));
    await refused(withPlatform((tx) => tx.execute(sql`delete from audit_logs where organization_id = ${b.orgId}`)));
    const forged = [{ id: crypto.randomUUID(), seq: 1, action: "view", resource_type: "patient", occurred_at: "2001-01-01T00:00:00Z" }];
    await refused(
      withTenant(b.orgId, (tx) => tx.execute(sql`select public.audit_import(${b.orgId}::uuid, ${JSON.stringify(forged)}::jsonb)`)),
    );
    expect((await verifyOrganizationChain(b.orgId)).firstBreak).toBeUndefined();
  });
});

describe("an export's snapshot", () => {
  const countPatients = (tx: Parameters<Parameters<typeof withTenant>[1]>[0], orgId: string) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from patients where organization_id = ${orgId}`).then((r) => r[0]!.n);
  const addPatientElsewhere = (orgId: string) =>
    asOwner(
      (sql_) => sql_`insert into patients (organization_id, mrn, first_name, last_name, date_of_birth)
        values (${orgId}, ${`SNAP-${crypto.randomBytes(4).toString("hex")}`}, 'Snap', 'Shot', '1990-01-01')`,
    );

  it("sees one moment: a row committed by someone else meanwhile is not in it (it is without the snapshot)", async () => {
    const w = await createFullWorld(uniqueSlug("xfer-snap"));
    const seen = await withTenant(
      w.orgId,
      async (tx) => {
        const before = await countPatients(tx, w.orgId);
        await addPatientElsewhere(w.orgId);
        return [before, await countPatients(tx, w.orgId)];
      },
      { snapshot: true },
    );
    expect(seen[1]).toBe(seen[0]);
    const plain = await withTenant(w.orgId, async (tx) => {
      const before = await countPatients(tx, w.orgId);
      await addPatientElsewhere(w.orgId);
      return [before, await countPatients(tx, w.orgId)];
    });
    expect(plain[1]).toBe(plain[0]! + 1);
  });

  it("writes nothing", async () => {
    const w = await createFullWorld(uniqueSlug("xfer-snap-ro"));
    await expect(
      withTenant(
        w.orgId,
        (tx) =>
          patientsRepo(tx, w.orgId).create({ input: { mrn: "RO-1", firstName: "Read", lastName: "Only", dateOfBirth: "1990-01-01" } }),
        {
          snapshot: true,
        },
      ),
    ).rejects.toThrow();
  });
});
