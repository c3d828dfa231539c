import { eq } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { organizations } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import type { OrganizationPlan } from "@/lib/db/schema/enum-values";
import { organizationRepo } from "@/lib/organizations/repository";
import { runAsMember } from "@/lib/pipeline/run-in-tenant";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { setupChecklist } from "@/lib/administration/setup-checklist";
import { bookingChannels, scheduleOptions } from "@/lib/scheduling/schedule-options";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import { createOrganization, createWorld, type World } from "../support/fixtures";
import { arriveAs, fingerprint, person, type Person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const {
  appointmentDetailAction,
  bookAppointmentAction,
  cancelAppointmentAction,
  changeStatusAction,
  freeTimesAction,
  listAppointmentsAction,
  rescheduleAppointmentAction,
} = await import("@/app/org/[org]/(staff)/schedule/actions");
const restDetail = (await import("@/app/api/v1/appointments/[id]/route")).GET;
const restAvailability = (await import("@/app/api/v1/availability/route")).GET;

const NEW_YORK = "America/New_York";
const request = { requestId: "schedule-test", ip: null, userAgent: "vitest" };

/** An appointment of the world's patient, provider and type, at `startsAt` (30 minutes). */
async function appointmentAt(w: World, startsAt: string, providerId = w.providerId): Promise<string> {
  return withTenant(w.orgId, async (tx) => {
    const row = await appointmentsRepo(tx, w.orgId).create({
      input: {
        patientId: w.patientId,
        providerId,
        appointmentTypeId: w.typeId,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 30 * 60_000),
      },
    });
    return row.id;
  });
}

async function appointmentRow(orgId: string, id: string) {
  return withTenant(orgId, (tx) => appointmentsRepo(tx, orgId).get({ id }));
}

/** A service the way a staff page runs it: one tenant transaction as this member. */
function asMember<T>(orgId: string, who: Person, load: (ctx: MemberContext) => Promise<T>): Promise<T> {
  return runAsMember({ orgId, actor: { type: "user", userId: who.id }, permission: null, request }, load);
}

async function hostOf(orgId: string): Promise<string> {
  const [org] = await withPlatform((tx) => tx.select().from(organizations).where(eq(organizations.id, orgId)));
  return `${org!.slug}.localhost`;
}

async function setPlan(orgId: string, plan: OrganizationPlan) {
  await withPlatform((tx) => tx.update(organizations).set({ plan }).where(eq(organizations.id, orgId)));
}

let h: Hospitals;
const mine = { status: "", cancel: "", move: "" };
beforeAll(async () => {
  h = await twoHospitals("sched-actions");
  // The appointments below are years ahead: allow staff to book that far.
  await withTenant(h.a.orgId, (tx) => organizationRepo(tx, h.a.orgId).updateSettings({ patch: { staffBookingHorizonDays: 1825 } }));
  // One appointment per lifecycle action, so each succeeds once whatever the others did.
  mine.status = await appointmentAt(h.a, "2030-03-05T14:00:00Z");
  mine.cancel = await appointmentAt(h.a, "2030-03-05T15:00:00Z");
  mine.move = await appointmentAt(h.a, "2030-03-05T16:00:00Z");
});
const hospitals = () => h;

// Every call of a booking or a move gets its own hour, so a repeated success never clashes.
let hour = 0;
/** A time inside business hours (New York, 09:00–17:00) on a weekday, a different one each call. */
const nextHour = (day: string) => new Date(new Date(`${day}T14:00:00Z`).getTime() + (++hour % 7) * 3_600_000);

