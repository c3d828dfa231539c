// Citus readiness: drizzle/citus/distribute.sql distributes every tenant table by organization_id
// (one co-location group) and makes every platform table a reference table. Citus is not part of
// this test run, so its rules are checked against the migrated catalog instead: keys that include
// the distribution column, foreign keys that Citus can enforce inside one shard group, no foreign
// key from a reference table to a distributed one, policies without subqueries or table-reading
// functions, and a file that names exactly the tables that exist, in an order Citus accepts.
// The checks are proven able to fail on probe tables created (and rolled back) below.
import fs from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { asOwner } from "./support/owner";
import { PLATFORM_TABLES } from "./support/fixtures";

const DISTRIBUTE_SQL = path.join(process.cwd(), "drizzle", "citus", "distribute.sql");
const DISTRIBUTION_COLUMN = "organization_id";

type Plan = {
  /** Table → its position in the file, distributed and reference tables alike. */
  order: Map<string, number>;
  distributed: { table: string; column: string; colocateWith: string | undefined }[];
  reference: string[];
};

/** What distribute.sql asks Citus to do, in its order (comments ignored). */
function readPlan(text: string): Plan {
  const code = text.replace(/--[^\n]*/g, "");
  const plan: Plan = { order: new Map(), distributed: [], reference: [] };
  const calls =
    /create_(distributed|reference)_table\(\s*'(?:public\.)?(\w+)'(?:\s*,\s*'(\w+)')?(?:\s*,\s*colocate_with\s*=>\s*'(\w+)')?\s*\)/gi;
  let position = 0;
  for (const m of code.matchAll(calls)) {
    const [, kind, table, column, colocateWith] = m as unknown as [string, string, string, string | undefined, string | undefined];
    if (kind!.toLowerCase() === "distributed") plan.distributed.push({ table, column: column ?? "", colocateWith });
    else plan.reference.push(table);
    if (!plan.order.has(table)) plan.order.set(table, position++);
    else plan.order.set(`${table} (again)`, position++);
  }
  return plan;
}

type Violation = { table: string; rule: string; detail?: string };

type ForeignKey = {
  name: string;
  source: string;
  target: string;
  /** Whether the key maps the source's organization_id onto the target's organization_id. */
  org_to_org: boolean;
  on_delete: string;
  on_update: string;
};

