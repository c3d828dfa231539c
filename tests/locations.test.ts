import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ValidationError } from "@/lib/errors/app-error";
import { locationsRepo, providerLocationsRepo, resourcesRepo } from "@/lib/locations/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { findSlots } from "@/lib/scheduling/availability";
import { bookAppointment, cancelAppointment, placeHold, rescheduleAppointment } from "@/lib/scheduling/booking";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { rejection } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { createLocationAction, updateLocationAction, createResourceAction, updateResourceAction, locationsOverviewAction } =
  await import("@/app/org/[org]/(staff)/settings/locations/actions");
const { setProviderLocationsAction } = await import("@/app/org/[org]/(staff)/providers/actions");
const locationsRoute = await import("@/app/api/v1/locations/route");
const locationRoute = await import("@/app/api/v1/locations/[id]/route");
const resourcesRoute = await import("@/app/api/v1/resources/route");
const resourceRoute = await import("@/app/api/v1/resources/[id]/route");
const providerLocationsRoute = await import("@/app/api/v1/providers/[id]/locations/route");

const NY = "America/New_York";
const CHICAGO = "America/Chicago";
const request = { requestId: "locations-test", ip: "10.1.1.2", userAgent: "vitest" };
const RACERS = 20;

/** Two locations (Downtown in New York, the main one; Westside in Chicago), rooms, providers and a type that needs a procedure room. */
type Site = {
  downtown: string;
  westside: string;
  room1: string;
  roomA: string;
  roomB: string;
  /** Work at Downtown every day (no week set). */
  p1: string;
  p2: string;
  /** Works at Westside every day. */
  p3: string;
  procedure: string;
  adminKey: string;
  staffKey: string;
};

async function fillSite(w: Hospitals["a"], prefix: string): Promise<Site> {
  return withTenant(w.orgId, async (tx) => {
    const open = { start: "09:00", end: "17:00", isOpen: true };
    await organizationRepo(tx, w.orgId).updateSettings({
      patch: {
        enableTelehealth: true,
        businessHours: { monday: open, tuesday: open, wednesday: open, thursday: open, friday: open, saturday: open, sunday: open },
      },
    });
    const locs = locationsRepo(tx, w.orgId);
    const downtown = await locs.create({ input: { name: `${prefix} Downtown`, address: "1 Main St", timeZone: NY } });
    const westside = await locs.create({ input: { name: `${prefix} Westside`, timeZone: CHICAGO } });
    const res = resourcesRepo(tx, w.orgId);
    const room1 = await res.create({ input: { locationId: downtown.id, name: "Procedure Room 1", kind: "procedure room" } });
    const roomA = await res.create({ input: { locationId: westside.id, name: "Procedure Room A", kind: "procedure room" } });
    const roomB = await res.create({ input: { locationId: westside.id, name: "Procedure Room B", kind: "procedure room" } });
    const provs = providersRepo(tx, w.orgId);
    const p1 = (await provs.create({ input: { name: `Dr. ${prefix} One`, offersTelehealth: true } })).id;
    const p2 = (await provs.create({ input: { name: `Dr. ${prefix} Two` } })).id;
    const p3 = (await provs.create({ input: { name: `Dr. ${prefix} Three` } })).id;
    await providerLocationsRepo(tx, w.orgId).replace({
      providerId: p3,
      days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, locationId: westside.id })),
    });
    const procedure = await appointmentTypesRepo(tx, w.orgId).create({
      input: {
        name: "Minor procedure",
        durationMinutes: 30,
        bufferAfterMinutes: 10,
        requiredResourceKind: "procedure room",
        telehealthAllowed: true,
      },
    });
    const adminKey = (await createApiKey(tx, w.orgId, { name: "ehr", role: "admin", createdBy: null })).token;
    const staffKey = (await createApiKey(tx, w.orgId, { name: "desk", role: "staff", createdBy: null })).token;
    return {
      downtown: downtown.id,
      westside: westside.id,
      room1: room1.id,
      roomA: roomA.id,
      roomB: roomB.id,
      p1,
      p2,
      p3,
      procedure: procedure.id,
      adminKey,
      staffKey,
    };
  });
}

