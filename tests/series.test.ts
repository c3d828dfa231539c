import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { previewSeriesAction, bookSeriesAction, cancelSeriesFromAction, rescheduleSeriesFromAction, appointmentDetailAction } =
  await import("@/app/org/[org]/(staff)/schedule/actions");
const seriesRoute = await import("@/app/api/v1/appointment-series/route");
const followingRoute = await import("@/app/api/v1/appointments/[id]/cancel-following/route");

const TZ = "America/New_York";
const PAGE = "/schedule";
// Mondays from next week on, at 10:00 (open every day 09:00–17:00).
const firstMonday = (() => {
  let d = Temporal.Now.plainDateISO(TZ).add({ days: 7 });
  while (d.dayOfWeek !== 1) d = d.add({ days: 1 });
  return d;
})();
const at = (weeks: number, time: string) =>
  new Date(firstMonday.add({ weeks }).toZonedDateTime({ timeZone: TZ, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds);

let h: Hospitals;
let keyA: string;
let keyB: string;
beforeAll(async () => {
  h = await twoHospitals("series");
  const open = { start: "09:00", end: "17:00", isOpen: true };
  const businessHours = { monday: open, tuesday: open, wednesday: open, thursday: open, friday: open, saturday: open, sunday: open };
  for (const w of [h.a, h.b]) {
    await withTenant(w.orgId, (tx) => organizationRepo(tx, w.orgId).updateSettings({ patch: { businessHours } }));
  }
  // Week 2's 10:00 is already taken with this provider.
  await withTenant(h.a.orgId, (tx) =>
    appointmentsRepo(tx, h.a.orgId).create({
      input: {
        patientId: h.a.patientId,
        providerId: h.a.providerId,
        appointmentTypeId: h.a.typeId,
        startsAt: at(2, "10:00"),
        endsAt: at(2, "10:30"),
      },
    }),
  );
  keyA = (await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "ehr", role: "staff", createdBy: null }))).token;
  keyB = (await withTenant(h.b.orgId, (tx) => createApiKey(tx, h.b.orgId, { name: "ehr", role: "staff", createdBy: null }))).token;
});
const hospitals = () => h;

const plan = (w: Hospitals["a"], rule: { intervalWeeks: number; count?: number; until?: string } = { intervalWeeks: 1, count: 4 }) => ({
  patientId: w.patientId,
  providerId: w.providerId,
  appointmentTypeId: w.typeId,
  startDate: firstMonday.toString(),
  startTime: "10:00",
  rule,
});

async function asDesk() {
  const desk = await h.memberOfA("staff");
  arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
  return desk;
}

async function seriesRows(orgId: string, seriesId: string) {
  return asOwner(
    (sql) => sql<{ id: string; starts_at: Date; status: string }[]>`
      select id, starts_at, status from appointments where organization_id = ${orgId} and series_id = ${seriesId} order by starts_at`,
  );
}

describe("series actions: attackers", () => {
  actionAttacks("previewSeriesAction", hospitals, {
    page: PAGE,
    valid: (h) => previewSeriesAction(plan(h.a)),
    foreignIds: (h) => previewSeriesAction({ ...plan(h.a), patientId: h.b.patientId }),
    invalid: (h) => previewSeriesAction({ ...plan(h.a), rule: { intervalWeeks: 0 } }),
    allowed: "staff",
  });

  actionAttacks("bookSeriesAction", hospitals, {
    page: PAGE,
    valid: (h) =>
      bookSeriesAction({ ...plan(h.a, { intervalWeeks: 1, count: 2 }), startTime: "15:00", starts: [at(0, "15:00"), at(1, "15:00")] }),
    foreignIds: (h) => bookSeriesAction({ ...plan(h.a), providerId: h.b.providerId, starts: [at(0, "10:00")] }),
    invalid: (h) => bookSeriesAction({ ...plan(h.a), starts: [] }),
    allowed: "staff",
  });
});

