import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { ERROR_CATALOGUE } from "@/lib/errors/catalogue";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { manageUrl } from "@/lib/scheduling/notify";
import { createOrganization } from "./support/fixtures";
import { arriveAs, fingerprint, person, type Person } from "./support/request-context";

// Every way to create or move an appointment applies the same rules to the new time: working
// hours (with date overrides and time off), the type's grid, minimum notice and the horizon
// (patients online; staff have their own horizon and no notice), buffers and overlaps. A move is
// never blocked by the appointment's own old time, and that old time never makes a refused time
// acceptable. Each refusal is a 4xx with a clear message and leaves everything as it was.

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { bookAppointmentAction, freeTimesAction, rescheduleAppointmentAction } = await import("@/app/org/[org]/(staff)/schedule/actions");
const restAppointments = await import("@/app/api/v1/appointments/route");
const restReschedule = await import("@/app/api/v1/appointments/[id]/reschedule/route");
const publicBookings = await import("@/app/api/v1/public/bookings/route");
const publicHolds = await import("@/app/api/v1/public/holds/route");
const publicManageReschedule = await import("@/app/api/v1/public/manage/[token]/reschedule/route");

const ZONE = "America/New_York";

type Clinic = { orgId: string; slug: string; host: string; providerId: string; typeId: string; patientId: string; day: string };

/**
 * Open every day 09:00–17:00 in New York; one provider, 30-minute visits with a 10-minute buffer
 * after; online notice 60 minutes, online horizon 30 days, staff horizon 365 days (the default).
 */
async function clinic(prefix: string): Promise<Clinic> {
  const org = await createOrganization(prefix);
  const slug = (await withPlatform((tx) => platformOrganizations(tx).findById({ id: org.id })))!.slug;
  const day = Temporal.Now.plainDateISO(ZONE).add({ days: 4 }).toString();
  return withTenant(org.id, async (tx) => {
    const hours = { start: "09:00", end: "17:00", isOpen: true };
    await organizationRepo(tx, org.id).updateSettings({
      patch: {
        enableOnlineBooking: true,
        minimumNoticeMinutes: 60,
        bookingHorizonDays: 30,
        cancellationWindowHours: 24,
        businessHours: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: hours, sunday: hours },
      },
    });
    const provider = await providersRepo(tx, org.id).create({ input: { name: "Dr. Rules" } });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 30, bufferAfterMinutes: 10 } });
    const patient = await patientsRepo(tx, org.id).create({
      input: { mrn: "R-1", firstName: "Rule", lastName: "Keeper", dateOfBirth: "1980-02-02", email: `rule@${prefix}.test` },
    });
    return { orgId: org.id, slug, host: `${slug}.localhost`, providerId: provider.id, typeId: type.id, patientId: patient.id, day };
  });
}

const at = (day: string, time: string) => new Date(Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(ZONE).epochMilliseconds);
const clockOf = (d: Date) =>
  Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(ZONE).toPlainTime().toString().slice(0, 5);

async function appointmentAt(c: Clinic, startsAt: Date): Promise<string> {
  return withTenant(c.orgId, async (tx) => {
    const row = await appointmentsRepo(tx, c.orgId).create({
      input: {
        patientId: c.patientId,
        providerId: c.providerId,
        appointmentTypeId: c.typeId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        bufferAfterMinutes: 10,
      },
    });
    return row.id;
  });
}

const startOf = async (c: Clinic, id: string) => (await withTenant(c.orgId, (tx) => appointmentsRepo(tx, c.orgId).get({ id }))).startsAt;

/** One answer from any path: accepted, or refused with a status, code and message. */
type Outcome = { ok: true } | { ok: false; status: number; code: string; message: string };

async function viaRest(c: Clinic, who: Person | null, path: string, run: () => Promise<Response>): Promise<Outcome> {
  arriveAs({ host: c.host, path, session: who?.session ?? null });
  const response = await run();
  if (response.ok) return { ok: true };
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { ok: false, status: response.status, code: body.error.code, message: body.error.message };
}

const post = (url: string, body: unknown) =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

type Mover = (c: Clinic, id: string, startsAt: Date) => Promise<Outcome>;

let staff: Person;

const movers: Record<string, Mover> = {
  "the staff schedule (drag or reschedule)": async (c, id, startsAt) => {
    arriveAs({ host: c.host, path: "/schedule", session: staff.session });
    const r = await rescheduleAppointmentAction({ id, startsAt });
    return r.ok ? { ok: true } : { ok: false, status: ERROR_CATALOGUE[r.code].status, code: r.code, message: r.formError };
  },
  "the REST API": (c, id, startsAt) =>
    viaRest(c, staff, `/api/v1/appointments/${id}/reschedule`, () =>
      restReschedule.POST(post(`http://${c.host}/api/v1/appointments/${id}/reschedule`, { startsAt }), params({ id })),
    ),
  "the patient's manage link": async (c, id, startsAt) => {
    const appointment = await withTenant(c.orgId, (tx) => appointmentsRepo(tx, c.orgId).get({ id }));
    const token = manageUrl(c.slug, c.orgId, appointment).split("/appointments/manage/")[1]!;
    return viaRest(c, null, `/api/v1/public/manage/${token}/reschedule`, () =>
      publicManageReschedule.POST(post(`http://${c.host}/api/v1/public/manage/${token}/reschedule`, { startsAt }), params({ token })),
    );
  },
};

