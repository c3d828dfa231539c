// Schema lint: the database's isolation rules (docs/architecture.md) checked against the live catalog, so a
// table added without organization_id, forced RLS, a tenant policy or organization_id-led keys
// fails here. The lint is proven able to fail on probe tables created (and rolled back) below.
import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { asOwner } from "./support/owner";
import { PLATFORM_TABLES } from "./support/fixtures";

const APP_ROLES = ["agentcare_app", "agentcare_platform"];
const ALL_ROLES = ["agentcare_app", "agentcare_platform", "agentcare_audit", "agentcare_runtime"];
const TENANT_FN = /\bapp_current_tenant_id\(\)/;

type Violation = { table: string; rule: string; detail?: string };

type TableRow = { oid: number; name: string; rls: boolean; force: boolean; owner: string };

/** Every isolation rule the catalog can show: organization_id-led keys, forced RLS, the tenant policy. */
async function lintTenantTables(sql: postgres.TransactionSql, only?: string[]): Promise<Violation[]> {
  const violations: Violation[] = [];
  const add = (table: string, rule: string, detail?: string) => violations.push({ table, rule, detail });

  const all = await sql<TableRow[]>`
    select c.oid::int as oid, c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force,
           pg_get_userbyid(c.relowner) as owner
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
       and c.relname <> all(${PLATFORM_TABLES as unknown as string[]})
     order by c.relname`;
  const tenantOids = new Set(all.map((t) => t.oid));
  const tables = only ? all.filter((t) => only.includes(t.name)) : all;

  const [appRole] = await sql<{ oid: number }[]>`select oid::int as oid from pg_roles where rolname = 'agentcare_app'`;

  for (const t of tables) {
    const [org] = await sql<{ attnum: number; type: string; notnull: boolean }[]>`
      select attnum::int as attnum, format_type(atttypid, atttypmod) as type, attnotnull as notnull
        from pg_attribute where attrelid = ${t.oid} and attname = 'organization_id' and not attisdropped`;
    if (!org) add(t.name, "organization_id column missing");
    else {
      if (org.type !== "uuid") add(t.name, "organization_id is not uuid", org.type);
      if (!org.notnull) add(t.name, "organization_id is nullable");
    }

    if (!t.rls) add(t.name, "row level security not enabled");
    if (!t.force) add(t.name, "row level security not forced");
    if (APP_ROLES.includes(t.owner) || t.owner === "agentcare_runtime") add(t.name, "owned by an application role", t.owner);

    const policies = await sql<
      { name: string; cmd: string; permissive: boolean; roles: number[]; qual: string | null; wc: string | null }[]
    >`
      select polname as name, polcmd as cmd, polpermissive as permissive, polroles::int[] as roles,
             pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as wc
        from pg_policy where polrelid = ${t.oid}`;
    const tenantPolicy = policies.find(
      (p) =>
        p.cmd === "*" &&
        p.permissive &&
        TENANT_FN.test(p.qual ?? "") &&
        /organization_id/.test(p.qual ?? "") &&
        TENANT_FN.test(p.wc ?? "") &&
        /organization_id/.test(p.wc ?? ""),
    );
    if (!tenantPolicy) add(t.name, "no FOR ALL policy with using/with check on organization_id = app_current_tenant_id()");
    for (const p of policies) {
      const text = `${p.qual ?? ""} ${p.wc ?? ""}`;
      if (/\bselect\b/i.test(text)) add(t.name, "policy holds a subquery (Citus rejects it)", p.name);
      const appliesToApp = p.roles.includes(0) || (appRole && p.roles.includes(appRole.oid));
      if (p.permissive && appliesToApp && (!TENANT_FN.test(p.qual ?? "true") || /\bor\b/i.test(p.qual ?? ""))) {
        // A permissive policy is OR-ed with the others: one that is not tenant-bound opens the table.
        add(t.name, "permissive policy for the app role not bound to the tenant", `${p.name}: ${p.qual}`);
      }
    }

    if (!org) continue;
    const keys = await sql<{ name: string; type: string; first: number | null }[]>`
      select conname as name, contype as type, conkey[1]::int as first
        from pg_constraint where conrelid = ${t.oid} and contype in ('p', 'u', 'x')`;
    if (!keys.some((k) => k.type === "p")) add(t.name, "no primary key");
    for (const k of keys) {
      if (k.first !== org.attnum)
        add(
          t.name,
          `${{ p: "primary key", u: "unique constraint", x: "exclusion constraint" }[k.type]} does not lead with organization_id`,
          k.name,
        );
    }
    const uniqueIndexes = await sql<{ name: string; first: number }[]>`
      select ic.relname as name, i.indkey[0]::int as first
        from pg_index i join pg_class ic on ic.oid = i.indexrelid
       where i.indrelid = ${t.oid} and i.indisunique`;
    for (const u of uniqueIndexes) {
      if (u.first !== org.attnum) add(t.name, "unique index does not lead with organization_id", u.name);
    }

    const fks = await sql<{ name: string; target: number; target_name: string; ok: boolean }[]>`
      select c.conname as name, c.confrelid::int as target, c.confrelid::regclass::text as target_name,
             coalesce((
               select c.confkey[array_position(c.conkey, ${org.attnum}::smallint)] = ta.attnum
                 from pg_attribute ta
                where ta.attrelid = c.confrelid and ta.attname = 'organization_id' and not ta.attisdropped
             ), false) as ok
        from pg_constraint c
       where c.conrelid = ${t.oid} and c.contype = 'f'`;
    for (const fk of fks) {
      if (tenantOids.has(fk.target) && !fk.ok) {
        add(t.name, "foreign key to a tenant table is not composite on organization_id", `${fk.name} → ${fk.target_name}`);
      }
    }
  }
  return violations;
}

