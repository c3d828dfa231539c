import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { withTenant } from "@/lib/db/tenant";
import { locationsRepo, resourcesRepo } from "@/lib/locations/repository";
import { runAsMember } from "@/lib/pipeline/run-in-tenant";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { roomColumns } from "@/lib/scheduling/room-columns";
import { scheduleOptions } from "@/lib/scheduling/schedule-options";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { arriveAs, fingerprint, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { listAppointmentsAction } = await import("@/app/org/[org]/(staff)/schedule/actions");
const appointmentsRoute = await import("@/app/api/v1/appointments/route");

// The staff schedule's room columns: a day of one location's visits, each in the column of the
// room it holds, and the REST list narrowed by location or room — never another hospital's.

const DAY = "2031-06-10";
const request = { requestId: "schedule-rooms-test", ip: null, userAgent: "vitest" };

/** One hospital's places and visits on DAY (New York): three at Main (two rooms, one without), one at the Annex, one nowhere. */
type Site = {
  main: string;
  annex: string;
  room1: string;
  room2: string;
  annexRoom: string;
  retired: string;
  visits: { room1: string; room2: string; mainNoRoom: string; annex: string; nowhere: string };
  staffKey: string;
};

async function fillSite(w: Hospitals["a"], prefix: string): Promise<Site> {
  return withTenant(w.orgId, async (tx) => {
    const locs = locationsRepo(tx, w.orgId);
    const main = await locs.create({ input: { name: `${prefix} Main`, timeZone: "America/New_York" } });
    const annex = await locs.create({ input: { name: `${prefix} Annex`, timeZone: "America/New_York" } });
    const res = resourcesRepo(tx, w.orgId);
    const room1 = await res.create({ input: { locationId: main.id, name: `${prefix} Room 1`, kind: "exam room" } });
    const room2 = await res.create({ input: { locationId: main.id, name: `${prefix} Room 2`, kind: "procedure room" } });
    const retired = await res.create({ input: { locationId: main.id, name: `${prefix} Old Room`, kind: "exam room", active: false } });
    const annexRoom = await res.create({ input: { locationId: annex.id, name: `${prefix} Annex Room`, kind: "exam room" } });
    const repo = appointmentsRepo(tx, w.orgId);
    const visit = async (hourUtc: number, locationId: string | null, resourceId: string | null) =>
      (
        await repo.create({
          input: {
            patientId: w.patientId,
            providerId: w.providerId,
            appointmentTypeId: w.typeId,
            startsAt: new Date(`${DAY}T${hourUtc}:00:00Z`),
            endsAt: new Date(`${DAY}T${hourUtc}:30:00Z`),
            locationId,
            resourceId,
          },
        })
      ).id;
    const visits = {
      room1: await visit(13, main.id, room1.id),
      room2: await visit(14, main.id, room2.id),
      mainNoRoom: await visit(15, main.id, null),
      annex: await visit(16, annex.id, annexRoom.id),
      nowhere: await visit(17, null, null),
    };
    const staffKey = (await createApiKey(tx, w.orgId, { name: "desk", role: "staff", createdBy: null })).token;
    return {
      main: main.id,
      annex: annex.id,
      room1: room1.id,
      room2: room2.id,
      annexRoom: annexRoom.id,
      retired: retired.id,
      visits,
      staffKey,
    };
  });
}

let h: Hospitals;
let a: Site;
let b: Site;
let deskA: Person;
beforeAll(async () => {
  h = await twoHospitals("rooms");
  a = await fillSite(h.a, "A");
  b = await fillSite(h.b, "B");
  deskA = await h.memberOfA("staff");
});

const listAsDeskA = (input: { locationId?: string; providerId?: string }) => {
  arriveAs({ host: h.a.host, path: "/schedule", session: deskA.session });
  return listAppointmentsAction({ from: DAY, to: DAY, ...input });
};

/** GET /api/v1/appointments with a staff key on a hospital's host. */
async function restList(host: string, key: string, query: string) {
  const path = `/api/v1/appointments?${query}`;
  const headers = { authorization: `Bearer ${key}` };
  arriveAs({ host, path, session: null, headers });
  const res = await appointmentsRoute.GET(new Request(`http://${host}${path}`, { headers }), { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: { id: string }[]; error?: { code: string } } };
}

const ids = (rows: readonly { id: string }[] | undefined) => (rows ?? []).map((r) => r.id).sort();
const everythingOf = (s: Site) => [s.main, s.annex, s.room1, s.room2, s.annexRoom, s.retired, ...Object.values(s.visits)];

describe("the schedule by room", () => {
  it("offers the active locations (main first) and their active rooms, not the retired one nor another hospital's", async () => {
    const options = await runAsMember(
      { orgId: h.a.orgId, actor: { type: "user", userId: deskA.id }, permission: null, request },
      scheduleOptions,
    );
    expect(options.locations).toEqual([
      { id: a.main, name: "A Main" },
      { id: a.annex, name: "A Annex" },
    ]);
    expect(options.rooms.map((r) => [r.name, r.locationId])).toEqual([
      ["A Annex Room", a.annex],
      ["A Room 1", a.main],
      ["A Room 2", a.main],
    ]);
    expect(JSON.stringify(options)).not.toMatch(new RegExp(everythingOf(b).join("|")));
  });

  it("a location's day holds only its visits, each drawn in its room's column, the roomless ones under 'No room'", async () => {
    const result = await listAsDeskA({ locationId: a.main });
    expect(result.ok).toBe(true);
    const rows = result.ok ? result.data.data : [];
    expect(ids(rows)).toEqual([a.visits.room1, a.visits.room2, a.visits.mainNoRoom].sort());
    expect(rows.find((r) => r.id === a.visits.room1)).toMatchObject({ locationId: a.main, resourceId: a.room1, resourceName: "A Room 1" });

    const options = await runAsMember(
      { orgId: h.a.orgId, actor: { type: "user", userId: deskA.id }, permission: null, request },
      scheduleOptions,
    );
    const columns = roomColumns(options.rooms, a.main, rows);
    expect(columns).toEqual([
      { id: a.room1, name: "A Room 1" },
      { id: a.room2, name: "A Room 2" },
      { id: null, name: "No room" },
    ]);
    const drawnIn = Object.fromEntries(columns.map((c) => [c.name, rows.filter((r) => r.resourceId === c.id).map((r) => r.id)]));
    expect(drawnIn).toEqual({ "A Room 1": [a.visits.room1], "A Room 2": [a.visits.room2], "No room": [a.visits.mainNoRoom] });

    // The Annex: its one visit, in its one room, and no "No room" column.
    const annex = await listAsDeskA({ locationId: a.annex });
    const annexRows = annex.ok ? annex.data.data : [];
    expect(ids(annexRows)).toEqual([a.visits.annex]);
    expect(roomColumns(options.rooms, a.annex, annexRows)).toEqual([{ id: a.annexRoom, name: "A Annex Room" }]);

    // Without a location the day is everyone's, the visit at no location included.
    const all = await listAsDeskA({});
    expect(ids(all.ok ? all.data.data : [])).toEqual(ids(Object.values(a.visits).map((id) => ({ id }))));
  });

  it("a room taken out of service keeps its visits in a column of their own", async () => {
    await withTenant(h.a.orgId, (tx) => resourcesRepo(tx, h.a.orgId).update({ id: a.room2, patch: { active: false } }));
    try {
      const options = await runAsMember(
        { orgId: h.a.orgId, actor: { type: "user", userId: deskA.id }, permission: null, request },
        scheduleOptions,
      );
      const result = await listAsDeskA({ locationId: a.main });
      const columns = roomColumns(options.rooms, a.main, result.ok ? result.data.data : []);
      expect(columns.map((c) => c.name)).toEqual(["A Room 1", "A Room 2", "No room"]);
    } finally {
      await withTenant(h.a.orgId, (tx) => resourcesRepo(tx, h.a.orgId).update({ id: a.room2, patch: { active: true } }));
    }
  });

  it("another hospital's location, or one that does not exist, is not found on the schedule; nothing of either hospital changes", async () => {
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    for (const locationId of [b.main, b.annex, "00000000-0000-4000-8000-000000000000"]) {
      const result = await listAsDeskA({ locationId });
      expect(result).toMatchObject({ ok: false, code: "not_found:location" });
      expect(JSON.stringify(result)).not.toMatch(new RegExp(everythingOf(b).join("|")));
    }
    // A room id is not a location: refused the same way.
    expect(await listAsDeskA({ locationId: a.room1 })).toMatchObject({ ok: false, code: "not_found:location" });
    expect(await listAsDeskA({ locationId: "main" })).toMatchObject({ ok: false, code: "validation" });
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });
});

describe("GET /api/v1/appointments by location and room", () => {
  it("narrows a day to a location or to one room", async () => {
    const atMain = await restList(h.a.host, a.staffKey, `date=${DAY}&location=${a.main}`);
    expect(atMain.status).toBe(200);
    expect(ids(atMain.body.data)).toEqual([a.visits.room1, a.visits.room2, a.visits.mainNoRoom].sort());
    const inRoom = await restList(h.a.host, a.staffKey, `date=${DAY}&resource=${a.room2}`);
    expect(ids(inRoom.body.data)).toEqual([a.visits.room2]);
    const both = await restList(h.a.host, a.staffKey, `date=${DAY}&location=${a.annex}&resource=${a.room1}`);
    expect(both.body.data).toEqual([]);
  });

  it("another hospital's location or room gives an empty list, exactly like an unknown id — though that hospital has visits there", async () => {
    // Hospital B really has visits at those places, so an empty list means nothing leaked.
    const own = await restList(h.b.host, b.staffKey, `date=${DAY}&location=${b.main}`);
    expect(ids(own.body.data)).toEqual([b.visits.room1, b.visits.room2, b.visits.mainNoRoom].sort());

    for (const query of [
      `location=${b.main}`,
      `resource=${b.room1}`,
      `location=${b.annex}&resource=${b.annexRoom}`,
      `resource=${a.retired}`,
    ]) {
      const reply = await restList(h.a.host, a.staffKey, `date=${DAY}&${query}`);
      expect(reply.status, query).toBe(200);
      expect(reply.body.data, query).toEqual([]);
      expect(reply.text).not.toMatch(
        new RegExp(
          everythingOf(b)
            .filter((id) => !query.includes(id))
            .join("|"),
        ),
      );
    }
  });

  it("a location or room that is not an id is a validation error naming the field", async () => {
    const reply = await restList(h.a.host, a.staffKey, `date=${DAY}&location=main&resource=7`);
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/location must be a location id/);
    expect(reply.text).toMatch(/resource must be a room or equipment id/);
  });
});
