// Slot search reads bookings and holds as packed blocked intervals and sends its reads together;
// the slots it offers must be exactly those the Date-based reads and the engine give.
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { findSlots, schedulingFacts, type SlotQuery } from "@/lib/scheduling/availability";
import { rulesFor } from "@/lib/scheduling/booking-rules";
import { placeHold } from "@/lib/scheduling/booking";
import { holdsRepo } from "@/lib/scheduling/holds-repository";
import { computeSlots, mergeAnyProvider } from "@/lib/scheduling/slots";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { dayBounds } from "@/lib/time/calendar";
import { createOrganization } from "./support/fixtures";

const TZ = "America/New_York";
const request = { requestId: "slot-search-test", ip: null, userAgent: "vitest" };

type Setup = { orgId: string; providers: string[]; typeId: string; moving: string; fromDate: string; toDate: string };

let s: Setup;

beforeAll(async () => {
  const org = await createOrganization("slot-search");
  const fromDate = Temporal.Now.plainDateISO(TZ).add({ days: 2 }).toString();
  // Spans a daylight-saving change whenever it falls in the next two weeks; not required.
  const toDate = Temporal.PlainDate.from(fromDate).add({ days: 13 }).toString();
  const start = dayBounds(fromDate, TZ).from.getTime();
  s = await withTenant(org.id, async (tx) => {
    const hours = { start: "08:00", end: "18:00", isOpen: true };
    await organizationRepo(tx, org.id).updateSettings({
      patch: {
        minimumNoticeMinutes: 0,
        bookingHorizonDays: 60,
        businessHours: {
          monday: hours,
          tuesday: hours,
          wednesday: hours,
          thursday: hours,
          friday: hours,
          saturday: hours,
          sunday: { ...hours, isOpen: false },
        },
      },
    });
    const a = await providersRepo(tx, org.id).create({ input: { name: "Dr. A" } });
    const b = await providersRepo(tx, org.id).create({ input: { name: "Dr. B" } });
    await providerAvailabilityRepo(tx, org.id).replaceWeeklyHours({
      providerId: b.id,
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: "09:30", endTime: "16:15" })),
    });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 25, bufferAfterMinutes: 5 } });
    const patient = await patientsRepo(tx, org.id).create({
      input: { mrn: "S-1", firstName: "S", lastName: "P", dateOfBirth: "1990-01-01" },
    });
    const repo = appointmentsRepo(tx, org.id);
    let moving = "";
    for (let i = 0; i < 60; i++) {
      const providerId = i % 2 === 0 ? a.id : b.id;
      // Odd lengths and buffers, some cancelled (free again), one ending a fraction of a millisecond late.
      const startsAt = new Date(start + i * 5 * 3_600_000 + 7 * 60_000);
      const row = await repo.create({
        input: {
          patientId: patient.id,
          providerId,
          appointmentTypeId: type.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + (20 + (i % 4) * 10) * 60_000),
          bufferBeforeMinutes: i % 3 === 0 ? 15 : 0,
          bufferAfterMinutes: i % 5 === 0 ? 10 : 0,
        },
      });
      if (i % 7 === 0) await repo.cancel({ id: row.id, by: "staff" });
      if (i === 4) {
        // Microseconds past a minute boundary: a Date keeps only whole milliseconds.
        await tx.execute(sql`update appointments set ends_at = ends_at + interval '999 microseconds' where id = ${row.id}`);
      }
      if (i === 10) moving = row.id;
    }
    await providerAvailabilityRepo(tx, org.id).addTimeOff({
      providerId: a.id,
      startsAt: new Date(start + 30 * 3_600_000),
      endsAt: new Date(start + 40 * 3_600_000),
    });
    return { orgId: org.id, providers: [a.id, b.id], typeId: type.id, moving, fromDate, toDate };
  });
  const open = await withTenant(s.orgId, (tx) =>
    findSlots(tx, s.orgId, {
      appointmentTypeId: s.typeId,
      providerId: s.providers[0],
      mode: "in_person",
      fromDate: s.fromDate,
      toDate: s.toDate,
      online: false,
    }),
  );
  const held = open.slots[5]!.startsAt;
  await runAsPublic({ orgId: s.orgId, request }, (ctx) =>
    placeHold(ctx, { providerId: s.providers[0]!, appointmentTypeId: s.typeId, startsAt: held, mode: "in_person" }),
  );
});