async function lintForCitus(sql: postgres.TransactionSql, planText: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  const add = (table: string, rule: string, detail?: string) => violations.push({ table, rule, detail });
  const plan = readPlan(planText);
  const platform = new Set<string>(PLATFORM_TABLES);

  const tables = await sql<{ oid: number; name: string }[]>`
    select c.oid::int as oid, c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`;
  const tenant = new Set(tables.map((t) => t.name).filter((name) => !platform.has(name)));
  const existing = new Set(tables.map((t) => t.name));

  // The file names exactly the tables that exist: tenant ones distributed, platform ones referenced.
  for (const name of existing) {
    const distributed = plan.distributed.filter((d) => d.table === name).length;
    const referenced = plan.reference.filter((r) => r === name).length;
    if (tenant.has(name) && (distributed !== 1 || referenced !== 0))
      add(name, "tenant table not distributed exactly once in distribute.sql");
    if (platform.has(name) && (referenced !== 1 || distributed !== 0))
      add(name, "platform table not a reference table exactly once in distribute.sql");
  }
  for (const name of plan.order.keys()) if (!existing.has(name)) add(name, "distribute.sql names a table that does not exist");
  const anchor = plan.distributed[0]?.table;
  for (const [i, d] of plan.distributed.entries()) {
    if (d.column !== DISTRIBUTION_COLUMN) add(d.table, `not distributed by ${DISTRIBUTION_COLUMN}`, d.column);
    // One co-location group: the first table starts it, every other one joins it.
    if (i > 0 && d.colocateWith !== anchor) add(d.table, "not co-located with the other tenant tables", d.colocateWith);
  }

  const orgColumn = new Map<number, number>();
  for (const row of await sql<{ table: number; attnum: number }[]>`
    select attrelid::int as table, attnum::int as attnum from pg_attribute
     where attname = ${DISTRIBUTION_COLUMN} and not attisdropped and attrelid = any(${tables.map((t) => t.oid)}::oid[])`) {
    orgColumn.set(row.table, row.attnum);
  }

  for (const t of tables.filter((t) => tenant.has(t.name))) {
    const org = orgColumn.get(t.oid);
    if (org === undefined) {
      add(t.name, `distributed table without ${DISTRIBUTION_COLUMN}`);
      continue;
    }
    // Primary keys, unique and exclusion constraints are enforced per shard: each must include the
    // distribution column, and an exclusion constraint must compare it with equality.
    const constraints = await sql<{ name: string; type: string; columns: number[]; operators: string[] | null }[]>`
      select conname as name, contype as type, conkey::int[] as columns,
             (select array_agg(o.oprname order by k.i) from unnest(conexclop) with ordinality k(op, i)
                join pg_operator o on o.oid = k.op) as operators
        from pg_constraint where conrelid = ${t.oid} and contype in ('p', 'u', 'x')`;
    for (const c of constraints) {
      const at = c.columns.indexOf(org);
      if (at < 0)
        add(
          t.name,
          `${{ p: "primary key", u: "unique constraint", x: "exclusion constraint" }[c.type]} without ${DISTRIBUTION_COLUMN}`,
          c.name,
        );
      else if (c.type === "x" && c.operators?.[at] !== "=")
        add(t.name, `exclusion constraint does not compare ${DISTRIBUTION_COLUMN} with =`, c.name);
    }
    const uniqueIndexes = await sql<{ name: string; columns: number[] }[]>`
      select ic.relname as name, string_to_array(i.indkey::text, ' ')::int[] as columns
        from pg_index i join pg_class ic on ic.oid = i.indexrelid
       where i.indrelid = ${t.oid} and i.indisunique`;
    for (const u of uniqueIndexes) {
      if (!u.columns.includes(org)) add(t.name, `unique index without ${DISTRIBUTION_COLUMN}`, u.name);
    }
  }

  const foreignKeys = await sql<ForeignKey[]>`
    select c.conname as name, s.relname as source, t.relname as target,
           coalesce((
             select c.confkey[array_position(c.conkey, sa.attnum)] = ta.attnum
               from pg_attribute sa, pg_attribute ta
              where sa.attrelid = c.conrelid and sa.attname = ${DISTRIBUTION_COLUMN} and not sa.attisdropped
                and ta.attrelid = c.confrelid and ta.attname = ${DISTRIBUTION_COLUMN} and not ta.attisdropped
           ), false) as org_to_org,
           c.confdeltype as on_delete, c.confupdtype as on_update
      from pg_constraint c
      join pg_class s on s.oid = c.conrelid join pg_namespace sn on sn.oid = s.relnamespace
      join pg_class t on t.oid = c.confrelid
     where c.contype = 'f' and sn.nspname = 'public'
     order by s.relname, c.conname`;
  for (const fk of foreignKeys) {
    const detail = `${fk.name} → ${fk.target}`;
    if (tenant.has(fk.source) && tenant.has(fk.target)) {
      // Between distributed tables: enforced inside one shard group, so both sides hold the
      // distribution column at the same position; Citus refuses SET NULL / SET DEFAULT on such keys,
      // and a cascade on update (which could move a row to another shard).
      if (!fk.org_to_org) add(fk.source, `foreign key between tenant tables not on ${DISTRIBUTION_COLUMN} on both sides`, detail);
      if (["n", "d"].includes(fk.on_delete)) add(fk.source, "foreign key between tenant tables sets NULL or DEFAULT on delete", detail);
      if (["n", "d", "c"].includes(fk.on_update)) add(fk.source, "foreign key between tenant tables acts on update", detail);
    }
    if (!tenant.has(fk.source) && tenant.has(fk.target))
      add(fk.source, "foreign key from a reference table to a distributed table", detail);
    // Citus distributes or replicates a table only after the tables it references.
    const from = plan.order.get(fk.source);
    const to = plan.order.get(fk.target);
    if (fk.source !== fk.target && from !== undefined && to !== undefined && to > from) {
      add(fk.source, "distribute.sql handles it before a table it references", detail);
    }
  }

  // Policies are evaluated on the shards: no subqueries, and the functions they call read no table
  // and are not volatile (a STABLE SQL function of settings is inlined into a plain comparison).
  const policies = await sql<{ table: string; name: string; text: string }[]>`
    select c.relname as table, p.polname as name,
           coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') as text
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'`;
  for (const p of policies) if (/\bselect\b/i.test(p.text)) add(p.table, "policy holds a subquery", p.name);
  const functions = await sql<{ table: string; policy: string; fn: string; volatility: string; body: string; language: string }[]>`
    select distinct c.relname as table, pol.polname as policy, f.proname as fn, f.provolatile as volatility,
           coalesce(f.prosrc, '') as body, l.lanname as language
      from pg_depend d
      join pg_policy pol on d.classid = 'pg_policy'::regclass and d.objid = pol.oid
      join pg_class c on c.oid = pol.polrelid
      join pg_proc f on d.refclassid = 'pg_proc'::regclass and d.refobjid = f.oid
      join pg_language l on l.oid = f.prolang`;
  for (const f of functions) {
    if (f.volatility === "v") add(f.table, "policy calls a volatile function", `${f.policy}: ${f.fn}`);
    if (f.language !== "sql" || /\bfrom\b/i.test(f.body))
      add(f.table, "policy calls a function that may read a table", `${f.policy}: ${f.fn}`);
  }
  return violations;
}

