import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { createOrganization, listTenantTables } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint, person } from "./support/request-context";

// An anonymous caller learns nothing about a hospital's patients. The public booking, waiting
// list, hold and manage-link endpoints answer the same — status, body (ids and times aside),
// headers, what else is written, and how long it takes — whether the e-mail typed belongs to no
// patient, to a patient whose other details differ, or to the very same patient. The visitor
// still books in one visit; the booking joins their record once they prove the e-mail, or staff
// reconcile it.

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const bookings = await import("@/app/api/v1/public/bookings/route");
const holds = await import("@/app/api/v1/public/holds/route");
const waitlist = await import("@/app/api/v1/public/waitlist/route");
const manage = await import("@/app/api/v1/public/manage/[token]/route");
const confirm = await import("@/app/api/v1/public/confirm-email/[token]/route");
const { mergePatientAction, acceptPatientAction, reconcileListAction } = await import("@/app/org/[org]/(staff)/patients/reconcile/actions");

const ZONE = "America/New_York";
const GRACE = { firstName: "Grace", lastName: "Hopper", dateOfBirth: "1906-12-09" };

type Clinic = { orgId: string; slug: string; host: string; providerId: string; typeId: string; graceId: string; graceEmail: string };

async function clinic(prefix: string): Promise<Clinic> {
  const org = await createOrganization(prefix);
  const slug = (await withPlatform((tx) => platformOrganizations(tx).findById({ id: org.id })))!.slug;
  const graceEmail = `grace@${slug}.test`;
  return withTenant(org.id, async (tx) => {
    const hours = { start: "09:00", end: "17:00", isOpen: true };
    await organizationRepo(tx, org.id).updateSettings({
      patch: {
        enableOnlineBooking: true,
        minimumNoticeMinutes: 0,
        businessHours: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: hours, sunday: hours },
      },
    });
    const provider = await providersRepo(tx, org.id).create({ input: { name: "Dr. Probe" } });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 30 } });
    const grace = await patientsRepo(tx, org.id).create({ input: { mrn: "G-1", ...GRACE, email: graceEmail, phone: "+1 555 0100" } });
    return { orgId: org.id, slug, host: `${slug}.localhost`, providerId: provider.id, typeId: type.id, graceId: grace.id, graceEmail };
  });
}

/** The three kinds of caller: an e-mail nobody has, the patient's e-mail with another birth date, the patient exactly. */
const cases = (c: Clinic) => ({
  unknown: { ...GRACE, email: `nobody@${c.slug}.test` },
  differs: { ...GRACE, dateOfBirth: "1950-01-01", email: c.graceEmail },
  matches: { ...GRACE, email: c.graceEmail },
});
type Case = keyof ReturnType<typeof cases>;
const CASES: Case[] = ["unknown", "differs", "matches"];

/** The next free half hour, day after day from tomorrow. */
function slotClock(start: number) {
  let n = start;
  return () => {
    const day = Temporal.Now.plainDateISO(ZONE).add({ days: 2 + Math.floor(n / 16) });
    const minutes = 9 * 60 + (n++ % 16) * 30;
    return new Date(
      day.toZonedDateTime({ timeZone: ZONE, plainTime: Temporal.PlainTime.from({ hour: minutes / 60, minute: minutes % 60 }) })
        .epochMilliseconds,
    );
  };
}

let ipCounter = 0;
type Answer = { status: number; body: unknown; headers: Record<string, string>; ms: number };

