import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { providersRepo } from "@/lib/providers/repository";
import { SINGLE_LINE_MESSAGE } from "@/lib/validation/fields";
import { createOrganization } from "./support/fixtures";
import { arriveAs, fingerprint, person } from "./support/request-context";

// Free text cannot become content: a name (or reason) with a line break or a control character is
// refused at the door — by the public booking and waiting-list endpoints and by the staff's
// patient form — with a message on that field, and nothing is written.

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { POST: postBooking } = await import("@/app/api/v1/public/bookings/route");
const { POST: postWaitlist } = await import("@/app/api/v1/public/waitlist/route");
const { createPatientAction } = await import("@/app/org/[org]/(staff)/patients/actions");

type Clinic = { orgId: string; slug: string; providerId: string; typeId: string; day: string };

/** A clinic open every day 09:00–17:00 with one provider and one online-bookable visit type. */
async function clinic(): Promise<Clinic> {
  const org = await createOrganization("free-text");
  const slug = (await withPlatform((tx) => platformOrganizations(tx).findById({ id: org.id })))!.slug;
  const day = Temporal.Now.plainDateISO("America/New_York").add({ days: 3 }).toString();
  return withTenant(org.id, async (tx) => {
    const hours = { start: "09:00", end: "17:00", isOpen: true };
    await organizationRepo(tx, org.id).updateSettings({
      patch: {
        enableOnlineBooking: true,
        minimumNoticeMinutes: 0,
        businessHours: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: hours, sunday: hours },
      },
    });
    const provider = await providersRepo(tx, org.id).create({ input: { name: "Dr. Plain" } });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 30 } });
    return { orgId: org.id, slug, providerId: provider.id, typeId: type.id, day };
  });
}

const at = (day: string, time: string) =>
  Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime("America/New_York").toInstant().toString();

let c: Clinic;
beforeAll(async () => {
  c = await clinic();
});

let n = 0;
const details = (patient: Record<string, string> = {}) => ({
  firstName: "Rosa",
  lastName: `Parkes${++n}`,
  dateOfBirth: "1985-04-12",
  email: `rosa.parkes${n}@free-text.test`,
  phone: "+1 555 0170",
  ...patient,
});

async function post(handler: typeof postBooking, path: string, body: unknown) {
  arriveAs({ host: `${c.slug}.localhost`, path, session: null });
  const response = await handler(
    new Request(`http://${c.slug}.localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: (await response.json()) as { error?: { code: string; fieldErrors?: Record<string, string[]> } } };
}

const booking = (time: string, patient: ReturnType<typeof details>, extra: Record<string, unknown> = {}) => ({
  appointmentTypeId: c.typeId,
  providerId: c.providerId,
  startsAt: at(c.day, time),
  patient,
  ...extra,
});

describe("online booking", () => {
  it.each([
    ["a line break in the first name", { firstName: "Rosa\nBcc: attacker@evil.test" }, "patient.firstName"],
    ["a CR LF header in the last name", { lastName: "\r\nBcc: attacker@evil.test" }, "patient.lastName"],
    ["a NUL in the last name", { lastName: "Parkes\u0000" }, "patient.lastName"],
    ["an escape sequence in the first name", { firstName: "\u001b[2JRosa" }, "patient.firstName"],
  ])("refuses %s with that field's error, and writes nothing", async (_, patient, field) => {
    const before = await fingerprint(c.orgId);
    const { status, body } = await post(postBooking, "/api/v1/public/bookings", booking("10:00", details(patient)));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation", fieldErrors: { [field]: [SINGLE_LINE_MESSAGE] } });
    expect(await fingerprint(c.orgId)).toBe(before);
  });

  it("refuses a line break in the reason too", async () => {
    const before = await fingerprint(c.orgId);
    const { status, body } = await post(
      postBooking,
      "/api/v1/public/bookings",
      booking("10:30", details(), { reason: "Knee pain\r\nTo: attacker@evil.test" }),
    );
    expect(status).toBe(400);
    expect(body.error?.fieldErrors).toEqual({ reason: [SINGLE_LINE_MESSAGE] });
    expect(await fingerprint(c.orgId)).toBe(before);
  });

  it("books the same time for a name without them (emoji and accents are fine)", async () => {
    const { status } = await post(
      postBooking,
      "/api/v1/public/bookings",
      booking("10:00", details({ firstName: "Rosa 🌹", lastName: "Núñez" })),
    );
    expect(status).toBe(201);
  });
});

describe("waiting list", () => {
  it("refuses a line break in the patient's name, and writes nothing", async () => {
    const before = await fingerprint(c.orgId);
    const { status, body } = await post(postWaitlist, "/api/v1/public/waitlist", {
      appointmentTypeId: c.typeId,
      earliestDate: c.day,
      latestDate: c.day,
      patient: details({ firstName: "Rosa\u2028Smith" }),
    });
    expect(status).toBe(400);
    expect(body.error?.fieldErrors).toEqual({ "patient.firstName": [SINGLE_LINE_MESSAGE] });
    expect(await fingerprint(c.orgId)).toBe(before);
  });
});

describe("the staff's patient form", () => {
  it("refuses a control character in a name with that field's error, and writes nothing", async () => {
    const staff = await person([{ orgId: c.orgId, role: "staff" }], "free-text-staff");
    arriveAs({ host: `${c.slug}.localhost`, path: "/patients/new", session: staff.session });
    const before = await fingerprint(c.orgId);
    const result = await createPatientAction({ ...details(), firstName: "Rosa\tMaria", lastName: "Parkes\nDoe", email: "", phone: "" });
    expect(result).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { firstName: [SINGLE_LINE_MESSAGE], lastName: [SINGLE_LINE_MESSAGE] },
    });
    expect(await fingerprint(c.orgId)).toBe(before);
    expect(await createPatientAction({ ...details(), email: "", phone: "" })).toMatchObject({ ok: true });
  });
});
