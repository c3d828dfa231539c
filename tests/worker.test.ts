import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withTenant } from "@/lib/db/tenant";
import { runWorkerPass, type OutgoingMail } from "@/lib/jobs/worker";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { bookAppointment } from "@/lib/scheduling/booking";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";

const request = { requestId: "worker-test", ip: null, userAgent: "vitest" };

async function bookedClinic(prefix: string, startsInHours: number) {
  const org = await createOrganization(prefix);
  let startsAt = new Date(Math.ceil((Date.now() + startsInHours * 3_600_000) / 1_800_000) * 1_800_000);
  // Open around the clock, so the booking rules accept whatever hour the test runs at; the last
  // half hour of the local day does not fit before 23:59.
  if (startsAt.toLocaleTimeString("en-GB", { timeZone: "America/New_York" }).startsWith("23:30")) {
    startsAt = new Date(startsAt.getTime() + 3_600_000);
  }
  const appointment = await runAsPublic({ orgId: org.id, request }, async (ctx) => {
    const day = { start: "00:00", end: "23:59", isOpen: true };
    const week = { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day };
    await organizationRepo(ctx.tx, org.id).updateSettings({ patch: { businessHours: week } });
    const provider = await providersRepo(ctx.tx, org.id).create({ input: { name: "Dr. Mail" } });
    const type = await appointmentTypesRepo(ctx.tx, org.id).create({ input: { name: "Visit", durationMinutes: 30 } });
    const patient = await patientsRepo(ctx.tx, org.id).create({
      input: { mrn: "W1", firstName: "Wren", lastName: "Mailer", dateOfBirth: "1985-05-05", email: `wren@${prefix}.test` },
    });
    return bookAppointment(ctx, {
      patientId: patient.id,
      providerId: provider.id,
      appointmentTypeId: type.id,
      startsAt,
      mode: "in_person",
      bookedVia: "staff",
      online: false,
    });
  });
  return { orgId: org.id, appointment, email: `wren@${prefix}.test` };
}

const outbox = (orgId: string) =>
  withTenant(orgId, (tx) =>
    tx.execute<{ kind: string; status: string; attempts: number; last_error: string | null; next_attempt_at: Date }>(
      sql`select kind, status, attempts, last_error, next_attempt_at from notifications order by created_at`,
    ),
  );

describe("notification worker", () => {
  it("retries a failed send with backoff and never loses the message", async () => {
    const c = await bookedClinic("mail-retry", 72);
    const failing = async (mail: OutgoingMail) => {
      if (mail.to === c.email) throw new Error("421 try again later");
    };
    const now = new Date();
    await runWorkerPass({ now, send: failing });
    let rows = await outbox(c.orgId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "confirmation", status: "pending", attempts: 1, last_error: "421 try again later" });
    expect(new Date(rows[0]!.next_attempt_at).getTime()).toBeGreaterThanOrEqual(now.getTime() + 59_000);

    // Not due yet: nothing is sent.
    const sent: OutgoingMail[] = [];
    const capture = async (mail: OutgoingMail) => void sent.push(mail);
    await runWorkerPass({ now, send: capture });
    expect(sent.filter((m) => m.to === c.email)).toHaveLength(0);

    await runWorkerPass({ now: new Date(now.getTime() + 2 * 60_000), send: capture });
    const mine = sent.filter((m) => m.to === c.email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.ics).toContain("BEGIN:VEVENT");
    expect(mine[0]!.from).toContain("Test mail-retry");
    rows = await outbox(c.orgId);
    expect(rows[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("keeps messages in the outbox when no mail server is configured", async () => {
    const c = await bookedClinic("mail-none", 72);
    const report = await runWorkerPass({ send: null });
    expect(report.waiting).toBeGreaterThanOrEqual(1);
    expect((await outbox(c.orgId))[0]).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("queues the 24-hour and 2-hour reminders once each", async () => {
    const c = await bookedClinic("mail-remind", 20);
    // Booked a week ago.
    await asOwner((tx) => tx`update appointments set created_at = now() - interval '7 days' where id = ${c.appointment.id}`);
    await runWorkerPass({ send: null });
    await runWorkerPass({ send: null });
    let kinds = (await outbox(c.orgId)).map((r) => r.kind);
    expect(kinds.filter((k) => k === "reminder_24h")).toHaveLength(1);
    expect(kinds).not.toContain("reminder_2h");

    const later = new Date(c.appointment.startsAt.getTime() - 90 * 60_000);
    await runWorkerPass({ now: later, send: null });
    await runWorkerPass({ now: later, send: null });
    kinds = (await outbox(c.orgId)).map((r) => r.kind);
    expect(kinds.filter((k) => k === "reminder_2h")).toHaveLength(1);
  });

  it("does not send a 24-hour reminder for a booking made less than a day ahead", async () => {
    const c = await bookedClinic("mail-late", 5);
    await runWorkerPass({ send: null });
    expect((await outbox(c.orgId)).map((r) => r.kind)).toEqual(["confirmation"]);
  });
});