/** An anonymous request from a fresh address (so the per-address limit stays out of the way). */
async function call(c: Clinic, path: string, run: () => Promise<Response>): Promise<Answer> {
  const ip = `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
  arriveAs({ host: c.host, path, session: null, headers: { "x-forwarded-for": ip } });
  const started = performance.now();
  const response = await run();
  const ms = performance.now() - started;
  const headers = Object.fromEntries([...response.headers.entries()].filter(([k]) => k !== "date"));
  return { status: response.status, body: await response.json(), headers, ms };
}

const post = (url: string, body: unknown) =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

/** Ids, instants and link tokens differ per request by nature: the same placeholder for each. */
function normalise(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<instant>")
      .replace(/[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g, "<token>")
      .replace(/"token":"[A-Za-z0-9_-]+"/g, '"token":"<token>"'),
  );
}

/** Rows per tenant table of one organization: what a request wrote, by table. */
async function rowCounts(orgId: string): Promise<Record<string, number>> {
  const tables = await listTenantTables();
  return asOwner(async (sql_) => {
    const out: Record<string, number> = {};
    for (const table of tables) {
      const [row] = await sql_.unsafe<{ n: number }[]>(`select count(*)::int as n from public."${table}" where organization_id = $1`, [
        orgId,
      ]);
      out[table] = row!.n;
    }
    return out;
  });
}

const delta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(b)
      .map((k) => [k, b[k]! - (a[k] ?? 0)])
      .filter(([, d]) => d !== 0),
  );

async function graceRow(c: Clinic) {
  return asOwner(async (sql_) => {
    const [p] = await sql_<
      { h: string }[]
    >`select md5(row_to_json(p)::text) as h from patients p where organization_id = ${c.orgId} and id = ${c.graceId}`;
    const [a] = await sql_<
      { n: number }[]
    >`select count(*)::int as n from appointments where organization_id = ${c.orgId} and patient_id = ${c.graceId}`;
    const [w] = await sql_<
      { n: number }[]
    >`select count(*)::int as n from waitlist_entries where organization_id = ${c.orgId} and patient_id = ${c.graceId}`;
    return `${p!.h}|${a!.n}|${w!.n}`;
  });
}

/** The whole visit of one caller: hold a time, book it with the hold, read the manage link; then join the waiting list. */
async function visit(c: Clinic, who: Case, startsAt: Date) {
  const patient = cases(c)[who];
  const base = `http://${c.host}/api/v1/public`;
  const hold = await call(c, "/api/v1/public/holds", () =>
    holds.POST(post(`${base}/holds`, { providerId: c.providerId, appointmentTypeId: c.typeId, startsAt }), params({})),
  );
  const holdToken = (hold.body as { data: { token: string } }).data.token;
  const booking = await call(c, "/api/v1/public/bookings", () =>
    bookings.POST(
      post(`${base}/bookings`, { providerId: c.providerId, appointmentTypeId: c.typeId, startsAt, holdToken, reason: "Check-up", patient }),
      params({}),
    ),
  );
  const token = (booking.body as { data?: { manageToken: string } }).data?.manageToken ?? "none";
  const summary = await call(c, `/api/v1/public/manage/${token}`, () =>
    manage.GET(new Request(`${base}/manage/${token}`), params({ token })),
  );
  const day = Temporal.Instant.fromEpochMilliseconds(startsAt.getTime()).toZonedDateTimeISO(ZONE).toPlainDate().toString();
  const waiting = await call(c, "/api/v1/public/waitlist", () =>
    waitlist.POST(
      post(`${base}/waitlist`, { appointmentTypeId: c.typeId, providerId: c.providerId, earliestDate: day, latestDate: day, patient }),
      params({}),
    ),
  );
  return { hold, booking, summary, waiting };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe("three callers, one answer", () => {
  let c: Clinic;
  beforeAll(async () => {
    c = await clinic("probe");
  });

  it("every anonymous endpoint answers alike — status, body, headers — and writes alike; the patient's record is untouched", async () => {
    const next = slotClock(0);
    // A first visit warms up what is written once (this month's usage row), so each case below starts alike.
    await visit(c, "unknown", next());
    const seen: Record<string, { answers: unknown; wrote: Record<string, number> }> = {};
    for (const who of CASES) {
      const graceBefore = await graceRow(c);
      const before = await rowCounts(c.orgId);
      const v = await visit(c, who, next());
      const wrote = delta(before, await rowCounts(c.orgId));
      expect(await graceRow(c), who).toBe(graceBefore);
      seen[who] = {
        answers: Object.fromEntries(
          Object.entries(v).map(([k, a]) => [k, { status: a.status, body: normalise(a.body), headers: normalise(a.headers) }]),
        ),
        wrote,
      };
    }
    expect(seen.unknown!.answers).toMatchObject({
      hold: { status: 201 },
      booking: { status: 201 },
      summary: { status: 200, body: { data: { patientFirstName: "Grace" } } },
      waiting: { status: 201 },
    });
    // The hold was consumed, and the same rows were written, in every case.
    expect(seen.unknown!.wrote).toEqual({ patients: 2, appointments: 1, notifications: 1, waitlist_entries: 1, audit_logs: 5 });
    expect(seen.differs).toEqual(seen.unknown);
    expect(seen.matches).toEqual(seen.unknown);
  });

  it("takes the same time for each caller (medians over 20 interleaved tries of a booking and of a waiting-list entry)", async () => {
    const next = slotClock(8);
    const times: Record<Case, { booking: number[]; waiting: number[] }> = {
      unknown: { booking: [], waiting: [] },
      differs: { booking: [], waiting: [] },
      matches: { booking: [], waiting: [] },
    };
    const base = `http://${c.host}/api/v1/public`;
    for (let i = 0; i < 20; i++) {
      for (const who of CASES) {
        const patient = cases(c)[who];
        const startsAt = next();
        const b = await call(c, "/api/v1/public/bookings", () =>
          bookings.POST(post(`${base}/bookings`, { providerId: c.providerId, appointmentTypeId: c.typeId, startsAt, patient }), params({})),
        );
        expect(b.status).toBe(201);
        times[who].booking.push(b.ms);
        const w = await call(c, "/api/v1/public/waitlist", () =>
          waitlist.POST(
            post(`${base}/waitlist`, { appointmentTypeId: c.typeId, earliestDate: "2030-01-01", latestDate: "2030-01-31", patient }),
            params({}),
          ),
        );
        expect(w.status).toBe(201);
        times[who].waiting.push(w.ms);
      }
    }
    const medians = Object.fromEntries(
      CASES.map((who) => [who, { booking: median(times[who].booking), waiting: median(times[who].waiting) }]),
    );
    console.info(
      `median ms per caller: ${JSON.stringify(medians, (_k, v: unknown) => (typeof v === "number" ? Math.round(v * 10) / 10 : v))}`,
    );
    for (const kind of ["booking", "waiting"] as const) {
      const values = CASES.map((who) => medians[who]![kind]);
      const [low, high] = [Math.min(...values), Math.max(...values)];
      // Loose on purpose (a shared machine): an oracle shows as a consistent gap, not noise.
      expect(high - low < 50 || high / low < 3, `${kind}: ${values.join(", ")}`).toBe(true);
    }
  }, 120_000);
});

describe("proving the e-mail, and what staff reconcile", () => {
  it("the confirmation link answers alike in every case, then joins the patient's record, makes a new one, or leaves it for staff", async () => {
    const c = await clinic("confirm");
    const next = slotClock(0);
    const answers: Record<string, unknown> = {};
    const contactOf: Record<string, { contactId: string; appointmentId: string }> = {};
    for (const who of CASES) {
      const { booking } = await visit(c, who, next());
      const appointmentId = (booking.body as { data: { id: string } }).data.id;
      const [row] = await asOwner(
        (sql_) => sql_<{ patient_id: string; body_text: string }[]>`
          select a.patient_id, n.body_text from appointments a join notifications n on n.organization_id = a.organization_id and n.appointment_id = a.id
           where a.organization_id = ${c.orgId} and a.id = ${appointmentId}`,
      );
      const token = /confirm-email\/([^\s]+)/.exec(row!.body_text)![1]!;
      contactOf[who] = { contactId: row!.patient_id, appointmentId };
      const answer = await call(c, `/api/v1/public/confirm-email/${token}`, () =>
        confirm.POST(post(`http://${c.host}/api/v1/public/confirm-email/${token}`, {}), params({ token })),
      );
      answers[who] = { status: answer.status, body: answer.body, headers: normalise(answer.headers) };
      // A second click answers the same again.
      const again = await call(c, `/api/v1/public/confirm-email/${token}`, () =>
        confirm.POST(post(`http://${c.host}/api/v1/public/confirm-email/${token}`, {}), params({ token })),
      );
      expect({ status: again.status, body: again.body }).toEqual({ status: answer.status, body: answer.body });
    }
    expect(answers.unknown).toMatchObject({ status: 200, body: { data: { confirmed: true } } });
    expect(answers.differs).toEqual(answers.unknown);
    expect(answers.matches).toEqual(answers.unknown);

    const state = await asOwner(
      (sql_) => sql_<{ id: string; record_status: string; merged_into_id: string | null }[]>`
        select id, record_status, merged_into_id from patients where organization_id = ${c.orgId}`,
    );
    const statusOf = (id: string) => state.find((p) => p.id === id)!;
    const appointmentOwner = async (id: string) =>
      (
        await asOwner(
          (sql_) => sql_<{ p: string }[]>`select patient_id as p from appointments where organization_id = ${c.orgId} and id = ${id}`,
        )
      )[0]!.p;
    // Fully matching: the booking is on Grace's record now; the online record is merged into hers.
    expect(statusOf(contactOf.matches!.contactId)).toMatchObject({ record_status: "merged", merged_into_id: c.graceId });
    expect(await appointmentOwner(contactOf.matches!.appointmentId)).toBe(c.graceId);
    // Nobody had the e-mail: the online record becomes the hospital's.
    expect(statusOf(contactOf.unknown!.contactId)).toMatchObject({ record_status: "active" });
    // Other details: staff decide.
    expect(statusOf(contactOf.differs!.contactId)).toMatchObject({ record_status: "review" });
    expect(await appointmentOwner(contactOf.differs!.appointmentId)).toBe(contactOf.differs!.contactId);

    const staff = await person([{ orgId: c.orgId, role: "staff" }], "reconcile");
    arriveAs({ host: c.host, path: "/patients/reconcile", session: staff.session });
    const list = await reconcileListAction({});
    expect(list.ok).toBe(true);
    const entry = (
      list as { data: { id: string; recordStatus: string; sameEmail: { id: string; detailsMatch: boolean } | null }[] }
    ).data.find((r) => r.id === contactOf.differs!.contactId);
    expect(entry).toMatchObject({ recordStatus: "review", sameEmail: { id: c.graceId, detailsMatch: false } });
    expect(await acceptPatientAction({ id: contactOf.differs!.contactId })).toMatchObject({ ok: false, code: "conflict:patient_email" });
    expect(await mergePatientAction({ id: contactOf.differs!.contactId, intoId: c.graceId })).toMatchObject({ ok: true });
    expect(await appointmentOwner(contactOf.differs!.appointmentId)).toBe(c.graceId);
    const audit = await asOwner(
      (sql_) => sql_<{ n: number }[]>`
        select count(*)::int as n from audit_logs where organization_id = ${c.orgId} and resource_id = ${contactOf.differs!.contactId}
          and metadata ->> 'mergedInto' = ${c.graceId}`,
    );
    expect(audit[0]!.n).toBe(1);
    expect(await mergePatientAction({ id: contactOf.differs!.contactId, intoId: c.graceId })).toMatchObject({
      ok: false,
      code: "invalid:value",
    });
  });

  it("a confirmation link from another hospital, or a forged one, is 404 here and changes nothing anywhere", async () => {
    const [a, b] = [await clinic("confirm-a"), await clinic("confirm-b")];
    const { booking } = await visit(b, "unknown", slotClock(0)());
    const appointmentId = (booking.body as { data: { id: string } }).data.id;
    const [row] = await asOwner(
      (sql_) =>
        sql_<
          { body_text: string }[]
        >`select body_text from notifications where organization_id = ${b.orgId} and appointment_id = ${appointmentId}`,
    );
    const token = /confirm-email\/([^\s]+)/.exec(row!.body_text)![1]!;
    const [beforeA, beforeB] = [await fingerprint(a.orgId), await fingerprint(b.orgId)];
    for (const t of [token, `${token.slice(0, -2)}xx`, "nonsense"]) {
      const answer = await call(a, `/api/v1/public/confirm-email/${t}`, () =>
        confirm.POST(post(`http://${a.host}/api/v1/public/confirm-email/${t}`, {}), params({ token: t })),
      );
      expect(answer).toMatchObject({
        status: 404,
        body: { error: { code: "not_found:patient", message: "This link is not valid or has expired." } },
      });
    }
    expect(await fingerprint(a.orgId)).toBe(beforeA);
    expect(await fingerprint(b.orgId)).toBe(beforeB);
  });
});

describe("the reconcile actions, attacked", () => {
  let h: Hospitals;
  const online = { merge: "", accept: "", invalid: "" };
  const onlineB = { id: "" };
  beforeAll(async () => {
    h = await twoHospitals("reconcile");
    const contact = (orgId: string, n: string) =>
      withTenant(orgId, (tx) =>
        patientsRepo(tx, orgId).create({
          input: { mrn: `ON-${n}`, ...GRACE, email: `online-${n}@reconcile.test`, recordStatus: "unverified" },
        }),
      );
    online.merge = (await contact(h.a.orgId, "1")).id;
    online.accept = (await contact(h.a.orgId, "2")).id;
    onlineB.id = (await contact(h.b.orgId, "3")).id;
  });
  const hospitals = () => h;

  actionAttacks("mergePatientAction", hospitals, {
    page: "/patients/reconcile",
    valid: (w) => mergePatientAction({ id: online.merge, intoId: w.a.patientId }),
    foreignIds: (w) => mergePatientAction({ id: onlineB.id, intoId: w.b.patientId }),
    invalid: () => mergePatientAction({ id: "x", intoId: "" } as never),
    allowed: "staff",
  });

  actionAttacks("acceptPatientAction", hospitals, {
    page: "/patients/reconcile",
    valid: () => acceptPatientAction({ id: online.accept }),
    foreignIds: () => acceptPatientAction({ id: onlineB.id }),
    invalid: () => acceptPatientAction({ id: "nope" }),
    allowed: "staff",
  });

  actionAttacks("reconcileListAction", hospitals, {
    page: "/patients/reconcile",
    valid: () => reconcileListAction({}),
    invalid: () => reconcileListAction({ extra: 1 } as never),
    allowed: "staff",
  });
});