const move = (path: string, c: Clinic, id: string, startsAt: Date) => movers[path]!(c, id, startsAt);

beforeAll(async () => {
  staff = await person([], "rules-staff");
});

describe("moving an appointment step by step, +15 minutes at a time, from inside hours to past the end of the day", () => {
  for (const path of Object.keys(movers)) {
    it(`through ${path}: on-grid times inside hours move (its own old time and buffer never block); every other step is a 400 and nothing changes`, async () => {
      const c = await clinic("rules-move");
      await withTenant(c.orgId, async (tx) => {
        const { membershipsRepo } = await import("@/lib/memberships/repository");
        await membershipsRepo(tx, c.orgId).add({ userId: staff.id, role: "staff" });
      });
      const id = await appointmentAt(c, at(c.day, "15:00"));
      const log: string[] = [];
      for (let t = at(c.day, "15:15").getTime(); t <= at(c.day, "17:30").getTime(); t += 15 * 60_000) {
        const target = new Date(t);
        const before = await fingerprint(c.orgId);
        const previous = await startOf(c, id);
        const outcome = await move(path, c, id, target);
        const clock = clockOf(target);
        const onGrid = target.getUTCMinutes() % 30 === 0;
        const fits = t + 30 * 60_000 <= at(c.day, "17:00").getTime();
        if (onGrid && fits) {
          expect(outcome, clock).toEqual({ ok: true });
          expect((await startOf(c, id)).getTime()).toBe(t);
          log.push(`${clock} moved`);
        } else {
          expect(outcome, clock).toMatchObject({ ok: false, status: 400, code: "invalid:starts_at" });
          const message = (outcome as { message: string }).message;
          expect(message, clock).toMatch(fits ? /start every 30 minutes .*choose \d\d:\d\d/ : /outside the provider's working hours/);
          expect((await startOf(c, id)).getTime()).toBe(previous.getTime());
          expect(await fingerprint(c.orgId)).toBe(before);
          log.push(`${clock} refused`);
        }
      }
      expect(log).toEqual([
        "15:15 refused",
        "15:30 moved",
        "15:45 refused",
        "16:00 moved",
        "16:15 refused",
        "16:30 moved",
        "16:45 refused",
        "17:00 refused",
        "17:15 refused",
        "17:30 refused",
      ]);
    });
  }
});

describe("the same rules for every new booking", () => {
  let c: Clinic;
  beforeAll(async () => {
    c = await clinic("rules-book");
    await withTenant(c.orgId, async (tx) => {
      const { membershipsRepo } = await import("@/lib/memberships/repository");
      await membershipsRepo(tx, c.orgId).add({ userId: staff.id, role: "staff" });
    });
  });

  const bookers: Record<string, (c: Clinic, startsAt: Date) => Promise<Outcome>> = {
    "the staff schedule": async (c, startsAt) => {
      arriveAs({ host: c.host, path: "/schedule", session: staff.session });
      const r = await bookAppointmentAction({ patientId: c.patientId, providerId: c.providerId, appointmentTypeId: c.typeId, startsAt });
      return r.ok ? { ok: true } : { ok: false, status: ERROR_CATALOGUE[r.code].status, code: r.code, message: r.formError };
    },
    "the REST API": (c, startsAt) =>
      viaRest(c, staff, "/api/v1/appointments", () =>
        restAppointments.POST(
          post(`http://${c.host}/api/v1/appointments`, {
            patientId: c.patientId,
            providerId: c.providerId,
            appointmentTypeId: c.typeId,
            startsAt,
          }),
          params({}),
        ),
      ),
    "a hold on the public site": (c, startsAt) =>
      viaRest(c, null, "/api/v1/public/holds", () =>
        publicHolds.POST(
          post(`http://${c.host}/api/v1/public/holds`, { providerId: c.providerId, appointmentTypeId: c.typeId, startsAt }),
          params({}),
        ),
      ),
    "the public booking": (c, startsAt) =>
      viaRest(c, null, "/api/v1/public/bookings", () =>
        publicBookings.POST(
          post(`http://${c.host}/api/v1/public/bookings`, {
            providerId: c.providerId,
            appointmentTypeId: c.typeId,
            startsAt,
            patient: { firstName: "Ada", lastName: "Booker", dateOfBirth: "1990-03-03", email: "ada.booker@rules.test" },
          }),
          params({}),
        ),
      ),
  };

  for (const [path, book] of Object.entries(bookers)) {
    it(`through ${path}: outside hours, off the grid, inside a date override's gap or time off → 400, nothing changed`, async () => {
      const day = Temporal.PlainDate.from(c.day)
        .add({ days: Object.keys(bookers).indexOf(path) + 1 })
        .toString();
      await withTenant(c.orgId, async (tx) => {
        const avail = providerAvailabilityRepo(tx, c.orgId);
        await avail.setOverride({
          providerId: c.providerId,
          date: day,
          intervals: [
            { date: day, startTime: "09:00", endTime: "12:00" },
            { date: day, startTime: "14:00", endTime: "16:00" },
          ],
        });
        await avail.addTimeOff({ providerId: c.providerId, startsAt: at(day, "10:00"), endsAt: at(day, "11:00"), reason: "Training" });
      });
      for (const [time, pattern] of [
        ["08:30", /working hours/],
        ["09:10", /choose 09:00 or 09:30/],
        ["10:00", /working hours/], // time off
        ["12:30", /working hours/], // the override's gap
        ["16:00", /working hours/], // after the override's last interval (weekly hours would allow it)
      ] as const) {
        const before = await fingerprint(c.orgId);
        const outcome = await book(c, at(day, time));
        expect(outcome, time).toMatchObject({ ok: false, status: 400, code: "invalid:starts_at", message: expect.stringMatching(pattern) });
        expect(await fingerprint(c.orgId)).toBe(before);
      }
      expect(await book(c, at(day, "14:30"))).toEqual({ ok: true });
    });
  }

  it("patients keep the online horizon and notice; staff and the API have their own horizon (a setting) and no notice", async () => {
    const far = Temporal.Now.plainDateISO(ZONE).add({ days: 40 }).toString();
    expect(await bookers["the public booking"]!(c, at(far, "09:00"))).toMatchObject({
      ok: false,
      status: 400,
      message: "Online bookings can be made up to 30 days ahead. Please choose an earlier date.",
    });
    expect(await bookers["the staff schedule"]!(c, at(far, "09:00"))).toEqual({ ok: true });
    const beyond = Temporal.Now.plainDateISO(ZONE).add({ days: 370 }).toString();
    for (const path of ["the staff schedule", "the REST API"]) {
      expect(await bookers[path]!(c, at(beyond, "09:00"))).toMatchObject({
        ok: false,
        status: 400,
        message: "Appointments can be booked up to 365 days ahead (a scheduling setting).",
      });
    }
    await withTenant(c.orgId, (tx) => organizationRepo(tx, c.orgId).updateSettings({ patch: { staffBookingHorizonDays: 400 } }));
    expect(await bookers["the REST API"]!(c, at(beyond, "09:00"))).toEqual({ ok: true });

    // Within the online notice: refused online, accepted at the desk (the next whole hour inside 09:00–17:00 today or tomorrow).
    const now = Temporal.Now.zonedDateTimeISO(ZONE);
    let soon = now.round({ smallestUnit: "hour", roundingMode: "ceil" });
    if (soon.hour < 9) soon = soon.with({ hour: 9 });
    if (soon.hour > 16) soon = soon.add({ days: 1 }).with({ hour: 9 });
    const soonDate = new Date(soon.epochMilliseconds);
    if (soonDate.getTime() - Date.now() < 60 * 60_000) {
      expect(await bookers["the public booking"]!(c, soonDate)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/at least 1 hour notice/),
      });
      expect(await bookers["the staff schedule"]!(c, soonDate)).toEqual({ ok: true });
    }
  });

  it("the past is refused everywhere", async () => {
    const yesterday = Temporal.Now.plainDateISO(ZONE).subtract({ days: 1 }).toString();
    for (const [path, book] of Object.entries(bookers)) {
      expect(await book(c, at(yesterday, "10:00")), path).toMatchObject({ ok: false, status: 400, message: "That time is in the past." });
    }
  });
});

