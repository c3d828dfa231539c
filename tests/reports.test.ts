import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { waitlistEntries, waitlistOffers } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { locationsRepo, providerLocationsRepo } from "@/lib/locations/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import type { AppointmentReport } from "@/lib/reports/service";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { appointmentReportAction, nextAvailableAction, reportCsvAction } = await import("@/app/org/[org]/(staff)/reports/actions");
const reportRoute = await import("@/app/api/v1/reports/route");
const exportRoute = await import("@/app/api/v1/reports/export/route");
const nextRoute = await import("@/app/api/v1/reports/next-available/route");

const TZ = "America/New_York";
const PAGE = "/reports";
const today = Temporal.Now.plainDateISO(TZ);
const day = (offset: number) => today.add({ days: offset }).toString();
const at = (offset: number, time: string) =>
  new Date(today.add({ days: offset }).toZonedDateTime({ timeZone: TZ, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds);
const RANGE = { from: day(0), to: day(6) };

type Clinic = { checkupTypeId: string; adminKey: string; staffKey: string };

/**
 * Eight appointments inside the week (one of each outcome, three cancellations — one of them late —
 * three booked online, one on the last day at 23:30), one just after it, open every day 09:00–17:00
 * with two hours off, a claimed and an expired waiting-list offer.
 */
async function fillClinic(h: Hospitals["a"]): Promise<Clinic> {
  return withTenant(h.orgId, async (tx) => {
    const open = { start: "09:00", end: "17:00", isOpen: true };
    const businessHours = { monday: open, tuesday: open, wednesday: open, thursday: open, friday: open, saturday: open, sunday: open };
    await organizationRepo(tx, h.orgId).updateSettings({ patch: { businessHours } });
    const checkup = await appointmentTypesRepo(tx, h.orgId).create({ input: { name: "Checkup", durationMinutes: 60 } });
    const repo = appointmentsRepo(tx, h.orgId);
    const base = { patientId: h.patientId, providerId: h.providerId, appointmentTypeId: h.typeId };
    const add = async (startsAt: Date, minutes: number, extra: Record<string, unknown> = {}) =>
      repo.create({ input: { ...base, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), ...extra } });
    await add(at(2, "10:00"), 30, { status: "completed", bookedVia: "online" });
    await add(at(2, "11:00"), 30, { status: "no_show" });
    await add(at(2, "12:00"), 30, { status: "checked_in", bookedVia: "online" });
    await add(at(3, "10:00"), 60, { appointmentTypeId: checkup.id });
    const byPatient = await add(at(3, "13:00"), 30);
    await repo.cancel({ id: byPatient.id, by: "patient" });
    const byStaff = await add(at(4, "09:00"), 30);
    await repo.cancel({ id: byStaff.id, by: "staff" });
    await add(at(6, "23:30"), 29, { bookedVia: "online" });
    const late = await add(new Date(Date.now() + 6 * 3_600_000), 30);
    await repo.cancel({ id: late.id, by: "patient" });
    await add(at(7, "00:30"), 30); // the day after the range
    await providerAvailabilityRepo(tx, h.orgId).addTimeOff({ providerId: h.providerId, startsAt: at(5, "10:00"), endsAt: at(5, "12:00") });
    const [entry] = await tx
      .insert(waitlistEntries)
      .values({ organizationId: h.orgId, patientId: h.patientId, appointmentTypeId: h.typeId, earliestDate: day(1), latestDate: day(6) })
      .returning();
    for (const [status, hour] of [
      ["claimed", "14:00"],
      ["expired", "15:00"],
    ] as const) {
      await tx.insert(waitlistOffers).values({
        organizationId: h.orgId,
        entryId: entry!.id,
        providerId: h.providerId,
        appointmentTypeId: h.typeId,
        startsAt: at(4, hour),
        endsAt: at(4, hour.replace(":00", ":30")),
        tokenHash: `${status}-${h.orgId}`,
        status,
        expiresAt: at(3, "12:00"),
      });
    }
    const adminKey = await createApiKey(tx, h.orgId, { name: "bi", role: "admin", createdBy: null });
    const staffKey = await createApiKey(tx, h.orgId, { name: "desk", role: "staff", createdBy: null });
    return { checkupTypeId: checkup.id, adminKey: adminKey.token, staffKey: staffKey.token };
  });
}

let h: Hospitals;
let a: Clinic;
let b: Clinic;
beforeAll(async () => {
  h = await twoHospitals("reports");
  a = await fillClinic(h.a);
  b = await fillClinic(h.b);
});
const hospitals = () => h;

async function reportOfA(
  query: Partial<{ from: string; to: string; provider: string; type: string; location: string }> = {},
): Promise<AppointmentReport> {
  const admin = await h.memberOfA("admin");
  arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
  const result = await appointmentReportAction({ ...RANGE, ...query });
  if (!result.ok) throw new Error(`${result.code}: ${result.formError}`);
  return result.data;
}

describe("reports: attackers and roles", () => {
  actionAttacks("appointmentReportAction", hospitals, {
    page: PAGE,
    valid: () => appointmentReportAction(RANGE),
    foreignIds: (h) => appointmentReportAction({ ...RANGE, provider: h.b.providerId }),
    invalid: () => appointmentReportAction({ from: day(5), to: day(1) }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("reportCsvAction", hospitals, {
    page: PAGE,
    valid: () => reportCsvAction({ ...RANGE, table: "providers" }),
    foreignIds: (h) => reportCsvAction({ ...RANGE, type: h.b.typeId, table: "types" }),
    invalid: () => reportCsvAction({ ...RANGE, table: "patients" as never }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("nextAvailableAction", hospitals, {
    page: PAGE,
    valid: () => nextAvailableAction({}),
    invalid: () => nextAvailableAction({ provider: "someone" }),
    allowed: "owner",
    refused: "clinician",
  });
});

describe("the appointments report", () => {
  it("counts the week's appointments by outcome, who cancelled and how late, online share, utilisation and waiting-list fills", async () => {
    const report = await reportOfA();
    expect(report.timeZone).toBe(TZ);
    const { totals } = report;
    expect(totals).toMatchObject({
      appointments: 8,
      completed: 1,
      checkedIn: 1,
      noShows: 1,
      cancelled: 3,
      cancelledByPatient: 2,
      cancelledByStaff: 1,
      lateCancellations: 1,
      online: 3,
      bookedMinutes: 30 + 30 + 30 + 60 + 29,
      // Seven days of 8 hours, less two hours off.
      availableMinutes: 7 * 480 - 120,
      waitlistFills: 1,
    });
    expect(totals.noShowRate).toBeCloseTo(1 / 3);
    expect(totals.cancellationRate).toBeCloseTo(3 / 8);
    expect(totals.onlineShare).toBeCloseTo(3 / 8);
    expect(totals.utilisation).toBeCloseTo(179 / 3240);
    expect(totals.medianCancellationLeadHours).toBeGreaterThan(24);
  });

  it("splits the same figures per day (the organization's days), per provider and per type", async () => {
    const report = await reportOfA();
    expect(report.days.map((d) => d.date)).toEqual([0, 1, 2, 3, 4, 5, 6].map(day));
    expect(report.days.reduce((n, d) => n + d.appointments, 0)).toBe(8);
    expect(report.days.find((d) => d.date === day(2))).toMatchObject({ appointments: 3, completed: 1, noShows: 1, checkedIn: 1 });
    // 23:30 on the last day is in; 00:30 the day after is not.
    expect(report.days.find((d) => d.date === day(6))).toMatchObject({ appointments: 1, bookedMinutes: 29 });
    expect(report.days.find((d) => d.date === day(5))).toMatchObject({ availableMinutes: 360 });
    expect(report.providers).toEqual([expect.objectContaining({ id: h.a.providerId, appointments: 8, availableMinutes: 3240 })]);
    const byType = new Map(report.types.map((t) => [t.name, t.appointments]));
    expect(byType).toEqual(
      new Map([
        ["Visit", 7],
        ["Checkup", 1],
      ]),
    );
  });

  it("filters by type and provider, and never counts another hospital's appointments", async () => {
    // Bookable time is not split by type: with a type filter there is no utilisation to give.
    expect((await reportOfA({ type: a.checkupTypeId })).totals).toMatchObject({
      appointments: 1,
      bookedMinutes: 60,
      waitlistFills: 0,
      utilisation: null,
    });
    expect((await reportOfA({ provider: h.a.providerId })).totals.appointments).toBe(8);
    // Hospital B has the very same week; A's figures above would double if any of it leaked.
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
    expect(await appointmentReportAction({ ...RANGE, type: b.checkupTypeId })).toMatchObject({
      ok: false,
      code: "not_found:appointment_type",
    });
  });

  it("counts by the organization's days across the spring-forward change (a 23-hour day)", async () => {
    const local = (date: string, time: string) =>
      new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: TZ, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds);
    await withTenant(h.a.orgId, async (tx) => {
      const repo = appointmentsRepo(tx, h.a.orgId);
      const base = { patientId: h.a.patientId, providerId: h.a.providerId, appointmentTypeId: h.a.typeId };
      for (const [date, time] of [
        ["2027-03-14", "01:30"], // before the clocks jump from 02:00 to 03:00
        ["2027-03-14", "23:30"],
        ["2027-03-15", "00:30"], // the next day
      ] as const) {
        const startsAt = local(date, time);
        await repo.create({ input: { ...base, startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000) } });
      }
    });
    const report = await reportOfA({ from: "2027-03-13", to: "2027-03-14" });
    expect(report.days).toEqual([
      expect.objectContaining({ date: "2027-03-13", appointments: 0, availableMinutes: 480 }),
      expect.objectContaining({ date: "2027-03-14", appointments: 2, bookedMinutes: 40, availableMinutes: 480 }),
    ]);
    expect(report.totals.utilisation).toBeCloseTo(40 / 960);
  });

  it("refuses a range that ends before it starts or is longer than a year, with the field named", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
    const backwards = await appointmentReportAction({ from: day(3), to: day(1) });
    expect(backwards).toMatchObject({ ok: false, code: "validation", fieldErrors: { to: ["The last day must not be before the first."] } });
    const tooLong = await appointmentReportAction({ from: day(0), to: day(400) });
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { to: ["A report covers at most 366 days."] } });
    expect(await appointmentReportAction({ from: "2026-02-30", to: day(1) })).toMatchObject({ ok: false, code: "validation" });
  });

  it("exports each table as CSV, with a header row and the same figures", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
    const file = await reportCsvAction({ ...RANGE, table: "providers" });
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.data.filename).toBe(`appointments-by-provider-${RANGE.from}-to-${RANGE.to}.csv`);
    const [header, row] = file.data.csv.split("\r\n");
    expect(header).toMatch(/^provider,appointments,completed,/);
    expect(row).toMatch(/,8,1,1,1,33\.3,3,2,1,1,/);
    const days = await reportCsvAction({ ...RANGE, table: "days" });
    expect(days.ok && days.data.csv.trim().split("\r\n")).toHaveLength(8);
  });

  it("gives the first free time per active type, as staff would book it", async () => {
    const owner = await h.memberOfA("owner");
    arriveAs({ host: h.a.host, path: PAGE, session: owner.session });
    const result = await nextAvailableAction({});
    expect(result.ok).toBe(true);
    const rows = result.ok ? result.data : [];
    expect(rows.map((r) => r.typeName).sort()).toEqual(["Checkup", "Visit"]);
    for (const r of rows) {
      expect(r.startsAt).not.toBeNull();
      expect(r.providerId).toBe(h.a.providerId);
      expect(r.hours).toBeGreaterThanOrEqual(0);
      expect(r.hours).toBeLessThan(7 * 24);
    }
  });
});