let h: Hospitals;
let a: Site;
let b: Site;
beforeAll(async () => {
  h = await twoHospitals("loc");
  a = await fillSite(h.a, "A");
  b = await fillSite(h.b, "B");
});
const hospitals = () => h;

/** A local day (in `zone`) some days ahead, and instants on it. */
const dayAhead = (days: number, zone = NY) => Temporal.Now.plainDateISO(zone).add({ days }).toString();
const at = (day: string, time: string, zone = NY) =>
  new Date(Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(zone).epochMilliseconds);

const staff = <T>(fn: Parameters<typeof runAsPublic<T>>[1]) => runAsPublic({ orgId: h.a.orgId, request }, fn);
const book = (input: { providerId: string; startsAt: Date; typeId?: string; mode?: "in_person" | "telehealth"; locationId?: string }) =>
  staff((ctx) =>
    bookAppointment(ctx, {
      patientId: h.a.patientId,
      providerId: input.providerId,
      appointmentTypeId: input.typeId ?? a.procedure,
      startsAt: input.startsAt,
      mode: input.mode ?? "in_person",
      bookedVia: "staff",
      online: false,
      locationId: input.locationId,
    }),
  );
const slotsFor = (query: { providerId?: string; locationId?: string; day: string; typeId?: string }) =>
  withTenant(
    h.a.orgId,
    async (tx) =>
      (
        await findSlots(tx, h.a.orgId, {
          appointmentTypeId: query.typeId ?? a.procedure,
          providerId: query.providerId,
          locationId: query.locationId,
          mode: "in_person",
          fromDate: query.day,
          toDate: query.day,
          online: false,
        })
      ).slots,
  );
const times = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.getTime());

