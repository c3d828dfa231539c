import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { calendarFeedStatusAction, createCalendarFeedAction, revokeCalendarFeedAction } =
  await import("@/app/org/[org]/(staff)/providers/actions");
const feedRoute = await import("@/app/api/v1/public/calendar-feeds/[token]/route");
const providerFeedRoute = await import("@/app/api/v1/providers/[id]/calendar-feed/route");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Clinic = {
  /** A visit in two days with a reason and notes, one cancelled, one outside the feed's half year. */
  visit: string;
  cancelled: string;
  farAway: string;
  adminKey: string;
  staffKey: string;
};

async function fillClinic(h: Hospitals["a"], prefix: string): Promise<Clinic> {
  return withTenant(h.orgId, async (tx) => {
    const repo = appointmentsRepo(tx, h.orgId);
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const at = (ms: number) => new Date(hour + ms);
    const base = { patientId: h.patientId, providerId: h.providerId, appointmentTypeId: h.typeId };
    const visit = await repo.create({
      input: {
        ...base,
        startsAt: at(2 * DAY),
        endsAt: at(2 * DAY + HOUR / 2),
        reason: `${prefix} chest pain`,
        notes: `${prefix} private note`,
      },
    });
    const cancelled = await repo.create({ input: { ...base, startsAt: at(3 * DAY), endsAt: at(3 * DAY + HOUR / 2) } });
    await repo.cancel({ id: cancelled.id, reason: "patient called", by: "patient" });
    const farAway = await repo.create({ input: { ...base, startsAt: at(300 * DAY), endsAt: at(300 * DAY + HOUR / 2) } });
    await providerAvailabilityRepo(tx, h.orgId).addTimeOff({
      providerId: h.providerId,
      startsAt: at(5 * DAY),
      endsAt: at(6 * DAY),
      reason: `${prefix} family matters`,
    });
    const adminKey = await createApiKey(tx, h.orgId, { name: "ehr", role: "admin", createdBy: null });
    const staffKey = await createApiKey(tx, h.orgId, { name: "desk", role: "staff", createdBy: null });
    return { visit: visit.id, cancelled: cancelled.id, farAway: farAway.id, adminKey: adminKey.token, staffKey: staffKey.token };
  });
}

let h: Hospitals;
let a: Clinic;
let b: Clinic;
beforeAll(async () => {
  h = await twoHospitals("cal-feed");
  a = await fillClinic(h.a, "cfa");
  b = await fillClinic(h.b, "cfb");
});
const hospitals = () => h;
const page = () => `/providers/${h.a.providerId}`;

/** A new feed for hospital A's provider, made by one of its administrators; its token. */
async function newFeed(hospital: "a" | "b" = "a"): Promise<string> {
  const world = h[hospital];
  const admin = hospital === "a" ? await h.memberOfA("admin") : await h.memberOfB("admin");
  arriveAs({ host: world.host, path: `/providers/${world.providerId}`, session: admin.session });
  const made = await createCalendarFeedAction({ id: world.providerId });
  if (!made.ok) throw new Error(made.code);
  return tokenOf(made.data.url);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function tokenOf(url: string): string {
  return /\/api\/v1\/public\/calendar-feeds\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1]!;
}