describe("/api/v1/reports", () => {
  const get = (
    route: { GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> },
    host: string,
    path: string,
    key: string,
  ) => {
    const headers = { authorization: `Bearer ${key}` };
    arriveAs({ host, path, session: null, headers });
    return route.GET(new Request(`http://${host}${path}`, { headers }), { params: Promise.resolve({}) });
  };
  const query = `?from=${RANGE.from}&to=${RANGE.to}`;

  it("answers an administrator's key with the report, the CSV and the next free times", async () => {
    const json = await get(reportRoute, h.a.host, `/api/v1/reports${query}`, a.adminKey);
    expect(json.status).toBe(200);
    expect(((await json.json()) as { data: AppointmentReport }).data.totals.appointments).toBe(8);
    const csv = await get(exportRoute, h.a.host, `/api/v1/reports/export${query}&table=types`, a.adminKey);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="appointments-by-type-${RANGE.from}-to-${RANGE.to}.csv"`);
    expect(await csv.text()).toMatch(/^appointment_type,appointments,/);
    expect((await get(nextRoute, h.a.host, "/api/v1/reports/next-available", a.adminKey)).status).toBe(200);
    expect((await get(reportRoute, h.a.host, `/api/v1/reports?from=${day(3)}&to=${day(1)}`, a.adminKey)).status).toBe(400);
    expect((await get(exportRoute, h.a.host, `/api/v1/reports/export${query}&table=patients`, a.adminKey)).status).toBe(400);
  });

  it("refuses a front-desk key and another hospital's key, and another hospital's ids are 404; nothing changes", async () => {
    // Each key's first use is noted on it: use them once before taking the fingerprints.
    expect((await get(reportRoute, h.b.host, `/api/v1/reports${query}`, b.adminKey)).status).toBe(200);
    expect((await get(nextRoute, h.a.host, "/api/v1/reports/next-available", a.staffKey)).status).toBe(403);
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    expect((await get(reportRoute, h.a.host, `/api/v1/reports${query}`, a.staffKey)).status).toBe(403);
    expect((await get(exportRoute, h.a.host, `/api/v1/reports/export${query}`, a.staffKey)).status).toBe(403);
    const foreign = await get(reportRoute, h.a.host, `/api/v1/reports${query}`, b.adminKey);
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain("appointments");
    expect((await get(nextRoute, h.a.host, "/api/v1/reports/next-available", b.adminKey)).status).toBe(403);
    expect((await get(reportRoute, h.a.host, `/api/v1/reports${query}&provider=${h.b.providerId}`, a.adminKey)).status).toBe(404);
    expect((await get(exportRoute, h.a.host, `/api/v1/reports/export${query}&type=${h.b.typeId}`, a.adminKey)).status).toBe(404);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });
});

describe("the report at one location", () => {
  // A week of its own, two months on: each weekday once. Hospital A has Downtown (the main
  // location) and Westside, where its provider works on Mondays and Tuesdays; hospital B has a
  // location of its own.
  const WEEK = { from: day(60), to: day(66) };
  const monday = [60, 61, 62, 63, 64, 65, 66].find((n) => today.add({ days: n }).dayOfWeek === 1)!;
  let downtown: string;
  let westside: string;
  let elsewhere: string;

  beforeAll(async () => {
    [downtown, westside] = await withTenant(h.a.orgId, async (tx) => {
      const places = locationsRepo(tx, h.a.orgId);
      const main = await places.create({ input: { name: "Downtown", timeZone: TZ } });
      const west = await places.create({ input: { name: "Westside", timeZone: TZ } });
      await providerLocationsRepo(tx, h.a.orgId).replace({
        providerId: h.a.providerId,
        days: [1, 2].map((weekday) => ({ weekday, locationId: west.id })),
      });
      const repo = appointmentsRepo(tx, h.a.orgId);
      const base = { patientId: h.a.patientId, providerId: h.a.providerId, appointmentTypeId: h.a.typeId };
      const add = (offset: number, time: string, minutes: number, locationId: string | null) =>
        repo.create({
          input: { ...base, locationId, startsAt: at(offset, time), endsAt: new Date(at(offset, time).getTime() + minutes * 60_000) },
        });
      const nonMonday = [60, 61, 62, 63, 64, 65, 66].filter((n) => ![1, 2].includes(today.add({ days: n }).dayOfWeek));
      for (const [i, offset] of nonMonday.slice(0, 3).entries()) await add(offset, `1${i}:00`, 30, main.id);
      const filled = await add(monday, "10:00", 60, west.id);
      const cancelled = await add(monday, "14:00", 30, west.id);
      await repo.cancel({ id: cancelled.id, by: "patient" });
      await add(nonMonday[3]!, "09:00", 20, null);
      const [entry] = await tx
        .insert(waitlistEntries)
        .values({
          organizationId: h.a.orgId,
          patientId: h.a.patientId,
          appointmentTypeId: h.a.typeId,
          earliestDate: WEEK.from,
          latestDate: WEEK.to,
        })
        .returning();
      await tx.insert(waitlistOffers).values({
        organizationId: h.a.orgId,
        entryId: entry!.id,
        providerId: h.a.providerId,
        appointmentTypeId: h.a.typeId,
        appointmentId: filled.id,
        startsAt: filled.startsAt,
        endsAt: filled.endsAt,
        tokenHash: `westside-${h.a.orgId}`,
        status: "claimed",
        expiresAt: at(monday - 1, "12:00"),
      });
      return [main.id, west.id];
    });
    elsewhere = await withTenant(
      h.b.orgId,
      async (tx) => (await locationsRepo(tx, h.b.orgId).create({ input: { name: "Downtown", timeZone: TZ } })).id,
    );
  });

  it("counts only the visits held there, and the provider's bookable minutes on the weekdays they work there", async () => {
    const all = (await reportOfA(WEEK)).totals;
    expect(all).toMatchObject({
      appointments: 6,
      cancelled: 1,
      bookedMinutes: 3 * 30 + 60 + 20,
      availableMinutes: 7 * 480,
      waitlistFills: 1,
    });

    const west = await reportOfA({ ...WEEK, location: westside });
    expect(west.filters.location).toBe(westside);
    expect(west.totals).toMatchObject({ appointments: 2, cancelled: 1, bookedMinutes: 60, availableMinutes: 2 * 480, waitlistFills: 1 });
    expect(west.totals.utilisation).toBeCloseTo(60 / 960);
    expect(west.days.find((d) => d.date === day(monday))).toMatchObject({ appointments: 2, availableMinutes: 480 });
    expect(west.providers).toEqual([expect.objectContaining({ id: h.a.providerId, appointments: 2, availableMinutes: 960 })]);

    const down = await reportOfA({ ...WEEK, location: downtown });
    expect(down.totals).toMatchObject({ appointments: 3, cancelled: 0, bookedMinutes: 90, availableMinutes: 5 * 480, waitlistFills: 0 });
    expect(down.days.find((d) => d.date === day(monday))).toMatchObject({ appointments: 0, availableMinutes: 0 });

    // With the provider filter as well: the same visits.
    expect((await reportOfA({ ...WEEK, location: westside, provider: h.a.providerId })).totals.appointments).toBe(2);
  });

  it("exports the table at one location", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
    const file = await reportCsvAction({ ...WEEK, location: westside, table: "providers" });
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.data.csv.split("\r\n")[1]).toMatch(/^[^,]+,2,0,0,0,,1,1,0,/);
  });

  it("treats another hospital's location like an unknown provider: not found, nothing told, nothing changed", async () => {
    const admin = await h.memberOfA("admin");
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
    expect(await appointmentReportAction({ ...WEEK, provider: h.b.providerId })).toMatchObject({ ok: false, code: "not_found:provider" });
    expect(await appointmentReportAction({ ...WEEK, location: elsewhere })).toMatchObject({ ok: false, code: "not_found:location" });
    expect(await appointmentReportAction({ ...WEEK, location: crypto.randomUUID() })).toMatchObject({
      ok: false,
      code: "not_found:location",
    });
    expect(await reportCsvAction({ ...WEEK, location: elsewhere, table: "days" })).toMatchObject({ ok: false, code: "not_found:location" });
    expect(await appointmentReportAction({ ...WEEK, location: "downtown" })).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { location: ["location must be a location id."] },
    });

    const headers = { authorization: `Bearer ${a.adminKey}` };
    const get = (route: typeof reportRoute, path: string) => {
      arriveAs({ host: h.a.host, path, session: null, headers });
      return route.GET(new Request(`http://${h.a.host}${path}`, { headers }), { params: Promise.resolve({}) });
    };
    const query = `?from=${WEEK.from}&to=${WEEK.to}`;
    const byProvider = await get(reportRoute, `/api/v1/reports${query}&provider=${h.b.providerId}`);
    const byLocation = await get(reportRoute, `/api/v1/reports${query}&location=${elsewhere}`);
    expect(byLocation.status).toBe(byProvider.status);
    expect(byLocation.status).toBe(404);
    expect(await byLocation.text()).not.toContain(elsewhere);
    expect((await get(exportRoute, `/api/v1/reports/export${query}&location=${elsewhere}`)).status).toBe(404);
    const own = await get(reportRoute, `/api/v1/reports${query}&location=${westside}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { data: AppointmentReport }).data.totals.appointments).toBe(2);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("gives the first free time at one location, and none at another hospital's", async () => {
    const owner = await h.memberOfA("owner");
    arriveAs({ host: h.a.host, path: PAGE, session: owner.session });
    const west = await nextAvailableAction({ location: westside });
    expect(west.ok).toBe(true);
    for (const r of west.ok ? west.data : []) {
      if (r.startsAt)
        expect([1, 2]).toContain(Temporal.Instant.fromEpochMilliseconds(new Date(r.startsAt).getTime()).toZonedDateTimeISO(TZ).dayOfWeek);
    }
    const foreign = await nextAvailableAction({ location: elsewhere });
    expect(foreign.ok && foreign.data.every((r) => r.startsAt === null)).toBe(true);
  });
});
