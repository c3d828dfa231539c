import { and, arrayContains, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLogs, notifications } from "@/lib/db/schema";
import type { AppointmentStatus } from "@/lib/db/schema/enum-values";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { TIME_OFF_CANCEL_REASON } from "@/lib/scheduling/time-off";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import type { World } from "../support/fixtures";
import { arriveAs, fingerprint } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { addTimeOffAction } = await import("@/app/org/[org]/(staff)/providers/actions");
const { bookAppointmentAction, changeStatusAction, undoStatusAction } = await import("@/app/org/[org]/(staff)/schedule/actions");
const restAddTimeOff = (await import("@/app/api/v1/providers/[id]/time-off/route")).POST;

/** An appointment of the world's patient with a provider (30 minutes), in a given status. */
async function appointmentAt(w: World, startsAt: string, opts: { providerId?: string; status?: AppointmentStatus } = {}) {
  return withTenant(w.orgId, async (tx) => {
    const row = await appointmentsRepo(tx, w.orgId).create({
      input: {
        patientId: w.patientId,
        providerId: opts.providerId ?? w.providerId,
        appointmentTypeId: w.typeId,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 30 * 60_000),
        status: opts.status ?? "scheduled",
        ...(opts.status === "cancelled" ? { cancelledAt: new Date() } : {}),
      },
    });
    return row;
  });
}

const rowOf = (orgId: string, id: string) => withTenant(orgId, (tx) => appointmentsRepo(tx, orgId).get({ id }));
const timeOffOf = (orgId: string, providerId: string) =>
  withTenant(orgId, (tx) =>
    providerAvailabilityRepo(tx, orgId).timeOff({ providerIds: [providerId], from: new Date("2029-01-01"), to: new Date("2033-01-01") }),
  );
const outboxFor = (orgId: string, appointmentId: string) =>
  withTenant(orgId, (tx) =>
    tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.organizationId, orgId), eq(notifications.appointmentId, appointmentId))),
  );

let h: Hospitals;
const undo = { id: "", changedAt: new Date(0) };
const covered = { id: "" };
beforeAll(async () => {
  h = await twoHospitals("safeguards");
  for (const w of [h.a, h.b]) {
    await withTenant(w.orgId, (tx) => organizationRepo(tx, w.orgId).updateSettings({ patch: { staffBookingHorizonDays: 1825 } }));
  }
  // A visit checked in "just now", to take back.
  const checkedIn = await appointmentAt(h.a, "2030-05-06T14:00:00Z", { status: "checked_in" });
  undo.id = checkedIn.id;
  undo.changedAt = checkedIn.updatedAt;
  // A booked visit under a time off the attacker tries to cancel or keep.
  covered.id = (await appointmentAt(h.a, "2030-05-07T14:00:00Z")).id;
});
const hospitals = () => h;

async function asA(role: "admin" | "staff" | "clinician" = "admin", page = "/providers/x") {
  const member = await h.memberOfA(role);
  arriveAs({ host: h.a.host, path: page, session: member.session });
  return member;
}

describe("attacks on the safeguards' actions", () => {
  actionAttacks("undoStatusAction", hospitals, {
    page: "/schedule",
    valid: () => undoStatusAction({ id: undo.id, previous: "scheduled", current: "checked_in", changedAt: undo.changedAt }),
    foreignIds: (w) =>
      undoStatusAction({ id: w.b.appointmentId, previous: "scheduled", current: "checked_in", changedAt: new Date("2030-01-01") }),
    invalid: () => undoStatusAction({ id: "nope", previous: "asleep", current: "checked_in", changedAt: "later" } as never),
    allowed: "clinician",
  });

  actionAttacks("addTimeOffAction naming appointments to keep", hospitals, {
    page: "/providers/x",
    valid: (w) =>
      addTimeOffAction({
        id: w.a.providerId,
        startsAt: new Date("2030-05-07T13:00:00Z"),
        endsAt: new Date("2030-05-07T16:00:00Z"),
        keepAppointmentIds: [covered.id],
      }),
    // Hospital B's appointment named on hospital A's provider: not found, nothing cancelled anywhere.
    foreignIds: (w) =>
      addTimeOffAction({
        id: w.a.providerId,
        startsAt: new Date("2030-03-04T13:00:00Z"),
        endsAt: new Date("2030-03-04T16:00:00Z"),
        cancelAppointmentIds: [w.b.appointmentId],
        keepAppointmentIds: [w.a.appointmentId],
      }),
    invalid: (w) =>
      addTimeOffAction({
        id: w.a.providerId,
        startsAt: new Date("2030-05-07T13:00:00Z"),
        endsAt: new Date("2030-05-07T16:00:00Z"),
        cancelAppointmentIds: ["not-an-id"],
      }),
    allowed: "admin",
    refused: "staff",
  });
});