describe("schedule actions", () => {
  actionAttacks("listAppointmentsAction", hospitals, {
    page: "/schedule",
    valid: (w) => listAppointmentsAction({ from: "2030-03-04", to: "2030-03-10", providerId: w.a.providerId }),
    foreignIds: (w) => listAppointmentsAction({ from: "2030-03-04", to: "2030-03-10", providerId: w.b.providerId }),
    invalid: () => listAppointmentsAction({ from: "2030-02-30", to: "soon", providerId: "nope" }),
    allowed: "staff",
  });

  actionAttacks("appointmentDetailAction", hospitals, {
    page: "/schedule",
    valid: (w) => appointmentDetailAction({ id: w.a.appointmentId }),
    foreignIds: (w) => appointmentDetailAction({ id: w.b.appointmentId }),
    invalid: () => appointmentDetailAction({ id: "not-an-id" }),
    allowed: "clinician",
  });

  actionAttacks("freeTimesAction", hospitals, {
    page: "/schedule",
    valid: (w) => freeTimesAction({ type: w.a.typeId, provider: w.a.providerId, from: "2030-03-04", to: "2030-03-04" }),
    foreignIds: (w) => freeTimesAction({ type: w.b.typeId, provider: w.b.providerId, from: "2030-03-04", to: "2030-03-04" }),
    invalid: () => freeTimesAction({ type: "x", from: "2030-13-01", to: "2030-01-01", mode: "carrier-pigeon" } as never),
    allowed: "staff",
  });

  actionAttacks("bookAppointmentAction", hospitals, {
    page: "/schedule",
    valid: (w) =>
      bookAppointmentAction({
        patientId: w.a.patientId,
        providerId: w.a.providerId,
        appointmentTypeId: w.a.typeId,
        startsAt: nextHour("2031-01-06"),
        reason: "Check-up",
      }),
    foreignIds: (w) =>
      bookAppointmentAction({
        patientId: w.b.patientId,
        providerId: w.b.providerId,
        appointmentTypeId: w.b.typeId,
        startsAt: nextHour("2031-01-06"),
      }),
    invalid: (w) => bookAppointmentAction({ patientId: "x", providerId: w.a.providerId, startsAt: "whenever", mode: "fax" } as never),
    allowed: "staff",
  });

  actionAttacks("changeStatusAction", hospitals, {
    page: "/schedule",
    valid: () => changeStatusAction({ id: mine.status, status: "confirmed" }),
    foreignIds: (w) => changeStatusAction({ id: w.b.appointmentId, status: "checked_in" }),
    invalid: () => changeStatusAction({ id: mine.status, status: "cancelled" } as never),
    allowed: "clinician",
  });

  actionAttacks("cancelAppointmentAction", hospitals, {
    page: "/schedule",
    valid: () => cancelAppointmentAction({ id: mine.cancel, reason: "Patient called" }),
    foreignIds: (w) => cancelAppointmentAction({ id: w.b.appointmentId, reason: "probe" }),
    invalid: () => cancelAppointmentAction({ id: mine.cancel, reason: "x".repeat(501) }),
    allowed: "staff",
  });

  actionAttacks("rescheduleAppointmentAction", hospitals, {
    page: "/schedule",
    valid: () => rescheduleAppointmentAction({ id: mine.move, startsAt: nextHour("2031-02-03") }),
    foreignIds: (w) => rescheduleAppointmentAction({ id: w.b.appointmentId, startsAt: nextHour("2031-02-03") }),
    invalid: () => rescheduleAppointmentAction({ id: mine.move, startsAt: "not a time" }),
    allowed: "staff",
  });
});

