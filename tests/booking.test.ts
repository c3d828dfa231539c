import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { findSlots } from "@/lib/scheduling/availability";
import { bookAppointment, cancelAppointment, changeStatus, placeHold, rescheduleAppointment } from "@/lib/scheduling/booking";
import { claimOffer, joinWaitlist } from "@/lib/scheduling/waitlist";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { createOrganization } from "./support/fixtures";

const request = { requestId: "booking-test", ip: "10.1.1.1", userAgent: "vitest" };

type Clinic = { orgId: string; providerId: string; otherProviderId: string; typeId: string; patients: string[]; day: string };

/** A clinic open every day 09:00–17:00 in New York, two providers, 30-minute visits with a 10-minute buffer after. */
async function clinic(prefix: string): Promise<Clinic> {
  const org = await createOrganization(prefix);
  const day = Temporal.Now.plainDateISO("America/New_York").add({ days: 3 }).toString();
  return withTenant(org.id, async (tx) => {
    const hours = { start: "09:00", end: "17:00", isOpen: true };
    await organizationRepo(tx, org.id).updateSettings({
      patch: {
        enableTelehealth: true,
        minimumNoticeMinutes: 60,
        bookingHorizonDays: 30,
        businessHours: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: hours, sunday: hours },
      },
    });
    const p = providersRepo(tx, org.id);
    const provider = await p.create({ input: { name: "Dr. One", offersTelehealth: true } });
    const other = await p.create({ input: { name: "Dr. Two" } });
    const type = await appointmentTypesRepo(tx, org.id).create({
      input: { name: "Visit", durationMinutes: 30, bufferAfterMinutes: 10, telehealthAllowed: true },
    });
    const patients = [];
    for (let i = 0; i < 4; i++) {
      const patient = await patientsRepo(tx, org.id).create({
        input: { mrn: `B-${i}`, firstName: `Pat${i}`, lastName: "Doe", dateOfBirth: "1990-01-01", email: `pat${i}@${prefix}.test` },
      });
      patients.push(patient.id);
    }
    return { orgId: org.id, providerId: provider.id, otherProviderId: other.id, typeId: type.id, patients, day };
  });
}

const at = (day: string, time: string) =>
  new Date(Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime("America/New_York").epochMilliseconds);

const pub = <T>(c: Clinic, fn: Parameters<typeof runAsPublic<T>>[1]) => runAsPublic({ orgId: c.orgId, request }, fn);

/** An online booking at the clinic with its first provider and type unless the test says otherwise. */
const book = (c: Clinic, input: Partial<Parameters<typeof bookAppointment>[1]> & { patientId: string; startsAt: Date }) =>
  pub(c, (ctx) =>
    bookAppointment(ctx, {
      providerId: c.providerId,
      appointmentTypeId: c.typeId,
      mode: "in_person",
      bookedVia: "online",
      online: true,
      ...input,
    }),
  );

let c: Clinic;
beforeAll(async () => {
  c = await clinic("booking");
});

