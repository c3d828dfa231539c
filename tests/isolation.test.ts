// The isolation test: from hospital A's context nothing of hospital B can be
// read, written, moved or deleted — through the repositories or with raw SQL against RLS.
import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { NotFoundError } from "@/lib/errors/app-error";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { auditRepo } from "@/lib/audit/repository";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { asOwner } from "./support/owner";
import {
  createFullWorld,
  createUser,
  expectPgCode,
  listTenantTables,
  PLATFORM_TABLES,
  rejection,
  snapshotRows,
  type FullWorld,
} from "./support/fixtures";

const KNOWN_TENANT_TABLES = [
  "appointment_types",
  "appointments",
  "audit_logs",
  "memberships",
  "organization_branding",
  "organization_settings",
  "patients",
  "providers",
];

let A: FullWorld;
let B: FullWorld;
let tenantTables: string[];

beforeAll(async () => {
  A = await createFullWorld("iso-a");
  B = await createFullWorld("iso-b");
  tenantTables = await listTenantTables();
});

/** One of B's rows as JSON, with a fresh id where the table has one (a copy that could be inserted). */
async function templateRowOf(table: string, orgId: string): Promise<Record<string, unknown>> {
  const [row] = await asOwner(
    (sql) => sql<{ row: Record<string, unknown> }[]>`
      select to_jsonb(t) as row from ${sql(table)} t where t.organization_id = ${orgId} limit 1`,
  );
  expect(row, `fixture must leave a row of ${orgId} in ${table}`).toBeDefined();
  const copy = { ...row!.row };
  if ("id" in copy) copy.id = crypto.randomUUID();
  return copy;
}

/**
 * Runs a statement aimed at B's rows of every tenant table from A's context: it must change nothing
 * of B's (0 rows, or — audit_logs, which grants no UPDATE or DELETE at all — permission denied).
 */
async function expectNoRowsOfBChanged(verb: string, statement: (table: string) => SQL) {
  for (const table of tenantTables) {
    const before = await snapshotRows(table, B.orgId);
    const outcome = await withTenant(A.orgId, async (tx) => ({ count: (await tx.execute(statement(table))).count })).catch(
      (err: unknown) => ({ err }),
    );
    if ("err" in outcome) {
      await expectPgCode(Promise.reject(outcome.err), "42501").catch((e: Error) => {
        throw new Error(`${table}: ${e.message}`);
      });
    } else {
      expect(outcome.count, `${table}: rows of B ${verb} from A`).toBe(0);
    }
    expect(await snapshotRows(table, B.orgId), `${table}: B's rows changed`).toEqual(before);
  }
}

describe("tenant context returns only the tenant's rows", () => {
  it("lists only A's appointment in A's context (repository and raw SQL)", async () => {
    const { viaRepo, viaSql } = await withTenant(A.orgId, async (tx) => ({
      viaRepo: await appointmentsRepo(tx, A.orgId).list(),
      viaSql: await tx.execute<{ id: string; organization_id: string }>(sql`select id, organization_id from appointments`),
    }));
    expect(viaRepo).toHaveLength(1);
    expect(viaRepo[0]!.id).toBe(A.appointmentId);
    expect(viaRepo[0]!.organizationId).toBe(A.orgId);
    // No WHERE at all: RLS alone decides, and it shows A's single row.
    expect([...viaSql].map((r) => r.id)).toEqual([A.appointmentId]);
  });

  it("derives the tenant tables from the catalog and knows every one of them", () => {
    expect(tenantTables).toEqual(expect.arrayContaining(KNOWN_TENANT_TABLES));
    for (const platform of PLATFORM_TABLES) expect(tenantTables).not.toContain(platform);
  });
});

