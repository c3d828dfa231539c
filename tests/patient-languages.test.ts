import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { schedulingSettingsAction, updateSchedulingSettingsAction } = await import("@/app/org/[org]/(staff)/settings/scheduling/actions");
const schedulingRoute = await import("@/app/api/v1/settings/scheduling/route");
const bookings = await import("@/app/api/v1/public/bookings/route");
const waitlist = await import("@/app/api/v1/public/waitlist/route");

const noParams = { params: Promise.resolve({}) };
const ZONE = "America/New_York";

let h: Hospitals;

async function languagesOf(orgId: string): Promise<string[]> {
  return (await withTenant(orgId, (tx) => organizationRepo(tx, orgId).getSettings())).patientLanguages;
}

async function offer(orgId: string, languages: ("en" | "es")[]) {
  await withTenant(orgId, (tx) => organizationRepo(tx, orgId).updateSettings({ patch: { patientLanguages: languages } }));
}

beforeAll(async () => {
  h = await twoHospitals("patient-languages");
  for (const orgId of [h.a.orgId, h.b.orgId]) {
    const hours = { start: "00:00", end: "23:59", isOpen: true };
    await withTenant(orgId, (tx) =>
      organizationRepo(tx, orgId).updateSettings({
        patch: {
          enableOnlineBooking: true,
          minimumNoticeMinutes: 0,
          businessHours: {
            monday: hours,
            tuesday: hours,
            wednesday: hours,
            thursday: hours,
            friday: hours,
            saturday: hours,
            sunday: hours,
          },
        },
      }),
    );
  }
});

describe("the languages an organization offers patients", () => {
  it("start as English only", async () => {
    expect(await languagesOf(h.b.orgId)).toEqual(["en"]);
  });

  it("an admin adds Spanish in the scheduling settings, and the REST endpoint shows it", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/settings/scheduling", session: admin.session });
    expect(await updateSchedulingSettingsAction({ patientLanguages: ["es", "en", "es"] })).toMatchObject({
      ok: true,
      data: { patientLanguages: ["en", "es"] },
    });
    expect(await schedulingSettingsAction({})).toMatchObject({ ok: true, data: { patientLanguages: ["en", "es"] } });
    arriveAs({ host: h.a.host, path: "/api/v1/settings/scheduling", session: admin.session });
    const read = await schedulingRoute.GET(new Request(`http://${h.a.host}/api/v1/settings/scheduling`), noParams);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { patientLanguages: string[] } }).data.patientLanguages).toEqual(["en", "es"]);
  });

  it("English cannot be removed and unknown languages are refused, with a message beside the field", async () => {
    const admin = await h.memberOfA("admin");
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: h.a.host, path: "/settings/scheduling", session: admin.session });
    const withoutEnglish = await updateSchedulingSettingsAction({ patientLanguages: ["es"] });
    expect(withoutEnglish).toMatchObject({ ok: false, code: "validation" });
    expect(withoutEnglish.ok ? {} : withoutEnglish.fieldErrors).toMatchObject({ patientLanguages: [expect.stringMatching(/English/)] });
    expect(await updateSchedulingSettingsAction({ patientLanguages: ["en", "fr"] as never })).toMatchObject({
      ok: false,
      code: "validation",
    });
    arriveAs({ host: h.a.host, path: "/api/v1/settings/scheduling", session: admin.session });
    const patch = await schedulingRoute.PATCH(
      new Request(`http://${h.a.host}/api/v1/settings/scheduling`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ patientLanguages: [] }),
      }),
      noParams,
    );
    expect(patch.status).toBe(400);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("the database refuses a list without English or with an unknown language", async () => {
    for (const list of ["{es}", "{en,fr}", "{}"]) {
      await expect(
        asOwner((sql) => sql`update organization_settings set patient_languages = ${list}::text[] where organization_id = ${h.b.orgId}`),
      ).rejects.toThrow(/organization_settings_patient_languages_known/);
    }
  });

  it("another hospital's admin cannot change them: 403 by action and by REST, nothing changed", async () => {
    const outsider = await h.memberOfB("admin");
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: h.a.host, path: "/settings/scheduling", session: outsider.session });
    expect(await updateSchedulingSettingsAction({ patientLanguages: ["en"] })).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
    arriveAs({
      host: "localhost",
      path: "/api/v1/settings/scheduling",
      session: outsider.session,
      headers: { "x-organization-id": h.a.orgId },
    });
    const patch = await schedulingRoute.PATCH(
      new Request("http://localhost/api/v1/settings/scheduling", {
        method: "PATCH",
        headers: { "content-type": "application/json", "x-organization-id": h.a.orgId },
        body: JSON.stringify({ patientLanguages: ["en"] }),
      }),
      noParams,
    );
    expect([403, 404]).toContain(patch.status);
    expect(await fingerprint(h.a.orgId)).toBe(before);
    expect(await languagesOf(h.a.orgId)).toEqual(["en", "es"]);
  });

  actionAttacks("updateSchedulingSettingsAction (patient languages)", () => h, {
    page: "/settings/scheduling",
    valid: () => updateSchedulingSettingsAction({ patientLanguages: ["en", "es"] }),
    invalid: () => updateSchedulingSettingsAction({ patientLanguages: ["es"] }),
    allowed: "admin",
    refused: "clinician",
  });
});