describe("the schedule's rules, behind the actions", () => {
  it("a clinician sees their own schedule whichever provider they name; the front desk sees everyone's, or one provider's", async () => {
    const w = await createWorld("sched-view");
    const other = await withTenant(w.orgId, (tx) => providersRepo(tx, w.orgId).create({ input: { name: "Dr. Other" } }));
    const othersVisit = await appointmentAt(w, "2030-03-04T15:00:00Z", other.id);
    const clinician = await person([{ orgId: w.orgId, role: "clinician" }], "sched-clinician");
    await withTenant(w.orgId, (tx) => providersRepo(tx, w.orgId).update({ id: w.providerId, patch: { userId: clinician.id } }));
    const desk = await person([{ orgId: w.orgId, role: "staff" }], "sched-desk");
    const host = await hostOf(w.orgId);
    const range = { from: "2030-03-04", to: "2030-03-04" };

    arriveAs({ host, path: "/schedule", session: clinician.session });
    const own = await listAppointmentsAction({ ...range, providerId: other.id });
    expect(own).toMatchObject({ ok: true, data: { scope: "own" } });
    expect(own.ok && own.data.data.map((a) => a.id)).toEqual([w.appointmentId]);

    arriveAs({ host, path: "/schedule", session: desk.session });
    const all = await listAppointmentsAction(range);
    expect(all).toMatchObject({ ok: true, data: { scope: "organization", truncated: false } });
    expect(all.ok && all.data.data.map((a) => a.id).sort()).toEqual([w.appointmentId, othersVisit].sort());
    // Instants arrive as Dates, names joined in.
    expect(all.ok && all.data.data[0]!.startsAt).toBeInstanceOf(Date);
    expect(all.ok && all.data.data.find((a) => a.id === othersVisit)?.providerName).toBe("Dr. Other");
    const one = await listAppointmentsAction({ ...range, providerId: other.id });
    expect(one.ok && one.data.data.map((a) => a.id)).toEqual([othersVisit]);
  });

  it("a range is at most six weeks and never ends before it starts, with the error on its end", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    expect(await listAppointmentsAction({ from: "2030-03-01", to: "2030-06-01" })).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { to: ["Ask for at most 42 days at once."] },
    });
    expect(await listAppointmentsAction({ from: "2030-03-02", to: "2030-03-01" })).toMatchObject({
      ok: false,
      fieldErrors: { to: ["The last day must not be before the first."] },
    });
  });

  it("the detail names the patient, provider and type with the next statuses, exactly as its REST twin answers", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    const result = await appointmentDetailAction({ id: h.a.appointmentId });
    expect(result.ok).toBe(true);
    const detail = result.ok ? result.data : null;
    expect(detail).toMatchObject({
      id: h.a.appointmentId,
      mode: "in_person",
      telehealthUrl: null,
      appointmentType: { id: h.a.typeId, name: "Visit", durationMinutes: 30 },
      provider: { id: h.a.providerId },
      patient: { id: h.a.patientId, mrn: expect.any(String) },
    });

    arriveAs({ host: h.a.host, path: `/api/v1/appointments/${h.a.appointmentId}`, session: member.session });
    const response = await restDetail(new Request(`http://${h.a.host}/api/v1/appointments/${h.a.appointmentId}`), {
      params: Promise.resolve({ id: h.a.appointmentId }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual(JSON.parse(JSON.stringify(detail)));
  });

  it("free times follow staff rules: the booked time is not offered, and the REST twin offers the same times", async () => {
    // A Monday two weeks or so ahead (staff may book up to two years out); the default hours are 09:00–17:00.
    const today = Temporal.Now.plainDateISO(NEW_YORK);
    const monday = today.add({ days: 14 - today.dayOfWeek + 1 }).toString();
    const at = (time: string) => new Date(Temporal.PlainDateTime.from(`${monday}T${time}`).toZonedDateTime(NEW_YORK).epochMilliseconds);
    const w = await createWorld("sched-times", at("09:00"));
    const desk = await person([{ orgId: w.orgId, role: "staff" }], "sched-times");
    const host = await hostOf(w.orgId);
    arriveAs({ host, path: "/schedule", session: desk.session });
    const result = await freeTimesAction({ type: w.typeId, provider: w.providerId, from: monday, to: monday });
    expect(result.ok).toBe(true);
    const starts = result.ok ? result.data.data.map((s) => s.startsAt.toISOString()) : [];
    expect(result.ok && result.data.timeZone).toBe(NEW_YORK);
    expect(starts[0]).toBe(at("09:30").toISOString());
    expect(starts).not.toContain(at("09:00").toISOString());
    expect(starts).toHaveLength(15);

    const q = new URLSearchParams({ type: w.typeId, provider: w.providerId, from: monday, to: monday });
    arriveAs({ host, path: "/api/v1/availability", session: desk.session });
    const response = await restAvailability(new Request(`http://${host}/api/v1/availability?${q}`), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { startsAt: string }[]; nextCursor: null };
    expect(body.data.map((s) => s.startsAt)).toEqual(starts);
    expect(body.nextCursor).toBeNull();
  });

  it("another hospital's provider is refused for free times exactly like one that does not exist", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    const day = { type: h.a.typeId, from: "2030-03-04", to: "2030-03-04" };
    const foreign = await freeTimesAction({ ...day, provider: h.b.providerId });
    const unknown = await freeTimesAction({ ...day, provider: crypto.randomUUID() });
    expect(foreign).toMatchObject({ ok: false, code: "invalid:provider" });
    expect(unknown).toEqual(foreign);
  });

  it("a desk booking is booked by staff; the same time again is taken, and the past cannot be booked", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    const input = { patientId: h.a.patientId, providerId: h.a.providerId, appointmentTypeId: h.a.typeId, startsAt: nextHour("2031-03-03") };
    const booked = await bookAppointmentAction(input);
    expect(booked).toMatchObject({ ok: true, data: { bookedVia: "staff", status: "scheduled", mode: "in_person", createdBy: member.id } });

    const before = await fingerprint(h.a.orgId);
    expect(await bookAppointmentAction(input)).toMatchObject({ ok: false, code: "conflict:appointment_overlap" });
    expect(await bookAppointmentAction({ ...input, startsAt: new Date(Date.now() - 86_400_000) })).toMatchObject({
      ok: false,
      code: "invalid:starts_at",
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("status changes follow the lifecycle: scheduled cannot jump to completed; check in, then complete", async () => {
    const id = await appointmentAt(h.a, "2030-03-06T14:00:00Z");
    const member = await h.memberOfA("clinician");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    expect(await changeStatusAction({ id, status: "completed" })).toMatchObject({ ok: false, code: "invalid:status_transition" });
    expect((await appointmentRow(h.a.orgId, id)).status).toBe("scheduled");
    expect(await changeStatusAction({ id, status: "checked_in" })).toMatchObject({ ok: true, data: { status: "checked_in" } });
    expect(await changeStatusAction({ id, status: "completed" })).toMatchObject({ ok: true, data: { status: "completed" } });
  });

  it("a cancelled appointment keeps its reason and can be neither moved nor cancelled again", async () => {
    const id = await appointmentAt(h.a, "2030-03-06T16:00:00Z");
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    expect(await cancelAppointmentAction({ id, reason: "  Feeling better  " })).toMatchObject({
      ok: true,
      data: { status: "cancelled", cancelReason: "Feeling better" },
    });
    expect(await rescheduleAppointmentAction({ id, startsAt: nextHour("2031-04-07") })).toMatchObject({
      ok: false,
      code: "invalid:status_transition",
    });
    expect(await cancelAppointmentAction({ id })).toMatchObject({ ok: false, code: "invalid:status_transition" });
  });

  it("a move takes the new time and frees the old one in one step", async () => {
    const id = await appointmentAt(h.a, "2030-03-07T14:00:00Z");
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/schedule", session: member.session });
    const to = nextHour("2031-05-05");
    expect(await rescheduleAppointmentAction({ id, startsAt: to })).toMatchObject({ ok: true, data: { startsAt: to } });
    const row = await appointmentRow(h.a.orgId, id);
    expect(row.endsAt.getTime() - row.startsAt.getTime()).toBe(30 * 60_000);
    // The old time is free again: another booking may take it.
    expect(
      await bookAppointmentAction({
        patientId: h.a.patientId,
        providerId: h.a.providerId,
        appointmentTypeId: h.a.typeId,
        startsAt: new Date("2030-03-07T14:00:00Z"),
      }),
    ).toMatchObject({ ok: true });
  });
});

describe("what the schedule and dashboard pages load", () => {
  it("video visits are offered only when the setting, the plan, the type and the provider all allow them", async () => {
    const w = await createWorld("sched-video");
    const owner = await person([{ orgId: w.orgId, role: "owner" }], "sched-video");
    const plain = await withTenant(w.orgId, async (tx) => {
      await organizationRepo(tx, w.orgId).updateSettings({ patch: { enableTelehealth: true } });
      await providersRepo(tx, w.orgId).update({ id: w.providerId, patch: { offersTelehealth: true, userId: owner.id } });
      await appointmentTypesRepo(tx, w.orgId).update({ id: w.typeId, patch: { telehealthAllowed: true } });
      await providersRepo(tx, w.orgId).create({ input: { name: "Dr. In Person" } });
      return appointmentTypesRepo(tx, w.orgId).create({ input: { name: "Annual physical", durationMinutes: 45 } });
    });

    const enterprise = await asMember(w.orgId, owner, scheduleOptions);
    expect(enterprise.ownProviderId).toBe(w.providerId);
    expect(enterprise.providers.map((p) => p.name).sort()).toEqual(["Dr. In Person", expect.stringMatching(/^Dr\. sched-video/)].sort());
    expect(enterprise.types.find((t) => t.id === w.typeId)?.telehealthProviderIds).toEqual([w.providerId]);
    expect(enterprise.types.find((t) => t.id === plain.id)?.telehealthProviderIds).toEqual([]);
    expect(enterprise.businessHours.monday).toEqual({ start: "09:00", end: "17:00", isOpen: true });
    expect(await asMember(w.orgId, owner, bookingChannels)).toEqual({ onlineBooking: true, telehealth: true });

    // The setting stays on, but the Basic plan does not pay for video visits.
    await setPlan(w.orgId, "basic");
    const basic = await asMember(w.orgId, owner, scheduleOptions);
    expect(basic.types.every((t) => t.telehealthProviderIds.length === 0)).toBe(true);
    expect(await asMember(w.orgId, owner, bookingChannels)).toEqual({ onlineBooking: true, telehealth: false });
  });

  it("a member with no provider of their own has none", async () => {
    const member = await h.memberOfA("staff");
    expect((await asMember(h.a.orgId, member, scheduleOptions)).ownProviderId).toBeNull();
  });

  it("the setup checklist ticks providers, types and the team off as they appear", async () => {
    const org = await createOrganization("sched-setup");
    const owner = await person([{ orgId: org.id, role: "owner" }], "sched-setup");
    const done = async () =>
      Object.fromEntries((await asMember(org.id, owner, setupChecklist)).map((s) => [s.id, s.done] as const)) as Record<string, boolean>;
    expect(await done()).toEqual({ hours: false, provider: false, type: false, branding: false, team: false });

    await withTenant(org.id, async (tx) => {
      await providersRepo(tx, org.id).create({ input: { name: "Dr. First" } });
      await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 20 } });
      await organizationRepo(tx, org.id).updateSettings({ patch: { minimumNoticeMinutes: 30 } });
    });
    await person([{ orgId: org.id, role: "staff" }], "sched-setup-desk");
    expect(await done()).toEqual({ hours: true, provider: true, type: true, branding: false, team: true });
  });
});