/**
 * Platform tables are exempt from the tenant key rules, not from RLS: forced RLS on each, and no
 * policy that lets the app role (or PUBLIC) see rows beyond its own tenant.
 */
async function lintPlatformTables(sql: postgres.TransactionSql): Promise<Violation[]> {
  const violations: Violation[] = [];
  const tables = await sql<TableRow[]>`
    select c.oid::int as oid, c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as force,
           pg_get_userbyid(c.relowner) as owner
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname = any(${PLATFORM_TABLES as unknown as string[]})`;
  const [appRole] = await sql<{ oid: number }[]>`select oid::int as oid from pg_roles where rolname = 'agentcare_app'`;
  for (const t of tables) {
    if (!t.rls) violations.push({ table: t.name, rule: "row level security not enabled" });
    if (!t.force) violations.push({ table: t.name, rule: "row level security not forced" });
    if (APP_ROLES.includes(t.owner)) violations.push({ table: t.name, rule: "owned by an application role", detail: t.owner });
    const policies = await sql<{ name: string; permissive: boolean; roles: number[]; qual: string | null }[]>`
      select polname as name, polpermissive as permissive, polroles::int[] as roles, pg_get_expr(polqual, polrelid) as qual
        from pg_policy where polrelid = ${t.oid}`;
    for (const p of policies) {
      const appliesToApp = p.roles.includes(0) || (appRole && p.roles.includes(appRole.oid));
      if (p.permissive && appliesToApp && (!TENANT_FN.test(p.qual ?? "true") || /\bor\b/i.test(p.qual ?? ""))) {
        violations.push({
          table: t.name,
          rule: "permissive policy for the app role not bound to the tenant",
          detail: `${p.name}: ${p.qual}`,
        });
      }
    }
  }
  return violations;
}

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super("rollback");
  }
}