describe("for every tenant table, A cannot touch B's rows", () => {
  it("has a row of B in every tenant table to attack", async () => {
    for (const table of tenantTables) {
      const rows = await snapshotRows(table, B.orgId);
      expect(rows.length, `fixture has no row of B in ${table}; extend createFullWorld`).toBeGreaterThan(0);
    }
  });

  it("reads 0 of B's rows from A's context, and only A's rows without a filter", async () => {
    for (const table of tenantTables) {
      const counts = await withTenant(A.orgId, async (tx) => {
        const [b] = await tx.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)} where organization_id = ${B.orgId}`,
        );
        const [other] = await tx.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)} where organization_id <> ${A.orgId}`,
        );
        const [own] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
        return { b: b!.n, other: other!.n, own: own!.n };
      });
      expect(counts.b, `${table}: B's rows visible from A`).toBe(0);
      expect(counts.other, `${table}: foreign rows visible from A`).toBe(0);
      expect(counts.own, `${table}: A should see its own rows`).toBeGreaterThan(0);
    }
  });

  it("refuses to insert a row carrying B's organization_id from A's context", async () => {
    for (const table of tenantTables) {
      const before = await snapshotRows(table, B.orgId);
      const row = await templateRowOf(table, B.orgId);
      const err = await expectPgCode(
        withTenant(A.orgId, (tx) =>
          tx.execute(
            sql`insert into ${sql.identifier(table)} select * from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(row)}::jsonb)`,
          ),
        ),
        "42501",
      ).catch((e: Error) => {
        throw new Error(`${table}: ${e.message}`);
      });
      expect(err.code).toBe("42501");
      expect(await snapshotRows(table, B.orgId), `${table}: B's rows changed`).toEqual(before);
    }
  });

  it("refuses to insert a row carrying B's organization_id through the repositories", async () => {
    // Repositories bound to B inside A's transaction: the database, not the code, says no.
    const attempts: [string, (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<unknown>][] = [
      ["providers", (tx) => providersRepo(tx, B.orgId).create({ input: { name: "Dr. Intruder" } })],
      [
        "patients",
        (tx) =>
          patientsRepo(tx, B.orgId).create({
            input: { mrn: "X-1", firstName: "In", lastName: "Truder", dateOfBirth: "1990-01-01" },
          }),
      ],
      ["appointment_types", (tx) => appointmentTypesRepo(tx, B.orgId).create({ input: { name: "Intrusion", durationMinutes: 15 } })],
      ["memberships", (tx) => membershipsRepo(tx, B.orgId).add({ userId: A.userId, role: "owner" })],
      ["audit_logs", (tx) => auditRepo(tx, B.orgId).record({ actor: { type: "system" }, action: "view", resourceType: "patient" })],
    ];
    for (const [table, attempt] of attempts) {
      const before = await snapshotRows(table, B.orgId);
      await expectPgCode(withTenant(A.orgId, attempt), "42501").catch((e: Error) => {
        throw new Error(`${table}: ${e.message}`);
      });
      expect(await snapshotRows(table, B.orgId), `${table}: B's rows changed`).toEqual(before);
    }
  });

  it("updates 0 of B's rows from A's context (moving them to A included)", async () => {
    await expectNoRowsOfBChanged(
      "updated",
      (table) => sql`update ${sql.identifier(table)} set organization_id = ${A.orgId} where organization_id = ${B.orgId}`,
    );
  });

  it("deletes 0 of B's rows from A's context", async () => {
    await expectNoRowsOfBChanged("deleted", (table) => sql`delete from ${sql.identifier(table)} where organization_id = ${B.orgId}`);
  });

  it("cannot move A's own rows into B (planting data in another tenant)", async () => {
    for (const table of tenantTables) {
      const beforeA = await snapshotRows(table, A.orgId);
      const beforeB = await snapshotRows(table, B.orgId);
      await expectPgCode(
        withTenant(A.orgId, (tx) =>
          tx.execute(sql`update ${sql.identifier(table)} set organization_id = ${B.orgId} where organization_id = ${A.orgId}`),
        ),
        "42501",
      ).catch((e: Error) => {
        throw new Error(`${table}: ${e.message}`);
      });
      expect(await snapshotRows(table, A.orgId), `${table}: A's rows changed`).toEqual(beforeA);
      expect(await snapshotRows(table, B.orgId), `${table}: B's rows changed`).toEqual(beforeB);
    }
  });

  it("cannot read or edit B's organization row", async () => {
    const seen = await withTenant(A.orgId, async (tx) => {
      const orgs = await tx.execute<{ id: string }>(sql`select id from organizations`);
      const renamed = await tx.execute(sql`update organizations set name = 'pwned' where id = ${B.orgId}`);
      return { orgs: [...orgs].map((r) => r.id), renamed: renamed.count };
    });
    expect(seen.orgs).toEqual([A.orgId]);
    expect(seen.renamed).toBe(0);
    const [bOrg] = await asOwner((s) => s<{ name: string }[]>`select name from organizations where id = ${B.orgId}`);
    expect(bOrg!.name).not.toBe("pwned");
  });
});

