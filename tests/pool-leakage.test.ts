// Pool leakage: the tenant and the role are transaction-local, so hundreds of interleaved
// withTenant calls on one pool never see each other's rows, and nothing survives on a connection.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { rawDb, rawSql } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { createWorld, expectPgCode, type World } from "./support/fixtures";

const CALLS = 300;

let A: World;
let B: World;

beforeAll(async () => {
  A = await createWorld("leak-a");
  B = await createWorld("leak-b");
});

type Observation = {
  expected: string;
  tenant: string;
  role: string;
  backend: number;
  rawOrgs: string[];
  repoOrgs: string[];
  repoIds: string[];
};

async function observe(world: World, i: number): Promise<Observation> {
  return withTenant(world.orgId, async (tx) => {
    const [ctx] = await tx.execute<{ tenant: string; role: string; backend: number }>(
      sql`select current_setting('app.current_tenant_id') as tenant, current_user as role, pg_backend_pid() as backend`,
    );
    // Yield between statements so other transactions interleave with this one.
    if (i % 3 === 0) await tx.execute(sql`select pg_sleep(0)`);
    await new Promise((r) => setImmediate(r));
    const raw = await tx.execute<{ organization_id: string }>(sql`select organization_id from appointments`);
    const repo = await appointmentsRepo(tx, world.orgId).list();
    return {
      expected: world.orgId,
      tenant: ctx!.tenant,
      role: ctx!.role,
      backend: ctx!.backend,
      rawOrgs: [...raw].map((r) => r.organization_id),
      repoOrgs: repo.map((r) => r.organizationId),
      repoIds: repo.map((r) => r.id),
    };
  });
}

class Rollback extends Error {}

describe("interleaved tenants on one pool", () => {
  it(`${CALLS} interleaved withTenant calls for A and B each see only their own tenant`, async () => {
    const tasks: Promise<Observation | "rolled-back">[] = [];
    for (let i = 0; i < CALLS; i++) {
      const world = i % 2 === 0 ? A : B;
      if (i % 25 === 7) {
        // Some transactions fail midway; their settings must die with the rollback too.
        tasks.push(
          withTenant(world.orgId, async (tx) => {
            await tx.execute(sql`select 1`);
            throw new Rollback();
          }).then(
            () => {
              throw new Error("expected a rollback");
            },
            (err: unknown) => {
              if (!(err instanceof Rollback)) throw err;
              return "rolled-back" as const;
            },
          ),
        );
      } else {
        tasks.push(observe(world, i));
      }
    }
    const results = await Promise.all(tasks);
    const observations = results.filter((r): r is Observation => r !== "rolled-back");
    expect(observations.length).toBeGreaterThan(CALLS * 0.9);
    for (const o of observations) {
      const own = o.expected === A.orgId ? A : B;
      expect(o.tenant).toBe(o.expected);
      expect(o.role).toBe("agentcare_app");
      expect(o.rawOrgs).toEqual([o.expected]);
      expect(o.repoOrgs).toEqual([o.expected]);
      expect(o.repoIds).toEqual([own.appointmentId]);
    }
    expect(observations.some((o) => o.expected === A.orgId)).toBe(true);
    expect(observations.some((o) => o.expected === B.orgId)).toBe(true);
    // The point of the exercise: connections were reused across tenants.
    const tenantsByBackend = new Map<number, Set<string>>();
    for (const o of observations) {
      if (!tenantsByBackend.has(o.backend)) tenantsByBackend.set(o.backend, new Set());
      tenantsByBackend.get(o.backend)!.add(o.expected);
    }
    expect([...tenantsByBackend.values()].some((set) => set.size === 2)).toBe(true);
    if (!inject("embedded")) expect(tenantsByBackend.size).toBeGreaterThan(1);
  });

  it("afterwards, a transaction without a tenant on the same pool sees 0 rows on every connection", async () => {
    // Enough concurrent transactions, each holding its connection a moment, to visit every connection.
    const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
    const results = await Promise.all(
      Array.from({ length: max * 2 }, () =>
        rawDb().transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'agentcare_app', true)`);
          const [row] = await tx.execute<{ tenant: string | null; fn: string | null; n: number; backend: number }>(
            sql`select current_setting('app.current_tenant_id', true) as tenant,
                       public.app_current_tenant_id()::text as fn,
                       (select count(*)::int from appointments) as n,
                       pg_backend_pid() as backend
                  from pg_sleep(0.02)`,
          );
          return row!;
        }),
      ),
    );
    for (const r of results) {
      expect(r.tenant ?? "").toBe("");
      expect(r.fn).toBeNull();
      expect(r.n).toBe(0);
    }
  });

  it("afterwards, outside any wrapper, the role did not leak: still the runtime role, still denied", async () => {
    const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
    const roles = await Promise.all(
      Array.from({ length: max * 2 }, () =>
        rawSql().begin(async (s) => {
          const [row] = await s<{ role: string; tenant: string | null }[]>`
            select current_user as role, current_setting('app.current_tenant_id', true) as tenant from pg_sleep(0.02)`;
          return row!;
        }),
      ),
    );
    for (const r of roles) {
      expect(r.role).toBe("agentcare_runtime");
      expect(r.tenant ?? "").toBe("");
    }
    await expectPgCode(rawSql()`select organization_id from appointments`, "42501");
  });
});