async function fetchFeed(host: string, token: string, path = `/api/v1/public/calendar-feeds/${token}.ics`) {
  arriveAs({ host, path, session: null });
  const response = await feedRoute.GET(new Request(`http://${host}${path}`), { params: Promise.resolve({ token: `${token}.ics` }) });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

async function setPatientNames(orgId: string, on: boolean) {
  await withTenant(orgId, (tx) => organizationRepo(tx, orgId).updateSettings({ patch: { calendarFeedPatientNames: on } }));
}

async function feedAudits(orgId: string) {
  return asOwner(
    (sql) =>
      sql<
        { actor_type: string; actor_role: string | null; resource_ids: string[] | null; patient_ids: string[] | null; metadata: unknown }[]
      >`
        select actor_type, actor_role, resource_ids, patient_ids, metadata from audit_logs
         where organization_id = ${orgId} and metadata->>'via' = 'calendar_feed' order by occurred_at`,
  );
}

describe("calendar feed actions: attackers and roles", () => {
  actionAttacks("calendarFeedStatusAction", hospitals, {
    page: "/providers",
    valid: (h) => calendarFeedStatusAction({ id: h.a.providerId }),
    foreignIds: (h) => calendarFeedStatusAction({ id: h.b.providerId }),
    invalid: () => calendarFeedStatusAction({ id: "not-an-id" }),
    allowed: "staff",
  });

  actionAttacks("createCalendarFeedAction", hospitals, {
    page: "/providers",
    valid: (h) => createCalendarFeedAction({ id: h.a.providerId }),
    foreignIds: (h) => createCalendarFeedAction({ id: h.b.providerId }),
    invalid: () => createCalendarFeedAction({ id: "not-an-id" }),
    allowed: "admin",
  });

  // The create attacks above leave A's provider with a live feed for these to find.
  actionAttacks("revokeCalendarFeedAction", hospitals, {
    page: "/providers",
    valid: (h) => revokeCalendarFeedAction({ id: h.a.providerId }),
    foreignIds: (h) => revokeCalendarFeedAction({ id: h.b.providerId }),
    invalid: () => revokeCalendarFeedAction({ id: "" }),
    allowed: "admin",
  });

  it("the front desk and a clinician who is not this provider may see whether a feed exists, not make or end one; nothing changes", async () => {
    await newFeed();
    for (const role of ["staff", "clinician"] as const) {
      const member = await h.memberOfA(role);
      arriveAs({ host: h.a.host, path: page(), session: member.session });
      expect(await calendarFeedStatusAction({ id: h.a.providerId })).toMatchObject({
        ok: true,
        data: { canManage: false, feed: { lastFetchedAt: null } },
      });
      const before = await fingerprint(h.a.orgId);
      expect(await createCalendarFeedAction({ id: h.a.providerId })).toMatchObject({ ok: false, code: "forbidden:permission" });
      expect(await revokeCalendarFeedAction({ id: h.a.providerId })).toMatchObject({ ok: false, code: "forbidden:permission" });
      expect(await fingerprint(h.a.orgId)).toBe(before);
    }
  });

  it("a clinician linked to the provider manages their own feed", async () => {
    await newFeed();
    const clinician = await h.memberOfA("clinician");
    await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).update({ id: h.a.providerId, patch: { userId: clinician.id } }));
    try {
      arriveAs({ host: h.a.host, path: page(), session: clinician.session });
      expect(await calendarFeedStatusAction({ id: h.a.providerId })).toMatchObject({ ok: true, data: { canManage: true } });
      const made = await createCalendarFeedAction({ id: h.a.providerId });
      expect(made).toMatchObject({ ok: true, data: { replaced: true } });
      expect((await fetchFeed(h.a.host, tokenOf(made.ok ? made.data.url : ""))).status).toBe(200);
      arriveAs({ host: h.a.host, path: page(), session: clinician.session });
      expect(await revokeCalendarFeedAction({ id: h.a.providerId })).toMatchObject({ ok: true });
      arriveAs({ host: h.a.host, path: page(), session: clinician.session });
      expect(await revokeCalendarFeedAction({ id: h.a.providerId })).toMatchObject({ ok: false, code: "not_found:calendar_feed" });
    } finally {
      await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).update({ id: h.a.providerId, patch: { userId: null } }));
    }
  });
});

