import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { joinWaitlist } from "@/lib/scheduling/waitlist";
import { freeTimesForEntry } from "@/lib/scheduling/waitlist-staff";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { listWaitlistAction, offerWaitlistTimeAction, removeWaitlistEntryAction, waitlistFreeTimesAction } =
  await import("@/app/org/[org]/(staff)/waitlist/actions");
const { claimWaitlistOfferAction } = await import("@/app/org/[org]/waitlist/claim/[token]/actions");
const listRoute = await import("@/app/api/v1/waitlist/route");
const entryRoute = await import("@/app/api/v1/waitlist/[id]/route");

const TZ = "America/New_York";
const PAGE = "/waitlist";
const request = { requestId: "waitlist-staff-test", ip: "10.3.3.3", userAgent: "vitest" };
const day = (offset: number) => Temporal.Now.plainDateISO(TZ).add({ days: offset }).toString();

type Clinic = {
  /** Waiting entries: two with e-mail, one without, spare ones for the attacker checks. */
  entries: { early: string; later: string; noEmail: string; spareA: string; spareB: string; spareC: string };
  patients: string[];
  apiKey: string;
};

/** Open every day, a second provider, patients on the waiting list as if they joined online. */
async function fillClinic(h: Hospitals["a"], prefix: string): Promise<Clinic> {
  const patients = await withTenant(h.orgId, async (tx) => {
    const hours = { start: "09:00", end: "17:00", isOpen: true };
    const businessHours = {
      monday: hours,
      tuesday: hours,
      wednesday: hours,
      thursday: hours,
      friday: hours,
      saturday: hours,
      sunday: hours,
    };
    await organizationRepo(tx, h.orgId).updateSettings({ patch: { businessHours } });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const patient = await patientsRepo(tx, h.orgId).create({
        input: {
          mrn: `WL-${prefix}-${i}`,
          firstName: `Wait${i}`,
          lastName: `${prefix}List`,
          dateOfBirth: "1990-01-01",
          email: i === 2 ? null : `wait${i}@${prefix}.test`,
        },
      });
      ids.push(patient.id);
    }
    return ids;
  });
  const join = (patientId: string, from: number, to: number, providerId: string | null = null) =>
    runAsPublic({ orgId: h.orgId, request }, (ctx) =>
      joinWaitlist(ctx, { patientId, appointmentTypeId: h.typeId, providerId, earliestDate: day(from), latestDate: day(to) }),
    );
  const early = (await join(patients[0]!, 3, 4)).id;
  const later = (await join(patients[1]!, 10, 12, h.providerId)).id;
  const noEmail = (await join(patients[2]!, 3, 4)).id;
  const spareA = (await join(patients[3]!, 3, 4)).id;
  const spareB = (await join(patients[4]!, 3, 4)).id;
  const spareC = (await join(patients[5]!, 3, 4)).id;
  const { token } = await withTenant(h.orgId, (tx) => createApiKey(tx, h.orgId, { name: "desk", role: "staff", createdBy: null }));
  return { entries: { early, later, noEmail, spareA, spareB, spareC }, patients, apiKey: token };
}

/** Free times on a day for an entry, as the staff search finds them. */
async function freeTimes(orgId: string, entryId: string, date: string) {
  const { data } = await runAsPublic({ orgId, request }, (ctx) => freeTimesForEntry(ctx, { id: entryId, from: date, to: date }));
  return data;
}

async function entryStatus(orgId: string, id: string): Promise<string> {
  const [row] = await asOwner(
    (sql) => sql<{ status: string }[]>`select status from waitlist_entries where organization_id = ${orgId} and id = ${id}`,
  );
  return row!.status;
}

async function offerMails(orgId: string, toEmail: string) {
  return asOwner(
    (sql) =>
      sql<{ body_text: string }[]>`select body_text from notifications
        where organization_id = ${orgId} and kind = 'waitlist_offer' and to_email = ${toEmail} order by created_at`,
  );
}

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

