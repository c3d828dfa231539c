import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

// Intake forms end to end through the real handlers and actions: staff build a type's form, a
// patient answers it while booking (a wrong answer books nothing) and corrects it through the
// manage link, insurance asked off / optional / required, a card photo checked by its bytes,
// clinicians read the answers (audited), and every attacker — another hospital's key, session,
// ids or manage link — gets 404/403 with nothing changed.

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { intakeFormAction, saveIntakeFormAction, saveIntakeSettingsAction } =
  await import("@/app/org/[org]/(staff)/appointment-types/actions");
const { appointmentDetailAction, intakeCardAction } = await import("@/app/org/[org]/(staff)/schedule/actions");
const { POST: postBooking } = await import("@/app/api/v1/public/bookings/route");
const { GET: getOptions } = await import("@/app/api/v1/public/booking-options/route");
const { GET: getManage } = await import("@/app/api/v1/public/manage/[token]/route");
const manageIntakeRoute = await import("@/app/api/v1/public/manage/[token]/intake/route");
const manageCardRoute = await import("@/app/api/v1/public/manage/[token]/intake/card/route");
const formRoute = await import("@/app/api/v1/appointment-types/[id]/intake-form/route");
const intakeRoute = await import("@/app/api/v1/appointments/[id]/intake/route");
const cardRoute = await import("@/app/api/v1/appointments/[id]/intake/card/route");
const settingsRoute = await import("@/app/api/v1/settings/intake/route");