describe("rooms and equipment in booking", () => {
  it("a visit of a type that needs a room holds a free one at its location; a second provider cannot have that room then", async () => {
    const day = dayAhead(3);
    const first = await book({ providerId: a.p1, startsAt: at(day, "10:00") });
    expect(first).toMatchObject({ locationId: a.downtown, resourceId: a.room1 });
    // The room is busy 10:00–10:40 (10 minutes' buffer after): Dr. Two is offered neither 10:00 nor 10:30, but 11:00.
    const free = times(await slotsFor({ providerId: a.p2, day }));
    expect(free).not.toContain(at(day, "10:00").getTime());
    expect(free).not.toContain(at(day, "10:30").getTime());
    expect(free).toContain(at(day, "11:00").getTime());
    const refused = await rejection(book({ providerId: a.p2, startsAt: at(day, "10:00") }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).conflict).toBe("resource_overlap");
    expect((refused as ConflictError).message).toMatch(/Every procedure room at A Downtown is booked/);
    // A type without a room, and the same type by video, are not held up by the room.
    expect(await book({ providerId: a.p2, startsAt: at(day, "10:00"), typeId: h.a.typeId })).toMatchObject({ resourceId: null });
    expect(await book({ providerId: a.p1, startsAt: at(day, "13:00"), mode: "telehealth" })).toMatchObject({ resourceId: null });
  });

  it("cancelling frees the room; moving a visit takes a room at the new time and frees the old one", async () => {
    const day = dayAhead(4);
    const visit = await book({ providerId: a.p1, startsAt: at(day, "09:00") });
    expect(times(await slotsFor({ providerId: a.p2, day }))).not.toContain(at(day, "09:00").getTime());
    const moved = await staff((ctx) => rescheduleAppointment(ctx, { id: visit.id, startsAt: at(day, "14:00"), online: false }));
    expect(moved).toMatchObject({ resourceId: a.room1, locationId: a.downtown });
    const after = times(await slotsFor({ providerId: a.p2, day }));
    expect(after).toContain(at(day, "09:00").getTime());
    expect(after).not.toContain(at(day, "14:00").getTime());
    await staff((ctx) => cancelAppointment(ctx, { id: visit.id, by: "staff", notify: false }));
    expect(times(await slotsFor({ providerId: a.p2, day }))).toContain(at(day, "14:00").getTime());
  });

  it("a hold keeps its room until it is booked with that hold", async () => {
    const day = dayAhead(5);
    const hold = await runAsPublic({ orgId: h.a.orgId, request }, (ctx) =>
      placeHold(ctx, { providerId: a.p1, appointmentTypeId: a.procedure, startsAt: at(day, "11:00"), mode: "in_person" }),
    );
    expect(times(await slotsFor({ providerId: a.p2, day }))).not.toContain(at(day, "11:00").getTime());
    expect(await rejection(book({ providerId: a.p2, startsAt: at(day, "11:00") }))).toBeInstanceOf(ConflictError);
    const booked = await staff((ctx) =>
      bookAppointment(ctx, {
        patientId: h.a.patientId,
        providerId: a.p1,
        appointmentTypeId: a.procedure,
        startsAt: at(day, "11:00"),
        mode: "in_person",
        bookedVia: "staff",
        online: false,
        holdToken: hold.token,
      }),
    );
    expect(booked.resourceId).toBe(a.room1);
  });

  it("a room out of service is not booked; with none left the type says so", async () => {
    const day = dayAhead(6);
    await withTenant(h.a.orgId, (tx) => resourcesRepo(tx, h.a.orgId).update({ id: a.room1, patch: { active: false } }));
    try {
      expect(await slotsFor({ providerId: a.p1, day })).toEqual([]);
      const err = await rejection(book({ providerId: a.p1, startsAt: at(day, "10:00") }));
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).message).toMatch(/need a procedure room, and A Downtown has none/);
    } finally {
      await withTenant(h.a.orgId, (tx) => resourcesRepo(tx, h.a.orgId).update({ id: a.room1, patch: { active: true } }));
    }
  });

  it(`${RACERS} providers racing for the last procedure room at one time: one visit, ${RACERS - 1} refusals, the room never double-booked`, async () => {
    const day = dayAhead(8);
    const racers = await withTenant(h.a.orgId, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < RACERS; i++) ids.push((await providersRepo(tx, h.a.orgId).create({ input: { name: `Dr. Racer ${i}` } })).id);
      return ids;
    });
    const results = await Promise.allSettled(racers.map((providerId) => book({ providerId, startsAt: at(day, "15:00") })));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const loss of lost) {
      expect(loss.reason, String(loss.reason)).toBeInstanceOf(ConflictError);
      expect((loss.reason as ConflictError).conflict).toBe("resource_overlap");
    }
    const doubleBooked = await asOwner(
      (sql_) => sql_<{ n: number }[]>`
        select count(*)::int as n from appointments x join appointments y
          on x.organization_id = y.organization_id and x.resource_id = y.resource_id and x.id < y.id
         where x.organization_id = ${h.a.orgId} and x.status not in ('cancelled', 'no_show') and y.status not in ('cancelled', 'no_show')
           and tstzrange(x.starts_at, x.ends_at + make_interval(mins => x.buffer_after_minutes))
            && tstzrange(y.starts_at, y.ends_at + make_interval(mins => y.buffer_after_minutes))`,
    );
    console.info(`resource race: attempted=${RACERS} succeeded=${won.length} double_booked=${doubleBooked[0]!.n}`);
    expect(won).toHaveLength(1);
    expect(doubleBooked[0]!.n).toBe(0);
  });

  it("the database refuses two live visits holding one room at once, whatever the application does", async () => {
    const startsAt = new Date("2031-05-05T14:00:00Z");
    const row = (providerId: string) => ({
      patientId: h.a.patientId,
      providerId,
      appointmentTypeId: a.procedure,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      resourceId: a.room1,
    });
    await withTenant(h.a.orgId, (tx) => appointmentsRepo(tx, h.a.orgId).create({ input: row(a.p1) }));
    const err = await rejection(withTenant(h.a.orgId, (tx) => appointmentsRepo(tx, h.a.orgId).create({ input: row(a.p2) })));
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).conflict).toBe("resource_overlap");
    // Another hospital's room cannot be named at all.
    const foreign = await rejection(
      withTenant(h.a.orgId, (tx) =>
        appointmentsRepo(tx, h.a.orgId).create({
          input: {
            ...row(a.p2),
            startsAt: new Date("2031-05-06T14:00:00Z"),
            endsAt: new Date("2031-05-06T14:30:00Z"),
            resourceId: b.room1,
          },
        }),
      ),
    );
    expect(foreign).toMatchObject({ code: "not_found:resource" });
  });
});