let h: Hospitals;
let a: Clinic;
let b: Clinic;
let slotA: { providerId: string; startsAt: Date };
beforeAll(async () => {
  h = await twoHospitals("wl-staff");
  a = await fillClinic(h.a, "wla");
  b = await fillClinic(h.b, "wlb");
  slotA = (await freeTimes(h.a.orgId, a.entries.spareC, day(3)))[4]!;
});
const hospitals = () => h;

describe("the staff waiting list: attackers and roles", () => {
  actionAttacks("listWaitlistAction", hospitals, {
    page: PAGE,
    valid: () => listWaitlistAction({ limit: 10 }),
    invalid: () => listWaitlistAction({ status: "lost", from: "2026-02-31", limit: 0 } as never),
    allowed: "staff",
  });

  actionAttacks("removeWaitlistEntryAction", hospitals, {
    page: PAGE,
    valid: () => removeWaitlistEntryAction({ id: a.entries.spareA }),
    foreignIds: () => removeWaitlistEntryAction({ id: b.entries.spareA }),
    invalid: () => removeWaitlistEntryAction({ id: "not-an-id" }),
    allowed: "staff",
  });

  actionAttacks("offerWaitlistTimeAction", hospitals, {
    page: PAGE,
    valid: () => offerWaitlistTimeAction({ id: a.entries.spareC, providerId: slotA.providerId, startsAt: slotA.startsAt.toISOString() }),
    foreignIds: () =>
      offerWaitlistTimeAction({ id: b.entries.spareC, providerId: slotA.providerId, startsAt: slotA.startsAt.toISOString() }),
    invalid: () => offerWaitlistTimeAction({ id: a.entries.spareC, providerId: "", startsAt: "tomorrow" }),
    allowed: "staff",
  });

  actionAttacks("waitlistFreeTimesAction", hospitals, {
    page: PAGE,
    valid: () => waitlistFreeTimesAction({ id: a.entries.early, from: day(3), to: day(3) }),
    foreignIds: () => waitlistFreeTimesAction({ id: b.entries.early, from: day(3), to: day(3) }),
    invalid: () => waitlistFreeTimesAction({ id: a.entries.early, from: day(5), to: day(3) }),
    allowed: "staff",
  });

  it("a manual offer naming this hospital's entry with another hospital's provider finds nothing; neither hospital changes", async () => {
    const desk = await h.memberOfA("staff");
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const result = await offerWaitlistTimeAction({
      id: a.entries.early,
      providerId: h.b.providerId,
      startsAt: slotA.startsAt.toISOString(),
    });
    expect(result).toMatchObject({ ok: false, code: "not_found:provider" });
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("every role of the organization holds the permissions the page needs (the front desk included)", async () => {
    for (const role of ["staff", "clinician", "admin"] as const) {
      const member = await h.memberOfA(role);
      arriveAs({ host: h.a.host, path: PAGE, session: member.session });
      expect(await listWaitlistAction({ limit: 1 })).toMatchObject({ ok: true });
    }
  });
});

describe("the staff waiting list", () => {
  it("lists this hospital's waiting patients with their wishes, newest first, and audits the read naming them", async () => {
    const desk = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const [counted] = await asOwner(
      (sql) =>
        sql<{ n: number }[]>`select count(*)::int as n from audit_logs
          where organization_id = ${h.a.orgId} and resource_type = 'waitlist_entry' and action = 'view'`,
    );
    const result = await listWaitlistAction({ limit: 50 });
    expect(result.ok).toBe(true);
    const rows = result.ok ? result.data.data : [];
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([a.entries.early, a.entries.later]));
    expect(ids).not.toContain(b.entries.early);
    const later = rows.find((r) => r.id === a.entries.later)!;
    expect(later).toMatchObject({
      patient: { id: a.patients[1], name: "Wait1 wlaList" },
      appointmentType: { id: h.a.typeId, name: "Visit" },
      provider: { id: h.a.providerId },
      earliestDate: day(10),
      latestDate: day(12),
    });
    const joined = rows.map((r) => new Date(r.joinedAt).getTime());
    expect(joined).toEqual([...joined].sort((x, y) => y - x));
    const [audit] = await asOwner(
      (sql) =>
        sql<{ n: number }[]>`select count(*)::int as n from audit_logs
          where organization_id = ${h.a.orgId} and resource_type = 'waitlist_entry' and action = 'view'`,
    );
    expect(audit!.n).toBe(counted!.n + 1);
    const [latest] = await asOwner(
      (sql) =>
        sql<{ patient_ids: string[] }[]>`select patient_ids from audit_logs
          where organization_id = ${h.a.orgId} and resource_type = 'waitlist_entry' and action = 'view'
          order by occurred_at desc limit 1`,
    );
    expect(latest!.patient_ids).toEqual(expect.arrayContaining([a.patients[0], a.patients[1]]));
  });

  it("filters by type, provider, wanted dates and status, and pages with a cursor", async () => {
    const desk = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const idsOf = async (query: Parameters<typeof listWaitlistAction>[0]) => {
      const result = await listWaitlistAction(query);
      if (!result.ok) throw new Error(result.code);
      return result.data.data.map((r) => r.id);
    };
    expect(await idsOf({ from: day(9), to: day(20) })).toEqual([a.entries.later]);
    expect(await idsOf({ to: day(3) })).not.toContain(a.entries.later);
    expect(await idsOf({ type: h.a.typeId })).toContain(a.entries.later);
    expect(await idsOf({ type: h.b.typeId })).toEqual([]);
    // A provider: those who asked for them and those who take anyone.
    expect(await idsOf({ provider: h.a.providerId })).toEqual(expect.arrayContaining([a.entries.later, a.entries.early]));
    expect(await idsOf({ status: "booked" })).not.toContain(a.entries.early);
    expect(await listWaitlistAction({ from: day(5), to: day(1) })).toMatchObject({ ok: false, code: "validation" });

    const first = await listWaitlistAction({ limit: 2 });
    expect(first.ok && first.data.nextCursor).toBeTruthy();
    const second = await listWaitlistAction({ limit: 2, cursor: first.ok ? first.data.nextCursor! : "" });
    const firstIds = first.ok ? first.data.data.map((r) => r.id) : [];
    const secondIds = second.ok ? second.data.data.map((r) => r.id) : [];
    expect(secondIds).toHaveLength(2);
    expect(secondIds.some((id) => firstIds.includes(id))).toBe(false);
    expect(await listWaitlistAction({ limit: 2, cursor: "bm90LWEtY3Vyc29y" })).toMatchObject({ ok: false, code: "invalid:cursor" });
  });

  it("a manual offer goes out like the worker's: the e-mail's claim link books the time; a second patient offered it finds it gone", async () => {
    const desk = await h.memberOfA("staff");
    const times = await freeTimes(h.a.orgId, a.entries.early, day(4));
    const slot = times[2]!;
    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const startsAt = slot.startsAt.toISOString();
    const offered = await offerWaitlistTimeAction({ id: a.entries.early, providerId: slot.providerId, startsAt });
    expect(offered).toMatchObject({ ok: true, data: { entryId: a.entries.early } });
    expect(await offerWaitlistTimeAction({ id: a.entries.later, providerId: slot.providerId, startsAt })).toMatchObject({ ok: true });
    expect(await entryStatus(h.a.orgId, a.entries.early)).toBe("offered");

    // The same offer twice is refused and changes nothing.
    const before = await fingerprint(h.a.orgId);
    expect(await offerWaitlistTimeAction({ id: a.entries.early, providerId: slot.providerId, startsAt })).toMatchObject({
      ok: false,
      code: "conflict:duplicate",
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);

    const [mail] = await offerMails(h.a.orgId, "wait0@wla.test");
    const token = /\/waitlist\/claim\/([A-Za-z0-9_.-]+)/.exec(mail!.body_text)![1]!;
    const [otherMail] = await offerMails(h.a.orgId, "wait1@wla.test");
    const otherToken = /\/waitlist\/claim\/([A-Za-z0-9_.-]+)/.exec(otherMail!.body_text)![1]!;

    arriveAs({ host: h.a.host, path: `/waitlist/claim/${token}`, session: null });
    expect(await claimWaitlistOfferAction({ token })).toMatchObject({ ok: true });
    expect(await claimWaitlistOfferAction({ token: otherToken })).toMatchObject({ ok: false, code: "conflict:offer_gone" });

    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const list = await listWaitlistAction({ limit: 50 });
    const rows = list.ok ? list.data.data : [];
    const won = rows.find((r) => r.id === a.entries.early)!;
    expect(won.status).toBe("booked");
    expect(won.offers).toEqual([expect.objectContaining({ providerId: slot.providerId, outcome: "claimed" })]);
    expect(new Date(won.offers[0]!.startsAt).toISOString()).toBe(startsAt);
    const lost = rows.find((r) => r.id === a.entries.later)!;
    expect(lost.status).toBe("waiting");
    expect(lost.offers.map((o) => o.outcome)).toEqual(["gone"]);

    // The time is booked now: offering it again is refused with a clear message, nothing changes.
    const after = await fingerprint(h.a.orgId);
    const taken = await offerWaitlistTimeAction({ id: a.entries.later, providerId: slot.providerId, startsAt });
    expect(taken).toMatchObject({ ok: false, code: "conflict:appointment_overlap" });
    expect(taken.ok ? "" : taken.formError).toMatch(/not free/);
    // A booked entry cannot be offered or removed.
    expect(await removeWaitlistEntryAction({ id: a.entries.early })).toMatchObject({ ok: false, code: "conflict:waitlist_entry" });
    expect(await fingerprint(h.a.orgId)).toBe(after);
  });

  it("refuses what staff can get wrong with a clear message and changes nothing", async () => {
    const desk = await h.memberOfA("staff");
    const [slot] = await freeTimes(h.a.orgId, a.entries.noEmail, day(3));
    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const before = await fingerprint(h.a.orgId);
    const noEmail = await offerWaitlistTimeAction({
      id: a.entries.noEmail,
      providerId: slot!.providerId,
      startsAt: slot!.startsAt.toISOString(),
    });
    expect(noEmail).toMatchObject({ ok: false, code: "validation" });
    expect(noEmail.ok ? "" : noEmail.formError).toMatch(/no e-mail address/);
    // 3 a.m. is outside the opening hours.
    const night = new Date(Temporal.PlainDateTime.from(`${day(3)}T03:00`).toZonedDateTime(TZ).epochMilliseconds).toISOString();
    expect(await offerWaitlistTimeAction({ id: a.entries.spareB, providerId: h.a.providerId, startsAt: night })).toMatchObject({
      ok: false,
      code: "conflict:appointment_overlap",
    });
    expect(await removeWaitlistEntryAction({ id: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      ok: false,
      code: "not_found:waitlist_entry",
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("removing an entry cancels it, makes its open offer unclaimable and is audited; removing it again is refused", async () => {
    const desk = await h.memberOfA("staff");
    const [slot] = await freeTimes(h.a.orgId, a.entries.spareB, day(4));
    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    expect(
      await offerWaitlistTimeAction({ id: a.entries.spareB, providerId: slot!.providerId, startsAt: slot!.startsAt.toISOString() }),
    ).toMatchObject({ ok: true });
    expect(await removeWaitlistEntryAction({ id: a.entries.spareB })).toMatchObject({ ok: true, data: { status: "cancelled" } });
    expect(await entryStatus(h.a.orgId, a.entries.spareB)).toBe("cancelled");
    const [audit] = await asOwner(
      (sql) =>
        sql<{ actor_user_id: string; patient_id: string }[]>`select actor_user_id, patient_id from audit_logs
          where organization_id = ${h.a.orgId} and resource_type = 'waitlist_entry' and action = 'delete' and resource_id = ${a.entries.spareB}`,
    );
    expect(audit).toMatchObject({ actor_user_id: desk.id, patient_id: a.patients[4] });

    const [mail] = await offerMails(h.a.orgId, "wait4@wla.test");
    const token = /\/waitlist\/claim\/([A-Za-z0-9_.-]+)/.exec(mail!.body_text)![1]!;
    arriveAs({ host: h.a.host, path: `/waitlist/claim/${token}`, session: null });
    expect(await claimWaitlistOfferAction({ token })).toMatchObject({ ok: false, code: "conflict:offer_gone" });

    arriveAs({ host: h.a.host, path: PAGE, session: desk.session });
    const before = await fingerprint(h.a.orgId);
    const again = await removeWaitlistEntryAction({ id: a.entries.spareB });
    expect(again).toMatchObject({ ok: false, code: "conflict:waitlist_entry" });
    expect(again.ok ? "" : again.formError).toMatch(/already taken off/);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("GET /api/v1/waitlist and DELETE /api/v1/waitlist/{id}", () => {
  const get = (host: string, query = "", headers: Record<string, string> = {}) => {
    arriveAs({ host, path: `/api/v1/waitlist${query}`, session: null, headers });
    return listRoute.GET(new Request(`http://${host}/api/v1/waitlist${query}`, { headers }), noParams);
  };
  const del = (host: string, id: string, headers: Record<string, string>, session: Parameters<typeof arriveAs>[0]["session"] = null) => {
    arriveAs({ host, path: `/api/v1/waitlist/${id}`, session, headers });
    return entryRoute.DELETE(new Request(`http://${host}/api/v1/waitlist/${id}`, { method: "DELETE", headers }), idParams(id));
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("lists this hospital's entries for its key, with filters as query parameters", async () => {
    const response = await get(h.a.host, `?from=${day(9)}&to=${day(20)}&limit=5`, bearer(a.apiKey));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string; offers: unknown[] }[]; nextCursor: string | null };
    expect(body.data.map((r) => r.id)).toEqual([a.entries.later]);
    expect(body.nextCursor).toBeNull();
    expect((await get(h.a.host, "?status=lost", bearer(a.apiKey))).status).toBe(400);
  });

  it("another hospital's key or session on this hospital's address is refused, and reads nothing", async () => {
    const keyed = await get(h.a.host, "", bearer(b.apiKey));
    expect(keyed.status).toBe(403);
    expect(JSON.stringify(await keyed.json())).not.toContain("wlaList");
    const outsider = await h.memberOfB("owner");
    arriveAs({ host: h.a.host, path: "/api/v1/waitlist", session: outsider.session });
    const response = await listRoute.GET(new Request(`http://${h.a.host}/api/v1/waitlist`), noParams);
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).not.toContain("wlaList");
  });

  it("DELETE: another hospital's entry is 404 for this hospital's key; this hospital's entry is 403 for another's key; nothing changes", async () => {
    const outsider = await h.memberOfB("owner");
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    expect((await del(h.a.host, b.entries.later, bearer(a.apiKey))).status).toBe(404);
    expect((await del(h.b.host, b.entries.later, bearer(a.apiKey))).status).toBe(403);
    expect((await del(h.a.host, a.entries.later, bearer(b.apiKey))).status).toBe(403);
    expect((await del(h.a.host, "not-an-id", bearer(a.apiKey))).status).toBe(404);
    expect((await del(h.a.host, a.entries.later, { origin: `http://${h.a.host}` }, outsider.session)).status).toBe(403);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("DELETE takes this hospital's entry off the list for its key (204), then answers 409", async () => {
    expect((await del(h.a.host, a.entries.later, bearer(a.apiKey))).status).toBe(204);
    expect(await entryStatus(h.a.orgId, a.entries.later)).toBe("cancelled");
    const again = await del(h.a.host, a.entries.later, bearer(a.apiKey));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("conflict:waitlist_entry");
  });
});