describe("the free times a move is offered", () => {
  it("leave the visit's own time out (what its buffer blocked is offered), and every time offered is accepted", async () => {
    const c = await clinic("rules-free");
    await withTenant(c.orgId, async (tx) => {
      const { membershipsRepo } = await import("@/lib/memberships/repository");
      await membershipsRepo(tx, c.orgId).add({ userId: staff.id, role: "staff" });
    });
    const id = await appointmentAt(c, at(c.day, "10:00"));
    arriveAs({ host: c.host, path: "/schedule", session: staff.session });
    const query = { type: c.typeId, provider: c.providerId, from: c.day, to: c.day };
    const plain = await freeTimesAction(query);
    const moving = await freeTimesAction({ ...query, moving: id });
    const clocks = (r: typeof plain) => (r.ok ? r.data.data.map((s) => clockOf(new Date(s.startsAt))) : []);
    // Without the visit: 10:00 itself and 10:30 (inside its 10-minute buffer) are free for it.
    expect(clocks(plain)).not.toContain("10:30");
    expect(clocks(moving)).toEqual(expect.arrayContaining(["09:00", "09:30", "10:00", "10:30", "16:30"]));
    expect(await move("the staff schedule (drag or reschedule)", c, id, at(c.day, "10:30"))).toEqual({ ok: true });
  });
});
