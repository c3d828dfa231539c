import { expect, test } from "@playwright/test";
import { sessionCookieFrom, type AppointmentsBody } from "./support/api";
import { anonymous, type Caller, NEW_PASSWORD, operator, organizationWithOwner, tag, withApiKey, withSession } from "./support/admin-api";
import { ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { expectError, expectStatus } from "./support/public-client";
import { hostOf, METRO, seededWeekday, SUNSET } from "./support/tenants";

// Organization API keys: Metro General's admin makes keys; a key works for Metro General
// only — by host, /org path or X-Organization-ID it cannot read or write anything of Sunset
// Clinic's — and a revoked key is refused at once.

type KeyView = {
  id: string;
  name: string;
  role: string;
  display: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
type Patient = { id: string; firstName: string; lastName: string; mrn: string };

const DATE = seededWeekday();
const metroHost = hostOf(METRO);
const sunsetHost = hostOf(SUNSET);
const TOKEN = /^ac_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

let metroAdmin: Caller; // admin@metrogeneral.com, Metro's owner
let sunsetOwner: Caller;
let metroId: string;
let sunsetId: string;
let sunsetPatient: Patient;
let sunsetAppointmentId: string;

test.beforeAll(async () => {
  metroAdmin = withSession(metroHost, sessionCookieFrom(PERSONAS.attacker.storageState));
  sunsetOwner = withSession(sunsetHost, sessionCookieFrom(PERSONAS.sunsetOwner.storageState));
  metroId = (await metroAdmin.json<{ data: { id: string } }>("/api/v1/organization")).data.id;
  sunsetId = (await sunsetOwner.json<{ data: { id: string } }>("/api/v1/organization")).data.id;
  sunsetPatient = (await sunsetOwner.json<{ data: Patient[] }>("/api/v1/patients?limit=1")).data[0]!;
  sunsetAppointmentId = (await sunsetOwner.json<AppointmentsBody>(`/api/v1/appointments?date=${DATE}`)).data[0]!.id;
  expect(sunsetPatient.mrn.startsWith(SUNSET.mrnPrefix)).toBe(true);
});

async function createKey(admin: Caller, role: "admin" | "clinician" | "staff", name = `e2e ${role} ${tag()}`) {
  const reply = await admin.post<{ data: KeyView & { token: string } }>("/api/v1/settings/api-keys", { name, role });
  expectStatus(reply, 201, `POST /api/v1/settings/api-keys (${role})`);
  return { ...reply.body.data, cacheControl: reply.headers["cache-control"] };
}

test("Metro's admin creates a key: the token is shown once, the list never shows it", async () => {
  const key = await createKey(metroAdmin, "admin", "Billing integration");
  expect(key.token).toMatch(TOKEN);
  expect(TOKEN.exec(key.token)![1]).toBe(metroId.replace(/-/g, ""));
  expect(key).toMatchObject({ name: "Billing integration", role: "admin", revokedAt: null });
  expect(key.cacheControl).toContain("no-store");
  const secret = TOKEN.exec(key.token)![2]!;
  expect(key.display).toContain(secret.slice(0, 8));

  const list = await metroAdmin.json<{ data: KeyView[] }>("/api/v1/settings/api-keys");
  const listed = list.data.find((k) => k.id === key.id);
  expect(listed).toMatchObject({ name: "Billing integration", role: "admin", display: key.display });
  expect(listed).not.toHaveProperty("token");
  const text = JSON.stringify(list);
  expect(text).not.toContain(secret);
  expect(text).not.toContain(secret.slice(8));

  // Sunset's admin console lists none of Metro's keys.
  const sunsetKeys = await sunsetOwner.json<{ data: KeyView[] }>("/api/v1/settings/api-keys");
  expect(sunsetKeys.data.map((k) => k.id)).not.toContain(key.id);
});

test("a Metro key reads Metro by host, and nothing of Sunset's by host, path, header or id", async () => {
  const { token } = await createKey(metroAdmin, "admin");
  const key = withApiKey(metroHost, token);

  const own = await key.get<AppointmentsBody>(`/api/v1/appointments?date=${DATE}`);
  expectStatus(own, 200, "Metro's appointments with Metro's key on Metro's host");
  expect(own.body.scope).toBe("organization");
  expect(own.body.data.length).toBeGreaterThan(0);
  for (const row of own.body.data) expect(row.patientMrn.startsWith(METRO.mrnPrefix), row.patientMrn).toBe(true);
  // The key names its organization: on the root domain with no selector it is Metro too.
  const bare = await key.at(ROOT).get<AppointmentsBody>(`/api/v1/appointments?date=${DATE}`);
  expectStatus(bare, 200, "Metro's key on the root domain");
  expect(bare.body.data.map((r) => r.id)).toEqual(own.body.data.map((r) => r.id));

  const refusals = [key.at(sunsetHost), key.at(ROOT).with({ "x-organization-id": sunsetId }), key.with({ "x-organization-id": sunsetId })];
  for (const caller of refusals) {
    const body = expectError(await caller.get(`/api/v1/appointments?date=${DATE}`), 403);
    expect(["forbidden:api_key_organization", "forbidden:organization_mismatch"]).toContain(body.error.code);
    expectError(await caller.get("/api/v1/organization"), 403);
    expectError(await caller.get(`/api/v1/patients/${sunsetPatient.id}`), 403);
  }
  expectError(await key.at(sunsetHost).get(`/api/v1/appointments?date=${DATE}`), 403, "forbidden:api_key_organization");
  expectError(await key.at(ROOT).with({ "x-organization-id": sunsetId }).get("/api/v1/patients"), 403, "forbidden:api_key_organization");
  expectError(await key.at(ROOT).get(`/org/${SUNSET.slug}/api/v1/appointments?date=${DATE}`), 403, "forbidden:api_key_organization");
  expectError(await key.at(ROOT).get(`/org/${SUNSET.slug}/api/v1/patients/${sunsetPatient.id}`), 403, "forbidden:api_key_organization");

  // Sunset's ids under Metro's host are 404, exactly like ids that do not exist.
  expectError(await key.get(`/api/v1/patients/${sunsetPatient.id}`), 404, "not_found:patient");
  expectError(await key.get(`/api/v1/appointments/${sunsetAppointmentId}`), 404);
  expectError(await key.patch(`/api/v1/patients/${sunsetPatient.id}`, { phone: "+1 555 0199" }), 404);
  expectError(await key.post(`/api/v1/appointments/${sunsetAppointmentId}/cancel`, { reason: "api key probe" }), 404);
  const search = await key.get<{ data: Patient[] }>(`/api/v1/patients?q=${encodeURIComponent(sunsetPatient.lastName)}`);
  expectStatus(search, 200, "patient search with Metro's key");
  expect(search.body.data.map((p) => p.id)).not.toContain(sunsetPatient.id);
  for (const p of search.body.data) expect(p.mrn.startsWith(SUNSET.mrnPrefix), p.mrn).toBe(false);

  // Sunset's data is untouched.
  const still = await sunsetOwner.json<{ data: Patient & { phone: string | null } }>(`/api/v1/patients/${sunsetPatient.id}`);
  expect(still.data.phone).not.toBe("+1 555 0199");
  const appt = await sunsetOwner.json<{ data: { status: string } }>(`/api/v1/appointments/${sunsetAppointmentId}`);
  expect(appt.data.status).not.toBe("cancelled");

  // A forged token naming Sunset with Metro's secret, or Sunset's organization API: refused.
  const forged = token.replace(TOKEN.exec(token)![1]!, sunsetId.replace(/-/g, ""));
  expectError(await withApiKey(sunsetHost, forged).get(`/api/v1/appointments?date=${DATE}`), 401, "unauthenticated");
  const orgAdmin = key.at(ROOT);
  for (const reply of [
    await orgAdmin.post(`/api/v1/organizations/${sunsetId}/members`, {
      email: `probe.${tag()}@example.com`,
      name: "Probe",
      role: "admin",
      password: NEW_PASSWORD,
    }),
    await orgAdmin.patch(`/api/v1/organizations/${sunsetId}/settings`, { defaultAppointmentDuration: 5 }),
    await orgAdmin.get(`/api/v1/organizations/${sunsetId}`),
  ]) {
    expect([401, 403], reply.text).toContain(reply.status);
  }
});

test("a staff key writes Metro's patients and nothing of Sunset's; a clinician key cannot change settings", async () => {
  const staff = withApiKey(metroHost, (await createKey(metroAdmin, "staff")).token);
  const family = `Apikey${tag()}`;
  const patient = { firstName: "Staffkey", lastName: family, dateOfBirth: "1980-04-12", email: `${family.toLowerCase()}@example.com` };

  const created = await staff.post<{ data: Patient }>("/api/v1/patients", patient);
  expectStatus(created, 201, "POST /api/v1/patients with a staff key");
  const atMetro = await metroAdmin.json<{ data: Patient[] }>(`/api/v1/patients?q=${family}`);
  expect(atMetro.data.map((p) => p.id)).toEqual([created.body.data.id]);

  for (const caller of [staff.at(sunsetHost), staff.at(ROOT).with({ "x-organization-id": sunsetId })]) {
    expectError(await caller.post("/api/v1/patients", { ...patient, firstName: "Intruder" }), 403, "forbidden:api_key_organization");
  }
  expectError(
    await staff.at(ROOT).post(`/org/${SUNSET.slug}/api/v1/patients`, { ...patient, firstName: "Intruder" }),
    403,
    "forbidden:api_key_organization",
  );
  // A payload naming Sunset changes nothing: the key's organization decides.
  const smuggled = await staff.post<{ data: Patient & { organizationId?: string } }>("/api/v1/patients", {
    ...patient,
    firstName: "Smuggled",
    email: `smuggled.${family.toLowerCase()}@example.com`,
    organizationId: sunsetId,
  });
  expect([201, 400], smuggled.text).toContain(smuggled.status);
  const atSunset = await sunsetOwner.json<{ data: Patient[] }>(`/api/v1/patients?q=${family}`);
  expect(atSunset.data).toEqual([]);

  // Role scope: staff and clinician keys manage nothing.
  expectError(await staff.patch("/api/v1/settings/scheduling", { defaultAppointmentDuration: 15 }), 403);
  const clinician = withApiKey(metroHost, (await createKey(metroAdmin, "clinician")).token);
  const before = await metroAdmin.json<{ data: { defaultAppointmentDuration: number } }>("/api/v1/settings/scheduling");
  expectError(
    await clinician.patch("/api/v1/settings/scheduling", { defaultAppointmentDuration: before.data.defaultAppointmentDuration + 5 }),
    403,
  );
  expectError(await clinician.post("/api/v1/settings/api-keys", { name: "escalate", role: "admin" }), 403);
  expectError(await clinician.post("/api/v1/providers", { name: "Dr. Keyholder" }), 403);
  const after = await metroAdmin.json<{ data: { defaultAppointmentDuration: number } }>("/api/v1/settings/scheduling");
  expect(after.data.defaultAppointmentDuration).toBe(before.data.defaultAppointmentDuration);
  // …while reading what its role may read.
  expectStatus(await clinician.get(`/api/v1/appointments?date=${DATE}`), 200, "a clinician key reads appointments");
});

test("a revoked key is refused on the very next call", async () => {
  const key = await createKey(metroAdmin, "admin");
  const caller = withApiKey(metroHost, key.token);
  expectStatus(await caller.get("/api/v1/organization"), 200, "the key before revocation");

  const revoke = await metroAdmin.delete(`/api/v1/settings/api-keys/${key.id}`);
  expectStatus(revoke, 204, "DELETE /api/v1/settings/api-keys/{id}");
  const body = expectError(await caller.get("/api/v1/organization"), 401, "unauthenticated");
  expect(body.error.message).toMatch(/revoked|not valid/i);
  expectError(await caller.post("/api/v1/patients", { firstName: "After", lastName: "Revoke", dateOfBirth: "1990-01-01" }), 401);

  const listed = (await metroAdmin.json<{ data: KeyView[] }>("/api/v1/settings/api-keys")).data.find((k) => k.id === key.id);
  expect(listed?.revokedAt).not.toBeNull();
  // Revoking twice, or Sunset revoking Metro's key: 404.
  expectError(await metroAdmin.delete(`/api/v1/settings/api-keys/${key.id}`), 404);
  const other = await createKey(metroAdmin, "staff");
  expectError(await sunsetOwner.delete(`/api/v1/settings/api-keys/${other.id}`), 404);
  expectStatus(await withApiKey(metroHost, other.token).get("/api/v1/organization"), 200, "Metro's other key after Sunset's attempt");
});

test("keys are for members with the permission only, and only on plans with API access (Basic → 402)", async () => {
  // No session, a clinician's session: no keys.
  expectError(await anonymous(metroHost).post("/api/v1/settings/api-keys", { name: "anon", role: "admin" }), 401);
  const clinician = withSession(metroHost, sessionCookieFrom(PERSONAS.clinician.storageState));
  expectError(await clinician.post("/api/v1/settings/api-keys", { name: "mine", role: "admin" }), 403);
  // Metro's admin cannot mint a key for Sunset.
  expectError(await metroAdmin.at(sunsetHost).post("/api/v1/settings/api-keys", { name: "theirs", role: "admin" }), 403);

  const basic = await organizationWithOwner({ prefix: "keyless" });
  expect(basic.plan).toBe("basic");
  const refused = expectError(
    await basic.owner.api.post("/api/v1/settings/api-keys", { name: "integration", role: "staff" }),
    402,
    "plan_feature:api_access",
  );
  expect(refused.error.message).toMatch(/API access.*Basic.*Upgrade to Professional/);
  expect((await basic.owner.api.json<{ data: KeyView[] }>("/api/v1/settings/api-keys")).data).toEqual([]);
  // The operator's token is not an organization key.
  expectError(await operator(basic.host).get("/api/v1/organization"), 401);
});