/** What slot search gave before it read packed intervals: Date rows, filtered in memory. */
async function reference(tx: TenantTx, query: SlotQuery) {
  const now = query.now!;
  const facts = await schedulingFacts(tx, s.orgId, query);
  const from = dayBounds(query.fromDate, TZ).from;
  const to = dayBounds(query.toDate, TZ).to;
  const ids = facts.providers.map((p) => p.id);
  const avail = providerAvailabilityRepo(tx, s.orgId);
  const hours = await avail.weeklyHours({ providerIds: ids });
  const overrides = await avail.overrides({ providerIds: ids, fromDate: query.fromDate, toDate: query.toDate });
  const timeOff = await avail.timeOff({ providerIds: ids, from, to });
  const busy = (await appointmentsRepo(tx, s.orgId).listBusy({ providerIds: ids, from, to })).filter(
    (b) => b.id !== query.movingAppointmentId,
  );
  const holds = await holdsRepo(tx, s.orgId).liveForProviders({ providerIds: ids, from, to, now });
  const req = { ...rulesFor(facts, query.online ? "patient" : "staff", now), fromDate: query.fromDate, toDate: query.toDate };
  const per = facts.providers.map((p) =>
    computeSlots(req, {
      providerId: p.id,
      weeklyHours: hours.filter((h) => h.providerId === p.id),
      overrides: overrides.filter((o) => o.providerId === p.id),
      timeOff: timeOff.filter((t) => t.providerId === p.id),
      busy: [...busy.filter((b) => b.providerId === p.id), ...holds.filter((h) => h.providerId === p.id)],
    }),
  );
  return query.providerId ? (per[0] ?? []) : mergeAnyProvider(per);
}

describe("slot search", () => {
  it("offers exactly the slots of the row-by-row reads, for one provider, any provider, and while moving a booking", async () => {
    const now = new Date();
    const base = { appointmentTypeId: s.typeId, mode: "in_person" as const, fromDate: s.fromDate, toDate: s.toDate, online: false, now };
    const queries: SlotQuery[] = [
      { ...base, providerId: s.providers[0] },
      { ...base, providerId: s.providers[1] },
      { ...base },
      { ...base, providerId: s.providers[0], movingAppointmentId: s.moving },
      { ...base, movingAppointmentId: s.moving },
    ];
    for (const query of queries) {
      const [got, want] = await withTenant(s.orgId, async (tx) => [
        (await findSlots(tx, s.orgId, query)).slots,
        await reference(tx, query),
      ]);
      expect(want.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    }
  });

  it("packs only this organization's bookings", async () => {
    const other = await createOrganization("slot-search-other");
    const from = dayBounds(s.fromDate, TZ).from;
    const to = dayBounds(s.toDate, TZ).to;
    const mine = await withTenant(s.orgId, (tx) => appointmentsRepo(tx, s.orgId).busyBlocks({ providerIds: s.providers, from, to }));
    expect(mine.length).toBeGreaterThan(0);
    // The same intervals, to the millisecond, as the Date rows with their buffers applied.
    const rows = await withTenant(s.orgId, (tx) => appointmentsRepo(tx, s.orgId).listBusy({ providerIds: s.providers, from, to }));
    const asDates = rows.map((r) => ({
      providerId: r.providerId,
      start: r.startsAt.getTime() - r.bufferBeforeMinutes * 60_000,
      end: r.endsAt.getTime() + r.bufferAfterMinutes * 60_000,
    }));
    const order = (xs: { providerId: string; start: number; end: number }[]) =>
      [...xs].sort((a, b) => a.start - b.start || a.end - b.end || a.providerId.localeCompare(b.providerId));
    expect(order(mine)).toEqual(order(asDates));
    // The same provider ids from another tenant: the filter and the policy both leave nothing.
    const theirs = await withTenant(other.id, (tx) => appointmentsRepo(tx, other.id).busyBlocks({ providerIds: s.providers, from, to }));
    expect(theirs).toEqual([]);
    const crossed = await withTenant(other.id, (tx) => appointmentsRepo(tx, s.orgId).busyBlocks({ providerIds: s.providers, from, to }));
    expect(crossed).toEqual([]);
  });
});