const ZONE = "America/New_York";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Body = { data?: Record<string, unknown>; error?: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

let h: Hospitals;
const hospitals = () => h;
const keys = { aAdmin: "", aStaff: "", bAdmin: "" };
/** Hospital A's form for its type, as saved: [reason text, allergies yes/no, pain choice, since date, notes long text]. */
let q: { text: string; allergies: string; pain: string; since: string; notes: string };
let n = 0;
let calls = 0;

async function call(handler: Handler, method: string, host: string, path: string, key: string | null, body?: unknown, params = {}) {
  // Each call from its own address: the public routes' per-address rate limit is not what is tested here.
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": `10.50.${++calls % 250}.1` };
  if (key) headers.authorization = `Bearer ${key}`;
  arriveAs({ host, path, session: null, headers });
  const res = await handler(
    new Request(`http://${host}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  const type = res.headers.get("content-type") ?? "";
  return {
    status: res.status,
    type,
    bytes: type.startsWith("image/") ? Buffer.from(await res.arrayBuffer()) : null,
    body: (type.includes("json") ? await res.json() : null) as Body | null,
  };
}

const startsAt = (days: number, time: string) =>
  Temporal.PlainDateTime.from(`${Temporal.Now.plainDateISO(ZONE).add({ days }).toString()}T${time}`)
    .toZonedDateTime(ZONE)
    .toInstant()
    .toString();

async function book(world: Hospitals["a"], intake: unknown, time: string, days = 5) {
  const path = "/api/v1/public/bookings";
  return call(postBooking as Handler, "POST", world.host, path, null, {
    appointmentTypeId: world.typeId,
    providerId: world.providerId,
    startsAt: startsAt(days, time),
    patient: { firstName: "Ines", lastName: `Intake${++n}`, dateOfBirth: "1985-06-07", email: `ines${n}@intake.test` },
    ...(intake === undefined ? {} : { intake }),
  });
}

const goodAnswers = () => ({
  [q.text]: "Knee pain after running",
  [q.allergies]: true,
  [q.pain]: "Moderate",
  [q.since]: "2026-10-01",
  [q.notes]: "Worse on stairs.\nBetter with rest.",
});

async function auditRows(orgId: string, resourceType: string) {
  return asOwner(
    (sql) =>
      sql<{ action: string; resource_id: string; patient_id: string | null; metadata: Record<string, unknown> }[]>`
        select action, resource_id, patient_id, metadata from audit_logs
        where organization_id = ${orgId} and resource_type = ${resourceType} order by occurred_at`,
  );
}

beforeAll(async () => {
  h = await twoHospitals("intake");
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
  await withTenant(h.a.orgId, async (tx) => {
    keys.aAdmin = (await createApiKey(tx, h.a.orgId, { name: "ehr", role: "admin", createdBy: null })).token;
    keys.aStaff = (await createApiKey(tx, h.a.orgId, { name: "desk", role: "staff", createdBy: null })).token;
  });
  await withTenant(h.b.orgId, async (tx) => {
    keys.bAdmin = (await createApiKey(tx, h.b.orgId, { name: "ehr", role: "admin", createdBy: null })).token;
  });
  const saved = await call(
    formRoute.PUT as Handler,
    "PUT",
    h.a.host,
    `/api/v1/appointment-types/${h.a.typeId}/intake-form`,
    keys.aAdmin,
    {
      questions: [
        { kind: "short_text", label: "What brings you in?", required: true },
        { kind: "yes_no", label: "Do you have allergies?", required: true },
        { kind: "choice", label: "How bad is the pain?", choices: ["Mild", "Moderate", "Severe"] },
        { kind: "date", label: "Since when?", help: "Roughly is fine." },
        { kind: "long_text", label: "Anything else?" },
      ],
    },
    { id: h.a.typeId },
  );
  expect(saved.status).toBe(200);
  const ids = (saved.body!.data!.questions as { id: string }[]).map((x) => x.id);
  q = { text: ids[0]!, allergies: ids[1]!, pain: ids[2]!, since: ids[3]!, notes: ids[4]! };
  // Each key's first use records when it was last used: warm them up before fingerprints are taken.
  await call(settingsRoute.GET as Handler, "GET", h.a.host, "/api/v1/settings/intake", keys.aAdmin);
  await call(settingsRoute.GET as Handler, "GET", h.a.host, "/api/v1/settings/intake", keys.aStaff);
  await call(settingsRoute.GET as Handler, "GET", h.b.host, "/api/v1/settings/intake", keys.bAdmin);
});

describe("building a form", () => {
  it("saves questions with ids, keeps them on a later edit and bumps the version; the booking page offers it", async () => {
    const path = `/api/v1/appointment-types/${h.a.typeId}/intake-form`;
    const read = await call(formRoute.GET as Handler, "GET", h.a.host, path, keys.aStaff, undefined, { id: h.a.typeId });
    expect(read.status).toBe(200);
    expect(read.body!.data).toMatchObject({ version: 1, questions: [{ id: q.text, required: true, choices: [] }, {}, {}, {}, {}] });
    expect((read.body!.data!.questions as { choices: string[] }[])[2]!.choices).toEqual(["Mild", "Moderate", "Severe"]);

    arriveAs({ host: h.a.host, path: "/api/v1/public/booking-options", session: null });
    const options = (await (
      await (getOptions as Handler)(new Request(`http://${h.a.host}/api/v1/public/booking-options`), {
        params: Promise.resolve({}),
      })
    ).json()) as { data: { insurance: string; types: { id: string; intakeQuestions: { id: string }[] }[] } };
    expect(options.data.insurance).toBe("off");
    expect(options.data.types.find((t) => t.id === h.a.typeId)?.intakeQuestions.map((x) => x.id)).toEqual(Object.values(q));
  });

  it("refuses a choice question without two distinct choices and a 31st question, naming the field; nothing changes", async () => {
    const before = await fingerprint(h.a.orgId);
    const path = `/api/v1/appointment-types/${h.a.typeId}/intake-form`;
    const bad = await call(
      formRoute.PUT as Handler,
      "PUT",
      h.a.host,
      path,
      keys.aAdmin,
      {
        questions: [
          { kind: "choice", label: "Pick", choices: ["A", "a"] },
          { kind: "essay", label: "" },
        ],
      },
      { id: h.a.typeId },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body!.error!.fieldErrors!)).toEqual(expect.arrayContaining(["questions.0.choices", "questions.1.kind"]));
    const tooMany = await call(
      formRoute.PUT as Handler,
      "PUT",
      h.a.host,
      path,
      keys.aAdmin,
      { questions: Array.from({ length: 31 }, (_, i) => ({ kind: "short_text", label: `Q${i}` })) },
      { id: h.a.typeId },
    );
    expect(tooMany.status).toBe(400);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("a patient answers while booking", () => {
  it("a missing required answer or a made-up choice is refused beside its field and books nothing", async () => {
    const before = await fingerprint(h.a.orgId);
    const none = await book(h.a, undefined, "09:00");
    expect(none.status).toBe(400);
    expect(none.body!.error!.fieldErrors).toMatchObject({ [`intake.${q.text}`]: ["Please answer this question."] });
    const wrong = await book(h.a, { answers: { ...goodAnswers(), [q.pain]: "Unbearable", [q.since]: "2026-02-30" } }, "09:00");
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body!.error!.fieldErrors!).sort()).toEqual([`intake.${q.pain}`, `intake.${q.since}`].sort());
    const smuggled = await book(h.a, { answers: { ...goodAnswers(), [q.text]: "line one\r\nBcc: x" } }, "09:00");
    expect(smuggled.status).toBe(400);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("valid answers are stored with the appointment under the question's words, audited, and shown on the manage page", async () => {
    const booked = await book(h.a, { answers: { ...goodAnswers(), "00000000-0000-4000-8000-000000000000": "stray" } }, "10:00");
    expect(booked.status).toBe(201);
    const id = booked.body!.data!.id as string;
    const token = booked.body!.data!.manageToken as string;
    const rows = await asOwner(
      (sql) => sql<{ answers: { questionId: string; label: string; value: unknown }[]; submitted_by: string }[]>`
        select answers, submitted_by from intake_responses where organization_id = ${h.a.orgId} and appointment_id = ${id}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.submitted_by).toBe("patient");
    expect(rows[0]!.answers.map((a) => a.questionId)).toEqual(Object.values(q));
    expect(rows[0]!.answers[1]).toMatchObject({ label: "Do you have allergies?", value: true });
    const audit = (await auditRows(h.a.orgId, "intake")).filter((r) => r.resource_id === id);
    expect(audit).toEqual([
      expect.objectContaining({ action: "create", metadata: expect.objectContaining({ by: "patient", answers: 5 }) }),
    ]);
    expect(audit[0]!.patient_id).toBeTruthy();

    const manage = await call(getManage as Handler, "GET", h.a.host, `/api/v1/public/manage/${token}`, null, undefined, { token });
    expect(manage.body!.data).toMatchObject({ intakeOpen: true, intake: { insurance: "off", response: { hasCard: false } } });
  });

  it("the manage link corrects the answers until the visit starts; a wrong one is refused and nothing changes", async () => {
    const booked = await book(h.a, { answers: goodAnswers() }, "11:00");
    const token = booked.body!.data!.manageToken as string;
    const path = `/api/v1/public/manage/${token}/intake`;
    const before = await fingerprint(h.a.orgId);
    const bad = await call(
      manageIntakeRoute.PUT as Handler,
      "PUT",
      h.a.host,
      path,
      null,
      { answers: { [q.allergies]: "perhaps" } },
      { token },
    );
    expect(bad.status).toBe(400);
    expect(bad.body!.error!.fieldErrors).toMatchObject({
      [`intake.${q.allergies}`]: ["Answer yes or no."],
      [`intake.${q.text}`]: ["Please answer this question."],
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);
    const fixed = await call(
      manageIntakeRoute.PUT as Handler,
      "PUT",
      h.a.host,
      path,
      null,
      { answers: { ...goodAnswers(), [q.allergies]: "no", [q.pain]: null } },
      { token },
    );
    expect(fixed.status).toBe(200);
    const answers = (fixed.body!.data!.intake as { response: { answers: { questionId: string; value: unknown }[] } }).response.answers;
    expect(answers.find((a) => a.questionId === q.allergies)?.value).toBe(false);
    expect(answers.find((a) => a.questionId === q.pain)?.value).toBeNull();

    // Once the visit has started the patient can no longer change them (staff still can).
    const id = booked.body!.data!.id as string;
    await asOwner(
      (sql) =>
        sql`update appointments set starts_at = now() - interval '5 minutes', ends_at = now() + interval '25 minutes' where id = ${id}`,
    );
    const late = await call(manageIntakeRoute.PUT as Handler, "PUT", h.a.host, path, null, { answers: goodAnswers() }, { token });
    expect(late.status).toBe(400);
    expect(late.body!.error!.message).toMatch(/until the visit starts/);
    const desk = await call(
      intakeRoute.PUT as Handler,
      "PUT",
      h.a.host,
      `/api/v1/appointments/${id}/intake`,
      keys.aStaff,
      { answers: goodAnswers() },
      {
        id,
      },
    );
    expect(desk.status).toBe(200);
    expect(desk.body!.data).toMatchObject({ response: { submittedBy: "staff" } });
  });
});

describe("insurance", () => {
  it("optional: none or complete details pass, half of them is refused; required: the payer and member ID must be given", async () => {
    try {
      await insuranceFlow();
    } finally {
      await call(settingsRoute.PUT as Handler, "PUT", h.a.host, "/api/v1/settings/intake", keys.aAdmin, { insurance: "off" });
    }
  });
});

async function insuranceFlow() {
  const set = await call(settingsRoute.PUT as Handler, "PUT", h.a.host, "/api/v1/settings/intake", keys.aAdmin, {
    insurance: "optional",
  });
  expect(set.body!.data).toEqual({ insurance: "optional" });
  expect((await book(h.a, { answers: goodAnswers() }, "12:00")).status).toBe(201);
  const half = await book(h.a, { answers: goodAnswers(), insurance: { payer: "Aetna" } }, "12:30");
  expect(half.status).toBe(400);
  expect(half.body!.error!.fieldErrors).toMatchObject({ "insurance.memberId": ["Enter your member ID."] });

  await call(settingsRoute.PUT as Handler, "PUT", h.a.host, "/api/v1/settings/intake", keys.aAdmin, { insurance: "required" });
  const missing = await book(h.a, { answers: goodAnswers() }, "13:00");
  expect(Object.keys(missing.body!.error!.fieldErrors!).sort()).toEqual(["insurance.memberId", "insurance.payer"]);
  const full = await book(
    h.a,
    { answers: goodAnswers(), insurance: { payer: "Aetna", memberId: "W123456789", groupNumber: "G-77" } },
    "13:00",
  );
  expect(full.status).toBe(201);
  const id = full.body!.data!.id as string;
  const token = full.body!.data!.manageToken as string;

  // The card photo: checked by its bytes, at most 2 MB, then readable by staff (audited) and by no one else.
  const cardPath = `/api/v1/public/manage/${token}/intake/card`;
  const before = await fingerprint(h.a.orgId);
  const fake = await call(
    manageCardRoute.PUT as Handler,
    "PUT",
    h.a.host,
    cardPath,
    null,
    { image: Buffer.from("<svg onload=alert(1)>").toString("base64") },
    { token },
  );
  expect(fake.status).toBe(400);
  expect(fake.body!.error!.message).toMatch(/JPEG, PNG or WebP/);
  expect(await fingerprint(h.a.orgId)).toBe(before);
  const ok = await call(manageCardRoute.PUT as Handler, "PUT", h.a.host, cardPath, null, { image: PNG.toString("base64") }, { token });
  expect(ok.status).toBe(200);

  const got = await call(cardRoute.GET as Handler, "GET", h.a.host, `/api/v1/appointments/${id}/intake/card`, keys.aStaff, undefined, {
    id,
  });
  expect(got.status).toBe(200);
  expect(got.type).toBe("image/png");
  expect(got.bytes!.equals(PNG)).toBe(true);
  const read = await call(intakeRoute.GET as Handler, "GET", h.a.host, `/api/v1/appointments/${id}/intake`, keys.aStaff, undefined, {
    id,
  });
  expect(read.body!.data).toMatchObject({
    insurance: "required",
    response: { insurance: { payer: "Aetna", memberId: "W123456789", groupNumber: "G-77", holderName: null }, hasCard: true },
  });
  const views = (await auditRows(h.a.orgId, "intake")).filter((r) => r.resource_id === id && r.action === "view");
  expect(views.length).toBe(2);
}

describe("attackers", () => {
  it("a staff key cannot change the form or the insurance setting (403); anonymous callers get 401; nothing changes", async () => {
    const before = await fingerprint(h.a.orgId);
    const path = `/api/v1/appointment-types/${h.a.typeId}/intake-form`;
    expect((await call(formRoute.PUT as Handler, "PUT", h.a.host, path, keys.aStaff, { questions: [] }, { id: h.a.typeId })).status).toBe(
      403,
    );
    expect(
      (await call(settingsRoute.PUT as Handler, "PUT", h.a.host, "/api/v1/settings/intake", keys.aStaff, { insurance: "required" })).status,
    ).toBe(403);
    expect((await call(formRoute.GET as Handler, "GET", h.a.host, path, null, undefined, { id: h.a.typeId })).status).toBe(401);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("another hospital's key, on its own host, gets 404 for this hospital's forms, answers and card; on this host 401/403; neither changes", async () => {
    const booked = await book(h.a, { answers: goodAnswers() }, "15:00");
    const id = booked.body!.data!.id as string;
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    const own = (p: string) => p;
    const cases: [Handler, string, string, unknown, Record<string, string>][] = [
      [formRoute.GET as Handler, "GET", own(`/api/v1/appointment-types/${h.a.typeId}/intake-form`), undefined, { id: h.a.typeId }],
      [formRoute.PUT as Handler, "PUT", own(`/api/v1/appointment-types/${h.a.typeId}/intake-form`), { questions: [] }, { id: h.a.typeId }],
      [intakeRoute.GET as Handler, "GET", own(`/api/v1/appointments/${id}/intake`), undefined, { id }],
      [intakeRoute.PUT as Handler, "PUT", own(`/api/v1/appointments/${id}/intake`), { answers: goodAnswers() }, { id }],
      [cardRoute.GET as Handler, "GET", own(`/api/v1/appointments/${id}/intake/card`), undefined, { id }],
      [cardRoute.PUT as Handler, "PUT", own(`/api/v1/appointments/${id}/intake/card`), { image: PNG.toString("base64") }, { id }],
    ];
    for (const [handler, method, path, body, params] of cases) {
      const res = await call(handler, method, h.b.host, path, keys.bAdmin, body, params);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const onA = await call(intakeRoute.GET as Handler, "GET", h.a.host, `/api/v1/appointments/${id}/intake`, keys.bAdmin, undefined, {
      id,
    });
    expect([401, 403]).toContain(onA.status);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("a manage link of one hospital is not valid on another's host, and a forged one is a 404; nothing changes", async () => {
    const booked = await book(h.a, { answers: goodAnswers() }, "16:00");
    const token = booked.body!.data!.manageToken as string;
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    for (const [host, t] of [
      [h.b.host, token],
      [h.a.host, `${token.slice(0, -4)}AAAA`],
    ] as const) {
      const res = await call(
        manageIntakeRoute.PUT as Handler,
        "PUT",
        host,
        `/api/v1/public/manage/${t}/intake`,
        null,
        { answers: goodAnswers() },
        { token: t },
      );
      expect(res.status).toBe(404);
      const card = await call(
        manageCardRoute.PUT as Handler,
        "PUT",
        host,
        `/api/v1/public/manage/${t}/intake/card`,
        null,
        { image: PNG.toString("base64") },
        { token: t },
      );
      expect(card.status).toBe(404);
    }
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });
});

describe("server actions", () => {
  actionAttacks("appointment-types.intake-form", hospitals, {
    page: "/appointment-types",
    valid: () => intakeFormAction({ id: h.a.typeId }),
    foreignIds: () => intakeFormAction({ id: h.b.typeId }),
    invalid: () => intakeFormAction({ id: "nope" }),
    allowed: "staff",
  });
  actionAttacks("appointment-types.intake-form.save", hospitals, {
    page: "/appointment-types",
    valid: () =>
      saveIntakeFormAction({
        id: h.a.typeId,
        questions: [
          { id: q.text, kind: "short_text", label: "What brings you in?", required: true },
          { id: q.allergies, kind: "yes_no", label: "Do you have allergies?", required: true },
          { id: q.pain, kind: "choice", label: "How bad is the pain?", choices: ["Mild", "Moderate", "Severe"] },
          { id: q.since, kind: "date", label: "Since when?", help: "Roughly is fine." },
          { id: q.notes, kind: "long_text", label: "Anything else?" },
        ],
      }),
    foreignIds: () => saveIntakeFormAction({ id: h.b.typeId, questions: [{ kind: "short_text", label: "Planted" }] }),
    invalid: () => saveIntakeFormAction({ id: h.a.typeId, questions: [{ kind: "choice", label: "", choices: [] }] }),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("intake.settings.save", hospitals, {
    page: "/appointment-types",
    valid: () => saveIntakeSettingsAction({ insurance: "off" }),
    invalid: () => saveIntakeSettingsAction({ insurance: "always" as never }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("appointments.intake-card", hospitals, {
    page: "/schedule",
    valid: () => intakeCardAction({ id: h.a.appointmentId }),
    foreignIds: () => intakeCardAction({ id: h.b.appointmentId }),
    invalid: () => intakeCardAction({ id: "x" }),
    allowed: "clinician",
  });

  it("the appointment panel shows a clinician the answers given", async () => {
    const booked = await book(h.a, { answers: goodAnswers() }, "17:00");
    const clinician = await h.memberOfA("clinician");
    arriveAs({ host: h.a.host, path: "/schedule", session: clinician.session });
    const detail = await appointmentDetailAction({ id: booked.body!.data!.id as string });
    expect(detail.ok).toBe(true);
    const intake = detail.ok ? detail.data.intake : null;
    expect(intake?.response?.answers.find((a) => a.questionId === q.text)?.value).toBe("Knee pain after running");
  });
});