describe("the language a patient books in", () => {
  let minute = 0;
  /** A free time tomorrow in the hospital's zone (each call a later one). */
  function nextSlot(): Date {
    const day = Temporal.Now.plainDateISO(ZONE).add({ days: 3 });
    const at = 8 * 60 + 30 * minute++;
    return new Date(
      day.toZonedDateTime({ timeZone: ZONE, plainTime: Temporal.PlainTime.from({ hour: Math.floor(at / 60), minute: at % 60 }) })
        .epochMilliseconds,
    );
  }

  let ip = 0;
  async function book(world: Hospitals["a"], language: string | undefined, email: string) {
    arriveAs({ host: world.host, path: "/api/v1/public/bookings", session: null, headers: { "x-forwarded-for": `10.88.0.${++ip}` } });
    const response = await bookings.POST(
      new Request(`http://${world.host}/api/v1/public/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          appointmentTypeId: world.typeId,
          providerId: world.providerId,
          startsAt: nextSlot().toISOString(),
          patient: { firstName: "Lucía", lastName: "Gómez", dateOfBirth: "1985-04-23", email },
          ...(language ? { language } : {}),
        }),
      }),
      noParams,
    );
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    return ((await response.json()) as { data: { id: string } }).data.id;
  }

  async function storedFor(orgId: string, appointmentId: string) {
    return asOwner(async (sql) => {
      const [row] = await sql<{ language: string; subject: string; body: string }[]>`
        select p.preferred_language as language, n.subject, n.body_text as body
        from appointments a
        join patients p on p.organization_id = a.organization_id and p.id = a.patient_id
        join notifications n on n.organization_id = a.organization_id and n.appointment_id = a.id
        where a.organization_id = ${orgId} and a.id = ${appointmentId}`;
      return row!;
    });
  }

  it("is stored on the patient, and the confirmation e-mail is written in it", async () => {
    await offer(h.a.orgId, ["en", "es"]);
    const id = await book(h.a, "es", `lucia-${Date.now()}@example.test`);
    const stored = await storedFor(h.a.orgId, id);
    expect(stored.language).toBe("es");
    expect(stored.subject).toMatch(/^Su cita está confirmada — /);
    expect(stored.body).toContain("Hola, Lucía:");
    expect(stored.body).toMatch(/está reservada para el [a-záéíóúñ]+, \d{1,2} de [a-z]+ de \d{4}/);
  });

  it("is English when the page sent none, or a language the organization does not offer", async () => {
    const plain = await storedFor(h.a.orgId, await book(h.a, undefined, `plain-${Date.now()}@example.test`));
    expect(plain.language).toBe("en");
    expect(plain.subject).toMatch(/^Your appointment is confirmed/);
    await offer(h.b.orgId, ["en"]);
    const notOffered = await storedFor(h.b.orgId, await book(h.b, "es", `b-${Date.now()}@example.test`));
    expect(notOffered.language).toBe("en");
    expect(notOffered.body).toContain("Hello Lucía,");
  });

  it("refuses a language the product does not know", async () => {
    arriveAs({ host: h.a.host, path: "/api/v1/public/bookings", session: null, headers: { "x-forwarded-for": "10.88.1.1" } });
    const response = await bookings.POST(
      new Request(`http://${h.a.host}/api/v1/public/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          appointmentTypeId: h.a.typeId,
          providerId: h.a.providerId,
          startsAt: nextSlot().toISOString(),
          patient: { firstName: "Lucía", lastName: "Gómez", dateOfBirth: "1985-04-23", email: "x@example.test" },
          language: "fr",
        }),
      }),
      noParams,
    );
    expect(response.status).toBe(400);
  });

  it("is stored when joining the waiting list too", async () => {
    const email = `wait-${Date.now()}@example.test`;
    arriveAs({ host: h.a.host, path: "/api/v1/public/waitlist", session: null, headers: { "x-forwarded-for": "10.88.2.1" } });
    const day = Temporal.Now.plainDateISO(ZONE).add({ days: 5 }).toString();
    const response = await waitlist.POST(
      new Request(`http://${h.a.host}/api/v1/public/waitlist`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          appointmentTypeId: h.a.typeId,
          earliestDate: day,
          latestDate: day,
          patient: { firstName: "Lucía", lastName: "Gómez", dateOfBirth: "1985-04-23", email },
          language: "es",
        }),
      }),
      noParams,
    );
    expect(response.status).toBe(201);
    const [row] = await asOwner(
      (sql) =>
        sql<
          { language: string }[]
        >`select preferred_language as language from patients where organization_id = ${h.a.orgId} and email = ${email}`,
    );
    expect(row?.language).toBe("es");
  });
});