describe("platform tables from A's context", () => {
  it("B's custom domain is invisible to A, and A cannot register or move a domain for B", async () => {
    const bDomain = `${B.orgId.slice(0, 8)}.b-hospital.test`;
    await withPlatform((tx) => platformOrganizations(tx).addDomain({ organizationId: B.orgId, domain: bDomain, verified: true }));
    const before = await snapshotRows("organization_domains", B.orgId);
    const seen = await withTenant(A.orgId, (tx) =>
      tx.execute<{ domain: string }>(
        sql`select domain from organization_domains where organization_id = ${B.orgId} or domain = ${bDomain}`,
      ),
    );
    expect([...seen]).toEqual([]);
    await expectPgCode(
      withTenant(A.orgId, (tx) =>
        tx.execute(
          sql`insert into organization_domains (organization_id, domain, verified_at) values (${B.orgId}, ${`x.${bDomain}`}, now())`,
        ),
      ),
      "42501",
    );
    // Moving a domain between organizations is not even a column the tenant role may update.
    await expectPgCode(
      withTenant(A.orgId, (tx) => tx.execute(sql`update organization_domains set organization_id = ${A.orgId} where domain = ${bDomain}`)),
      "42501",
    );
    const repointed = await withTenant(A.orgId, (tx) =>
      tx.execute(sql`update organization_domains set is_primary = true where domain = ${bDomain}`),
    );
    expect(repointed.count).toBe(0);
    expect(await snapshotRows("organization_domains", B.orgId)).toEqual(before);
  });

  // Only verified domains route traffic to a tenant, so verification must be the platform's call:
  // a tenant that could set verified_at itself could claim a hospital's hostname before its owner.
  it("cannot mark a custom domain verified itself (insert or update of verified_at)", async () => {
    const claimed = `claimed-${A.orgId.slice(0, 8)}.example-hospital.test`;
    await expectPgCode(
      withTenant(A.orgId, (tx) =>
        tx.execute(sql`insert into organization_domains (organization_id, domain, verified_at) values (${A.orgId}, ${claimed}, now())`),
      ),
      "42501",
    );
    const pending = `pending-${A.orgId.slice(0, 8)}.example-hospital.test`;
    await withPlatform((tx) => platformOrganizations(tx).addDomain({ organizationId: A.orgId, domain: pending }));
    await expectPgCode(
      withTenant(A.orgId, (tx) => tx.execute(sql`update organization_domains set verified_at = now() where domain = ${pending}`)),
      "42501",
    );
    const rows = await asOwner(
      (s) => s<{ domain: string; verified: boolean }[]>`
        select domain, verified_at is not null as verified from organization_domains where domain in (${claimed}, ${pending})`,
    );
    expect(rows).toEqual([{ domain: pending, verified: false }]);
  });

  it("cannot enumerate the platform's users or security events", async () => {
    for (const table of ["users", "security_events"]) {
      await expectPgCode(
        withTenant(A.orgId, (tx) => tx.execute(sql`select * from ${sql.identifier(table)}`)),
        "42501",
      );
    }
  });

  it("cannot change its own plan or status (platform-owned columns)", async () => {
    for (const statement of [
      sql`update organizations set plan = 'enterprise' where id = ${A.orgId}`,
      sql`update organizations set status = 'active', slug = 'taken-over' where id = ${A.orgId}`,
    ]) {
      await expectPgCode(
        withTenant(A.orgId, (tx) => tx.execute(statement)),
        "42501",
      );
    }
  });

  it("a user who belongs to A and B sees only A's membership in A's context", async () => {
    const both = await createUser("iso-both");
    await withTenant(A.orgId, (tx) => membershipsRepo(tx, A.orgId).add({ userId: both.id, role: "admin" }));
    await withTenant(B.orgId, (tx) => membershipsRepo(tx, B.orgId).add({ userId: both.id, role: "admin" }));
    const rows = await withTenant(
      A.orgId,
      (tx) => tx.execute<{ organization_id: string }>(sql`select organization_id from memberships where user_id = ${both.id}`),
      { userId: both.id },
    );
    expect([...rows].map((r) => r.organization_id)).toEqual([A.orgId]);
  });
});