/** Runs fn as the owner and rolls everything back, returning fn's result. */
async function inRolledBackOwnerTx<T>(fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  try {
    await asOwner(async (sql) => {
      throw new Rollback(await fn(sql));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error("unreachable");
}

describe("tenant tables keep the isolation invariants", () => {
  it("finds the tenant tables it lints", async () => {
    const names = await asOwner(
      (sql) => sql<{ name: string }[]>`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> all(${PLATFORM_TABLES as unknown as string[]})`,
    );
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining(["appointments", "patients", "providers", "audit_logs", "memberships"]),
    );
  });

  it("every non-platform table: organization_id uuid not null, forced RLS, tenant policy, org-led keys, composite FKs", async () => {
    const violations = await asOwner((sql) => lintTenantTables(sql));
    expect(violations).toEqual([]);
  });

  it("platform tables: forced RLS, and the app role sees at most its own tenant's rows", async () => {
    const violations = await asOwner((sql) => lintPlatformTables(sql));
    expect(violations).toEqual([]);
  });

  it("app_current_tenant_id() is a STABLE SQL function reading app.current_tenant_id with nullif ''", async () => {
    const [fn] = await asOwner(
      (sql) => sql<{ volatile: string; lang: string; src: string }[]>`
        select p.provolatile as volatile, l.lanname as lang, p.prosrc as src
          from pg_proc p join pg_language l on l.oid = p.prolang join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'public' and p.proname = 'app_current_tenant_id'`,
    );
    expect(fn).toBeDefined();
    expect(fn!.volatile).toBe("s");
    expect(fn!.lang).toBe("sql");
    expect(fn!.src).toMatch(/nullif\(\s*current_setting\('app\.current_tenant_id',\s*true\),\s*''\s*\)/);
  });
});

describe("application roles are unprivileged", () => {
  it("agentcare_app / agentcare_platform (and the runtime and audit roles) are not superuser nor BYPASSRLS", async () => {
    const roles = await asOwner(
      (sql) => sql<{ name: string; super: boolean; bypass: boolean; createrole: boolean; createdb: boolean; inherit: boolean }[]>`
        select rolname as name, rolsuper as super, rolbypassrls as bypass, rolcreaterole as createrole,
               rolcreatedb as createdb, rolinherit as inherit
          from pg_roles where rolname = any(${ALL_ROLES}) order by rolname`,
    );
    expect(roles.map((r) => r.name)).toEqual([...ALL_ROLES].sort());
    for (const r of roles) {
      expect(r.super, r.name).toBe(false);
      expect(r.bypass, r.name).toBe(false);
      expect(r.createrole, r.name).toBe(false);
      expect(r.createdb, r.name).toBe(false);
    }
    expect(roles.find((r) => r.name === "agentcare_runtime")!.inherit).toBe(false);
  });

  it("the application roles own no tables, and no table is owned by them", async () => {
    const owned = await asOwner(
      (sql) => sql<{ name: string; owner: string }[]>`
        select c.oid::regclass::text as name, pg_get_userbyid(c.relowner) as owner
          from pg_class c
         where pg_get_userbyid(c.relowner) = any(${[...APP_ROLES, "agentcare_runtime"]})`,
    );
    expect(owned).toEqual([]);
  });

  it("nothing in public is granted to PUBLIC (which even a NOINHERIT role would get)", async () => {
    const grants = await asOwner(
      (sql) => sql<{ name: string; privilege: string }[]>`
        select c.relname as name, a.privilege_type as privilege
          from pg_class c join pg_namespace n on n.oid = c.relnamespace,
               lateral aclexplode(c.relacl) a
         where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and a.grantee = 0`,
    );
    expect(grants).toEqual([]);
  });

  it("the runtime login role holds no table privilege of its own", async () => {
    const privileged = await asOwner(
      (sql) => sql<{ name: string }[]>`
        select c.relname as name
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p')
           and has_table_privilege('agentcare_runtime', c.oid, 'select, insert, update, delete, truncate')`,
    );
    expect(privileged).toEqual([]);
  });
});

describe("the lint can fail", () => {
  it("reports a new table created without RLS, policy or org-led key", async () => {
    const violations = await inRolledBackOwnerTx(async (sql) => {
      await sql`create table public.lint_probe (id uuid primary key, organization_id uuid not null)`;
      return lintTenantTables(sql, ["lint_probe"]);
    });
    const rules = violations.map((v) => v.rule);
    expect(violations.every((v) => v.table === "lint_probe")).toBe(true);
    expect(rules).toEqual(
      expect.arrayContaining([
        "row level security not enabled",
        "row level security not forced",
        "no FOR ALL policy with using/with check on organization_id = app_current_tenant_id()",
        "primary key does not lead with organization_id",
        "unique index does not lead with organization_id",
      ]),
    );
    // Rolled back: the real schema is untouched.
    const [left] = await asOwner((sql) => sql<{ t: string | null }[]>`select to_regclass('public.lint_probe')::text as t`);
    expect(left!.t).toBeNull();
  });

  it("reports a missing or nullable organization_id, an open policy and a single-column foreign key", async () => {
    const violations = await inRolledBackOwnerTx(async (sql) => {
      await sql`create table public.lint_probe_noorg (id uuid primary key)`;
      await sql`create table public.lint_probe_parent (
        organization_id uuid not null, id uuid not null, primary key (organization_id, id), unique (id))`;
      await sql`alter table public.lint_probe_parent enable row level security`;
      await sql`alter table public.lint_probe_parent force row level security`;
      await sql`create policy tenant_isolation on public.lint_probe_parent for all
        using (organization_id = public.app_current_tenant_id()) with check (organization_id = public.app_current_tenant_id())`;
      await sql`create policy open_door on public.lint_probe_parent for select using (true)`;
      await sql`create table public.lint_probe_child (
        organization_id uuid, id uuid primary key, parent_id uuid references public.lint_probe_parent (id))`;
      return lintTenantTables(sql, ["lint_probe_noorg", "lint_probe_parent", "lint_probe_child"]);
    });
    const has = (table: string, rule: string) => violations.some((v) => v.table === table && v.rule === rule);
    expect(has("lint_probe_noorg", "organization_id column missing")).toBe(true);
    expect(has("lint_probe_parent", "permissive policy for the app role not bound to the tenant")).toBe(true);
    expect(has("lint_probe_parent", "unique constraint does not lead with organization_id")).toBe(true);
    expect(has("lint_probe_child", "organization_id is nullable")).toBe(true);
    expect(has("lint_probe_child", "primary key does not lead with organization_id")).toBe(true);
    expect(has("lint_probe_child", "foreign key to a tenant table is not composite on organization_id")).toBe(true);
  });

  it("reports a platform table left open to the app role or without forced RLS", async () => {
    const violations = await inRolledBackOwnerTx(async (sql) => {
      await sql`create policy lint_probe_open on public.users for select to agentcare_app using (true)`;
      await sql`alter table public.security_events no force row level security`;
      return lintPlatformTables(sql);
    });
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: "users", rule: "permissive policy for the app role not bound to the tenant" }),
        { table: "security_events", rule: "row level security not forced" },
      ]),
    );
  });

  it("passes a probe table built by the rules (the lint is not simply always failing)", async () => {
    const violations = await inRolledBackOwnerTx(async (sql) => {
      await sql`create table public.lint_probe_ok (
        organization_id uuid not null references public.organizations (id), id uuid not null,
        patient_id uuid not null, code text not null,
        primary key (organization_id, id), unique (organization_id, code),
        foreign key (organization_id, patient_id) references public.patients (organization_id, id))`;
      await sql`alter table public.lint_probe_ok enable row level security`;
      await sql`alter table public.lint_probe_ok force row level security`;
      await sql`create policy tenant_isolation on public.lint_probe_ok for all
        using (organization_id = public.app_current_tenant_id()) with check (organization_id = public.app_current_tenant_id())`;
      return lintTenantTables(sql, ["lint_probe_ok"]);
    });
    expect(violations).toEqual([]);
  });
});
