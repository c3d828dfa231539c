import crypto from "node:crypto";
import { organizationRepo } from "@/lib/organizations/repository";
import { and, eq, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { usageReport } from "@/lib/billing/limits";
import { PLANS } from "@/lib/billing/plans";
import { organizations } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { createInvitation } from "@/lib/administration/invitations";
import { organizationService, userService } from "@/lib/administration/organizations";
import { patientsRepo } from "@/lib/patients/repository";
import { createProvider, updateProvider } from "@/lib/providers/service";
import { bookAppointment } from "@/lib/scheduling/booking";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";

const request = { requestId: "plan-limits", ip: null, userAgent: "vitest" };
const unique = () => crypto.randomBytes(3).toString("hex");

async function basicOrg(prefix: string) {
  return organizationService.create({ name: `Plan ${prefix}`, slug: `${prefix}-${unique()}`, plan: "basic" });
}

async function setAppointmentLimitTo(orgId: string, used: number) {
  // Start the month just below the limit rather than booking hundreds of appointments.
  const month = Temporal.Now.plainDateISO("America/New_York").with({ day: 1 }).toString();
  await withTenant(orgId, (tx) =>
    tx.execute(sql`insert into organization_usage (organization_id, month, appointments_created) values (${orgId}, ${month}, ${used})
                   on conflict (organization_id, month) do update set appointments_created = ${used}`),
  );
}

describe("plan limits", () => {
  it("providers: the 4th on Basic is refused with a clear error naming the limit and the upgrade", async () => {
    const org = await basicOrg("prov");
    for (let i = 0; i < 3; i++) await runAsPublic({ orgId: org.id, request }, (ctx) => createProvider(ctx, { name: `Dr. ${i}` }));
    await expect(runAsPublic({ orgId: org.id, request }, (ctx) => createProvider(ctx, { name: "Dr. 4" }))).rejects.toMatchObject({
      status: 402,
      code: "plan_limit:providers",
      message: "Plan limit reached: the Basic plan allows 3 providers. Upgrade to Professional for 15 providers.",
    });
    // An inactive provider does not count; reactivating one at the limit does.
    const spare = await runAsPublic({ orgId: org.id, request }, (ctx) => createProvider(ctx, { name: "Dr. Inactive", active: false }));
    await expect(runAsPublic({ orgId: org.id, request }, (ctx) => updateProvider(ctx, spare.id, { active: true }))).rejects.toMatchObject({
      status: 402,
    });
    const report = await withTenant(org.id, (tx) => usageReport(tx, org.id));
    expect(report.providers).toEqual({ used: 3, limit: 3 });
  });

  it("concurrent provider creates at the limit never exceed it", async () => {
    const org = await basicOrg("prov-race");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        runAsPublic({ orgId: org.id, request }, (ctx) => createProvider(ctx, { name: `Dr. Race ${i}` })),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(
      results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "plan_limit:providers"),
    ).toBe(true);
  });

  it("users: members and open invitations count; the 6th on Basic is refused", async () => {
    const org = await basicOrg("users");
    for (let i = 0; i < 4; i++) {
      const u = await userService.createUser({ email: `u${i}-${unique()}@example.com`, name: `User ${i}` });
      await organizationService.addUser(org.id, u.id, "staff");
    }
    await withTenant(org.id, (tx) =>
      createInvitation(tx, org.id, { email: `invitee-${unique()}@example.com`, role: "staff", invitedBy: null }),
    );
    const sixth = await userService.createUser({ email: `u6-${unique()}@example.com`, name: "Sixth" });
    await expect(organizationService.addUser(org.id, sixth.id, "staff")).rejects.toMatchObject({ status: 402, code: "plan_limit:users" });
    await expect(
      withTenant(org.id, (tx) => createInvitation(tx, org.id, { email: `late-${unique()}@example.com`, role: "staff", invitedBy: null })),
    ).rejects.toMatchObject({ code: "plan_limit:users" });
  });

  it("appointments: the month's limit holds under concurrency, and the counter matches what was created", async () => {
    const org = await basicOrg("appts");
    const limit = PLANS.basic.appointmentLimit;
    await setAppointmentLimitTo(org.id, limit - 5);
    const { providerIds, typeId, patientId } = await runAsPublic({ orgId: org.id, request }, async (ctx) => {
      // Open around the clock: the hours below depend on when the test runs, and booking checks working hours.
      const day = { start: "00:00", end: "23:59", isOpen: true };
      const week = { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day };
      await organizationRepo(ctx.tx, ctx.orgId).updateSettings({ patch: { businessHours: week } });
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await createProvider(ctx, { name: `Dr. ${i}` })).id);
      const type = await appointmentTypesRepo(ctx.tx, ctx.orgId).create({ input: { name: "Visit", durationMinutes: 30 } });
      const patient = await patientsRepo(ctx.tx, ctx.orgId).create({
        input: { mrn: "PL-1", firstName: "Plan", lastName: "Patient", dateOfBirth: "1970-01-01" },
      });
      return { providerIds: ids, typeId: type.id, patientId: patient.id };
    });
    const base = Date.now() + 3 * 86_400_000;
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) =>
        runAsPublic({ orgId: org.id, request }, (ctx) =>
          bookAppointment(ctx, {
            patientId,
            providerId: providerIds[i % 3]!,
            appointmentTypeId: typeId,
            startsAt: new Date(Math.ceil(base / 3_600_000) * 3_600_000 + Math.floor(i / 3) * 3_600_000),
            mode: "in_person",
            bookedVia: "api",
            online: false,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refusal = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({
      status: 402,
      message:
        "Plan limit reached: the Basic plan allows 500 appointments a month. Upgrade to Professional for 5,000 appointments a month.",
    });
    const report = await withTenant(org.id, (tx) => usageReport(tx, org.id));
    expect(report.appointments).toEqual({ used: limit, limit });
    const created = await withTenant(org.id, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from appointments`));
    expect(created[0]!.n).toBe(5);
  });

  it("an operator's plan change takes effect at once", async () => {
    const org = await basicOrg("upgrade");
    for (let i = 0; i < 3; i++) await runAsPublic({ orgId: org.id, request }, (ctx) => createProvider(ctx, { name: `Dr. ${i}` }));
    await withPlatform((tx) =>
      tx
        .update(organizations)
        .set({ plan: "professional" })
        .where(and(eq(organizations.id, org.id))),
    );
    await runAsPublic({ orgId: org.id, request }, (ctx) => createProvider(ctx, { name: "Dr. 4" }));
  });
});
