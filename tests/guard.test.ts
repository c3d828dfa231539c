import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { MissingPermissionError } from "@/lib/pipeline/authorize";
import { runAsMember } from "@/lib/pipeline/run-in-tenant";
import { NotAMemberError } from "@/lib/security/errors";
import { platformUsers } from "@/lib/users/platform-repository";
import { createWorld } from "./support/fixtures";

async function userIn(orgId: string | null, role: "owner" | "admin" | "clinician" | "staff", status: "active" | "suspended" = "active") {
  const user = await withPlatform((tx) =>
    platformUsers(tx).create({ input: { email: `g-${crypto.randomBytes(5).toString("hex")}@example.com`, name: "G" } }),
  );
  if (orgId) await withTenant(orgId, (tx) => membershipsRepo(tx, orgId).add({ userId: user.id, role, status }));
  return user;
}

const request = { requestId: "test-request", ip: "10.0.0.1", userAgent: "vitest" };

async function auditRows(orgId: string, requestId: string) {
  return withTenant(orgId, (tx) =>
    tx.execute<{ outcome: string; resource_type: string; patient_id: string | null }>(
      sql`select outcome, resource_type, patient_id from audit_logs where request_id = ${requestId} order by seq`,
    ),
  );
}

describe("runAsMember (behind tenantAction and tenantRoute)", () => {
  it("refuses a user of another organization, and a suspended member", async () => {
    const a = await createWorld("guard-a");
    const b = await createWorld("guard-b");
    const outsider = await userIn(b.orgId, "owner");
    const suspended = await userIn(a.orgId, "admin", "suspended");
    for (const user of [outsider, suspended]) {
      let ran = false;
      await expect(
        runAsMember({ orgId: a.orgId, actor: { type: "user", userId: user.id }, permission: null, request }, async () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(NotAMemberError);
      expect(ran).toBe(false);
    }
  });

  it("refuses a missing permission and audits the refusal", async () => {
    const a = await createWorld("guard-perm");
    const clinician = await userIn(a.orgId, "clinician");
    const requestId = `deny-${crypto.randomUUID()}`;
    await expect(
      runAsMember(
        {
          orgId: a.orgId,
          actor: { type: "user", userId: clinician.id },
          permission: "settings:manage",
          request: { ...request, requestId },
        },
        async () => "should not run",
      ),
    ).rejects.toBeInstanceOf(MissingPermissionError);
    const rows = await auditRows(a.orgId, requestId);
    expect(rows.map((r) => [r.outcome, r.resource_type])).toEqual([["denied", "permission"]]);
  });

  it("writes audit rows in the handler's transaction: kept on success, gone on failure", async () => {
    const a = await createWorld("guard-audit");
    const staff = await userIn(a.orgId, "staff");
    const ok = `ok-${crypto.randomUUID()}`;
    await runAsMember(
      { orgId: a.orgId, actor: { type: "user", userId: staff.id }, permission: "patients:read", request: { ...request, requestId: ok } },
      (ctx) => ctx.auditPatients("view", "patient", [{ id: a.patientId, patientId: a.patientId }]),
    );
    expect((await auditRows(a.orgId, ok)).map((r) => r.patient_id)).toEqual([a.patientId]);

    const failed = `fail-${crypto.randomUUID()}`;
    await expect(
      runAsMember(
        {
          orgId: a.orgId,
          actor: { type: "user", userId: staff.id },
          permission: "patients:read",
          request: { ...request, requestId: failed },
        },
        async (ctx) => {
          await ctx.audit({ action: "view", resourceType: "patient", patientId: a.patientId });
          throw new Error("handler failed");
        },
      ),
    ).rejects.toThrow("handler failed");
    expect(await auditRows(a.orgId, failed)).toHaveLength(0);
  });

  it("gives the handler a transaction that sees only its own organization", async () => {
    const a = await createWorld("guard-scope-a");
    const b = await createWorld("guard-scope-b");
    const admin = await userIn(a.orgId, "admin");
    const seen = await runAsMember({ orgId: a.orgId, actor: { type: "user", userId: admin.id }, permission: null, request }, (ctx) =>
      ctx.tx.execute<{ organization_id: string }>(sql`select distinct organization_id from patients`),
    );
    expect(seen.map((r) => r.organization_id)).toEqual([a.orgId]);
    expect(seen.map((r) => r.organization_id)).not.toContain(b.orgId);
  });
});

describe("withTenant's first statement", () => {
  it("goes through the driver's prepared statement (one round trip), and still scopes the transaction", async () => {
    const a = await createWorld("scope-fast-path");
    const seen = await withTenant(a.orgId, async (tx) => {
      const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
      const [row] = await tx.execute<{ tenant: string; role: string }>(
        sql`select current_setting('app.current_tenant_id') as tenant, current_user as role`,
      );
      return { fastPath: typeof client === "function", ...row };
    });
    expect(seen).toEqual({ fastPath: true, tenant: a.orgId, role: "agentcare_app" });
  });
});

describe("one transaction at a time", () => {
  it("refuses to open a wrapper inside another one (it would need a second connection and miss the first's work)", async () => {
    const a = await createWorld("guard-nest");
    await expect(withTenant(a.orgId, () => withPlatform(async () => "inner"))).rejects.toThrow(/withPlatform called inside a withTenant/);
    await expect(withPlatform(() => withTenant(a.orgId, async () => "inner"))).rejects.toThrow(/withTenant called inside a withPlatform/);
    // Sequential use is fine.
    expect(await withTenant(a.orgId, async () => "one")).toBe("one");
    expect(await withPlatform(async () => "two")).toBe("two");
  });
});