describe("a weekly series", () => {
  it("previews each visit: free, or not with the nearest free times that day; books nothing", async () => {
    await asDesk();
    const before = await fingerprint(h.a.orgId);
    const result = await previewSeriesAction(plan(h.a));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rule).toBe(
      `DTSTART;TZID=${TZ}:${firstMonday.toString().replaceAll("-", "")}T100000\nRRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=4`,
    );
    const visits = result.data.visits;
    expect(visits.map((v) => v.startsAt.getTime())).toEqual([0, 1, 2, 3].map((w) => at(w, "10:00").getTime()));
    expect(visits.map((v) => v.free)).toEqual([true, true, false, true]);
    expect(visits[2]!.alternatives.map((d) => d.getTime())).toEqual(
      [at(2, "09:00"), at(2, "09:30"), at(2, "10:30")].map((d) => d.getTime()),
    );
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("books the free visits and a chosen alternative as one series; the panel knows each visit's place", async () => {
    await asDesk();
    const booked = await bookSeriesAction({ ...plan(h.a), starts: [at(0, "10:00"), at(1, "10:00"), at(2, "10:30"), at(3, "10:00")] });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    const rows = await seriesRows(h.a.orgId, booked.data.seriesId);
    expect(rows.map((r) => r.starts_at.getTime())).toEqual(
      [at(0, "10:00"), at(1, "10:00"), at(2, "10:30"), at(3, "10:00")].map((d) => d.getTime()),
    );
    const detail = await appointmentDetailAction({ id: rows[2]!.id });
    expect(detail).toMatchObject({ ok: true, data: { series: { position: 3, total: 4, intervalWeeks: 1, cancellableFromHere: 2 } } });
    const [audit] = await asOwner(
      (sql) => sql<{ n: number }[]>`select count(*)::int as n from audit_logs
        where organization_id = ${h.a.orgId} and resource_type = 'appointment_series' and resource_id = ${booked.data.seriesId}`,
    );
    expect(audit!.n).toBe(1);
  });

  it("books nothing when one chosen visit is taken (named in the answer), or falls outside the series' days", async () => {
    await asDesk();
    const before = await fingerprint(h.a.orgId);
    const taken = await bookSeriesAction({ ...plan(h.a), startTime: "13:00", starts: [at(0, "13:00"), at(2, "10:00")] });
    expect(taken).toMatchObject({ ok: false, code: "validation" });
    expect(taken.ok ? "" : taken.formError).toMatch(/cannot be booked.*Nothing was booked\./);
    const offDay = await bookSeriesAction({
      ...plan(h.a),
      startTime: "13:00",
      starts: [at(0, "13:00"), new Date(at(1, "13:00").getTime() + 86_400_000)],
    });
    expect(offDay).toMatchObject({
      ok: false,
      fieldErrors: { starts: ["Each visit must fall on one of the series' days, one visit a day."] },
    });
    const twice = await bookSeriesAction({ ...plan(h.a), startTime: "13:00", starts: [at(0, "13:00"), at(0, "14:00")] });
    expect(twice).toMatchObject({ ok: false, code: "validation" });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("cancels a visit and the later ones of its series, leaving the earlier ones", async () => {
    await asDesk();
    const booked = await bookSeriesAction({
      ...plan(h.a, { intervalWeeks: 2, count: 3 }),
      startTime: "16:00",
      starts: [at(0, "16:00"), at(2, "16:00"), at(4, "16:00")],
    });
    if (!booked.ok) throw new Error(booked.code);
    const [first, second] = await seriesRows(h.a.orgId, booked.data.seriesId);
    const result = await cancelSeriesFromAction({ id: second!.id });
    expect(result).toMatchObject({ ok: true, data: { cancelledIds: expect.any(Array) } });
    expect((await seriesRows(h.a.orgId, booked.data.seriesId)).map((r) => r.status)).toEqual(["scheduled", "cancelled", "cancelled"]);
    expect(first!.status).toBe("scheduled");
    expect(await cancelSeriesFromAction({ id: second!.id })).toMatchObject({ ok: false, code: "invalid:status_transition" });
    expect(await cancelSeriesFromAction({ id: h.a.appointmentId })).toMatchObject({
      ok: false,
      formError: "This visit is not part of a series.",
    });
  });
});

describe("moving the rest of a series", () => {
  it("moves a visit and the later ones by as many days, at the new time; the earlier one stays", async () => {
    await asDesk();
    const booked = await bookSeriesAction({
      ...plan(h.a, { intervalWeeks: 1, count: 3 }),
      startTime: "12:00",
      starts: [0, 1, 2].map((w) => at(w, "12:00")),
    });
    if (!booked.ok) throw new Error(booked.code);
    const [, second] = await seriesRows(h.a.orgId, booked.data.seriesId);
    const tuesday = new Date(at(1, "14:00").getTime() + 86_400_000);
    const moved = await rescheduleSeriesFromAction({ id: second!.id, startsAt: tuesday });
    expect(moved).toMatchObject({ ok: true, data: { movedIds: expect.any(Array) } });
    expect((await seriesRows(h.a.orgId, booked.data.seriesId)).map((r) => r.starts_at.getTime())).toEqual(
      [at(0, "12:00"), tuesday, new Date(at(2, "14:00").getTime() + 86_400_000)].map((d) => d.getTime()),
    );
  });

  it("moves nothing when one later visit cannot move, and names it", async () => {
    await asDesk();
    const booked = await bookSeriesAction({
      ...plan(h.a, { intervalWeeks: 1, count: 2 }),
      startTime: "16:30",
      starts: [0, 1].map((w) => at(w, "16:30")),
    });
    if (!booked.ok) throw new Error(booked.code);
    const wednesday = (w: number) => new Date(at(w, "09:00").getTime() + 2 * 86_400_000);
    await withTenant(h.a.orgId, (tx) =>
      appointmentsRepo(tx, h.a.orgId).create({
        input: {
          patientId: h.a.patientId,
          providerId: h.a.providerId,
          appointmentTypeId: h.a.typeId,
          startsAt: wednesday(1),
          endsAt: new Date(wednesday(1).getTime() + 1_800_000),
        },
      }),
    );
    const before = await fingerprint(h.a.orgId);
    const [first] = await seriesRows(h.a.orgId, booked.data.seriesId);
    const refused = await rescheduleSeriesFromAction({ id: first!.id, startsAt: wednesday(0) });
    expect(refused).toMatchObject({ ok: false, code: "validation" });
    expect(refused.ok ? "" : refused.formError).toMatch(/cannot move there: .*Nothing was moved\./);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("/api/v1/appointment-series and cancel-following", () => {
  const post = (
    route: { POST: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> },
    host: string,
    path: string,
    key: string,
    body: unknown,
    params = {},
  ) => {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    arriveAs({ host, path, session: null, headers });
    return route.POST(new Request(`http://${host}${path}`, { method: "POST", headers, body: JSON.stringify(body) }), {
      params: Promise.resolve(params),
    });
  };

  it("books through the API (201, booked via the API) and refuses another hospital's key, patient and visit; nothing changes", async () => {
    const body = { ...plan(h.a, { intervalWeeks: 1, count: 2 }), startTime: "11:00", starts: [at(0, "11:00"), at(1, "11:00")] };
    // The key's first use is noted on it: use it once before taking the fingerprints.
    expect((await post(seriesRoute, h.b.host, "/api/v1/appointment-series", keyB, { ...body, starts: [] })).status).toBe(400);
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    expect((await post(seriesRoute, h.a.host, "/api/v1/appointment-series", keyB, body)).status).toBe(403);
    expect((await post(seriesRoute, h.b.host, "/api/v1/appointment-series", keyB, body)).status).toBe(404);
    expect(
      (
        await post(
          followingRoute,
          h.b.host,
          `/api/v1/appointments/${h.a.appointmentId}/cancel-following`,
          keyB,
          {},
          { id: h.a.appointmentId },
        )
      ).status,
    ).toBe(404);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);

    const created = await post(seriesRoute, h.a.host, "/api/v1/appointment-series", keyA, body);
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { seriesId: string; appointments: { id: string }[] } };
    expect(data.appointments).toHaveLength(2);
    const [via] = await asOwner(
      (sql) =>
        sql<
          { booked_via: string }[]
        >`select distinct booked_via from appointments where organization_id = ${h.a.orgId} and series_id = ${data.seriesId}`,
    );
    expect(via!.booked_via).toBe("api");
    const cancelled = await post(
      followingRoute,
      h.a.host,
      `/api/v1/appointments/${data.appointments[0]!.id}/cancel-following`,
      keyA,
      {},
      { id: data.appointments[0]!.id },
    );
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { data: { cancelledIds: string[] } }).data.cancelledIds).toHaveLength(2);
  });
});
