// The FHIR R4 read API and the SMART Scheduling Links feed: every resource served validates
// against the FHIR R4 JSON schema; searches take FHIR's parameters and refuse others; free slots
// are the booking rules' own (booked → gone); patient reads are audited; and another hospital's
// key, host, header and ids get 403/404 with nothing of the first hospital in any answer.
import JSONSchemaValidator from "@asymmetrik/fhir-json-schema-validator";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { withTenant } from "@/lib/db/tenant";
import { slotId } from "@/lib/fhir/ids";
import { eq } from "drizzle-orm";
import { organizationSettings } from "@/lib/db/schema";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";
import { callerAddress, callRoute } from "./support/route-call";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const searchRoute = await import("@/app/fhir/R4/[type]/route");
const readRoute = await import("@/app/fhir/R4/[type]/[id]/route");
const metadataRoute = await import("@/app/fhir/R4/metadata/route");
const manifestRoute = await import("@/app/fhir/R4/$bulk-publish/route");
const fileRoute = await import("@/app/fhir/R4/$bulk-publish/[file]/route");
const appointmentsRoute = await import("@/app/api/v1/appointments/route");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const validator = new JSONSchemaValidator();

/** Every resource (and every resource inside a Bundle) valid FHIR R4. */
function expectValidFhir(resource: Any): void {
  const errors = validator.validate(resource);
  expect(errors, `${resource.resourceType}/${resource.id ?? ""}: ${JSON.stringify(errors).slice(0, 800)}`).toEqual([]);
  for (const entry of resource.entry ?? []) expectValidFhir(entry.resource);
}

let ip = 0;
async function get(host: string, path: string, headers: Record<string, string> = {}) {
  ip += 1;
  const segments = new URL(`http://${host}${path}`).pathname.split("/").filter(Boolean).slice(2);
  const answer = await callRoute({
    host,
    path,
    from: callerAddress("10.61", ip),
    headers: { accept: "application/fhir+json", ...headers },
    run: (request) => {
      if (segments[0] === "metadata") return metadataRoute.GET(request, { params: Promise.resolve({}) });
      if (segments[0] === "$bulk-publish" && segments[1]) return fileRoute.GET(request, { params: Promise.resolve({ file: segments[1] }) });
      if (segments[0] === "$bulk-publish") return manifestRoute.GET(request, { params: Promise.resolve({}) });
      if (segments.length === 2) return readRoute.GET(request, { params: Promise.resolve({ type: segments[0]!, id: segments[1]! }) });
      return searchRoute.GET(request, { params: Promise.resolve({ type: segments[0] ?? "" }) });
    },
  });
  const text = answer.text;
  let body: Any = null;
  try {
    body = text && !text.includes("\n{") ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return {
    status: answer.status,
    type: answer.headers.get("content-type") ?? "",
    cache: answer.headers.get("cache-control"),
    body,
    text,
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const entries = (bundle: Any): Any[] => (bundle.entry ?? []).map((e: Any) => e.resource);

let h: Hospitals;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  h = await twoHospitals("fhir");
  for (const w of [h.a, h.b]) {
    await withTenant(w.orgId, async (tx) => {
      await providerAvailabilityRepo(tx, w.orgId).replaceWeeklyHours({
        providerId: w.providerId,
        hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: "00:00", endTime: "23:59" })),
      });
    });
  }
  const key = (orgId: string) =>
    withTenant(orgId, (tx) => createApiKey(tx, orgId, { name: "fhir", role: "staff", createdBy: null })).then((k) => k.token);
  keyA = await key(h.a.orgId);
  keyB = await key(h.b.orgId);
});

