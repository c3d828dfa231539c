import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { rawSql } from "@/lib/db/client";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
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
  it("goes through the driver's prepared statement, sent ahead of the callback's first statement, which still runs scoped", async () => {
    const a = await createWorld("scope-fast-path");
    const seen = await withTenant(a.orgId, async (tx) => {
      const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
      // No await before this statement: it is queued right behind the scope statement.
      const [row] = await tx.execute<{ tenant: string; role: string }>(
        sql`select current_setting('app.current_tenant_id') as tenant, current_user as role`,
      );
      return { fastPath: typeof client === "function", ...row };
    });
    expect(seen).toEqual({ fastPath: true, tenant: a.orgId, role: "agentcare_app" });
  });

  it("a callback that throws before any query, or sends none, leaves the pool clean", async () => {
    const a = await createWorld("scope-throw");
    const boom = new Error("boom");
    await expect(
      withTenant(a.orgId, (() => {
        throw boom;
      }) as unknown as () => Promise<void>),
    ).rejects.toBe(boom);
    await expect(withTenant(a.orgId, async () => Promise.reject(boom))).rejects.toBe(boom);
    expect(await withTenant(a.orgId, async () => "no query")).toBe("no query");
    const [outside] = await rawSql()<{ tenant: string | null; role: string }[]>`
      select current_setting('app.current_tenant_id', true) as tenant, current_user as role`;
    expect(outside?.tenant ?? "").toBe("");
    expect(outside?.role).not.toBe("agentcare_app");
  });

  it("prepared hot reads bind the tenant per call: interleaved tenants on the pool each see only their own rows", async () => {
    const a = await createWorld("prep-a");
    const b = await createWorld("prep-b");
    const window = { from: new Date("2030-03-04T00:00:00Z"), to: new Date("2030-03-05T00:00:00Z") };
    const now = new Date("2030-01-01T00:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const w = i % 2 === 0 ? a : b;
        return withTenant(w.orgId, async (tx) => {
          const repo = appointmentsRepo(tx, w.orgId);
          const day = await repo.listForProvider({ providerId: w.providerId, ...window });
          const upcoming = await repo.upcomingForPatient({ patientId: w.patientId, now });
          // The other tenant's ids through this tenant's repository: the same prepared statements, nothing visible.
          const other = i % 2 === 0 ? b : a;
          const crossDay = await appointmentsRepo(tx, other.orgId).listForProvider({ providerId: other.providerId, ...window });
          const crossUpcoming = await appointmentsRepo(tx, other.orgId).upcomingForPatient({ patientId: other.patientId, now });
          return { w, day, upcoming, cross: crossDay.length + crossUpcoming.length };
        });
      }),
    );
    for (const { w, day, upcoming, cross } of results) {
      expect(day.map((r) => r.id)).toEqual([w.appointmentId]);
      expect(upcoming.map((r) => r.id)).toEqual([w.appointmentId]);
      expect(cross).toBe(0);
    }
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

  it("refuses it through another copy of the module too (the server bundles it more than once)", async () => {
    const a = await createWorld("guard-nest-copy");
    vi.resetModules();
    const copy = await import("@/lib/db/tenant");
    expect(copy.withTenant).not.toBe(withTenant);
    await expect(withTenant(a.orgId, () => copy.withPlatform(async () => "inner"))).rejects.toThrow(
      /withPlatform called inside a withTenant/,
    );
    await expect(copy.withTenant(a.orgId, () => withTenant(a.orgId, async () => "inner"))).rejects.toThrow(
      /withTenant called inside a withTenant/,
    );
    expect(await copy.withTenant(a.orgId, async () => "one")).toBe("one");
  });
});