describe("repositories answer B's ids with NotFoundError in A's context", () => {
  type TenantTx = Parameters<Parameters<typeof withTenant>[1]>[0];
  const lookups: [string, (tx: TenantTx, orgId: string) => Promise<unknown>][] = [
    ["provider", (tx, orgId) => providersRepo(tx, orgId).get({ id: B.providerId })],
    ["patient", (tx, orgId) => patientsRepo(tx, orgId).get({ id: B.patientId })],
    ["appointment", (tx, orgId) => appointmentsRepo(tx, orgId).get({ id: B.appointmentId })],
    ["appointment_type", (tx, orgId) => appointmentTypesRepo(tx, orgId).get({ id: B.typeId })],
  ];

  for (const [resource, lookup] of lookups) {
    it(`${resource}: B's id is not found from A (repository bound to A)`, async () => {
      const err = await rejection(withTenant(A.orgId, (tx) => lookup(tx, A.orgId)));
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as NotFoundError).resource).toBe(resource);
    });

    it(`${resource}: B's id is not found from A even with a repository bound to B`, async () => {
      const err = await rejection(withTenant(A.orgId, (tx) => lookup(tx, B.orgId)));
      expect(err).toBeInstanceOf(NotFoundError);
    });
  }

  it("updates, cancels and reschedules of B's rows from A are not found and change nothing", async () => {
    const before = {
      providers: await snapshotRows("providers", B.orgId),
      patients: await snapshotRows("patients", B.orgId),
      appointments: await snapshotRows("appointments", B.orgId),
    };
    const attempts: ((tx: TenantTx) => Promise<unknown>)[] = [
      (tx) => providersRepo(tx, A.orgId).update({ id: B.providerId, patch: { name: "Hijacked" } }),
      (tx) => patientsRepo(tx, A.orgId).update({ id: B.patientId, patch: { lastName: "Hijacked" } }),
      (tx) => appointmentsRepo(tx, A.orgId).cancel({ id: B.appointmentId, reason: "hijacked", by: "staff" }),
      (tx) =>
        appointmentsRepo(tx, A.orgId).reschedule({
          id: B.appointmentId,
          startsAt: new Date("2030-05-01T10:00:00Z"),
          endsAt: new Date("2030-05-01T10:30:00Z"),
        }),
      (tx) => membershipsRepo(tx, A.orgId).remove({ id: B.membershipId }),
    ];
    for (const attempt of attempts) {
      expect(await rejection(withTenant(A.orgId, attempt))).toBeInstanceOf(NotFoundError);
    }
    expect(await snapshotRows("providers", B.orgId)).toEqual(before.providers);
    expect(await snapshotRows("patients", B.orgId)).toEqual(before.patients);
    expect(await snapshotRows("appointments", B.orgId)).toEqual(before.appointments);
  });

  it("booking in A with B's patient, provider or type is not found (composite keys)", async () => {
    const base = {
      patientId: A.patientId,
      providerId: A.providerId,
      appointmentTypeId: A.typeId,
      startsAt: new Date("2030-06-01T10:00:00Z"),
      endsAt: new Date("2030-06-01T10:30:00Z"),
    };
    const cases: [string, Partial<typeof base>][] = [
      ["patient", { patientId: B.patientId }],
      ["provider", { providerId: B.providerId }],
      ["appointment_type", { appointmentTypeId: B.typeId }],
    ];
    for (const [resource, override] of cases) {
      const err = await rejection(withTenant(A.orgId, (tx) => appointmentsRepo(tx, A.orgId).create({ input: { ...base, ...override } })));
      expect(err, resource).toBeInstanceOf(NotFoundError);
      expect((err as NotFoundError).resource).toBe(resource);
    }
  });

  it("A's own organization repository reads A's settings and branding, never B's", async () => {
    const mine = await withTenant(A.orgId, async (tx) => {
      const repo = organizationRepo(tx, A.orgId);
      return { org: await repo.get(), settings: await repo.getSettings(), branding: await repo.getBranding() };
    });
    expect(mine.org.id).toBe(A.orgId);
    expect(mine.settings.organizationId).toBe(A.orgId);
    expect(mine.branding.organizationId).toBe(A.orgId);
    expect(await rejection(withTenant(A.orgId, (tx) => organizationRepo(tx, B.orgId).get()))).toBeInstanceOf(NotFoundError);
  });
});
