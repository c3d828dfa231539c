// Fail closed: no tenant set → no rows and no writes; a malformed tenant id never reaches SQL;
// the pool's own role, outside withTenant/withPlatform, can read nothing at all.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { rawDb, rawSql, transactionalDb } from "@/lib/db/client";
import { patients } from "@/lib/db/schema";
import { withPlatform, withTenant, type Tx } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors/app-error";
import { asOwner } from "./support/owner";
import { createFullWorld, expectPgCode, listTenantTables, rejection, snapshotRows, type FullWorld } from "./support/fixtures";

let W: FullWorld;
let tenantTables: string[];

beforeAll(async () => {
  W = await createFullWorld("closed");
  tenantTables = await listTenantTables();
});

/** A transaction as the RLS-bound app role, with the tenant setting as given (none by default). */
function asAppWithoutTenant<T>(fn: (tx: Tx) => Promise<T>, tenant?: string): Promise<T> {
  return transactionalDb().transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'agentcare_app', true)`);
    if (tenant !== undefined) await tx.execute(sql`select set_config('app.current_tenant_id', ${tenant}, true)`);
    return fn(tx);
  });
}

async function rowOf(table: string, orgId: string): Promise<Record<string, unknown>> {
  const [row] = await asOwner(
    (s) => s<{ row: Record<string, unknown> }[]>`select to_jsonb(t) as row from ${s(table)} t where t.organization_id = ${orgId} limit 1`,
  );
  expect(row, `fixture must leave a row in ${table}`).toBeDefined();
  const copy = { ...row!.row };
  if ("id" in copy) copy.id = crypto.randomUUID();
  return copy;
}

describe("no tenant set: every tenant table is empty and read-only", () => {
  it("the fixture really has rows in every tenant table", async () => {
    for (const table of tenantTables) {
      expect((await snapshotRows(table, W.orgId)).length, table).toBeGreaterThan(0);
    }
  });

  for (const [label, tenant] of [
    ["never set", undefined],
    ["set to ''", ""],
  ] as const) {
    it(`shows 0 rows in every tenant table (setting ${label})`, async () => {
      const counts = await asAppWithoutTenant(async (tx) => {
        const [who] = await tx.execute<{ role: string; tenant: string | null }>(
          sql`select current_user as role, public.app_current_tenant_id()::text as tenant`,
        );
        const out: Record<string, number> = {};
        for (const table of tenantTables) {
          const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
          out[table] = row!.n;
        }
        return { who: who!, out };
      }, tenant);
      expect(counts.who.role).toBe("agentcare_app");
      expect(counts.who.tenant).toBeNull();
      for (const table of tenantTables) expect(counts.out[table], table).toBe(0);
    });
  }

  it("refuses inserts into every tenant table", async () => {
    for (const table of tenantTables) {
      const before = await snapshotRows(table, W.orgId);
      const row = await rowOf(table, W.orgId);
      await expectPgCode(
        asAppWithoutTenant((tx) =>
          tx.execute(
            sql`insert into ${sql.identifier(table)} select * from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(row)}::jsonb)`,
          ),
        ),
        "42501",
      ).catch((e: Error) => {
        throw new Error(`${table}: ${e.message}`);
      });
      expect(await snapshotRows(table, W.orgId), table).toEqual(before);
    }
  });

  it("updates and deletes touch 0 rows (or are refused outright)", async () => {
    for (const table of tenantTables) {
      const before = await snapshotRows(table, W.orgId);
      for (const statement of [
        sql`update ${sql.identifier(table)} set organization_id = organization_id`,
        sql`delete from ${sql.identifier(table)}`,
      ]) {
        const outcome = await asAppWithoutTenant(async (tx) => ({ count: (await tx.execute(statement)).count })).catch((err: unknown) => ({
          err,
        }));
        if ("err" in outcome) await expectPgCode(Promise.reject(outcome.err), "42501");
        else expect(outcome.count, table).toBe(0);
      }
      expect(await snapshotRows(table, W.orgId), table).toEqual(before);
    }
  });

  it("the platform role reads nothing tenant-scoped", async () => {
    for (const table of tenantTables) {
      const outcome = await withPlatform(async (tx) => {
        const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
        return { n: row!.n };
      }).catch((err: unknown) => ({ err }));
      // Either no grant at all, or (memberships, for the org switcher) no row without a user id.
      if ("err" in outcome) await expectPgCode(Promise.reject(outcome.err), "42501");
      else expect(outcome.n, table).toBe(0);
    }
  });

  it("the platform role sees only the signed-in user's own memberships", async () => {
    const rows = await withPlatform(
      (tx) => tx.execute<{ organization_id: string; user_id: string }>(sql`select organization_id, user_id from memberships`),
      { userId: W.userId },
    );
    expect([...rows].map((r) => r.user_id)).toEqual([W.userId]);
    expect([...rows].map((r) => r.organization_id)).toEqual([W.orgId]);
  });
});

describe("withTenant validates the tenant id before touching the database", () => {
  for (const bad of ["x' or 1=1 --", "", "not-a-uuid", `${crypto.randomUUID()}' or '1'='1`, "00000000-0000-0000-0000-00000000000g"]) {
    it(`rejects ${JSON.stringify(bad)} with ValidationError`, async () => {
      let ran = false;
      const err = await rejection(
        withTenant(bad, async () => {
          ran = true;
        }),
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect(ran).toBe(false);
    });
  }

  it("rejects a non-UUID user id too", async () => {
    let ran = false;
    const err = await rejection(
      withTenant(
        W.orgId,
        async () => {
          ran = true;
        },
        { userId: "1 or 1=1" },
      ),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(ran).toBe(false);
  });
});

describe("outside withTenant/withPlatform the pool can read nothing", () => {
  it("runs as the runtime role, which holds no privileges of its own", async () => {
    const [row] = await rawSql().begin(
      (s) => s<{ role: string; can_read: boolean; super: boolean; bypass: boolean }[]>`
        select current_user as role,
               has_table_privilege('public.patients', 'select') as can_read,
               r.rolsuper as super, r.rolbypassrls as bypass
          from pg_roles r where r.rolname = current_user`,
    );
    expect(row!.role).toBe("agentcare_runtime");
    expect(row!.can_read).toBe(false);
    expect(row!.super).toBe(false);
    expect(row!.bypass).toBe(false);
  });

  it("a plain `select * from patients` on the app pool fails with permission denied", async () => {
    const err = await expectPgCode(rawSql()`select * from patients`, "42501");
    expect(err.message).toMatch(/permission denied/);
  });

  it("every tenant table refuses a read inside a bare pool transaction", async () => {
    for (const table of tenantTables) {
      await expectPgCode(
        rawSql().begin((s) => s`select * from ${s(table)}`),
        "42501",
      ).catch((e: Error) => {
        throw new Error(`${table}: ${e.message}`);
      });
    }
  });

  // Embedded PGlite has one session whose session_user is the superuser, so SET ROLE / RESET ROLE
  // can climb back out of agentcare_runtime there: a known gap of the embedded engine (reported),
  // hence real servers only.
  it.skipIf(inject("embedded"))("cannot climb to a privileged role, inside withTenant or outside it", async () => {
    const err = await expectPgCode(
      withTenant(W.orgId, (tx) => tx.execute(sql`select set_config('role', 'postgres', true)`)),
      "42501",
    );
    expect(err.message).toMatch(/permission denied to set role/);
    const after = await rawSql().begin(async (s) => {
      await s`reset role`;
      const [row] = await s<{ role: string; can_read: boolean }[]>`
        select current_user as role, has_table_privilege('public.patients', 'select') as can_read`;
      return row!;
    });
    expect(after.role).toBe("agentcare_runtime");
    expect(after.can_read).toBe(false);
  });

  it("drizzle on the raw pool fails the same way", async () => {
    await expectPgCode(rawDb().select().from(patients), "42501");
  });
});