describe("time off over booked appointments", () => {
  it("is refused with the covered bookings listed (patient, time, type, provider); nothing is saved; the read is audited", async () => {
    await asA();
    const provider = await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).create({ input: { name: "Dr. Coverage" } }));
    const inside = await appointmentAt(h.a, "2030-06-03T15:00:00Z", { providerId: provider.id });
    const straddling = await appointmentAt(h.a, "2030-06-03T17:30:00Z", { providerId: provider.id });
    await appointmentAt(h.a, "2030-06-03T13:30:00Z", { providerId: provider.id }); // ends as the time off starts
    await appointmentAt(h.a, "2030-06-03T14:30:00Z", { providerId: provider.id, status: "cancelled" });
    await appointmentAt(h.a, "2030-06-03T16:00:00Z"); // another provider's
    const before = await fingerprint(h.a.orgId);

    const range = { startsAt: new Date("2030-06-03T14:00:00Z"), endsAt: new Date("2030-06-03T17:50:00Z") };
    const refused = await addTimeOffAction({ id: provider.id, ...range, reason: "Conference" });
    expect(refused).toMatchObject({ ok: false, code: "conflict:time_off_bookings" });
    if (refused.ok) return;
    expect(refused.formError).toMatch(/covers 2 booked appointments/);
    expect(refused.details?.appointments).toEqual([
      expect.objectContaining({
        id: inside.id,
        startsAt: "2030-06-03T15:00:00.000Z",
        status: "scheduled",
        patientName: expect.stringMatching(/^Pat Ient/),
        providerName: "Dr. Coverage",
        appointmentTypeName: "Visit",
      }),
      expect.objectContaining({ id: straddling.id }),
    ]);
    expect(await fingerprint(h.a.orgId)).toBe(before);
    const audited = await withTenant(h.a.orgId, (tx) =>
      tx
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, h.a.orgId), arrayContains(auditLogs.resourceIds, [inside.id]))),
    );
    // One read row names both refused-over appointments and their patient.
    expect(audited.map((a) => a.action)).toEqual(["view"]);
    expect(audited[0]!.resourceIds).toEqual(expect.arrayContaining([inside.id, straddling.id]));

    // Only one of the two decided: still refused, still nothing saved.
    expect(await addTimeOffAction({ id: provider.id, ...range, keepAppointmentIds: [inside.id] })).toMatchObject({
      ok: false,
      code: "conflict:time_off_bookings",
    });
    expect(await timeOffOf(h.a.orgId, provider.id)).toEqual([]);
  });

  it("cancels the chosen bookings with an e-mail to the patient and keeps the others to reschedule", async () => {
    await asA();
    const provider = await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).create({ input: { name: "Dr. Away" } }));
    const cancelled = await appointmentAt(h.a, "2030-06-04T15:00:00Z", { providerId: provider.id });
    const kept = await appointmentAt(h.a, "2030-06-04T16:00:00Z", { providerId: provider.id });

    const added = await addTimeOffAction({
      id: provider.id,
      startsAt: new Date("2030-06-04T14:00:00Z"),
      endsAt: new Date("2030-06-04T20:00:00Z"),
      reason: "Private family matter",
      cancelAppointmentIds: [cancelled.id],
      keepAppointmentIds: [kept.id],
    });
    expect(added).toMatchObject({ ok: true, data: { cancelledAppointmentIds: [cancelled.id], keptAppointmentIds: [kept.id] } });
    expect(await rowOf(h.a.orgId, cancelled.id)).toMatchObject({ status: "cancelled", cancelReason: TIME_OFF_CANCEL_REASON });
    expect(await rowOf(h.a.orgId, kept.id)).toMatchObject({ status: "scheduled" });
    const mail = await outboxFor(h.a.orgId, cancelled.id);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "cancellation", status: "pending" });
    // The patient never reads the private reason.
    expect(mail[0]!.bodyText).not.toContain("Private family matter");
    expect(await outboxFor(h.a.orgId, kept.id)).toEqual([]);
    expect((await timeOffOf(h.a.orgId, provider.id)).map((t) => t.reason)).toEqual(["Private family matter"]);
  });

  it("naming an appointment the time off does not cover is not found, and nothing changes", async () => {
    await asA();
    const elsewhere = await appointmentAt(h.a, "2030-06-05T19:00:00Z");
    const before = await fingerprint(h.a.orgId);
    expect(
      await addTimeOffAction({
        id: h.a.providerId,
        startsAt: new Date("2030-06-05T14:00:00Z"),
        endsAt: new Date("2030-06-05T15:00:00Z"),
        cancelAppointmentIds: [elsewhere.id],
      }),
    ).toMatchObject({ ok: false, code: "not_found:appointment" });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("the REST twin answers 409 with the covered appointments, then 201 with what was cancelled and kept", async () => {
    await asA("admin", `/api/v1/providers/${h.a.providerId}/time-off`);
    const booked = await appointmentAt(h.a, "2030-06-06T15:00:00Z");
    const body = { startsAt: "2030-06-06T14:00:00Z", endsAt: "2030-06-06T16:00:00Z" };
    const post = (json: unknown) =>
      restAddTimeOff(
        new Request(`http://${h.a.host}/api/v1/providers/${h.a.providerId}/time-off`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: `http://${h.a.host}` },
          body: JSON.stringify(json),
        }),
        { params: Promise.resolve({ id: h.a.providerId }) },
      );
    const refused = await post(body);
    expect(refused.status).toBe(409);
    const error = ((await refused.json()) as { error: { code: string; details: { appointments: { id: string }[] } } }).error;
    expect(error.code).toBe("conflict:time_off_bookings");
    expect(error.details.appointments.map((a) => a.id)).toEqual([booked.id]);

    const saved = await post({ ...body, cancelAppointmentIds: [booked.id] });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { meta: unknown }).meta).toEqual({ cancelledAppointmentIds: [booked.id], keptAppointmentIds: [] });
    expect(await rowOf(h.a.orgId, booked.id)).toMatchObject({ status: "cancelled" });
  });
});

