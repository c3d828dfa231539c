import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { organizations } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { createWorld } from "../support/fixtures";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import { arriveAs, fingerprint, person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const {
  addTimeOffAction,
  clearDateOverrideAction,
  createProviderAction,
  listProvidersAction,
  providerDetailAction,
  removeTimeOffAction,
  setDateOverrideAction,
  setOfferedTypesAction,
  setWeeklyHoursAction,
  updateProviderAction,
} = await import("@/app/org/[org]/(staff)/providers/actions");

const DAY = 86_400_000;
/** A calendar date `days` from now (upcoming overrides are the ones a provider's detail shows). */
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

async function timeOffOf(orgId: string, providerId: string, days = 40): Promise<string> {
  const startsAt = new Date(Date.now() + days * DAY);
  const row = await withTenant(orgId, (tx) =>
    providerAvailabilityRepo(tx, orgId).addTimeOff({ providerId, startsAt, endsAt: new Date(startsAt.getTime() + DAY), reason: "Fixture" }),
  );
  return row.id;
}

let h: Hospitals;
let timeOff: { a: string; b: string };
beforeAll(async () => {
  h = await twoHospitals("prov-actions");
  timeOff = { a: await timeOffOf(h.a.orgId, h.a.providerId), b: await timeOffOf(h.b.orgId, h.b.providerId) };
});
const hospitals = () => h;

let n = 0;
const newProvider = () => ({ name: `Dr. Action ${++n}`, title: "MD", specialty: "Family medicine", email: "", phone: "" });

/** Signed in to hospital A with a fresh member of that role. */
async function asA(role: "owner" | "admin" | "clinician" | "staff" = "admin", page = "/providers/x") {
  const member = await h.memberOfA(role);
  arriveAs({ host: h.a.host, path: page, session: member.session });
  return member;
}

async function detailOf(id: string) {
  const result = await providerDetailAction({ id });
  if (!result.ok) throw new Error(`provider detail failed: ${result.code}`);
  return result.data;
}

describe("provider actions", () => {
  actionAttacks("listProvidersAction", hospitals, {
    page: "/providers",
    valid: () => listProvidersAction({ limit: 10 }),
    invalid: () => listProvidersAction({ limit: 0, activeOnly: "maybe" } as never),
    allowed: "staff",
  });

  actionAttacks("providerDetailAction", hospitals, {
    page: "/providers/x",
    valid: (w) => providerDetailAction({ id: w.a.providerId }),
    foreignIds: (w) => providerDetailAction({ id: w.b.providerId }),
    invalid: () => providerDetailAction({ id: "not-an-id" }),
    allowed: "clinician",
  });

  actionAttacks("createProviderAction", hospitals, {
    page: "/providers/new",
    valid: () => createProviderAction(newProvider()),
    invalid: () => createProviderAction({ name: "", email: "nope", phone: "call me" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("updateProviderAction", hospitals, {
    page: "/providers/x",
    valid: (w) => updateProviderAction({ id: w.a.providerId, specialty: "Cardiology" }),
    foreignIds: (w) => updateProviderAction({ id: w.b.providerId, specialty: "Cardiology" }),
    invalid: (w) => updateProviderAction({ id: w.a.providerId, name: "", email: "bad" }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("setWeeklyHoursAction", hospitals, {
    page: "/providers/x",
    valid: (w) => setWeeklyHoursAction({ id: w.a.providerId, hours: [{ weekday: 1, startTime: "09:00", endTime: "12:00" }] }),
    foreignIds: (w) => setWeeklyHoursAction({ id: w.b.providerId, hours: [{ weekday: 1, startTime: "09:00", endTime: "12:00" }] }),
    invalid: (w) => setWeeklyHoursAction({ id: w.a.providerId, hours: [{ weekday: 9, startTime: "25:00", endTime: "08:00" }] }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("setDateOverrideAction", hospitals, {
    page: "/providers/x",
    valid: (w) =>
      setDateOverrideAction({
        id: w.a.providerId,
        date: inDays(20),
        intervals: [{ startTime: "10:00", endTime: "12:00" }],
        note: "Clinic",
      }),
    foreignIds: (w) => setDateOverrideAction({ id: w.b.providerId, date: inDays(20), intervals: [], note: "Closed" }),
    invalid: (w) =>
      setDateOverrideAction({ id: w.a.providerId, date: "2030-02-30", intervals: [{ startTime: "12:00", endTime: "10:00" }] }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("clearDateOverrideAction", hospitals, {
    page: "/providers/x",
    valid: (w) => clearDateOverrideAction({ id: w.a.providerId, date: inDays(21) }),
    foreignIds: (w) => clearDateOverrideAction({ id: w.b.providerId, date: inDays(21) }),
    invalid: (w) => clearDateOverrideAction({ id: w.a.providerId, date: "someday" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("addTimeOffAction", hospitals, {
    page: "/providers/x",
    valid: (w) =>
      addTimeOffAction({
        id: w.a.providerId,
        startsAt: new Date(Date.now() + 50 * DAY),
        endsAt: new Date(Date.now() + 51 * DAY),
        reason: "Away",
      }),
    foreignIds: (w) =>
      addTimeOffAction({ id: w.b.providerId, startsAt: new Date(Date.now() + 50 * DAY), endsAt: new Date(Date.now() + 51 * DAY) }),
    invalid: (w) => addTimeOffAction({ id: w.a.providerId, startsAt: "soon", endsAt: "later", reason: "x".repeat(201) }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("removeTimeOffAction", hospitals, {
    page: "/providers/x",
    valid: (w) => removeTimeOffAction({ id: w.a.providerId, timeOffId: timeOff.a }),
    foreignIds: (w) => removeTimeOffAction({ id: w.b.providerId, timeOffId: timeOff.b }),
    invalid: (w) => removeTimeOffAction({ id: w.a.providerId, timeOffId: "nope" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("setOfferedTypesAction", hospitals, {
    page: "/providers/x",
    valid: (w) => setOfferedTypesAction({ id: w.a.providerId, appointmentTypeIds: [w.a.typeId] }),
    foreignIds: (w) => setOfferedTypesAction({ id: w.b.providerId, appointmentTypeIds: [w.b.typeId] }),
    invalid: (w) => setOfferedTypesAction({ id: w.a.providerId, appointmentTypeIds: ["nope"] }),
    allowed: "admin",
    refused: "clinician",
  });
});

describe("provider rules (services behind the actions and /api/v1/providers)", () => {
  it("the list pages by name with a cursor, this hospital's providers only; active only when asked", async () => {
    await asA("admin", "/providers/new");
    for (let i = 0; i < 3; i++) expect(await createProviderAction(newProvider())).toMatchObject({ ok: true });
    const inactive = await createProviderAction({ ...newProvider(), active: false });
    expect(inactive.ok).toBe(true);

    await asA("staff", "/providers");
    const all = await listProvidersAction({ limit: 200 });
    if (!all.ok) throw new Error(all.code);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listProvidersAction({ limit: 2, cursor });
      if (!page.ok) throw new Error(page.code);
      expect(page.data.data.length).toBeLessThanOrEqual(2);
      paged.push(...page.data.data.map((p) => p.id));
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.data.data.map((p) => p.id));
    expect(paged).toContain(h.a.providerId);
    expect(paged).not.toContain(h.b.providerId);

    const active = await listProvidersAction({ limit: 200, activeOnly: true });
    if (!active.ok || !inactive.ok) throw new Error("list failed");
    expect(active.data.data.every((p) => p.active)).toBe(true);
    expect(active.data.data.map((p) => p.id)).not.toContain(inactive.data.id);
    expect(all.data.data.map((p) => p.id)).toContain(inactive.data.id);
  });

  it("a cursor the list did not issue is refused with invalid:cursor", async () => {
    await asA("staff", "/providers");
    expect(await listProvidersAction({ limit: 10, cursor: "not-a-cursor" })).toMatchObject({ ok: false, code: "invalid:cursor" });
  });

  it("deactivating and reactivating through updateProviderAction", async () => {
    await asA("admin", "/providers/new");
    const created = await createProviderAction(newProvider());
    if (!created.ok) throw new Error(created.code);
    expect(await updateProviderAction({ id: created.data.id, active: false })).toMatchObject({ ok: true, data: { active: false } });
    expect(await updateProviderAction({ id: created.data.id, active: true })).toMatchObject({ ok: true, data: { active: true } });
  });

  it("a duplicate licence number is a conflict the form can place beside the field", async () => {
    await asA("admin", "/providers/new");
    const licenseNumber = `LIC-DUP-${Date.now()}`;
    expect(await createProviderAction({ ...newProvider(), licenseNumber })).toMatchObject({ ok: true });
    expect(await createProviderAction({ ...newProvider(), licenseNumber })).toMatchObject({ ok: false, code: "conflict:provider_license" });
  });

  it("creating or reactivating beyond the plan's provider limit is refused with plan_limit:providers", async () => {
    const world = await createWorld("prov-basic");
    await withPlatform((tx) => tx.update(organizations).set({ plan: "basic" }).where(eq(organizations.id, world.orgId)));
    const slug = (await withPlatform((tx) => tx.select().from(organizations).where(eq(organizations.id, world.orgId))))[0]!.slug;
    const admin = await person([{ orgId: world.orgId, role: "admin" }], "basic-admin");
    arriveAs({ host: `${slug}.localhost`, path: "/providers/new", session: admin.session });
    // The world's provider plus two: Basic's three.
    for (let i = 0; i < 2; i++) expect(await createProviderAction(newProvider())).toMatchObject({ ok: true });
    expect(await createProviderAction(newProvider())).toMatchObject({ ok: false, code: "plan_limit:providers" });
    const spare = await createProviderAction({ ...newProvider(), active: false });
    if (!spare.ok) throw new Error(spare.code);
    expect(await updateProviderAction({ id: spare.data.id, active: true })).toMatchObject({ ok: false, code: "plan_limit:providers" });
  });

  it("weekly hours replace the whole week; overlapping intervals on a day are refused as one error", async () => {
    await asA("admin");
    const overlap = await setWeeklyHoursAction({
      id: h.a.providerId,
      hours: [
        { weekday: 2, startTime: "09:00", endTime: "12:00" },
        { weekday: 2, startTime: "11:00", endTime: "13:00" },
      ],
    });
    expect(overlap).toMatchObject({ ok: false, code: "validation", fieldErrors: { hours: ["Tuesday: intervals must not overlap."] } });

    const week = [
      { weekday: 3, startTime: "08:00", endTime: "12:00" },
      { weekday: 3, startTime: "13:00", endTime: "17:00" },
      { weekday: 5, startTime: "09:30", endTime: "15:00" },
    ];
    const saved = await setWeeklyHoursAction({ id: h.a.providerId, hours: week });
    expect(saved).toMatchObject({ ok: true, data: { id: h.a.providerId, weeklyHours: week } });
    expect((await detailOf(h.a.providerId)).weeklyHours).toEqual(week);
    // An empty week: the organization's business hours again.
    expect(await setWeeklyHoursAction({ id: h.a.providerId, hours: [] })).toMatchObject({ ok: true, data: { weeklyHours: [] } });
  });

  it("a date override replaces that date's hours; no intervals closes the day; clearing goes back to the week", async () => {
    await asA("admin");
    const date = inDays(30);
    const hours = await setDateOverrideAction({
      id: h.a.providerId,
      date,
      intervals: [
        { startTime: "13:00", endTime: "17:00" },
        { startTime: "08:00", endTime: "10:00" },
      ],
      note: "Half day",
    });
    expect(hours.ok).toBe(true);
    let overrides = (await detailOf(h.a.providerId)).overrides.filter((o) => o.date === date);
    expect(overrides).toEqual([
      { date, startTime: "08:00", endTime: "10:00", note: "Half day" },
      { date, startTime: "13:00", endTime: "17:00", note: "Half day" },
    ]);

    expect(await setDateOverrideAction({ id: h.a.providerId, date, intervals: [], note: "Conference" })).toMatchObject({ ok: true });
    overrides = (await detailOf(h.a.providerId)).overrides.filter((o) => o.date === date);
    expect(overrides).toEqual([{ date, startTime: null, endTime: null, note: "Conference" }]);

    expect(await clearDateOverrideAction({ id: h.a.providerId, date })).toMatchObject({ ok: true });
    expect((await detailOf(h.a.providerId)).overrides.filter((o) => o.date === date)).toEqual([]);
  });

  it("an override's date must be real and its intervals must not overlap, each reported on its field", async () => {
    await asA("admin");
    const before = await fingerprint(h.a.orgId);
    const result = await setDateOverrideAction({
      id: h.a.providerId,
      date: "2030-02-30",
      intervals: [
        { startTime: "09:00", endTime: "12:00" },
        { startTime: "11:00", endTime: "14:00" },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { date: ["Use a real date in the form YYYY-MM-DD."], intervals: ["The intervals of one date must not overlap."] },
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("time off must end after it starts; it is listed on the provider and removed only through its own provider", async () => {
    await asA("admin");
    const startsAt = new Date(Date.now() + 60 * DAY);
    const backwards = await addTimeOffAction({ id: h.a.providerId, startsAt, endsAt: startsAt });
    expect(backwards).toMatchObject({ ok: false, fieldErrors: { endsAt: ["Time off must end after it starts."] } });

    const added = await addTimeOffAction({ id: h.a.providerId, startsAt, endsAt: new Date(startsAt.getTime() + DAY), reason: "Leave" });
    if (!added.ok) throw new Error(added.code);
    expect(added.data.timeOff).toMatchObject({ providerId: h.a.providerId, reason: "Leave" });
    expect(added.data.timeOff.startsAt).toBeInstanceOf(Date);
    expect((await detailOf(h.a.providerId)).timeOff.map((t) => t.id)).toContain(added.data.timeOff.id);

    // Another provider of the same hospital cannot remove it.
    const other = await createProviderAction(newProvider());
    if (!other.ok) throw new Error(other.code);
    expect(await removeTimeOffAction({ id: other.data.id, timeOffId: added.data.timeOff.id })).toMatchObject({
      ok: false,
      code: "not_found:time_off",
    });
    expect((await detailOf(h.a.providerId)).timeOff.map((t) => t.id)).toContain(added.data.timeOff.id);

    expect(await removeTimeOffAction({ id: h.a.providerId, timeOffId: added.data.timeOff.id })).toMatchObject({ ok: true });
    expect((await detailOf(h.a.providerId)).timeOff.map((t) => t.id)).not.toContain(added.data.timeOff.id);
  });

  it("offered types: this hospital's types only, each once; none means every type", async () => {
    await asA("admin");
    const before = await fingerprint(h.a.orgId);
    expect(await setOfferedTypesAction({ id: h.a.providerId, appointmentTypeIds: [h.a.typeId, h.b.typeId] })).toMatchObject({
      ok: false,
      code: "not_found:appointment_type",
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);

    expect(await setOfferedTypesAction({ id: h.a.providerId, appointmentTypeIds: [h.a.typeId, h.a.typeId] })).toMatchObject({
      ok: true,
      data: { appointmentTypeIds: [h.a.typeId] },
    });
    expect(await setOfferedTypesAction({ id: h.a.providerId, appointmentTypeIds: [] })).toMatchObject({
      ok: true,
      data: { appointmentTypeIds: [] },
    });
  });
});

describe("the REST twins answer as before, through the same services", () => {
  const json = (method: string, url: string, body?: unknown) =>
    new Request(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

  it("list, overrides, time off and offered types keep their status codes and shapes", async () => {
    const admin = await h.memberOfA("admin");
    const base = `http://${h.a.host}/api/v1/providers`;
    const call = async <T>(path: string, run: () => Promise<Response>) => {
      arriveAs({ host: h.a.host, path, session: admin.session });
      const response = await run();
      return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as T) };
    };
    const id = h.a.providerId;

    const list = await import("@/app/api/v1/providers/route");
    const page = await call<{ data: { id: string }[]; nextCursor: string | null }>("/api/v1/providers", () =>
      list.GET(json("GET", `${base}?limit=1&active=true`), params({})),
    );
    expect(page.status).toBe(200);
    expect(page.body?.data).toHaveLength(1);
    expect(typeof page.body?.nextCursor).toBe("string");

    const overrides = await import("@/app/api/v1/providers/[id]/overrides/[date]/route");
    const date = inDays(25);
    const badDate = await call<{ error: { code: string; message: string } }>(`/api/v1/providers/${id}/overrides/2030-02-30`, () =>
      overrides.PUT(json("PUT", `${base}/${id}/overrides/2030-02-30`, { intervals: [] }), params({ id, date: "2030-02-30" })),
    );
    expect(badDate).toEqual({ status: 400, body: { error: { code: "validation", message: "Use a real date in the form YYYY-MM-DD." } } });
    const set = await call<{ data: { overrides: { date: string }[] } }>(`/api/v1/providers/${id}/overrides/${date}`, () =>
      overrides.PUT(json("PUT", `${base}/${id}/overrides/${date}`, { intervals: [], note: "Closed" }), params({ id, date })),
    );
    expect(set.status).toBe(200);
    expect(set.body?.data.overrides).toContainEqual({ date, startTime: null, endTime: null, note: "Closed" });
    const cleared = await call(`/api/v1/providers/${id}/overrides/${date}`, () =>
      overrides.DELETE(json("DELETE", `${base}/${id}/overrides/${date}`), params({ id, date })),
    );
    expect(cleared).toEqual({ status: 204, body: null });

    const timeOffRoute = await import("@/app/api/v1/providers/[id]/time-off/route");
    const startsAt = new Date(Date.now() + 70 * DAY).toISOString();
    const endsAt = new Date(Date.now() + 71 * DAY).toISOString();
    const added = await call<{ data: { id: string; startsAt: string } }>(`/api/v1/providers/${id}/time-off`, () =>
      timeOffRoute.POST(json("POST", `${base}/${id}/time-off`, { startsAt, endsAt }), params({ id })),
    );
    expect(added.status).toBe(201);
    expect(added.body?.data.startsAt).toBe(startsAt);
    const removeRoute = await import("@/app/api/v1/providers/[id]/time-off/[timeOffId]/route");
    const foreign = await call<{ error: { code: string } }>(`/api/v1/providers/${id}/time-off/${timeOff.b}`, () =>
      removeRoute.DELETE(json("DELETE", `${base}/${id}/time-off/${timeOff.b}`), params({ id, timeOffId: timeOff.b })),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body?.error.code).toBe("not_found:time_off");
    const removed = await call(`/api/v1/providers/${id}/time-off/${added.body!.data.id}`, () =>
      removeRoute.DELETE(json("DELETE", `${base}/${id}/time-off/${added.body!.data.id}`), params({ id, timeOffId: added.body!.data.id })),
    );
    expect(removed).toEqual({ status: 204, body: null });

    const offered = await import("@/app/api/v1/providers/[id]/appointment-types/route");
    const foreignType = await call<{ error: { code: string } }>(`/api/v1/providers/${id}/appointment-types`, () =>
      offered.PUT(json("PUT", `${base}/${id}/appointment-types`, { appointmentTypeIds: [h.b.typeId] }), params({ id })),
    );
    expect(foreignType.status).toBe(404);
    expect(foreignType.body?.error.code).toBe("not_found:appointment_type");

    const hours = await import("@/app/api/v1/providers/[id]/hours/route");
    const week = await call<{ data: { weeklyHours: unknown[] } }>(`/api/v1/providers/${id}/hours`, () =>
      hours.PUT(json("PUT", `${base}/${id}/hours`, { hours: [{ weekday: 4, startTime: "09:00", endTime: "11:00" }] }), params({ id })),
    );
    expect(week).toMatchObject({ status: 200, body: { data: { weeklyHours: [{ weekday: 4, startTime: "09:00", endTime: "11:00" }] } } });
  });
});