describe("providers' weeks and locations' zones", () => {
  it("a provider placed at Westside is offered there only, in Chicago's hours, with two rooms", async () => {
    const day = dayAhead(10, CHICAGO);
    const west = await slotsFor({ providerId: a.p3, day });
    expect(west.length).toBeGreaterThan(0);
    expect(west.every((s) => s.locationId === a.westside)).toBe(true);
    // Business hours 09:00–17:00 read in Chicago: the first visit starts at 09:00 there (10:00 in New York).
    expect(west[0]!.startsAt.getTime()).toBe(at(day, "09:00", CHICAGO).getTime());
    expect(await slotsFor({ providerId: a.p3, day, locationId: a.downtown })).toEqual([]);
    const downtown = await slotsFor({ day, locationId: a.downtown });
    expect(downtown.every((s) => s.locationId === a.downtown && s.providerId !== a.p3)).toBe(true);
    // Two rooms at Westside: two visits at one time, the third refused.
    const t = at(day, "12:00", CHICAGO);
    const extra = await withTenant(h.a.orgId, async (tx) => {
      const p = await providersRepo(tx, h.a.orgId).create({ input: { name: "Dr. West Two" } });
      await providerLocationsRepo(tx, h.a.orgId).replace({
        providerId: p.id,
        days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, locationId: a.westside })),
      });
      const q = await providersRepo(tx, h.a.orgId).create({ input: { name: "Dr. West Three" } });
      await providerLocationsRepo(tx, h.a.orgId).replace({
        providerId: q.id,
        days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, locationId: a.westside })),
      });
      return [p.id, q.id];
    });
    const rooms = [
      (await book({ providerId: a.p3, startsAt: t })).resourceId,
      (await book({ providerId: extra[0]!, startsAt: t })).resourceId,
    ];
    expect(new Set(rooms)).toEqual(new Set([a.roomA, a.roomB]));
    expect(await rejection(book({ providerId: extra[1]!, startsAt: t }))).toBeInstanceOf(ConflictError);
  });

  it("a booking at a location the provider is not at that day is refused, and an unknown location is not offered", async () => {
    const day = dayAhead(11);
    const err = await rejection(book({ providerId: a.p3, startsAt: at(day, "11:00", CHICAGO), locationId: a.downtown }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toMatch(/works at A Westside/);
    const unknown = await rejection(slotsFor({ day, locationId: b.downtown }));
    expect(unknown).toMatchObject({ code: "invalid:location" });
  });

  it("a weekday at a closed location is not bookable; the main location follows the first open one", async () => {
    const day = dayAhead(12);
    await withTenant(h.a.orgId, (tx) => locationsRepo(tx, h.a.orgId).update({ id: a.westside, patch: { active: false } }));
    try {
      expect(await slotsFor({ providerId: a.p3, day, typeId: h.a.typeId })).toEqual([]);
      expect((await slotsFor({ providerId: a.p1, day, typeId: h.a.typeId })).length).toBeGreaterThan(0);
    } finally {
      await withTenant(h.a.orgId, (tx) => locationsRepo(tx, h.a.orgId).update({ id: a.westside, patch: { active: true } }));
    }
  });
});