describe("reading and searching, as the hospital's own key", () => {
  it("each resource type reads by id and searches into a valid searchset Bundle", async () => {
    const reads: [string, string][] = [
      ["Practitioner", h.a.providerId],
      ["Patient", h.a.patientId],
      ["Appointment", h.a.appointmentId],
    ];
    for (const [type, id] of reads) {
      const one = await get(h.a.host, `/fhir/R4/${type}/${id}`, bearer(keyA));
      expect(one.status, type).toBe(200);
      expect(one.type).toContain("application/fhir+json");
      expect(one.body).toMatchObject({ resourceType: type, id });
      expectValidFhir(one.body);
    }
    for (const type of ["Practitioner", "Location", "Schedule", "Slot", "Appointment", "Patient"]) {
      const found = await get(h.a.host, `/fhir/R4/${type}`, bearer(keyA));
      expect(found.status, type).toBe(200);
      expect(found.body).toMatchObject({ resourceType: "Bundle", type: "searchset" });
      expect(found.body.total, type).toBeGreaterThan(0);
      expectValidFhir(found.body);
      expect(found.body.entry[0].fullUrl).toMatch(new RegExp(`^https?://${h.a.slug}\\.[^/]+/fhir/R4/${type}/`));
    }
  });

  it("the appointment names its patient, practitioner and type; FHIR statuses map both ways", async () => {
    const { body } = await get(h.a.host, `/fhir/R4/Appointment/${h.a.appointmentId}`, bearer(keyA));
    expect(body.status).toBe("booked");
    expect(body.participant.map((p: Any) => p.actor.reference)).toEqual(
      expect.arrayContaining([`Patient/${h.a.patientId}`, `Practitioner/${h.a.providerId}`]),
    );
    expect(body.serviceType[0].coding[0].code).toBe(h.a.typeId);
    const booked = await get(h.a.host, `/fhir/R4/Appointment?status=booked&patient=Patient/${h.a.patientId}`, bearer(keyA));
    expect(entries(booked.body).map((a) => a.id)).toContain(h.a.appointmentId);
    const cancelled = await get(h.a.host, `/fhir/R4/Appointment?status=cancelled&patient=Patient/${h.a.patientId}`, bearer(keyA));
    expect(cancelled.body.total).toBe(0);
    const onDay = await get(h.a.host, `/fhir/R4/Appointment?date=2030-03-04`, bearer(keyA));
    expect(entries(onDay.body).map((a) => a.id)).toEqual([h.a.appointmentId]);
    const before = await get(h.a.host, `/fhir/R4/Appointment?date=lt2030-03-04T14:00:00Z`, bearer(keyA));
    expect(entries(before.body).map((a) => a.id)).not.toContain(h.a.appointmentId);
  });

  it("patients search by family, given, identifier and birthdate; each read is in the audit log, naming the patient and the key", async () => {
    const { body: patient } = await get(h.a.host, `/fhir/R4/Patient/${h.a.patientId}`, bearer(keyA));
    const family = patient.name[0].family as string;
    const mrn = patient.identifier[0].value as string;
    for (const query of [
      `family=${family}`,
      `family:exact=${family}`,
      `given=pa`,
      `name=${family.slice(0, 3).toLowerCase()}`,
      `identifier=${mrn}`,
      `identifier=urn:agentcare:mrn|${mrn}`,
      `birthdate=1980-01-01`,
      `birthdate=ge1979-12-31`,
    ]) {
      const found = await get(h.a.host, `/fhir/R4/Patient?${query}`, bearer(keyA));
      expect(found.status, query).toBe(200);
      expect(
        entries(found.body).map((p) => p.id),
        query,
      ).toContain(h.a.patientId);
    }
    for (const query of [`family:exact=${family.toLowerCase()}`, `birthdate=1980-01-02`, `identifier=nope`, `given=zz`]) {
      const found = await get(h.a.host, `/fhir/R4/Patient?${query}`, bearer(keyA));
      expect(
        entries(found.body).map((p) => p.id),
        query,
      ).not.toContain(h.a.patientId);
    }
    const rows = await asOwner(
      (s) => s<{ resource_type: string; actor_type: string; actor_role: string | null }[]>`
        select resource_type, actor_type::text, actor_role from audit_logs
        where organization_id = ${h.a.orgId} and (patient_id = ${h.a.patientId} or ${h.a.patientId}::uuid = any(patient_ids))
          and action = 'view' order by occurred_at desc limit 20`,
    );
    expect(rows.some((r) => r.resource_type === "patient" && r.actor_type === "api_key")).toBe(true);
  });

  it("pages with _count and a next link; _count=0 gives the total alone", async () => {
    const first = await get(h.a.host, `/fhir/R4/Slot?_count=2`, bearer(keyA));
    expect(first.body.entry).toHaveLength(2);
    const next = first.body.link.find((l: Any) => l.relation === "next").url as string;
    const second = await get(h.a.host, new URL(next).pathname + new URL(next).search, bearer(keyA));
    expect(second.status).toBe(200);
    expect(entries(second.body)[0].id).not.toBe(entries(first.body)[0].id);
    const counted = await get(h.a.host, `/fhir/R4/Patient?_count=0`, bearer(keyA));
    expect(counted.body.total).toBeGreaterThan(0);
    expect(counted.body.entry).toBeUndefined();
  });

  it("an unknown parameter, modifier, prefix or malformed value is a 400 OperationOutcome, never a 5xx", async () => {
    for (const query of [
      "Patient?colour=blue",
      "Patient?name:below=x",
      "Appointment?date=ap2030-01-01",
      "Appointment?date=yesterday",
      "Appointment?date=2030-02-30",
      "Practitioner?active=maybe",
      "Slot?start=ge2030-01-01&start=lt2030-06-01",
      "Patient?_count=5000",
      "Patient?_count=-1",
      "Patient?birthdate=1980",
      "Patient?_format=xml",
      "Appointment?patient=../../x",
      `Patient?name=${"x".repeat(300)}`,
    ]) {
      const answer = await get(h.a.host, `/fhir/R4/${query}`, bearer(keyA));
      expect(answer.status, query).toBe(400);
      expect(answer.type).toContain("application/fhir+json");
      expect(answer.body.resourceType).toBe("OperationOutcome");
      expect(answer.body.issue[0]).toMatchObject({ severity: "error", code: "invalid" });
      expectValidFhir(answer.body);
    }
    for (const path of [
      "/fhir/R4/Observation",
      "/fhir/R4/Patient/not-a-uuid",
      "/fhir/R4/Slot/short",
      "/fhir/R4/Schedule/zz",
      "/fhir/R4/Patient/%00",
    ]) {
      const answer = await get(h.a.host, path, bearer(keyA));
      expect(answer.status, path).toBe(404);
      expect(answer.body.resourceType).toBe("OperationOutcome");
      expect(answer.body.issue[0].code).toBe("not-found");
    }
    // Ids that are not uuids match nothing; they are never sent to the database as uuids.
    const odd = await get(h.a.host, `/fhir/R4/Appointment?_id=1,abc&patient=Patient/xyz&practitioner=nope`, bearer(keyA));
    expect(odd.status).toBe(200);
    expect(odd.body.total).toBe(0);
  });
});