describe("the feed itself", () => {
  it("serves the provider's visits and time off as iCalendar: no patient name by default, never reasons or notes, no cancelled or far-off visits", async () => {
    await setPatientNames(h.a.orgId, false);
    const token = await newFeed();
    const feed = await fetchFeed(h.a.host, token);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe("text/calendar; charset=utf-8");
    const body = feed.body.replace(/\r\n[ \t]/g, ""); // unfolded
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain(`UID:${a.visit}@agentcare`);
    expect(body).toContain("SUMMARY:Visit\r\n");
    expect(body).toContain("SUMMARY:Time off");
    expect(body).toContain(`appointment=${a.visit}`);
    for (const hidden of [
      a.cancelled,
      a.farAway,
      h.a.appointmentId,
      "Ient",
      "Pat ",
      "chest pain",
      "private note",
      "family matters",
      "cfb",
    ]) {
      expect(body).not.toContain(hidden);
    }
  });

  it("names the patient when the organization allows it, and audits each fetch as one read naming what it showed", async () => {
    const token = await newFeed();
    await setPatientNames(h.a.orgId, true);
    try {
      const before = (await feedAudits(h.a.orgId)).length;
      const feed = await fetchFeed(h.a.host, token);
      expect(feed.status).toBe(200);
      expect(feed.body).toMatch(/SUMMARY:Pat Ient\d+ — Visit/);
      expect(feed.body).not.toContain("chest pain");
      const audits = await feedAudits(h.a.orgId);
      expect(audits).toHaveLength(before + 1);
      expect(audits.at(-1)).toMatchObject({
        actor_type: "anonymous",
        actor_role: "calendar_feed",
        resource_ids: [a.visit],
        patient_ids: [h.a.patientId],
        metadata: { via: "calendar_feed", providerId: h.a.providerId, patientNames: true },
      });
      const [row] = await asOwner(
        (sql) => sql<{ n: number }[]>`select count(*)::int as n from calendar_feeds
          where organization_id = ${h.a.orgId} and revoked_at is null and last_fetched_at > now() - interval '1 minute'`,
      );
      expect(row!.n).toBe(1);
    } finally {
      await setPatientNames(h.a.orgId, false);
    }
    await fetchFeed(h.a.host, token);
    // Without names the visits are still these patients' data: the row names them all the same.
    expect((await feedAudits(h.a.orgId)).at(-1)).toMatchObject({
      patient_ids: [h.a.patientId],
      resource_ids: [a.visit],
      metadata: { patientNames: false },
    });
  });

  it("answers 404 for a token of another hospital, on either hospital's address or path, and shows nothing of either", async () => {
    const tokenA = await newFeed("a");
    const tokenB = await newFeed("b");
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    const attempts = [
      await fetchFeed(h.b.host, tokenA),
      await fetchFeed(h.a.host, tokenB),
      await fetchFeed("localhost", tokenA, `/org/${h.b.slug}/api/v1/public/calendar-feeds/${tokenA}.ics`),
      await fetchFeed(h.a.host, "A".repeat(32)),
      await fetchFeed(h.a.host, "short"),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.body).not.toContain("VCALENDAR");
      expect(attempt.body).not.toContain("Ient");
    }
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
    expect((await fetchFeed(h.a.host, tokenA)).status).toBe(200);
  });

  it("a replaced address stops working at once, and so does a feed turned off", async () => {
    const first = await newFeed();
    const second = await newFeed();
    expect((await fetchFeed(h.a.host, first)).status).toBe(404);
    expect((await fetchFeed(h.a.host, second)).status).toBe(200);
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: page(), session: admin.session });
    expect(await revokeCalendarFeedAction({ id: h.a.providerId })).toMatchObject({ ok: true });
    expect((await fetchFeed(h.a.host, second)).status).toBe(404);
    // Only digests of the addresses are kept, both now revoked.
    const stored = await asOwner(
      (sql) => sql<{ token_hash: string; revoked: boolean }[]>`select token_hash, revoked_at is not null as revoked from calendar_feeds
        where organization_id = ${h.a.orgId} and token_hash in (${first}, ${second}, ${sha256(first)}, ${sha256(second)})`,
    );
    expect(stored.map((r) => r.token_hash).sort()).toEqual([sha256(first), sha256(second)].sort());
    expect(stored.every((r) => r.revoked)).toBe(true);
  });
});