describe("/api/v1/locations, /api/v1/resources and a provider's locations", () => {
  type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const call = async (
    handler: Handler,
    method: string,
    host: string,
    path: string,
    key: string | null,
    body?: unknown,
    params: Record<string, string> = {},
  ) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key) headers.authorization = `Bearer ${key}`;
    arriveAs({ host, path, session: null, headers });
    const res = await handler(
      new Request(`http://${host}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
      {
        params: Promise.resolve(params),
      },
    );
    return {
      status: res.status,
      body: (await res.json().catch(() => null)) as { data?: Record<string, unknown>; error?: { code: string } } | null,
    };
  };

  it("an administrator's key adds a location (in the organization's zone by default) and a room there, and edits both", async () => {
    const made = await call(locationsRoute.POST as Handler, "POST", h.a.host, "/api/v1/locations", a.adminKey, {
      name: "A North",
      phone: "+1 555 0100",
    });
    expect(made.status).toBe(201);
    expect(made.body?.data).toMatchObject({ name: "A North", timeZone: NY, active: true });
    const id = made.body!.data!.id as string;
    const room = await call(resourcesRoute.POST as Handler, "POST", h.a.host, "/api/v1/resources", a.adminKey, {
      locationId: id,
      name: "Scan 1",
      kind: "  Ultrasound  Machine ",
    });
    expect(room.status).toBe(201);
    expect(room.body?.data).toMatchObject({ kind: "ultrasound machine", locationId: id });
    const dup = await call(resourcesRoute.POST as Handler, "POST", h.a.host, "/api/v1/resources", a.adminKey, {
      locationId: id,
      name: "Scan 1",
      kind: "x",
    });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: "conflict:resource_name" } } });
    const closed = await call(
      locationRoute.PATCH as Handler,
      "PATCH",
      h.a.host,
      `/api/v1/locations/${id}`,
      a.adminKey,
      { active: false },
      { id },
    );
    expect(closed.body?.data).toMatchObject({ active: false });
    const list = await call(resourcesRoute.GET as Handler, "GET", h.a.host, `/api/v1/resources?locationId=${id}`, a.staffKey);
    expect(list.body?.data).toHaveLength(1);
    const bad = await call(locationsRoute.POST as Handler, "POST", h.a.host, "/api/v1/locations", a.adminKey, {
      name: "Z",
      timeZone: "Mars/Olympus",
    });
    expect(bad.status).toBe(400);
  });

  // A key's first use records when it was last used: warm each up before fingerprinting.
  const warmUp = async () => {
    for (const [host, key] of [
      [h.a.host, a.staffKey],
      [h.a.host, a.adminKey],
      [h.b.host, b.adminKey],
    ] as const) {
      await call(locationsRoute.GET as Handler, "GET", host, "/api/v1/locations", key);
    }
  };

  it("a staff key reads but cannot change locations (403), and nothing changes", async () => {
    await warmUp();
    const before = await fingerprint(h.a.orgId);
    expect((await call(locationsRoute.GET as Handler, "GET", h.a.host, "/api/v1/locations", a.staffKey)).status).toBe(200);
    expect((await call(locationsRoute.POST as Handler, "POST", h.a.host, "/api/v1/locations", a.staffKey, { name: "Nope" })).status).toBe(
      403,
    );
    const patch = await call(
      resourceRoute.PATCH as Handler,
      "PATCH",
      h.a.host,
      `/api/v1/resources/${a.room1}`,
      a.staffKey,
      { active: false },
      { id: a.room1 },
    );
    expect(patch.status).toBe(403);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("another hospital's key, on its own host or this one, gets 404 or 403 for this hospital's locations, rooms and weeks; neither changes", async () => {
    await warmUp();
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    const own = (p: string) => ({ host: h.b.host, path: p });
    const cases: [Handler, string, { host: string; path: string }, unknown, Record<string, string>][] = [
      [locationRoute.GET as Handler, "GET", own(`/api/v1/locations/${a.downtown}`), undefined, { id: a.downtown }],
      [locationRoute.PATCH as Handler, "PATCH", own(`/api/v1/locations/${a.downtown}`), { name: "Taken" }, { id: a.downtown }],
      [resourceRoute.GET as Handler, "GET", own(`/api/v1/resources/${a.room1}`), undefined, { id: a.room1 }],
      [resourceRoute.PATCH as Handler, "PATCH", own(`/api/v1/resources/${a.room1}`), { active: false }, { id: a.room1 }],
      [
        resourcesRoute.POST as Handler,
        "POST",
        own("/api/v1/resources"),
        { locationId: a.downtown, name: "Sneaky", kind: "procedure room" },
        {},
      ],
      [resourcesRoute.GET as Handler, "GET", own(`/api/v1/resources?locationId=${a.downtown}`), undefined, {}],
      [providerLocationsRoute.GET as Handler, "GET", own(`/api/v1/providers/${a.p3}/locations`), undefined, { id: a.p3 }],
      [
        providerLocationsRoute.PUT as Handler,
        "PUT",
        own(`/api/v1/providers/${b.p3}/locations`),
        { days: [{ weekday: 1, locationId: a.downtown }] },
        { id: b.p3 },
      ],
      [providerLocationsRoute.PUT as Handler, "PUT", own(`/api/v1/providers/${a.p3}/locations`), { days: [] }, { id: a.p3 }],
    ];
    for (const [handler, method, where, body, params] of cases) {
      const res = await call(handler, method, where.host, where.path, b.adminKey, body, params);
      expect(res.status, `${method} ${where.path}`).toBe(404);
    }
    // B's key on A's host: refused before anything is read.
    const onA = await call(locationRoute.GET as Handler, "GET", h.a.host, `/api/v1/locations/${a.downtown}`, b.adminKey, undefined, {
      id: a.downtown,
    });
    expect([401, 403]).toContain(onA.status);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("anonymous callers get 401", async () => {
    expect((await call(locationsRoute.GET as Handler, "GET", h.a.host, "/api/v1/locations", null)).status).toBe(401);
  });
});

describe("server actions", () => {
  actionAttacks("locations.create", hospitals, {
    page: "/settings/locations",
    valid: () => createLocationAction({ name: `Annex ${Math.random().toString(36).slice(2, 8)}`, timeZone: NY }),
    invalid: () => createLocationAction({ name: "", timeZone: "Nowhere/Else" }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("locations.update", hospitals, {
    page: "/settings/locations",
    valid: () => updateLocationAction({ id: a.downtown, address: "2 Main St" }),
    foreignIds: () => updateLocationAction({ id: b.downtown, address: "Hijacked" }),
    invalid: () => updateLocationAction({ id: a.downtown, timeZone: "Nowhere/Else" }),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("resources.create", hospitals, {
    page: "/settings/locations",
    valid: () =>
      createResourceAction({ locationId: a.downtown, name: `Room ${Math.random().toString(36).slice(2, 8)}`, kind: "exam room" }),
    foreignIds: () => createResourceAction({ locationId: b.downtown, name: "Planted", kind: "procedure room" }),
    invalid: () => createResourceAction({ locationId: a.downtown, name: "", kind: "" }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("resources.update", hospitals, {
    page: "/settings/locations",
    valid: () => updateResourceAction({ id: a.roomB, name: "Procedure Room B" }),
    foreignIds: () => updateResourceAction({ id: b.roomB, active: false }),
    invalid: () => updateResourceAction({ id: a.roomB, kind: "" }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("providers.locations", hospitals, {
    page: `/providers`,
    valid: () =>
      setProviderLocationsAction({ id: a.p3, days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, locationId: a.westside })) }),
    foreignIds: () => setProviderLocationsAction({ id: a.p3, days: [{ weekday: 1, locationId: b.westside }] }),
    invalid: () =>
      setProviderLocationsAction({
        id: a.p3,
        days: [
          { weekday: 9, locationId: a.westside },
          { weekday: 9, locationId: a.downtown },
        ],
      }),
    allowed: "admin",
    refused: "staff",
  });

  it("the overview lists this hospital's locations with their rooms, never another's", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/settings/locations", session: admin.session });
    const result = await locationsOverviewAction({});
    expect(result.ok).toBe(true);
    const rows = result.ok ? result.data : [];
    expect(rows.map((l) => l.id)).toEqual(expect.arrayContaining([a.downtown, a.westside]));
    expect(rows.map((l) => l.id)).not.toContain(b.downtown);
    expect(
      rows
        .find((l) => l.id === a.westside)
        ?.resources.map((r) => r.id)
        .sort(),
    ).toEqual([a.roomA, a.roomB].sort());
  });
});

describe("editing a location", () => {
  const PAGE = "/settings/locations";
  const asAdminOfA = async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
  };
  const annexOfA = () =>
    withTenant(
      h.a.orgId,
      async (tx) => (await locationsRepo(tx, h.a.orgId).create({ input: { name: `A Annex ${Date.now()}`, timeZone: NY } })).id,
    );
  const read = (orgId: string, id: string) => withTenant(orgId, (tx) => locationsRepo(tx, orgId).get({ id }));
  const visitAt = (locationId: string, startsAt: Date) =>
    withTenant(h.a.orgId, (tx) =>
      appointmentsRepo(tx, h.a.orgId).create({
        input: {
          patientId: h.a.patientId,
          providerId: a.p2,
          appointmentTypeId: h.a.typeId,
          locationId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        },
      }),
    );

  it("saves name, address, phone, time zone and whether it is open, and audits which fields changed", async () => {
    const id = await annexOfA();
    await asAdminOfA();
    const name = `A Annex renamed ${Date.now()}`;
    const saved = await updateLocationAction({ id, name, address: "9 Side St", phone: "+1 555 0199", timeZone: CHICAGO, active: false });
    expect(saved).toMatchObject({
      ok: true,
      data: { id, name, address: "9 Side St", phone: "+1 555 0199", timeZone: CHICAGO, active: false },
    });
    expect(await read(h.a.orgId, id)).toMatchObject({ name, address: "9 Side St", timeZone: CHICAGO, active: false });
    // Emptied optional fields are cleared; reopening is always allowed.
    expect(await updateLocationAction({ id, address: "", phone: "", active: true })).toMatchObject({
      ok: true,
      data: { address: null, phone: null, active: true },
    });
    const audit = await withTenant(h.a.orgId, (tx) =>
      tx.execute<{ metadata: { fields: string[] } }>(
        sql`select metadata from audit_logs where organization_id = ${h.a.orgId} and resource_type = 'location' and resource_id = ${id} and action = 'update' and outcome = 'success' order by seq`,
      ),
    );
    expect(audit.map((r) => r.metadata.fields)).toEqual([
      ["active", "address", "name", "phone", "timeZone"],
      ["active", "address", "phone"],
    ]);
  });

  it("refuses an invalid edit with every field's error, and changes nothing", async () => {
    const id = await annexOfA();
    await asAdminOfA();
    const before = await read(h.a.orgId, id);
    const fingerprintBefore = await fingerprint(h.a.orgId);
    const result = await updateLocationAction({ id, name: "", phone: "call me", timeZone: "Nowhere/Else" });
    expect(result).toMatchObject({ ok: false, code: "validation" });
    expect(!result.ok && Object.keys(result.fieldErrors).sort()).toEqual(["name", "phone", "timeZone"]);
    expect(!result.ok && result.fieldErrors.name).toEqual(["Enter a name."]);
    // A name another location of this hospital has: a conflict on the name, nothing saved.
    const taken = await read(h.a.orgId, a.westside);
    expect(await updateLocationAction({ id, name: taken.name })).toMatchObject({ ok: false, code: "conflict:location_name" });
    expect(await read(h.a.orgId, id)).toEqual(before);
    expect(await fingerprint(h.a.orgId)).toBe(fingerprintBefore);
  });

  it("another hospital's location id answers 404, and neither hospital's location changes", async () => {
    await asAdminOfA();
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    const theirs = await read(h.b.orgId, b.downtown);
    for (const patch of [{ name: "Hijacked" }, { active: false }, { timeZone: CHICAGO, phone: "+1 555 0000" }]) {
      expect(await updateLocationAction({ id: b.downtown, ...patch })).toMatchObject({ ok: false, code: "not_found:location" });
    }
    expect(await updateLocationAction({ id: crypto.randomUUID(), name: "Nowhere" })).toMatchObject({
      ok: false,
      code: "not_found:location",
    });
    expect(await read(h.b.orgId, b.downtown)).toEqual(theirs);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("closing a location with visits still to come is refused with how many; once they are cancelled it closes", async () => {
    const id = await annexOfA();
    const day = dayAhead(45);
    await visitAt(id, at(dayAhead(-3), "07:00")); // past visits never hold it open
    const first = await visitAt(id, at(day, "07:00"));
    const second = await visitAt(id, at(day, "07:30"));
    const name = (await read(h.a.orgId, id)).name;
    await asAdminOfA();
    const before = await fingerprint(h.a.orgId);
    const refused = await updateLocationAction({ id, active: false, phone: "+1 555 0101" });
    expect(refused).toMatchObject({
      ok: false,
      code: "conflict:location_bookings",
      formError: `${name} still has 2 upcoming appointments. Move or cancel them before closing the location.`,
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
    expect(await read(h.a.orgId, id)).toMatchObject({ active: true, phone: null });

    // The REST twin gives the same answer.
    const headers = { "content-type": "application/json", authorization: `Bearer ${a.adminKey}` };
    arriveAs({ host: h.a.host, path: `/api/v1/locations/${id}`, session: null, headers });
    const res = await locationRoute.PATCH(
      new Request(`http://${h.a.host}/api/v1/locations/${id}`, { method: "PATCH", headers, body: JSON.stringify({ active: false }) }),
      { params: Promise.resolve({ id }) },
    );
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict:location_bookings");

    await withTenant(h.a.orgId, (tx) => appointmentsRepo(tx, h.a.orgId).cancel({ id: first.id, by: "staff" }));
    await asAdminOfA();
    expect(await updateLocationAction({ id, active: false })).toMatchObject({
      ok: false,
      formError: `${name} still has 1 upcoming appointment. Move or cancel it before closing the location.`,
    });
    await withTenant(h.a.orgId, (tx) => appointmentsRepo(tx, h.a.orgId).cancel({ id: second.id, by: "staff" }));
    await asAdminOfA();
    expect(await updateLocationAction({ id, active: false })).toMatchObject({ ok: true, data: { active: false } });
  });

  describe("closing a location while a visit is being booked there", () => {
    /** A new location of A with a provider working there every day. */
    const annexWithProvider = async () => {
      const id = await annexOfA();
      const providerId = await withTenant(h.a.orgId, async (tx) => {
        const provider = await providersRepo(tx, h.a.orgId).create({ input: { name: `Dr. Annex ${Date.now()}` } });
        const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, locationId: id }));
        await providerLocationsRepo(tx, h.a.orgId).replace({ providerId: provider.id, days });
        return provider.id;
      });
      return { id, providerId };
    };
    /** A transaction that runs `step`, then stays open until released. */
    const openTransaction = (step: (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => Promise<void>) => {
      let release!: () => void;
      let ready!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const stepDone = new Promise<void>((resolve) => (ready = resolve));
      const done = withTenant(h.a.orgId, async (tx) => {
        await step(tx);
        ready();
        await released;
      });
      return { stepDone, release, done };
    };
    const stillWaiting = (p: Promise<unknown>) =>
      Promise.race([
        p.then(
          () => "finished",
          () => "finished",
        ),
        new Promise((resolve) => setTimeout(() => resolve("waiting"), 1_000)),
      ]);

    it("a booking that comes while the location is being closed waits, then is refused", async () => {
      const { id, providerId } = await annexWithProvider();
      const closing = openTransaction(async (tx) => {
        await locationsRepo(tx, h.a.orgId).get({ id, lock: true });
        await locationsRepo(tx, h.a.orgId).update({ id, patch: { active: false } });
      });
      await closing.stepDone;
      const booking = book({ providerId, startsAt: at(dayAhead(20), "10:00"), typeId: h.a.typeId });
      expect(await stillWaiting(booking)).toBe("waiting");
      closing.release();
      await closing.done;
      const err = await rejection(booking);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toBe("That location is not open for booking.");
      const [row] = await withTenant(h.a.orgId, (tx) =>
        tx.execute<{ n: number }>(
          sql`select count(*)::int as n from appointments where organization_id = ${h.a.orgId} and location_id = ${id}`,
        ),
      );
      expect(row!.n).toBe(0);
    });

    it("closing while a visit there is being booked waits for it, then is refused with that visit counted", async () => {
      const { id, providerId } = await annexWithProvider();
      const startsAt = at(dayAhead(20), "11:00");
      // What a booking does at a location: keep it open, then insert the visit.
      const booking = openTransaction(async (tx) => {
        expect(await locationsRepo(tx, h.a.orgId).holdOpen({ id })).toBe(true);
        await appointmentsRepo(tx, h.a.orgId).create({
          input: {
            patientId: h.a.patientId,
            providerId,
            appointmentTypeId: h.a.typeId,
            locationId: id,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 30 * 60_000),
          },
        });
      });
      await booking.stepDone;
      await asAdminOfA();
      const closing = updateLocationAction({ id, active: false });
      expect(await stillWaiting(closing)).toBe("waiting");
      booking.release();
      await booking.done;
      expect(await closing).toMatchObject({ ok: false, code: "conflict:location_bookings" });
      expect(await read(h.a.orgId, id)).toMatchObject({ active: true });
    });
  });
});