class Rollback extends Error {}

/** Runs the lint inside a transaction that is always rolled back, after `prepare` changed the schema. */
async function lintWith(prepare: (sql: postgres.TransactionSql) => Promise<unknown>, planText: string): Promise<Violation[]> {
  let result: Violation[] = [];
  try {
    await asOwner(async (sql) => {
      await prepare(sql);
      result = await lintForCitus(sql, planText);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result;
}

const planText = fs.readFileSync(DISTRIBUTE_SQL, "utf8");

describe("drizzle/citus/distribute.sql against the migrated schema", () => {
  it("distributes every tenant table by organization_id in one co-location group and references every platform table", () => {
    const plan = readPlan(planText);
    expect(plan.reference.sort()).toEqual([...PLATFORM_TABLES].sort());
    expect(new Set(plan.distributed.map((d) => d.column))).toEqual(new Set([DISTRIBUTION_COLUMN]));
    expect(plan.distributed.length).toBeGreaterThan(10);
  });

  it("meets every rule Citus imposes on distributed and reference tables", async () => {
    const violations = await lintWith(async () => {}, planText);
    expect(violations).toEqual([]);
  });
});

describe("the readiness lint can fail", () => {
  it("flags a new tenant table missing from distribute.sql, and keys without organization_id", async () => {
    const violations = await lintWith(async (sql) => {
      await sql`create table public.probe_visits (organization_id uuid not null, id uuid not null, code text, primary key (id), unique (code))`;
    }, planText);
    expect(violations).toEqual(
      expect.arrayContaining([
        { table: "probe_visits", rule: "tenant table not distributed exactly once in distribute.sql" },
        { table: "probe_visits", rule: "primary key without organization_id", detail: "probe_visits_pkey" },
        { table: "probe_visits", rule: "unique constraint without organization_id", detail: "probe_visits_code_key" },
        { table: "probe_visits", rule: "unique index without organization_id", detail: "probe_visits_code_key" },
      ]),
    );
  });

  it("flags a key between tenant tables that skips organization_id, sets NULL or cascades updates, and an exclusion without =", async () => {
    const violations = await lintWith(async (sql) => {
      // A tenant table of its own: ids copied between organizations (an import) would break a unique index on patients.
      await sql`create table public.probe_people (organization_id uuid not null, id uuid not null, primary key (organization_id, id))`;
      await sql`alter table public.notifications add column probe_patient uuid`;
      await sql`create unique index probe_people_id on public.probe_people (id)`;
      await sql`alter table public.notifications add constraint probe_patient_fk foreign key (probe_patient) references public.probe_people (id)`;
      await sql`alter table public.notifications add constraint probe_set_null_fk foreign key (organization_id, probe_patient)
                  references public.probe_people (organization_id, id) on delete set null`;
      await sql`alter table public.notifications add constraint probe_cascade_fk foreign key (organization_id, probe_patient)
                  references public.probe_people (organization_id, id) on update cascade`;
      await sql`create extension if not exists btree_gist`;
      // On a table of its own: rows of two organizations already in notifications would violate it.
      await sql`create table public.probe_rooms (organization_id uuid not null, room text not null,
                  primary key (organization_id, room), exclude using gist (organization_id with <>))`;
    }, planText);
    expect(violations).toEqual(
      expect.arrayContaining([
        { table: "probe_people", rule: "unique index without organization_id", detail: "probe_people_id" },
        {
          table: "notifications",
          rule: "foreign key between tenant tables not on organization_id on both sides",
          detail: "probe_patient_fk → probe_people",
        },
        {
          table: "notifications",
          rule: "foreign key between tenant tables sets NULL or DEFAULT on delete",
          detail: "probe_set_null_fk → probe_people",
        },
        { table: "notifications", rule: "foreign key between tenant tables acts on update", detail: "probe_cascade_fk → probe_people" },
        {
          table: "probe_rooms",
          rule: "exclusion constraint does not compare organization_id with =",
          detail: "probe_rooms_organization_id_excl",
        },
      ]),
    );
  });

  it("flags a reference table pointing at a distributed one, a policy with a subquery or a table-reading function", async () => {
    const violations = await lintWith(async (sql) => {
      await sql`alter table public.users add column probe_org uuid, add column probe_patient uuid`;
      await sql`alter table public.users add constraint probe_users_patient_fk foreign key (probe_org, probe_patient)
                  references public.patients (organization_id, id)`;
      await sql`create policy probe_subquery on public.providers for select to agentcare_app
                  using (exists (select 1 from public.patients p where p.organization_id = providers.organization_id))`;
      await sql`create function public.probe_reads_table() returns uuid language sql stable as $$ select id from public.organizations limit 1 $$`;
      await sql`create policy probe_function on public.appointments for select to agentcare_app using (organization_id = public.probe_reads_table())`;
    }, planText);
    expect(violations).toEqual(
      expect.arrayContaining([
        { table: "users", rule: "foreign key from a reference table to a distributed table", detail: "probe_users_patient_fk → patients" },
        { table: "providers", rule: "policy holds a subquery", detail: "probe_subquery" },
        { table: "appointments", rule: "policy calls a function that may read a table", detail: "probe_function: probe_reads_table" },
      ]),
    );
  });

  it("flags a file that misses a table, names one that does not exist, breaks co-location or the order", async () => {
    const broken = planText
      .replace(/^select create_distributed_table\('public\.patients'.*$/m, "")
      .replace("create_reference_table('public.user_mfa')", "create_reference_table('public.user_mfa_gone')")
      .replace(
        "'public.invitations', 'organization_id', colocate_with => 'memberships'",
        "'public.invitations', 'organization_id', colocate_with => 'none'",
      )
      .replace(/^(select create_reference_table\('public\.users'\);)$/m, "")
      .concat("\nselect create_reference_table('public.users');\n");
    const violations = await lintWith(async () => {}, broken);
    expect(violations).toEqual(
      expect.arrayContaining([
        { table: "patients", rule: "tenant table not distributed exactly once in distribute.sql" },
        { table: "user_mfa", rule: "platform table not a reference table exactly once in distribute.sql" },
        { table: "user_mfa_gone", rule: "distribute.sql names a table that does not exist" },
        { table: "invitations", rule: "not co-located with the other tenant tables", detail: "none" },
        {
          table: "security_events",
          rule: "distribute.sql handles it before a table it references",
          detail: "security_events_user_id_users_id_fk → users",
        },
      ]),
    );
  });
});