describe("booking a patient who is already booked at that time", () => {
  it("is refused with the other visit (time and provider) until staff book anyway; other patients are not affected", async () => {
    await asA("staff", "/schedule");
    const other = await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).create({ input: { name: "Dr. Second" } }));
    const first = await appointmentAt(h.a, "2030-06-10T14:00:00Z"); // Monday 10:00 in New York
    const attempt = {
      patientId: h.a.patientId,
      providerId: other.id,
      appointmentTypeId: h.a.typeId,
      startsAt: new Date("2030-06-10T14:00:00Z"),
    };
    const before = await fingerprint(h.a.orgId);
    const refused = await bookAppointmentAction(attempt);
    expect(refused).toMatchObject({ ok: false, code: "conflict:patient_overlap" });
    if (refused.ok) return;
    expect(refused.formError).toMatch(/already has an appointment with Dr\. .* at that time/);
    expect(refused.details?.appointments).toEqual([
      expect.objectContaining({ id: first.id, startsAt: "2030-06-10T14:00:00.000Z", providerName: expect.stringMatching(/^Dr\. /) }),
    ]);
    expect(await fingerprint(h.a.orgId)).toBe(before);

    // Acknowledging some other id is not acknowledging this one.
    expect(await bookAppointmentAction({ ...attempt, acknowledgedOverlapIds: [h.b.appointmentId] })).toMatchObject({
      ok: false,
      code: "conflict:patient_overlap",
    });
    const booked = await bookAppointmentAction({ ...attempt, acknowledgedOverlapIds: [first.id] });
    expect(booked).toMatchObject({ ok: true, data: { patientId: h.a.patientId, providerId: other.id } });
  });

  it("a cancelled or no-show visit at that time does not count", async () => {
    await asA("staff", "/schedule");
    await appointmentAt(h.a, "2030-06-11T14:00:00Z", { status: "cancelled" });
    await appointmentAt(h.a, "2030-06-11T14:00:00Z", { status: "no_show" });
    const booked = await bookAppointmentAction({
      patientId: h.a.patientId,
      providerId: h.a.providerId,
      appointmentTypeId: h.a.typeId,
      startsAt: new Date("2030-06-11T14:00:00Z"),
    });
    expect(booked).toMatchObject({ ok: true });
  });
});

