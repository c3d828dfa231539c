// A wrapper transaction sends BEGIN without waiting for its answer: BEGIN, the scope statement and
// the callback's first statement reach the server together. What must hold regardless: everything
// runs inside the one transaction, a statement that fails unobserved still fails the wrapper and
// undoes its work, and a connection lost mid-transaction fails the wrapper at once and leaves the
// pool usable.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { providersRepo } from "@/lib/providers/repository";
import { createWorld, type World } from "./support/fixtures";
import { asOwner } from "./support/owner";

let A: World;

beforeAll(async () => {
  A = await createWorld("pipeline");
});

async function providersNamed(name: string) {
  return asOwner((o) => o<{ id: string }[]>`select id from providers where organization_id = ${A.orgId} and name = ${name}`);
}

describe("a wrapper transaction", () => {
  it("runs the scope and every statement of the callback in one transaction", async () => {
    const seen = await withTenant(A.orgId, async (tx) => {
      const first = await tx.execute<{ xid: string; tenant: string }>(
        sql`select txid_current()::text as xid, current_setting('app.current_tenant_id') as tenant`,
      );
      await tx.execute(sql`select pg_sleep(0.01)`);
      const second = await tx.execute<{ xid: string; started: boolean }>(
        sql`select txid_current()::text as xid, now() < statement_timestamp() as started`,
      );
      return { first: first[0]!, second: second[0]! };
    });
    expect(seen.first.tenant).toBe(A.orgId);
    expect(seen.second.xid).toBe(seen.first.xid);
    // now() is the transaction's start: it stays behind the later statement's own timestamp.
    expect(seen.second.started).toBe(true);
  });

  it("fails, and undoes its work, when a statement the callback did not wait for fails", async () => {
    const name = `Dr. Unobserved ${crypto.randomUUID().slice(0, 8)}`;
    const run = withTenant(A.orgId, async (tx) => {
      await providersRepo(tx, A.orgId).create({ input: { name } });
      // Sent and never awaited: the transaction is aborted on the server, so COMMIT rolls back.
      void tx.execute(sql`select 1 / 0`).then(
        () => undefined,
        () => undefined,
      );
      return "returned";
    });
    await expect(run).rejects.toThrow();
    expect(await providersNamed(name)).toEqual([]);
  });

  it("rolls back when the callback throws after writing, and the next transaction starts clean", async () => {
    const name = `Dr. Thrown ${crypto.randomUUID().slice(0, 8)}`;
    await expect(
      withTenant(A.orgId, async (tx) => {
        await providersRepo(tx, A.orgId).create({ input: { name } });
        throw new Error("callback failed");
      }),
    ).rejects.toThrow("callback failed");
    expect(await providersNamed(name)).toEqual([]);
    const after = await withPlatform(async (tx) => {
      const [row] = await tx.execute<{ tenant: string | null; role: string }>(
        sql`select current_setting('app.current_tenant_id', true) as tenant, current_user as role`,
      );
      return row!;
    });
    expect(after).toEqual({ tenant: "", role: "agentcare_platform" });
  });

  it("fails at once when its connection is lost, and the pool serves the next transactions", async () => {
    const name = `Dr. Lost ${crypto.randomUUID().slice(0, 8)}`;
    const run = withTenant(A.orgId, async (tx) => {
      await providersRepo(tx, A.orgId).create({ input: { name } });
      const [me] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      await asOwner((o) => o`select pg_terminate_backend(${me!.pid})`);
      await tx.execute(sql`select pg_sleep(0.2)`);
      return "returned";
    });
    await expect(run).rejects.toThrow();
    expect(await providersNamed(name)).toEqual([]);
    for (let i = 0; i < 5; i++) {
      const tenant = await withTenant(A.orgId, async (tx) => {
        const [row] = await tx.execute<{ tenant: string }>(sql`select current_setting('app.current_tenant_id') as tenant`);
        return row!.tenant;
      });
      expect(tenant).toBe(A.orgId);
    }
  });

  it("keeps an export's snapshot read only", async () => {
    const run = withTenant(A.orgId, (tx) => providersRepo(tx, A.orgId).create({ input: { name: "Dr. Snapshot" } }), { snapshot: true });
    await expect(run).rejects.toThrow();
    const level = await withTenant(
      A.orgId,
      async (tx) => {
        const [row] = await tx.execute<{ level: string; ro: string }>(
          sql`select current_setting('transaction_isolation') as level, current_setting('transaction_read_only') as ro`,
        );
        return row!;
      },
      { snapshot: true },
    );
    expect(level).toEqual({ level: "repeatable read", ro: "on" });
  });
});
