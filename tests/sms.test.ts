import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { reloadConfig } from "@/lib/config/env";
import { waitlistEntries } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { runWorkerPass } from "@/lib/jobs/worker";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { decryptAuthToken } from "@/lib/sms/token-crypto";
import { twilioSender } from "@/lib/sms/twilio-client";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { fakeAccountSid, fakeAuthToken, incomingSms, startFakeTwilio, twilioWebhookRequest, type FakeTwilio } from "./support/fake-twilio";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

// Text messages end to end against a local fake Twilio: the settings (token encrypted, never shown),
// consent at booking and by staff, STOP and START, reminders at both offsets exactly once through
// the worker and the outbox, C and R replies, signatures (missing, wrong, another hospital's) that
// change nothing, and visits released unconfirmed at the cutoff and offered to the waiting list.

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { smsSettingsAction, updateSmsSettingsAction } = await import("@/app/org/[org]/(staff)/settings/sms/actions");
const { setPatientSmsConsentAction } = await import("@/app/org/[org]/(staff)/patients/actions");
const inboundRoute = await import("@/app/api/v1/public/sms/inbound/route");
const settingsRoute = await import("@/app/api/v1/settings/sms/route");
const consentRoute = await import("@/app/api/v1/patients/[id]/sms-consent/route");
const { POST: postBooking } = await import("@/app/api/v1/public/bookings/route");

const HOUR = 3_600_000;
const INBOUND = "/api/v1/public/sms/inbound";
const ZONE = "America/New_York";

type Account = { sid: string; token: string; from: string };
type Patient = { id: string; phone: string; e164: string };

let fake: FakeTwilio;
let h: Hospitals;
const hospitals = () => h;
const account: { a: Account; b: Account } = {
  a: { sid: fakeAccountSid(), token: fakeAuthToken(), from: "+15550100100" },
  b: { sid: fakeAccountSid(), token: fakeAuthToken(), from: "+15550200200" },
};
let n = 0;

async function addPatient(orgId: string, phone: string | null, email: string | null = null): Promise<Patient> {
  const i = ++n;
  const patient = await withTenant(orgId, (tx) =>
    patientsRepo(tx, orgId).create({
      input: { mrn: `SMS-${i}`, firstName: "Tex", lastName: `Ter${i}`, dateOfBirth: "1979-05-06", email, phone },
    }),
  );
  const e164 = phone ? `+1${phone.replace(/\D/g, "").slice(-10)}` : "";
  return { id: patient.id, phone: phone ?? "", e164 };
}

/** A visit booked a week ago (so every reminder point is after its booking). */
async function visit(world: Hospitals["a"], patientId: string, startsAt: Date) {
  const created = await withTenant(world.orgId, (tx) =>
    appointmentsRepo(tx, world.orgId).create({
      input: {
        patientId,
        providerId: world.providerId,
        appointmentTypeId: world.typeId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      },
    }),
  );
  await asOwner((sql) => sql`update appointments set created_at = now() - interval '7 days' where id = ${created.id}`);
  return created;
}

const members = new Map<string, Awaited<ReturnType<Hospitals["memberOfA"]>>>();

/** One member per hospital and role for the whole file (a new membership would change the fingerprints). */
async function member(hospital: "a" | "b", role: "admin" | "staff") {
  const key = `${hospital}:${role}`;
  if (!members.has(key)) members.set(key, hospital === "a" ? await h.memberOfA(role) : await h.memberOfB(role));
  return members.get(key)!;
}

async function asAdmin(hospital: "a" | "b", path = "/settings/sms") {
  arriveAs({ host: h[hospital].host, path, session: (await member(hospital, "admin")).session });
}

async function consentAsStaff(hospital: "a" | "b", patientId: string, smsOptIn: boolean) {
  arriveAs({ host: h[hospital].host, path: `/patients/${patientId}`, session: (await member(hospital, "staff")).session });
  return setPatientSmsConsentAction({ id: patientId, smsOptIn });
}