describe("slots and booking", () => {
  it("offers 30-minute slots that respect the buffer of existing bookings", async () => {
    await book(c, { patientId: c.patients[0]!, startsAt: at(c.day, "10:00") });
    const { slots } = await pub(c, (ctx) =>
      findSlots(ctx.tx, ctx.orgId, {
        appointmentTypeId: c.typeId,
        providerId: c.providerId,
        mode: "in_person",
        fromDate: c.day,
        toDate: c.day,
        online: true,
      }),
    );
    const starts = slots.map((s) => s.startsAt.getTime());
    expect(starts).not.toContain(at(c.day, "10:00").getTime());
    expect(starts).not.toContain(at(c.day, "10:30").getTime()); // inside the 10-minute buffer
    expect(starts).toContain(at(c.day, "11:00").getTime());
    // 09:30 would run its own 10-minute buffer into the 10:00 booking; 09:00 is clear.
    expect(starts).not.toContain(at(c.day, "09:30").getTime());
    expect(starts).toContain(at(c.day, "09:00").getTime());
  });

  it("refuses an online booking off the slot grid with the nearest grid times, and a taken time with a clear 409", async () => {
    await expect(book(c, { patientId: c.patients[1]!, startsAt: at(c.day, "12:10") })).rejects.toMatchObject({
      status: 400,
      code: "invalid:starts_at",
      message: "Visit appointments start every 30 minutes from the start of the working day: choose 12:00 or 12:30.",
    });
    await expect(book(c, { patientId: c.patients[1]!, startsAt: at(c.day, "10:00") })).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses telehealth with a provider who does not offer it", async () => {
    await expect(
      book(c, { patientId: c.patients[1]!, providerId: c.otherProviderId, startsAt: at(c.day, "14:00"), mode: "telehealth" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("gives telehealth bookings an unguessable room and queues a confirmation with an .ics", async () => {
    const appt = await book(c, { patientId: c.patients[2]!, startsAt: at(c.day, "15:00"), mode: "telehealth" });
    expect(appt.telehealthRoom).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const outbox = await withTenant(c.orgId, (tx) =>
      tx.execute<{ kind: string; ics_content: string; body_text: string }>(
        sql`select kind, ics_content, body_text from notifications where appointment_id = ${appt.id}`,
      ),
    );
    expect(outbox.map((r) => r.kind)).toEqual(["confirmation"]);
    expect(outbox[0]!.ics_content).toContain("BEGIN:VCALENDAR");
    expect(outbox[0]!.body_text).toContain(appt.telehealthRoom!);
  });
});

describe("holds", () => {
  it("a hold keeps the slot from others, but lets its holder book it", async () => {
    const k = await clinic("holds");
    const startsAt = at(k.day, "11:00");
    const hold = await pub(k, (ctx) =>
      placeHold(ctx, { providerId: k.providerId, appointmentTypeId: k.typeId, startsAt, mode: "in_person" }),
    );
    await expect(
      pub(k, (ctx) => placeHold(ctx, { providerId: k.providerId, appointmentTypeId: k.typeId, startsAt, mode: "in_person" })),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      pub(k, (ctx) =>
        bookAppointment(ctx, {
          patientId: k.patients[1]!,
          providerId: k.providerId,
          appointmentTypeId: k.typeId,
          startsAt,
          mode: "in_person",
          bookedVia: "staff",
          online: false,
        }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    const booked = await pub(k, (ctx) =>
      bookAppointment(ctx, {
        patientId: k.patients[0]!,
        providerId: k.providerId,
        appointmentTypeId: k.typeId,
        startsAt,
        mode: "in_person",
        bookedVia: "online",
        online: true,
        holdToken: hold.token,
      }),
    );
    expect(booked.startsAt.getTime()).toBe(startsAt.getTime());
  });
});

describe("lifecycle", () => {
  it("follows scheduled → confirmed → checked_in → completed and refuses going back", async () => {
    const k = await clinic("lifecycle");
    const appt = await book(k, { patientId: k.patients[0]!, startsAt: at(k.day, "09:00"), bookedVia: "staff", online: false });
    for (const to of ["confirmed", "checked_in", "completed"] as const) {
      expect((await pub(k, (ctx) => changeStatus(ctx, { id: appt.id, to }))).status).toBe(to);
    }
    await expect(pub(k, (ctx) => changeStatus(ctx, { id: appt.id, to: "confirmed" }))).rejects.toMatchObject({
      message: "An appointment that is completed cannot become confirmed.",
    });
    await expect(pub(k, (ctx) => cancelAppointment(ctx, { id: appt.id, by: "staff" }))).rejects.toBeInstanceOf(ValidationError);
  });

  it("reschedules atomically: a taken new time leaves the old one in place", async () => {
    const k = await clinic("reschedule");
    const a = await book(k, { patientId: k.patients[0]!, startsAt: at(k.day, "09:00"), bookedVia: "staff", online: false });
    await book(k, { patientId: k.patients[1]!, startsAt: at(k.day, "13:00"), bookedVia: "staff", online: false });
    await expect(
      pub(k, (ctx) => rescheduleAppointment(ctx, { id: a.id, startsAt: at(k.day, "13:00"), online: false })),
    ).rejects.toBeInstanceOf(ConflictError);
    const still = await withTenant(k.orgId, (tx) =>
      tx.execute<{ starts_at: Date }>(sql`select starts_at from appointments where id = ${a.id}`),
    );
    expect(new Date(still[0]!.starts_at).getTime()).toBe(at(k.day, "09:00").getTime());
    const moved = await pub(k, (ctx) => rescheduleAppointment(ctx, { id: a.id, startsAt: at(k.day, "14:00"), online: true }));
    expect(moved.startsAt.getTime()).toBe(at(k.day, "14:00").getTime());
    // The old time is free again.
    await book(k, { patientId: k.patients[2]!, startsAt: at(k.day, "09:00") });
  });
});

describe("waitlist", () => {
  it("offers a cancelled slot to waiting patients; the first claim wins, the others see it is gone", async () => {
    const k = await clinic("waitlist");
    const startsAt = at(k.day, "10:00");
    const appt = await pub(k, (ctx) =>
      bookAppointment(ctx, {
        patientId: k.patients[0]!,
        providerId: k.providerId,
        appointmentTypeId: k.typeId,
        startsAt,
        mode: "in_person",
        bookedVia: "staff",
        online: false,
      }),
    );
    for (const patientId of [k.patients[1]!, k.patients[2]!]) {
      await pub(k, (ctx) => joinWaitlist(ctx, { patientId, appointmentTypeId: k.typeId, earliestDate: k.day, latestDate: k.day }));
    }
    await pub(k, (ctx) => cancelAppointment(ctx, { id: appt.id, reason: "Patient is travelling", by: "patient" }));

    const offers = await withTenant(k.orgId, (tx) =>
      tx.execute<{ body_text: string; to_email: string }>(
        sql`select body_text, to_email from notifications where kind = 'waitlist_offer' order by to_email`,
      ),
    );
    expect(offers.map((o) => o.to_email)).toEqual(["pat1@waitlist.test", "pat2@waitlist.test"]);
    const tokens = offers.map((o) => /\/waitlist\/claim\/([A-Za-z0-9_-]+)/.exec(o.body_text)![1]!);

    const book =
      (ctx: Parameters<Parameters<typeof runAsPublic>[1]>[0]) =>
      (input: { patientId: string; providerId: string; appointmentTypeId: string; startsAt: Date }) =>
        bookAppointment(ctx, { ...input, mode: "in_person", bookedVia: "online", online: false });
    const won = await pub(k, (ctx) => claimOffer(ctx, tokens[1]!, book(ctx)));
    expect(won.patientId).toBe(k.patients[2]);
    await expect(pub(k, (ctx) => claimOffer(ctx, tokens[0]!, book(ctx)))).rejects.toMatchObject({ code: "conflict:offer_gone" });
    await expect(pub(k, (ctx) => claimOffer(ctx, tokens[1]!, book(ctx)))).rejects.toMatchObject({ code: "conflict:offer_gone" });
  });
});

describe("provider availability rules", () => {
  it("only offers types a provider offers, within their hours, minus time off", async () => {
    const k = await clinic("rules");
    const second = await withTenant(k.orgId, (tx) =>
      appointmentTypesRepo(tx, k.orgId).create({ input: { name: "Long", durationMinutes: 60 } }),
    );
    await withTenant(k.orgId, async (tx) => {
      const avail = providerAvailabilityRepo(tx, k.orgId);
      await avail.setOfferedTypes({ providerId: k.providerId, typeIds: [second.id] });
      await avail.replaceWeeklyHours({
        providerId: k.otherProviderId,
        hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: "09:00", endTime: "11:00" })),
      });
      await avail.addTimeOff({ providerId: k.otherProviderId, startsAt: at(k.day, "09:00"), endsAt: at(k.day, "10:00") });
    });
    const visit = await pub(k, (ctx) =>
      findSlots(ctx.tx, ctx.orgId, { appointmentTypeId: k.typeId, mode: "in_person", fromDate: k.day, toDate: k.day, online: true }),
    );
    expect(new Set(visit.slots.map((s) => s.providerId))).toEqual(new Set([k.otherProviderId]));
    expect(visit.slots.map((s) => s.startsAt.getTime())).toEqual([at(k.day, "10:00").getTime(), at(k.day, "10:30").getTime()]);
  });
});