describe("taking back a status change", () => {
  it("check-in then undo restores the previous status", async () => {
    await asA("clinician", "/schedule");
    const visit = await appointmentAt(h.a, "2030-06-12T14:00:00Z", { status: "confirmed" });
    const checked = await changeStatusAction({ id: visit.id, status: "checked_in" });
    if (!checked.ok) throw new Error(checked.code);
    const undone = await undoStatusAction({
      id: visit.id,
      previous: "confirmed",
      current: "checked_in",
      changedAt: checked.data.updatedAt,
    });
    expect(undone).toMatchObject({ ok: true, data: { status: "confirmed" } });
    expect(await rowOf(h.a.orgId, visit.id)).toMatchObject({ status: "confirmed" });
  });

  it("is refused once anything else changed the appointment, and nothing changes", async () => {
    await asA("clinician", "/schedule");
    const visit = await appointmentAt(h.a, "2030-06-12T15:00:00Z");
    const checked = await changeStatusAction({ id: visit.id, status: "checked_in" });
    if (!checked.ok) throw new Error(checked.code);
    const completed = await changeStatusAction({ id: visit.id, status: "completed" });
    if (!completed.ok) throw new Error(completed.code);
    const stale = { id: visit.id, previous: "scheduled", current: "checked_in", changedAt: checked.data.updatedAt } as const;
    expect(await undoStatusAction(stale)).toMatchObject({ ok: false, code: "conflict:status_changed" });
    expect(await rowOf(h.a.orgId, visit.id)).toMatchObject({ status: "completed" });

    // Undone and redone by someone else: the same status, a later change — still not this undo's to take back.
    const undone = await undoStatusAction({
      id: visit.id,
      previous: "checked_in",
      current: "completed",
      changedAt: completed.data.updatedAt,
    });
    expect(undone).toMatchObject({ ok: true, data: { status: "checked_in" } });
    expect(await undoStatusAction(stale)).toMatchObject({ ok: false, code: "conflict:status_changed" });
    expect(await rowOf(h.a.orgId, visit.id)).toMatchObject({ status: "checked_in" });
  });

  it("only a change the lifecycle made can be taken back (a cancellation never is)", async () => {
    await asA("clinician", "/schedule");
    const visit = await appointmentAt(h.a, "2030-06-12T16:00:00Z", { status: "cancelled" });
    const row = await rowOf(h.a.orgId, visit.id);
    expect(await undoStatusAction({ id: visit.id, previous: "scheduled", current: "cancelled", changedAt: row.updatedAt })).toMatchObject({
      ok: false,
      code: "invalid:status_transition",
    });
    expect(await undoStatusAction({ id: visit.id, previous: "completed", current: "checked_in", changedAt: row.updatedAt })).toMatchObject({
      ok: false,
      code: "invalid:status_transition",
    });
    expect(await rowOf(h.a.orgId, visit.id)).toMatchObject({ status: "cancelled" });
  });

  it("a no-show taken back holds the time again, unless someone else was booked into it meanwhile", async () => {
    await asA("clinician", "/schedule");
    const visit = await appointmentAt(h.a, "2030-06-13T14:00:00Z");
    const noShow = await changeStatusAction({ id: visit.id, status: "no_show" });
    if (!noShow.ok) throw new Error(noShow.code);
    const taker = await appointmentAt(h.a, "2030-06-13T14:00:00Z");
    expect(
      await undoStatusAction({ id: visit.id, previous: "scheduled", current: "no_show", changedAt: noShow.data.updatedAt }),
    ).toMatchObject({ ok: false, code: "conflict:appointment_overlap" });
    expect(await rowOf(h.a.orgId, visit.id)).toMatchObject({ status: "no_show" });
    expect(await rowOf(h.a.orgId, taker.id)).toMatchObject({ status: "scheduled" });
  });

  it("another hospital's member cannot take back this hospital's change: 403, nothing changed", async () => {
    const visit = await appointmentAt(h.a, "2030-06-14T14:00:00Z", { status: "checked_in" });
    const outsider = await h.memberOfB("owner");
    arriveAs({ host: h.a.host, path: "/schedule", session: outsider.session });
    const before = await fingerprint(h.a.orgId);
    expect(
      await undoStatusAction({ id: visit.id, previous: "scheduled", current: "checked_in", changedAt: visit.updatedAt }),
    ).toMatchObject({
      ok: false,
      code: "forbidden:not_a_member",
    });
    // And on their own hospital's host, this hospital's appointment is not found.
    arriveAs({ host: h.b.host, path: "/schedule", session: outsider.session });
    expect(
      await undoStatusAction({ id: visit.id, previous: "scheduled", current: "checked_in", changedAt: visit.updatedAt }),
    ).toMatchObject({
      ok: false,
      code: "not_found:appointment",
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});
