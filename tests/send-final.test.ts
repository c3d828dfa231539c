// A transaction's final statement can be sent with COMMIT right behind it (one write for both, used
// by a list that writes its own audit row). What that must never change: the statement is part of
// the transaction (it commits or rolls back with the work before it), and nothing the callback sends
// afterwards reaches the server — it would run after COMMIT, outside the tenant's role and scope.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { sendFinal, withTenant } from "@/lib/db/tenant";
import { providersRepo } from "@/lib/providers/repository";
import { createWorld, type World } from "./support/fixtures";
import { asOwner } from "./support/owner";

let A: World;

beforeAll(async () => {
  A = await createWorld("final-stmt");
});

const AUDIT_ROW = `insert into audit_logs (organization_id, actor_type, action, resource_type, request_id)
  values ($1, 'system', $2::audit_action, 'final-test', $3) returning request_id, current_setting('app.current_tenant_id') as tenant`;

/** The final statement, after the callback's first statement has answered (BEGIN has, then). */
async function sendAfterWork(tx: Parameters<Parameters<typeof withTenant>[1]>[0], text: string, params: unknown[]) {
  await providersRepo(tx, A.orgId).list();
  const sent = sendFinal(tx, text, params);
  expect(sent).not.toBeNull();
  return sent!;
}

async function providerNamed(name: string) {
  return asOwner((o) => o<{ xmin: string }[]>`select xmin::text from providers where organization_id = ${A.orgId} and name = ${name}`);
}

async function auditRowsOf(requestId: string) {
  return asOwner(
    (o) => o<{ xmin: string }[]>`select xmin::text from audit_logs where organization_id = ${A.orgId} and request_id = ${requestId}`,
  );
}

/** The pool still hands out clean connections: the next transaction runs scoped to its own tenant. */
async function expectPoolClean() {
  const scope = await withTenant(A.orgId, async (tx) => {
    const rows = await tx.execute<{ role: string; tenant: string }>(
      sql`select current_user as role, current_setting('app.current_tenant_id') as tenant`,
    );
    return rows[0]!;
  });
  expect(scope).toEqual({ role: "agentcare_app", tenant: A.orgId });
}

describe("a final statement sent with COMMIT", () => {
  it("answers its rows and is committed by the same transaction as the work before it", async () => {
    const requestId = crypto.randomUUID();
    const name = `Dr. Final ${requestId.slice(0, 8)}`;
    const rows = await withTenant(A.orgId, async (tx) => {
      await providersRepo(tx, A.orgId).create({ input: { name } });
      const sent = sendFinal(tx, AUDIT_ROW, [A.orgId, "view", requestId]);
      expect(sent).not.toBeNull();
      return sent!;
    });
    // Arrays of column values, in the statement's order, run in the tenant's scope.
    expect(rows).toEqual([[requestId, A.orgId]]);
    const [provider] = await providerNamed(name);
    const audit = await auditRowsOf(requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.xmin).toBe(provider!.xmin);
  });

  it("answers the bytes PostgreSQL sent when asked for raw values, committed the same way", async () => {
    const requestId = crypto.randomUUID();
    const rows = await withTenant(A.orgId, async (tx) => {
      await providersRepo(tx, A.orgId).list();
      const sent = sendFinal(tx, `${AUDIT_ROW}, 'Zoë 名' as "text", null as "nothing"`, [A.orgId, "view", requestId], "raw");
      expect(sent).not.toBeNull();
      return sent!;
    });
    const [row] = rows as (Buffer | null)[][];
    expect(row!.map((v) => (v === null ? null : Buffer.isBuffer(v)))).toEqual([true, true, true, null]);
    expect(row!.slice(0, 3).map((v) => v!.toString("utf8"))).toEqual([requestId, A.orgId, "Zoë 名"]);
    expect(await auditRowsOf(requestId)).toHaveLength(1);
    await expectPoolClean();
  });

  it("ends the transaction: a statement sent after it is refused and never runs", async () => {
    const requestId = crypto.randomUUID();
    const late = crypto.randomUUID();
    let refused: unknown = null;
    await withTenant(A.orgId, async (tx) => {
      await sendAfterWork(tx, AUDIT_ROW, [A.orgId, "view", requestId]);
      try {
        // After COMMIT this would run on the bare connection: no tenant role, no scope.
        await tx.execute(
          sql`insert into audit_logs (organization_id, actor_type, action, resource_type, request_id) values (${A.orgId}, 'system', 'view', 'final-test', ${late})`,
        );
      } catch (err) {
        refused = err;
      }
      // A second final statement is not sent either.
      expect(sendFinal(tx, "select 1", [])).toBeNull();
    });
    // drizzle reports it as a failed query whose cause is the refusal.
    expect(String((refused as { cause?: unknown } | null)?.cause)).toMatch(/after its transaction ended/);
    expect(await auditRowsOf(requestId)).toHaveLength(1);
    expect(await auditRowsOf(late)).toHaveLength(0);
    await expectPoolClean();
  });

  it("that fails rolls the whole transaction back and fails with its own error", async () => {
    const requestId = crypto.randomUUID();
    const name = `Dr. Final rolled ${requestId.slice(0, 8)}`;
    await expect(
      withTenant(A.orgId, async (tx) => {
        await providersRepo(tx, A.orgId).create({ input: { name } });
        // Not an audit action: the database refuses the row.
        return sendAfterWork(tx, AUDIT_ROW, [A.orgId, "no-such-action", requestId]);
      }),
    ).rejects.toThrow("A value has the wrong format.");
    expect(await providerNamed(name)).toHaveLength(0);
    expect(await auditRowsOf(requestId)).toHaveLength(0);
    await expectPoolClean();
  });

  it("decides the transaction: a callback that throws afterwards fails the call, and what committed stays", async () => {
    const requestId = crypto.randomUUID();
    await expect(
      withTenant(A.orgId, async (tx) => {
        await sendAfterWork(tx, AUDIT_ROW, [A.orgId, "view", requestId]);
        throw new Error("failed after the final statement");
      }),
    ).rejects.toThrow("failed after the final statement");
    expect(await auditRowsOf(requestId)).toHaveLength(1);
    await expectPoolClean();
  });

  it("is not sent before BEGIN has answered, nor outside a wrapper transaction's callback", async () => {
    // As the callback's very first statement BEGIN's answer is not in yet: the caller runs it as
    // an ordinary statement, and the transaction commits as usual.
    const first = await withTenant(A.orgId, async (t) => sendFinal(t, "select 1", []));
    expect(first).toBeNull();
    const tx = await withTenant(A.orgId, async (t) => t);
    expect(sendFinal(tx, "select 1", [])).toBeNull();
  });
});