/** A text from `from` to `to`, posted to `host` (default: the hospital's own), signed with `token` unless told otherwise. */
async function reply(
  hospital: "a" | "b",
  {
    from,
    body,
    token,
    to,
    sid,
    host,
    signature,
    unsigned,
  }: { from: string; body: string; token?: string; to?: string; sid?: string; host?: string; signature?: string; unsigned?: boolean },
) {
  const acct = account[hospital];
  const onHost = host ?? h[hospital].host;
  const url = `http://${onHost}${INBOUND}`;
  const params = incomingSms({ accountSid: sid ?? acct.sid, from, to: to ?? acct.from, body });
  arriveAs({ host: onHost, path: INBOUND, session: null });
  const response = await inboundRoute.POST(
    twilioWebhookRequest({ url, params, authToken: unsigned ? undefined : (token ?? acct.token), signature }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

const pass = (now: Date) => runWorkerPass({ now, send: null, sendSms: twilioSender() });
const textsTo = (e164: string) => fake.messages.filter((m) => m.to === e164);

async function smsRows(appointmentId: string) {
  return asOwner(
    (sql) => sql<{ kind: string; offset_hours: number | null; status: string; attempts: number; provider_message_id: string | null }[]>`
      select kind, offset_hours, status, attempts, provider_message_id from sms_messages where appointment_id = ${appointmentId} order by created_at`,
  );
}

async function patientRow(id: string) {
  const [row] = await asOwner(
    (sql) =>
      sql<
        { sms_consent_at: Date | null; sms_opted_out_at: Date | null }[]
      >`select sms_consent_at, sms_opted_out_at from patients where id = ${id}`,
  );
  return row!;
}

async function appointmentRow(id: string) {
  const [row] = await asOwner(
    (sql) => sql<{ status: string; cancelled_by: string | null; reschedule_requested_at: Date | null }[]>`
      select status, cancelled_by, reschedule_requested_at from appointments where id = ${id}`,
  );
  return row!;
}

beforeAll(async () => {
  fake = await startFakeTwilio();
  fake.addAccount(account.a.sid, account.a.token);
  fake.addAccount(account.b.sid, account.b.token);
  process.env.TWILIO_API_BASE_URL = fake.baseUrl;
  reloadConfig();
  h = await twoHospitals("sms");
  const open = { start: "08:00", end: "20:00", isOpen: true };
  for (const world of [h.a, h.b]) {
    await withTenant(world.orgId, (tx) =>
      organizationRepo(tx, world.orgId).updateSettings({
        patch: {
          enableOnlineBooking: true,
          minimumNoticeMinutes: 0,
          businessHours: { monday: open, tuesday: open, wednesday: open, thursday: open, friday: open, saturday: open, sunday: open },
        },
      }),
    );
  }
});

afterAll(async () => {
  delete process.env.TWILIO_API_BASE_URL;
  reloadConfig();
  await fake.close();
});

describe("SMS actions: attackers and roles", () => {
  actionAttacks("smsSettingsAction", hospitals, {
    page: "/settings/sms",
    valid: () => smsSettingsAction({}),
    invalid: () => smsSettingsAction("nope" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("updateSmsSettingsAction", hospitals, {
    page: "/settings/sms",
    valid: () => updateSmsSettingsAction({ reminderOffsetsHours: [48, 2] }),
    invalid: () =>
      updateSmsSettingsAction({ accountSid: "nope", fromNumber: "12", reminderOffsetsHours: [0], releaseUnconfirmedHours: 500 }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("setPatientSmsConsentAction", hospitals, {
    page: "/patients",
    valid: (h) => setPatientSmsConsentAction({ id: h.a.patientId, smsOptIn: false }),
    foreignIds: (h) => setPatientSmsConsentAction({ id: h.b.patientId, smsOptIn: false }),
    invalid: () => setPatientSmsConsentAction({ id: "not-an-id", smsOptIn: "maybe" as never }),
    allowed: "staff",
  });
});

describe("SMS settings", () => {
  it("turning texts on without the account's details is refused with every missing field named, nothing changed", async () => {
    await asAdmin("a");
    const before = await fingerprint(h.a.orgId);
    const result = await updateSmsSettingsAction({ enabled: true });
    expect(result).toMatchObject({ ok: false, code: "validation" });
    expect(result.ok ? {} : result.fieldErrors).toMatchObject({
      accountSid: [expect.any(String)],
      authToken: [expect.any(String)],
      fromNumber: [expect.any(String)],
    });
    const late = await updateSmsSettingsAction({ reminderOffsetsHours: [24], releaseUnconfirmedHours: 24 });
    expect(late.ok ? {} : late.fieldErrors).toMatchObject({ releaseUnconfirmedHours: [expect.stringContaining("earliest reminder")] });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("an admin sets the Twilio account: the auth token is stored encrypted (bound to the hospital) and never returned by the action or the API", async () => {
    for (const hospital of ["a", "b"] as const) {
      await asAdmin(hospital);
      const saved = await updateSmsSettingsAction({
        enabled: true,
        accountSid: account[hospital].sid,
        authToken: account[hospital].token,
        fromNumber: `+1 ${account[hospital].from.slice(2, 5)}-${account[hospital].from.slice(5, 8)}-${account[hospital].from.slice(8)}`,
      });
      expect(saved).toMatchObject({
        ok: true,
        data: {
          enabled: true,
          accountSid: account[hospital].sid,
          fromNumber: account[hospital].from,
          authTokenSet: true,
          authTokenReadable: true,
          reminderOffsetsHours: [48, 2],
          releaseUnconfirmedHours: null,
        },
      });
      expect(JSON.stringify(saved)).not.toContain(account[hospital].token);
      expect(saved.ok && saved.data.inboundUrl).toBe(`http://${h[hospital].host}${INBOUND}`);
    }
    const [stored] = await asOwner(
      (sql) => sql<{ auth_token_encrypted: string }[]>`select auth_token_encrypted from sms_settings where organization_id = ${h.a.orgId}`,
    );
    expect(stored!.auth_token_encrypted).toMatch(/^v1\./);
    expect(stored!.auth_token_encrypted).not.toContain(account.a.token);
    expect(decryptAuthToken(h.a.orgId, stored!.auth_token_encrypted)).toBe(account.a.token);
    // Copied to another hospital's row, the ciphertext does not decrypt.
    expect(decryptAuthToken(h.b.orgId, stored!.auth_token_encrypted)).toBeNull();

    await asAdmin("a");
    const read = await smsSettingsAction({});
    expect(read).toMatchObject({ ok: true, data: { authTokenSet: true } });
    expect(JSON.stringify(read)).not.toContain(account.a.token);
    expect(JSON.stringify(read)).not.toContain(stored!.auth_token_encrypted);

    // Through the API with an admin key: the same view, and a PATCH answers without the token too.
    const key = await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "sms", role: "admin", createdBy: null }));
    const path = "/api/v1/settings/sms";
    const headers = { authorization: `Bearer ${key.token}` };
    arriveAs({ host: h.a.host, path, session: null, headers });
    const got = await settingsRoute.GET(new Request(`http://${h.a.host}${path}`, { headers }), { params: Promise.resolve({}) });
    const gotText = await got.text();
    expect(got.status).toBe(200);
    expect(JSON.parse(gotText)).toMatchObject({ data: { accountSid: account.a.sid, authTokenSet: true } });
    expect(gotText).not.toContain(account.a.token);
    arriveAs({ host: h.a.host, path, session: null, headers });
    const patched = await settingsRoute.PATCH(
      new Request(`http://${h.a.host}${path}`, {
        method: "PATCH",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ authToken: account.a.token, reminderOffsetsHours: [2, 48] }),
      }),
      { params: Promise.resolve({}) },
    );
    const patchedText = await patched.text();
    expect(patched.status).toBe(200);
    expect(JSON.parse(patchedText)).toMatchObject({ data: { reminderOffsetsHours: [48, 2] } });
    expect(patchedText).not.toContain(account.a.token);

    // A bad PATCH: 400 with the field, nothing changed.
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: h.a.host, path, session: null, headers });
    const bad = await settingsRoute.PATCH(
      new Request(`http://${h.a.host}${path}`, {
        method: "PATCH",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ fromNumber: "call me", reminderOffsetsHours: [1, 2, 3, 4] }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "validation", fieldErrors: { fromNumber: [expect.any(String)], reminderOffsetsHours: [expect.any(String)] } },
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("SMS consent", () => {
  it("the booking page's checkbox records consent with its time; without a mobile number it is refused and nothing is written", async () => {
    const day = Temporal.Now.plainDateISO(ZONE).add({ days: 6 }).toString();
    const startsAt = (time: string) => Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime(ZONE).toInstant().toString();
    const book = async (patient: Record<string, string>, extra: Record<string, unknown>, time: string) => {
      arriveAs({ host: h.a.host, path: "/api/v1/public/bookings", session: null });
      const response = await postBooking(
        new Request(`http://${h.a.host}/api/v1/public/bookings`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            appointmentTypeId: h.a.typeId,
            providerId: h.a.providerId,
            startsAt: startsAt(time),
            patient: { firstName: "Bea", lastName: `Booker${++n}`, dateOfBirth: "1990-02-03", email: `bea${n}@sms.test`, ...patient },
            ...extra,
          }),
        }),
        { params: Promise.resolve({}) },
      );
      return {
        status: response.status,
        body: (await response.json()) as {
          data?: { appointmentId?: string; id?: string };
          error?: { code: string; fieldErrors?: Record<string, string[]> };
        },
      };
    };

    const before = await fingerprint(h.a.orgId);
    const refused = await book({}, { smsOptIn: true }, "10:00");
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "validation",
      fieldErrors: { "patient.phone": [expect.stringContaining("mobile number")] },
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);

    const startedAt = Date.now();
    const booked = await book({ phone: "(555) 010-4401" }, { smsOptIn: true }, "10:00");
    expect(booked.status).toBe(201);
    const [withConsent] = await asOwner(
      (sql) =>
        sql<
          { sms_consent_at: Date | null }[]
        >`select sms_consent_at from patients where organization_id = ${h.a.orgId} and phone = '(555) 010-4401'`,
    );
    expect(withConsent!.sms_consent_at!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);

    const without = await book({ phone: "(555) 010-4402" }, {}, "11:00");
    expect(without.status).toBe(201);
    const [noConsent] = await asOwner(
      (sql) =>
        sql<
          { sms_consent_at: Date | null }[]
        >`select sms_consent_at from patients where organization_id = ${h.a.orgId} and phone = '(555) 010-4402'`,
    );
    expect(noConsent!.sms_consent_at).toBeNull();
  });

  it("staff set and clear consent on the record (also through the API); a patient without a mobile number cannot be opted in", async () => {
    const p = await addPatient(h.a.orgId, "555-010-4410");
    expect(await consentAsStaff("a", p.id, true)).toMatchObject({ ok: true, data: { smsOptIn: true } });
    expect((await patientRow(p.id)).sms_consent_at).not.toBeNull();
    expect(await consentAsStaff("a", p.id, false)).toMatchObject({ ok: true, data: { smsOptIn: false, smsConsentAt: null } });

    const key = await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "desk", role: "staff", createdBy: null }));
    const path = `/api/v1/patients/${p.id}/sms-consent`;
    const headers = { authorization: `Bearer ${key.token}`, "content-type": "application/json" };
    arriveAs({ host: h.a.host, path, session: null, headers: { authorization: headers.authorization } });
    const put = await consentRoute.PUT(
      new Request(`http://${h.a.host}${path}`, { method: "PUT", headers, body: JSON.stringify({ smsOptIn: true }) }),
      {
        params: Promise.resolve({ id: p.id }),
      },
    );
    expect(put.status).toBe(200);
    expect((await patientRow(p.id)).sms_consent_at).not.toBeNull();

    const noPhone = await addPatient(h.a.orgId, null);
    const before = await fingerprint(h.a.orgId);
    const refused = await consentAsStaff("a", noPhone.id, true);
    expect(refused).toMatchObject({ ok: false, code: "validation", fieldErrors: { smsOptIn: [expect.stringContaining("mobile number")] } });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("a STOP reply opts the number out (at this hospital only) and staff cannot opt it back in; START does", async () => {
    const p = await addPatient(h.a.orgId, "+1 555 010 4420");
    const sameNumberAtB = await addPatient(h.b.orgId, "555.010.4420");
    await consentAsStaff("a", p.id, true);
    await consentAsStaff("b", sameNumberAtB.id, true);
    const beforeB = await fingerprint(h.b.orgId);

    const stop = await reply("a", { from: p.e164, body: "Stop" });
    expect(stop).toMatchObject({ status: 200, type: expect.stringContaining("text/xml") });
    expect(stop.body).toContain("<Message>You are unsubscribed");
    expect((await patientRow(p.id)).sms_opted_out_at).not.toBeNull();
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
    expect((await patientRow(sameNumberAtB.id)).sms_opted_out_at).toBeNull();

    const beforeA = await fingerprint(h.a.orgId);
    expect(await consentAsStaff("a", p.id, true)).toMatchObject({ ok: false, code: "conflict:sms_opted_out" });
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);

    const start = await reply("a", { from: p.e164, body: "START" });
    expect(start.body).toContain("resubscribed");
    const row = await patientRow(p.id);
    expect(row.sms_opted_out_at).toBeNull();
    expect(row.sms_consent_at).not.toBeNull();
  });
});

describe("reminders, replies and confirm-or-release", () => {
  const base = Math.floor(Date.now() / HOUR) * HOUR;
  const sx = new Date(base + 47 * HOUR);
  const sy = new Date(base + 30 * HOUR);
  let p: Patient;
  let q: Patient;
  let x: { id: string };
  let y: { id: string };
  let waiting: { id: string };

  beforeAll(async () => {
    p = await addPatient(h.a.orgId, "555-010-4430");
    q = await addPatient(h.a.orgId, "555-010-4431", "q.patient@sms.test");
    await consentAsStaff("a", p.id, true);
    await consentAsStaff("a", q.id, true);
    x = await visit(h.a, p.id, sx);
    y = await visit(h.a, q.id, sy);
    const w = await addPatient(h.a.orgId, null, "w.waiting@sms.test");
    const today = Temporal.Now.plainDateISO(ZONE);
    const [entry] = await withTenant(h.a.orgId, (tx) =>
      tx
        .insert(waitlistEntries)
        .values({
          organizationId: h.a.orgId,
          patientId: w.id,
          appointmentTypeId: h.a.typeId,
          earliestDate: today.toString(),
          latestDate: today.add({ days: 5 }).toString(),
        })
        .returning({ id: waitlistEntries.id }),
    );
    waiting = entry!;
  });

  it("the worker queues the 48-hour reminders and sends them through Twilio once, with the hospital's account and number", async () => {
    const report = await pass(new Date());
    expect(report.smsQueued).toBeGreaterThanOrEqual(2);
    await pass(new Date(Date.now() + 60_000));
    for (const [patient, appointment] of [
      [p, x],
      [q, y],
    ] as const) {
      const texts = textsTo(patient.e164);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatchObject({ accountSid: account.a.sid, from: account.a.from });
      expect(texts[0]!.body).toContain("Reply C to confirm or R to reschedule");
      expect(await smsRows(appointment.id)).toEqual([
        { kind: "reminder", offset_hours: 48, status: "sent", attempts: 1, provider_message_id: expect.stringMatching(/^SM/) },
      ]);
    }
  });

  it("a reply without a signature, with a wrong one, or with an altered body is refused with 403 and changes nothing", async () => {
    const before = await fingerprint(h.a.orgId);
    expect((await reply("a", { from: p.e164, body: "C", unsigned: true })).status).toBe(403);
    expect((await reply("a", { from: p.e164, body: "C", signature: "c2lnbmF0dXJl" })).status).toBe(403);
    expect((await reply("a", { from: p.e164, body: "C", token: fakeAuthToken() })).status).toBe(403);
    // Signed for one body, sent with another.
    const url = `http://${h.a.host}${INBOUND}`;
    const params = incomingSms({ accountSid: account.a.sid, from: p.e164, to: account.a.from, body: "HELP" });
    const signed = twilioWebhookRequest({ url, params, authToken: account.a.token });
    const tampered = new Request(url, {
      method: "POST",
      headers: signed.headers,
      body: new URLSearchParams({ ...params, Body: "C" }).toString(),
    });
    arriveAs({ host: h.a.host, path: INBOUND, session: null });
    const refused = await inboundRoute.POST(tampered, { params: Promise.resolve({}) });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden:sms_signature" } });
    // Not a form at all.
    arriveAs({ host: h.a.host, path: INBOUND, session: null });
    const json = await inboundRoute.POST(
      new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(json.status).toBe(415);
    expect(await fingerprint(h.a.orgId)).toBe(before);
    expect((await appointmentRow(x.id)).status).toBe("scheduled");
  });

  it("another hospital's signature, number, account or host changes nothing in either hospital", async () => {
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    // Signed with B's token, on A's host (B's account and number, or A's).
    expect((await reply("a", { from: p.e164, body: "C", token: account.b.token, sid: account.b.sid, to: account.b.from })).status).toBe(
      403,
    );
    expect((await reply("a", { from: p.e164, body: "C", token: account.b.token })).status).toBe(403);
    // A's token, but B's sender number or B's account SID.
    expect((await reply("a", { from: p.e164, body: "C", to: account.b.from })).status).toBe(403);
    expect((await reply("a", { from: p.e164, body: "C", sid: account.b.sid })).status).toBe(403);
    // A's request (signed for A's address) delivered to B's host, and signed for B's address with A's token.
    const url = `http://${h.a.host}${INBOUND}`;
    const params = incomingSms({ accountSid: account.a.sid, from: p.e164, to: account.a.from, body: "C" });
    arriveAs({ host: h.b.host, path: INBOUND, session: null });
    const moved = await inboundRoute.POST(twilioWebhookRequest({ url, params, authToken: account.a.token }), {
      params: Promise.resolve({}),
    });
    expect(moved.status).toBe(403);
    expect((await reply("b", { from: p.e164, body: "C", token: account.a.token, sid: account.a.sid, to: account.a.from })).status).toBe(
      403,
    );
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("C confirms the patient's next reminded visit; anything else gets the help text", async () => {
    const help = await reply("a", { from: p.e164, body: "what is this?" });
    expect(help).toMatchObject({ status: 200 });
    expect(help.body).toContain("reply C to confirm");
    expect((await appointmentRow(x.id)).status).toBe("scheduled");

    const confirmed = await reply("a", { from: p.e164, body: " c " });
    expect(confirmed.status).toBe(200);
    expect(confirmed.type).toContain("text/xml");
    expect(confirmed.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>.*is confirmed\.<\/Message><\/Response>$/);
    expect((await appointmentRow(x.id)).status).toBe("confirmed");
    const audits = await asOwner(
      (sql) => sql<{ actor_type: string; metadata: { status?: string } }[]>`
        select actor_type, metadata from audit_logs where organization_id = ${h.a.orgId} and resource_id = ${x.id} and action = 'update'`,
    );
    expect(audits).toContainEqual(
      expect.objectContaining({ actor_type: "patient", metadata: expect.objectContaining({ status: "confirmed" }) }),
    );

    // A number never reminded of anything: nothing to confirm, nothing changed.
    const before = await fingerprint(h.a.orgId);
    const stranger = await reply("a", { from: "+15550109999", body: "C" });
    expect(stranger.body).toContain("no upcoming appointment");
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("help and nothing-to-confirm answers are written in the language on the patient's record", async () => {
    await asOwner((sql) => sql`update patients set preferred_language = 'es', updated_at = now() where id = ${p.id}`);
    try {
      const help = await reply("a", { from: p.e164, body: "ayuda" });
      expect(help.status).toBe(200);
      expect(help.body).toContain("responda C para confirmar");
      // A number nobody at the hospital has: English, the hospital's first language.
      expect((await reply("a", { from: "+15550109998", body: "?" })).body).toContain("reply C to confirm");
    } finally {
      await asOwner((sql) => sql`update patients set preferred_language = 'en' where id = ${p.id}`);
    }
  });

  it("R records a reschedule request staff can see, and answers with the patient's manage link", async () => {
    const answer = await reply("a", { from: p.e164, body: "R" });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`http://${h.a.host}/appointments/manage/`);
    expect((await appointmentRow(x.id)).reschedule_requested_at).not.toBeNull();
    const shown = await withTenant(h.a.orgId, (tx) => appointmentsRepo(tx, h.a.orgId).listDetailed({ patientId: p.id }));
    expect(shown.find((a) => a.id === x.id)?.rescheduleRequestedAt).toBeInstanceOf(Date);
  });

  it("at the cutoff an unconfirmed visit is released by the system, offered to the waiting list, and its patient told by text and e-mail; a confirmed one stays", async () => {
    await asAdmin("a");
    expect(await updateSmsSettingsAction({ releaseUnconfirmedHours: 24 })).toMatchObject({ ok: true });
    // Thirty hours out: not yet.
    await pass(new Date());
    expect((await appointmentRow(y.id)).status).toBe("scheduled");

    const report = await pass(new Date(sy.getTime() - 5 * HOUR));
    expect(report.released).toBe(1);
    expect(await appointmentRow(y.id)).toMatchObject({ status: "cancelled", cancelled_by: "system" });
    expect((await appointmentRow(x.id)).status).toBe("confirmed");

    const offers = await asOwner(
      (sql) => sql<{ status: string; starts_at: Date }[]>`select status, starts_at from waitlist_offers where entry_id = ${waiting.id}`,
    );
    expect(offers).toEqual([{ status: "open", starts_at: sy }]);
    const mails = await asOwner(
      (sql) => sql<{ kind: string; to_email: string }[]>`
        select kind, to_email from notifications where organization_id = ${h.a.orgId} and kind in ('cancellation', 'waitlist_offer') order by created_at`,
    );
    expect(mails).toEqual(
      expect.arrayContaining([
        { kind: "cancellation", to_email: "q.patient@sms.test" },
        { kind: "waitlist_offer", to_email: "w.waiting@sms.test" },
      ]),
    );
    const told = textsTo(q.e164);
    expect(told).toHaveLength(2);
    expect(told[1]!.body).toContain("was not confirmed in time");
    expect(told[1]!.body).toContain(`http://${h.a.host}/book`);

    // Running again releases nothing more and tells nobody twice.
    expect((await pass(new Date(sy.getTime() - 5 * HOUR))).released).toBe(0);
    expect(textsTo(q.e164)).toHaveLength(2);
  });

  it("the 2-hour reminder goes out once, retried after a Twilio failure without a duplicate", async () => {
    const at = new Date(sx.getTime() - 90 * 60_000);
    fake.failNext(1);
    const first = await pass(at);
    expect(first.smsFailed).toBe(1);
    expect(textsTo(p.e164)).toHaveLength(1);
    expect((await smsRows(x.id)).map((r) => [r.offset_hours, r.status, r.attempts])).toEqual([
      [48, "sent", 1],
      [2, "pending", 1],
    ]);
    await pass(new Date(at.getTime() + 3 * 60_000));
    await pass(new Date(at.getTime() + 6 * 60_000));
    expect(textsTo(p.e164)).toHaveLength(2);
    expect((await smsRows(x.id)).map((r) => [r.offset_hours, r.status])).toEqual([
      [48, "sent"],
      [2, "sent"],
    ]);
  });

  it("a number that replied STOP gets no further reminders, and what waited for it is not sent", async () => {
    const s = await addPatient(h.a.orgId, "555-010-4440");
    await consentAsStaff("a", s.id, true);
    const later = new Date(base + 60 * HOUR);
    const z = await visit(h.a, s.id, later);
    await runWorkerPass({ now: new Date(later.getTime() - 47 * HOUR), send: null, sendSms: null });
    expect((await smsRows(z.id)).map((r) => r.status)).toEqual(["pending"]);
    await reply("a", { from: s.e164, body: "UNSUBSCRIBE" });
    expect((await smsRows(z.id)).map((r) => r.status)).toEqual(["failed"]);
    await pass(new Date(later.getTime() - 90 * 60_000));
    expect(textsTo(s.e164)).toHaveLength(0);
    expect(await smsRows(z.id)).toHaveLength(1);
  });
});