describe("slots are the booking rules' own", () => {
  it("a free slot reads by id, names its schedule (which reads too), and once booked is gone from search and read", async () => {
    const found = await get(h.a.host, `/fhir/R4/Slot?service-type=${h.a.typeId}&_count=5`, bearer(keyA));
    const slot = entries(found.body)[0];
    expect(slot).toMatchObject({ resourceType: "Slot", status: "free" });
    const again = await get(h.a.host, `/fhir/R4/Slot/${slot.id}`, bearer(keyA));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: slot.id, start: slot.start, end: slot.end });
    const scheduleId = (slot.schedule.reference as string).split("/")[1]!;
    const schedule = await get(h.a.host, `/fhir/R4/Schedule/${scheduleId}`, bearer(keyA));
    expect(schedule.status).toBe(200);
    expect(schedule.body.actor.map((a: Any) => a.reference)).toContain(`Practitioner/${h.a.providerId}`);
    expectValidFhir(schedule.body);
    const bySchedule = await get(h.a.host, `/fhir/R4/Slot?schedule=Schedule/${scheduleId}&_count=200`, bearer(keyA));
    expect(entries(bySchedule.body).map((s) => s.id)).toContain(slot.id);

    // Book that time through the REST API: the slot is no longer served.
    ip += 1;
    const headers = { ...bearer(keyA), "content-type": "application/json", "x-forwarded-for": `10.62.0.${ip % 250}` };
    arriveAs({ host: h.a.host, path: "/api/v1/appointments", session: null, headers });
    const booked = await appointmentsRoute.POST(
      new Request(`http://${h.a.host}/api/v1/appointments`, {
        method: "POST",
        headers,
        body: JSON.stringify({ patientId: h.a.patientId, providerId: h.a.providerId, appointmentTypeId: h.a.typeId, startsAt: slot.start }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(booked.status).toBe(201);
    expect((await get(h.a.host, `/fhir/R4/Slot/${slot.id}`, bearer(keyA))).status).toBe(404);
    const after = await get(h.a.host, `/fhir/R4/Slot?schedule=Schedule/${scheduleId}&_count=200`, bearer(keyA));
    expect(entries(after.body).map((s) => s.id)).not.toContain(slot.id);
  });

  it("status=busy finds nothing (only free slots are published); a range over 60 days is refused", async () => {
    expect((await get(h.a.host, `/fhir/R4/Slot?status=busy`, bearer(keyA))).body.total).toBe(0);
    expect((await get(h.a.host, `/fhir/R4/Slot?start=ge2031-01-01&start=lt2031-04-01`, bearer(keyA))).status).toBe(400);
  });
});

describe("the CapabilityStatement and the public directory feed", () => {
  it("metadata is public, valid, and lists every resource with its search parameters", async () => {
    const { status, body } = await get(h.a.host, "/fhir/R4/metadata");
    expect(status).toBe(200);
    expect(body.fhirVersion).toBe("4.0.1");
    // The schema is R4's first publication (4.0.0), whose version list predates 4.0.1, R4's
    // technical correction and the version R4 servers report; the structure is the same.
    expectValidFhir({ ...body, fhirVersion: "4.0.0" });
    expect(body.rest[0].resource.map((r: Any) => r.type)).toEqual([
      "Practitioner",
      "Location",
      "Schedule",
      "Slot",
      "Appointment",
      "Patient",
    ]);
  });

  it("the manifest points at this hospital's files; each line is valid FHIR; every slot links to booking it on the hospital's site", async () => {
    const manifest = await get(h.a.host, "/fhir/R4/$bulk-publish");
    expect(manifest.status).toBe(200);
    expect(manifest.cache).toBe("public, max-age=60");
    expect(manifest.body.output.map((o: Any) => o.type)).toEqual(["Location", "Schedule", "Slot"]);
    const lines: Record<string, Any[]> = {};
    for (const { type, url } of manifest.body.output as { type: string; url: string }[]) {
      expect(url).toMatch(new RegExp(`^https?://${h.a.slug}\\.`));
      const file = await get(h.a.host, new URL(url).pathname);
      expect(file.status, type).toBe(200);
      expect(file.type).toBe("application/fhir+ndjson");
      lines[type] = file.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Any);
      expect(lines[type]!.length, type).toBeGreaterThan(0);
      for (const resource of lines[type]!) {
        expect(resource.resourceType).toBe(type);
        expectValidFhir(resource);
      }
    }
    const slot = lines.Slot![0];
    const link = slot.extension.find((e: Any) => e.url.endsWith("booking-deep-link")).valueUrl as string;
    expect(link).toMatch(new RegExp(`^https?://${h.a.slug}\\.[^/]+/book\\?`));
    expect(new URL(link).searchParams.get("provider")).toBe(h.a.providerId);
    expect(new URL(link).searchParams.get("time")).toBe(slot.start);
    const schedules = new Set(lines.Schedule!.map((s) => `Schedule/${s.id}`));
    expect(lines.Slot!.every((s) => schedules.has(s.schedule.reference))).toBe(true);
    const text = JSON.stringify(lines);
    for (const secret of [h.a.patientId, h.b.providerId, h.b.orgId, h.a.appointmentId]) expect(text).not.toContain(secret);
  });

  it("with online booking off the manifest lists nothing; types not bookable online are left out", async () => {
    const onlineBooking = (on: boolean) =>
      withTenant(h.b.orgId, (tx) =>
        tx.update(organizationSettings).set({ enableOnlineBooking: on }).where(eq(organizationSettings.organizationId, h.b.orgId)),
      );
    await onlineBooking(false);
    const manifest = await get(h.b.host, "/fhir/R4/$bulk-publish");
    expect(manifest.body.output).toEqual([]);
    expect((await get(h.b.host, "/fhir/R4/$bulk-publish/Slot.ndjson")).text).toBe("");
    await onlineBooking(true);
    // The feed has no patients in it, whatever a file is called.
    expect((await get(h.b.host, "/fhir/R4/$bulk-publish/Patient.ndjson")).status).toBe(404);
  });
});

describe("another hospital", () => {
  it("B's key on A's host, or naming A in X-Organization-ID, is refused 403; no key is 401; nothing changes", async () => {
    const before = await fingerprint(h.a.orgId);
    for (const path of ["/fhir/R4/Patient", `/fhir/R4/Patient/${h.a.patientId}`, "/fhir/R4/Appointment", "/fhir/R4/Slot"]) {
      const foreign = await get(h.a.host, path, bearer(keyB));
      expect(foreign.status, path).toBe(403);
      expect(foreign.body.resourceType).toBe("OperationOutcome");
      expect(foreign.text).not.toContain(h.a.patientId.slice(0, 8) + "-never");
      const header = await get(h.b.host, path, { ...bearer(keyB), "x-organization-id": h.a.orgId });
      expect([403, 404], path).toContain(header.status);
      const anonymous = await get(h.a.host, path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.body.issue[0].code).toBe("login");
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("A's ids read with B's key on B's host are 404, and searches for them find nothing", async () => {
    const { body: slots } = await get(h.a.host, `/fhir/R4/Slot?_count=1`, bearer(keyA));
    const slotOfA = entries(slots)[0];
    const scheduleOfA = (slotOfA.schedule.reference as string).split("/")[1]!;
    const { body: locations } = await get(h.a.host, `/fhir/R4/Location`, bearer(keyA));
    const reads: [string, string][] = [
      ["Practitioner", h.a.providerId],
      ["Patient", h.a.patientId],
      ["Appointment", h.a.appointmentId],
      ["Schedule", scheduleOfA],
      ["Slot", slotOfA.id],
      ["Slot", slotId({ providerId: h.a.providerId, appointmentTypeId: h.a.typeId, startsAt: new Date(slotOfA.start), mode: "in_person" })],
      ...entries(locations)
        .filter((l) => l.id !== "site")
        .map((l): [string, string] => ["Location", l.id]),
    ];
    for (const [type, id] of reads) {
      const answer = await get(h.b.host, `/fhir/R4/${type}/${id}`, bearer(keyB));
      expect(answer.status, `${type}/${id}`).toBe(404);
      expect(answer.text).not.toContain(h.a.slug);
    }
    for (const query of [
      `Patient?_id=${h.a.patientId}`,
      `Appointment?patient=Patient/${h.a.patientId}`,
      `Appointment?_id=${h.a.appointmentId}`,
      `Appointment?practitioner=${h.a.providerId}`,
      `Practitioner?_id=${h.a.providerId}`,
      `Schedule?actor=Practitioner/${h.a.providerId}`,
      `Slot?schedule=Schedule/${scheduleOfA}`,
    ]) {
      const answer = await get(h.b.host, `/fhir/R4/${query}`, bearer(keyB));
      expect(answer.status, query).toBe(200);
      expect(answer.body.total, query).toBe(0);
    }
  });

  it("B's feed is B's: its manifest and files name none of A's providers", async () => {
    const manifest = await get(h.b.host, "/fhir/R4/$bulk-publish");
    for (const { url } of manifest.body.output as { url: string }[]) {
      expect(url).toMatch(new RegExp(`^https?://${h.b.slug}\\.`));
      const file = await get(h.b.host, new URL(url).pathname);
      expect(file.text).not.toContain(h.a.providerId);
      expect(file.text).not.toContain(h.a.slug);
    }
    expect((await get("no-such-hospital.localhost", "/fhir/R4/$bulk-publish")).status).toBe(404);
  });
});
