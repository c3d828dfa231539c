// Runs only behind PgBouncer in transaction pooling mode (the integration-pgbouncer project): the
// app's pool really shares a few server connections, nothing stays prepared on them, PgBouncer
// carries session-level settings from one client to the next (which is why withTenant's settings
// are transaction-local), and the pooled login still reads nothing outside the wrappers.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rawDb, rawSql } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { PGBOUNCER_POOL_SIZE } from "@/scripts/pgbouncer";
import { createWorld, expectPgCode, rejection, type World } from "../support/fixtures";

let W: World;

beforeAll(async () => {
  expect(inject("pooler")).toBe("pgbouncer");
  W = await createWorld("pooled");
});

/** Resolves once `count` callers have arrived: holds that many transactions open at once. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === count) release();
    return all;
  };
}

describe("the app's pool behind PgBouncer", () => {
  it(`shares at most ${PGBOUNCER_POOL_SIZE} server connections between its ${process.env.DATABASE_POOL_MAX} client connections`, async () => {
    const max = Number(process.env.DATABASE_POOL_MAX);
    expect(max).toBeGreaterThan(PGBOUNCER_POOL_SIZE);
    const backends = await Promise.all(
      Array.from({ length: max * 2 }, () =>
        withTenant(W.orgId, async (tx) => {
          const [row] = await tx.execute<{ backend: number }>(sql`select pg_backend_pid() as backend from pg_sleep(0.02)`);
          return row!.backend;
        }),
      ),
    );
    expect(new Set(backends).size).toBeLessThanOrEqual(PGBOUNCER_POOL_SIZE);
  });

  it("keeps no named prepared statement on a server connection, the hot prepared reads included", async () => {
    const left = await withTenant(W.orgId, async (tx) => {
      const from = new Date("2030-03-01T00:00:00Z");
      const to = new Date("2030-03-31T00:00:00Z");
      // Twice: a second run is where a named statement would be reused.
      for (let i = 0; i < 2; i++) {
        expect((await appointmentsRepo(tx, W.orgId).listForProvider({ providerId: W.providerId, from, to })).map((a) => a.id)).toEqual([
          W.appointmentId,
        ]);
        expect(await providersRepo(tx, W.orgId).list()).toHaveLength(1);
        expect(await appointmentsRepo(tx, W.orgId).busyBlocks({ providerIds: [W.providerId], from, to })).toHaveLength(1);
      }
      const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from pg_prepared_statements`);
      return row!.n;
    });
    expect(left).toBe(0);
  });

  it("logs in as the runtime role, which reads no tenant table outside withTenant/withPlatform", async () => {
    const [row] = await rawSql()<{ role: string; session: string }[]>`select current_user as role, session_user as session`;
    expect(row).toEqual({ role: "agentcare_runtime", session: "agentcare_runtime" });
    await expectPgCode(rawSql()`select organization_id from appointments`, "42501");
    await expectPgCode(rawSql()`select id from patients`, "42501");
    // A transaction that only takes the app role, without a tenant, sees no rows.
    const n = await rawDb().transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'agentcare_app', true)`);
      const [r] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from appointments`);
      return r!.n;
    });
    expect(n).toBe(0);
  });

  it("refuses a session role passed as a startup option, so the login itself must be the runtime role", async () => {
    const client = postgres(inject("appDatabaseUrl"), {
      max: 1,
      onnotice: () => {},
      connection: { options: "-c role=agentcare_app" },
    });
    try {
      const err = await rejection(client`select 1`);
      expect(String((err as Error).message)).toMatch(/unsupported startup parameter/i);
    } finally {
      await client.end({ timeout: 5 });
    }
  });
});

describe("what PgBouncer does with session state (why withTenant's settings are transaction-local)", () => {
  // A database of its own (PgBouncer pools per database and user): the test database's pool stays clean.
  const url = new URL(inject("appDatabaseUrl"));
  url.pathname = "/postgres";
  let writer: postgres.Sql;
  let reader: postgres.Sql;

  beforeAll(() => {
    writer = postgres(url.toString(), { max: PGBOUNCER_POOL_SIZE, prepare: false, onnotice: () => {} });
    reader = postgres(url.toString(), { max: 1, prepare: false, onnotice: () => {} });
  });

  afterAll(async () => {
    await writer.end({ timeout: 5 });
    await reader.end({ timeout: 5 });
  });

  /** Sets the tenant on every server connection of the pool: as many transactions as it has, open at once. */
  async function setOnEveryServerConnection(value: string, local: boolean): Promise<number> {
    const arrive = barrier(PGBOUNCER_POOL_SIZE);
    const backends = await Promise.all(
      Array.from({ length: PGBOUNCER_POOL_SIZE }, () =>
        writer.begin(async (tx) => {
          const [row] = await tx<{ backend: number }[]>`
            select pg_backend_pid() as backend, set_config('app.current_tenant_id', ${value}, ${local})`;
          await arrive();
          return row!.backend;
        }),
      ),
    );
    return new Set(backends).size;
  }

  async function seenByAnotherClient(): Promise<string> {
    const [row] = await reader<{ tenant: string | null }[]>`select current_setting('app.current_tenant_id', true) as tenant`;
    return row!.tenant ?? "";
  }

  it("a transaction-local tenant ends with its transaction: the next client on that server connection sees none", async () => {
    expect(await setOnEveryServerConnection(W.orgId, true)).toBe(PGBOUNCER_POOL_SIZE);
    expect(await seenByAnotherClient()).toBe("");
  });

  it("a session-level tenant survives on the server connection and reaches another client", async () => {
    expect(await setOnEveryServerConnection(W.orgId, false)).toBe(PGBOUNCER_POOL_SIZE);
    expect(await seenByAnotherClient()).toBe(W.orgId);
  });
});