describe("a feed ends with its maker's access", () => {
  const memberRow = async (userId: string) => {
    const [row] = await asOwner(
      (sql) => sql<{ id: string }[]>`select id from memberships where organization_id = ${h.a.orgId} and user_id = ${userId}`,
    );
    return row!.id;
  };

  it("an administrator's feed stops when they are no longer one, or leave; any feed stops when the provider is deactivated", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: page(), session: admin.session });
    const made = await createCalendarFeedAction({ id: h.a.providerId });
    const token = tokenOf(made.ok ? made.data.url : "");
    expect((await fetchFeed(h.a.host, token)).status).toBe(200);
    const id = await memberRow(admin.id);
    await withTenant(h.a.orgId, (tx) => membershipsRepo(tx, h.a.orgId).update({ id, patch: { role: "staff" } }));
    expect((await fetchFeed(h.a.host, token)).status).toBe(404);
    await withTenant(h.a.orgId, (tx) => membershipsRepo(tx, h.a.orgId).update({ id, patch: { role: "admin" } }));
    expect((await fetchFeed(h.a.host, token)).status).toBe(200);
    await withTenant(h.a.orgId, (tx) => membershipsRepo(tx, h.a.orgId).remove({ id }));
    expect((await fetchFeed(h.a.host, token)).status).toBe(404);

    const current = await newFeed();
    expect((await fetchFeed(h.a.host, current)).status).toBe(200);
    await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).update({ id: h.a.providerId, patch: { active: false } }));
    try {
      expect((await fetchFeed(h.a.host, current)).status).toBe(404);
    } finally {
      await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).update({ id: h.a.providerId, patch: { active: true } }));
    }
    expect((await fetchFeed(h.a.host, current)).status).toBe(200);
  });

  it("a clinician's own feed stops when they are unlinked from the provider", async () => {
    const clinician = await h.memberOfA("clinician");
    await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).update({ id: h.a.providerId, patch: { userId: clinician.id } }));
    let token = "";
    try {
      arriveAs({ host: h.a.host, path: page(), session: clinician.session });
      const made = await createCalendarFeedAction({ id: h.a.providerId });
      token = tokenOf(made.ok ? made.data.url : "");
      expect((await fetchFeed(h.a.host, token)).status).toBe(200);
    } finally {
      await withTenant(h.a.orgId, (tx) => providersRepo(tx, h.a.orgId).update({ id: h.a.providerId, patch: { userId: null } }));
    }
    expect((await fetchFeed(h.a.host, token)).status).toBe(404);
  });
});

describe("/api/v1/providers/{id}/calendar-feed", () => {
  const call = (method: "GET" | "POST" | "DELETE", host: string, id: string, key: string) => {
    const path = `/api/v1/providers/${id}/calendar-feed`;
    const headers = { authorization: `Bearer ${key}` };
    arriveAs({ host, path, session: null, headers });
    return providerFeedRoute[method](new Request(`http://${host}${path}`, { method, headers }), { params: Promise.resolve({ id }) });
  };

  it("an administrator's key makes a feed (201, the address once), reads its state without the address, and turns it off (204, then 404)", async () => {
    const made = await call("POST", h.a.host, h.a.providerId, a.adminKey);
    expect(made.status).toBe(201);
    const { data } = (await made.json()) as { data: { url: string } };
    expect(data.url).toMatch(new RegExp(`^http://${h.a.slug}\\.[^/]+/api/v1/public/calendar-feeds/[A-Za-z0-9_-]+\\.ics$`));
    const state = await call("GET", h.a.host, h.a.providerId, a.staffKey);
    expect(state.status).toBe(200);
    const text = await state.text();
    expect(text).not.toContain(tokenOf(data.url));
    expect(JSON.parse(text)).toMatchObject({ data: { canManage: false, feed: { lastFetchedAt: null } } });
    expect((await call("DELETE", h.a.host, h.a.providerId, a.adminKey)).status).toBe(204);
    expect((await call("DELETE", h.a.host, h.a.providerId, a.adminKey)).status).toBe(404);
    expect((await fetchFeed(h.a.host, tokenOf(data.url))).status).toBe(404);
  });

  it("a front-desk key, another hospital's key or another hospital's provider id is refused, and nothing changes", async () => {
    await newFeed();
    // Each key's first use is noted on it: use them once at home before taking the fingerprints.
    expect((await call("GET", h.a.host, h.a.providerId, a.staffKey)).status).toBe(200);
    expect((await call("GET", h.b.host, h.b.providerId, b.adminKey)).status).toBe(200);
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    expect((await call("POST", h.a.host, h.a.providerId, a.staffKey)).status).toBe(403);
    expect((await call("DELETE", h.a.host, h.a.providerId, a.staffKey)).status).toBe(403);
    expect((await call("POST", h.a.host, h.a.providerId, b.adminKey)).status).toBe(403);
    expect((await call("GET", h.a.host, h.a.providerId, b.adminKey)).status).toBe(403);
    expect((await call("DELETE", h.a.host, h.a.providerId, b.adminKey)).status).toBe(403);
    expect((await call("POST", h.a.host, h.b.providerId, a.adminKey)).status).toBe(404);
    expect((await call("DELETE", h.a.host, h.b.providerId, a.adminKey)).status).toBe(404);
    expect((await call("GET", h.a.host, h.b.providerId, a.adminKey)).status).toBe(404);
    expect((await call("POST", h.a.host, "not-an-id", a.adminKey)).status).toBe(404);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });
});
