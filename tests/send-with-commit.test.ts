// A read's audit row is the transaction's last statement and travels to the server with COMMIT.
// These check what that must never change: the row is written by the same transaction as the work
// it records, and if it fails, the whole transaction rolls back and the wrapper fails.
import crypto from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { auditRepo, type AuditEntry } from "@/lib/audit/repository";
import { sql } from "drizzle-orm";
import { withTenant } from "@/lib/db/tenant";
import type { AuditAction } from "@/lib/db/schema";
import { providersRepo } from "@/lib/providers/repository";
import { createWorld, type World } from "./support/fixtures";
import { asOwner } from "./support/owner";

let A: World;

beforeAll(async () => {
  A = await createWorld("last-stmt");
});

const entry = (requestId: string, action: AuditAction = "view"): AuditEntry => ({
  actor: { type: "system", role: "test" },
  action,
  resourceType: "patient",
  resourceId: A.patientId,
  patientIds: [A.patientId],
  request: { requestId, ip: null, userAgent: "vitest" },
});

async function providerNamed(name: string) {
  return asOwner((sql) => sql<{ xmin: string }[]>`select xmin::text from providers where organization_id = ${A.orgId} and name = ${name}`);
}

async function auditRowsOf(requestId: string) {
  return asOwner(
    (sql) => sql<{ xmin: string }[]>`select xmin::text from audit_logs where organization_id = ${A.orgId} and request_id = ${requestId}`,
  );
}

describe("a statement sent with COMMIT", () => {
  it("is written by the same transaction as the work before it", async () => {
    const requestId = crypto.randomUUID();
    const name = `Dr. Last ${requestId.slice(0, 8)}`;
    const result = await withTenant(A.orgId, async (tx) => {
      await providersRepo(tx, A.orgId).create({ input: { name } });
      await auditRepo(tx, A.orgId).appendLast([entry(requestId)]);
      return "done";
    });
    expect(result).toBe("done");
    const [provider] = await providerNamed(name);
    const rows = await auditRowsOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.xmin).toBe(provider!.xmin);
  });

  // Unprepared, a statement with parameters first waits for the server to describe them, and the
  // COMMIT queued behind it waits too. Prepared once per connection, it is one Bind/Execute that
  // leaves with COMMIT. (Behind a transaction-mode pooler the pool runs without named statements.)
  it.skipIf(Boolean(inject("pooler")))("is a prepared statement on the connection, not one the server must describe first", async () => {
    // One after another, these transactions share the pool's idle connection(s).
    for (let i = 0; i < 5; i++) {
      await withTenant(A.orgId, async (tx) => {
        await providersRepo(tx, A.orgId).list();
        await auditRepo(tx, A.orgId).appendLast([entry(crypto.randomUUID())]);
      });
    }
    for (let i = 0; i < 5; i++) {
      const prepared = await withTenant(A.orgId, async (tx) => {
        const rows = await tx.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_prepared_statements where statement like 'insert into "audit_logs"%'`,
        );
        return rows[0]!.n;
      });
      expect(prepared).toBeGreaterThan(0);
    }
  });

  it("that fails rolls the whole transaction back, and the wrapper fails instead of returning what it read", async () => {
    const requestId = crypto.randomUUID();
    const name = `Dr. Rolled ${requestId.slice(0, 8)}`;
    let returned = false;
    await expect(
      withTenant(A.orgId, async (tx) => {
        await providersRepo(tx, A.orgId).create({ input: { name } });
        // Not an audit action: the database refuses the row.
        await auditRepo(tx, A.orgId).appendLast([entry(requestId, "no-such-action" as AuditAction)]);
        returned = true;
        return "the data read";
      }),
    ).rejects.toThrow();
    expect(returned).toBe(true);
    expect(await providerNamed(name)).toHaveLength(0);
    expect(await auditRowsOf(requestId)).toHaveLength(0);
    // The connection went back to the pool clean: the next transaction works.
    expect(await withTenant(A.orgId, async (tx) => (await providersRepo(tx, A.orgId).list()).length)).toBeGreaterThan(0);
  });

  it("stores exactly what drizzle's own insert stores, for one row and several, arrays, metadata and empty fields", async () => {
    const columns = `actor_type, actor_user_id, actor_role, action, resource_type, resource_id, patient_id, patient_ids, resource_ids,
      outcome, ip, user_agent, metadata`;
    const rowsOf = (requestId: string) =>
      asOwner((o) =>
        o.unsafe(`select ${columns} from audit_logs where organization_id = $1 and request_id = $2 order by resource_type`, [
          A.orgId,
          requestId,
        ]),
      );
    const entries = (requestId: string): AuditEntry[] => [
      {
        actor: { type: "user", role: "staff" },
        action: "view",
        resourceType: "appointment-list",
        patientIds: [A.patientId],
        resourceIds: ["a", "b,c", 'quote"d', "{braced}"],
        request: { requestId, ip: "203.0.113.9", userAgent: "Agent/1.0 (x; y)" },
        metadata: { date: "2026-12-04", nested: { n: 1, list: [1, "two"] } },
      },
      { actor: { type: "system" }, action: "view", resourceType: "b-empty", request: { requestId } },
    ];
    const sent = crypto.randomUUID();
    const drizzled = crypto.randomUUID();
    await withTenant(A.orgId, (tx) => auditRepo(tx, A.orgId).appendLast(entries(sent)));
    await withTenant(A.orgId, (tx) => auditRepo(tx, A.orgId).append(entries(drizzled)));
    const stored = await rowsOf(sent);
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(await rowsOf(drizzled));
    expect(stored[0]!["resource_ids"]).toEqual(["a", "b,c", 'quote"d', "{braced}"]);
    expect(stored[0]!["metadata"]).toEqual({ date: "2026-12-04", nested: { n: 1, list: [1, "two"] } });
  });
});
