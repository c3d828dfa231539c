import { expect, test } from "@playwright/test";
import { anonymous, operator, organizationWithOwner, tag, uniqueEmail, type NewOrganization } from "./support/admin-api";
import { ROOT } from "./support/hosts";
import { expectError, expectStatus, send } from "./support/public-client";

// Plans and usage: every limit is enforced where the thing is created, with a 402 that
// names the limit and the upgrade; usage counts what exists; concurrent creates never exceed it.

type Usage = {
  plan: { name: string; label: string; userLimit: number; providerLimit: number; appointmentLimit: number; features: string[] };
  month: string;
  users: { used: number; limit: number };
  providers: { used: number; limit: number };
  appointments: { used: number; limit: number };
  subscriptionStatus: string;
};
type Provider = { id: string; name: string; active: boolean };

async function usage(org: NewOrganization): Promise<Usage> {
  return (await org.owner.api.json<{ data: Usage }>("/api/v1/settings/usage")).data;
}

async function activeProviders(org: NewOrganization): Promise<Provider[]> {
  return (await org.owner.api.json<{ data: Provider[] }>("/api/v1/providers?active=true&limit=200")).data;
}

async function addProvider(org: NewOrganization, name: string) {
  return org.owner.api.post<{ data: Provider }>("/api/v1/providers", { name, title: "MD" });
}

test("Basic: the 4th provider is refused with a 402 naming the limit and Professional; usage matches what exists", async () => {
  const org = await organizationWithOwner({ prefix: "basic-providers" });
  expect(org.plan).toBe("basic");
  let report = await usage(org);
  expect(report).toMatchObject({
    plan: { name: "basic", label: "Basic", userLimit: 5, providerLimit: 3, appointmentLimit: 500 },
    users: { used: 1, limit: 5 },
    providers: { used: 0, limit: 3 },
    appointments: { used: 0, limit: 500 },
    subscriptionStatus: "active",
  });

  for (const name of ["Dr. One", "Dr. Two", "Dr. Three"]) expectStatus(await addProvider(org, name), 201, `provider ${name}`);
  const fourth = expectError(await addProvider(org, "Dr. Four"), 402, "plan_limit:providers");
  expect(fourth.error.message).toBe("Plan limit reached: the Basic plan allows 3 providers. Upgrade to Professional for 15 providers.");

  expect((await activeProviders(org)).map((p) => p.name).sort()).toEqual(["Dr. One", "Dr. Three", "Dr. Two"]);
  report = await usage(org);
  expect(report.providers).toEqual({ used: 3, limit: 3 });

  // An inactive provider does not count; reactivating one at the limit is refused the same way.
  const [one] = (await activeProviders(org)).filter((p) => p.name === "Dr. One");
  expectStatus(await org.owner.api.patch(`/api/v1/providers/${one!.id}`, { active: false }), 200, "deactivate Dr. One");
  expect((await usage(org)).providers.used).toBe(2);
  expectStatus(await addProvider(org, "Dr. Four"), 201, "a provider in the freed place");
  expectError(await org.owner.api.patch(`/api/v1/providers/${one!.id}`, { active: true }), 402, "plan_limit:providers");
  expect((await usage(org)).providers).toEqual({ used: 3, limit: 3 });
});

test("Basic: six concurrent provider creates with two in place — exactly one succeeds", async () => {
  const org = await organizationWithOwner({ prefix: "basic-race" });
  for (const name of ["Dr. A", "Dr. B"]) expectStatus(await addProvider(org, name), 201, name);

  const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => addProvider(org, `Dr. Racer ${i}`)));
  const statuses = replies.map((r) => r.status).sort();
  expect(statuses, replies.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join("\n")).toEqual([201, 402, 402, 402, 402, 402]);
  for (const r of replies.filter((r) => r.status === 402)) expectError(r, 402, "plan_limit:providers");

  expect(await activeProviders(org)).toHaveLength(3);
  expect((await usage(org)).providers).toEqual({ used: 3, limit: 3 });
});

test("Basic: the users limit counts members and open invitations (5), members by the operator too", async () => {
  const org = await organizationWithOwner({ prefix: "basic-users" });
  for (let i = 0; i < 4; i++) {
    expectStatus(
      await org.owner.api.post("/api/v1/settings/invitations", { email: uniqueEmail(`team${i}`), role: "staff" }),
      201,
      `invitation ${i + 1}`,
    );
  }
  expect((await usage(org)).users).toEqual({ used: 5, limit: 5 });
  const sixth = expectError(
    await org.owner.api.post("/api/v1/settings/invitations", { email: uniqueEmail("team5"), role: "staff" }),
    402,
    "plan_limit:users",
  );
  expect(sixth.error.message).toBe("Plan limit reached: the Basic plan allows 5 users. Upgrade to Professional for 25 users.");
  const byOperator = expectError(
    await operator().post(`/api/v1/organizations/${org.id}/members`, {
      email: uniqueEmail("extra"),
      name: "Extra",
      role: "staff",
    }),
    402,
    "plan_limit:users",
  );
  expect(byOperator.error.message).toContain("Professional");
  expect((await usage(org)).users).toEqual({ used: 5, limit: 5 });
});

test("Basic: branding colours and logo need custom branding (402); the display name is every plan's and shows publicly", async ({
  request,
}) => {
  const org = await organizationWithOwner({ prefix: "basic-brand" });
  const before = await org.owner.api.json<{
    data: { displayName: string; primaryColor: string; accentColor: string; logoUrl: string | null };
  }>("/api/v1/settings/branding");

  for (const patch of [
    { primaryColor: "#aa0000" },
    { accentColor: "#00aa00" },
    { logoUrl: "https://example.com/logo.png" },
    { displayName: "Sneaky", primaryColor: "#aa0000" },
  ]) {
    const body = expectError(await org.owner.api.patch("/api/v1/settings/branding", patch), 402, "plan_feature:custom_branding");
    expect(body.error.message).toBe("Custom branding is not included in the Basic plan. Upgrade to Professional to use it.");
  }
  const unchanged = await org.owner.api.json<{ data: typeof before.data }>("/api/v1/settings/branding");
  expect(unchanged.data).toEqual(before.data);

  const displayName = `Northside Family Care ${tag()}`;
  const ok = await org.owner.api.patch<{ data: { displayName: string; primaryColor: string } }>("/api/v1/settings/branding", {
    displayName,
  });
  expectStatus(ok, 200, "PATCH branding displayName on Basic");
  expect(ok.body.data).toMatchObject({ displayName, primaryColor: before.data.primaryColor });
  const home = await request.get(`http://127.0.0.1:${ROOT.split(":")[1]}/`, { headers: { host: org.host }, failOnStatusCode: false });
  expect(home.status()).toBe(200);
  expect(await home.text()).toContain(displayName);

  // Telehealth is a feature too: the setting may be on (onboarding's step 4 turns it on), but
  // video visits are offered and booked only on plans that include it.
  expectStatus(await org.owner.api.patch("/api/v1/settings/scheduling", { enableTelehealth: true }), 200, "the telehealth setting");
  const options = await org.owner.api.json<{ data: { enableTelehealth: boolean } }>("/api/v1/public/booking-options");
  expect(options.data.enableTelehealth).toBe(false);
});

test("Basic: appointments created this month are counted in usage", async () => {
  const org = await organizationWithOwner({ prefix: "basic-usage" });
  const api = org.owner.api;
  const provider = await addProvider(org, "Dr. Counted");
  expectStatus(provider, 201, "provider");
  const type = await api.post<{ data: { id: string } }>("/api/v1/appointment-types", { name: "Visit", durationMinutes: 30 });
  expectStatus(type, 201, "appointment type");
  const patient = await api.post<{ data: { id: string } }>("/api/v1/patients", {
    firstName: "Usage",
    lastName: `Counter${tag()}`,
    dateOfBirth: "1975-05-05",
  });
  expectStatus(patient, 201, "patient");

  // The next weekday 15:00 UTC and the hour after (inside default business hours, which bookings must
  // respect): inside the month's window either way we count from the reply.
  const base = new Date();
  base.setUTCDate(base.getUTCDate() + 1);
  while (base.getUTCDay() === 0 || base.getUTCDay() === 6) base.setUTCDate(base.getUTCDate() + 1);
  base.setUTCHours(15, 0, 0, 0);
  const booked: string[] = [];
  for (let i = 0; i < 2; i++) {
    const reply = await api.post<{ data: { id: string; startsAt: string } }>("/api/v1/appointments", {
      patientId: patient.body.data.id,
      providerId: provider.body.data.id,
      appointmentTypeId: type.body.data.id,
      startsAt: new Date(base.getTime() + i * 3_600_000).toISOString(),
    });
    expectStatus(reply, 201, `appointment ${i + 1}`);
    booked.push(reply.body.data.startsAt);
  }
  const report = await usage(org);
  // Counted in the month each was created (now), in the organization's zone.
  expect(report.appointments).toEqual({ used: 2, limit: 500 });
  expect(report.month).toMatch(/^\d{4}-\d{2}-01$/);
});

test("GET /api/v1/openapi.json: OpenAPI 3.1 listing POST /api/v1/organizations with its body", async () => {
  const reply = await send<{
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> } }
      >
    >;
  }>({
    host: ROOT,
    path: "/api/v1/openapi.json",
  });
  expectStatus(reply, 200, "GET /api/v1/openapi.json");
  expect(reply.headers["content-type"]).toContain("application/json");
  const doc = reply.body;
  expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  const create = doc.paths["/api/v1/organizations"]?.post;
  expect(create, "POST /api/v1/organizations in paths").toBeDefined();
  const schema = create!.requestBody!.content["application/json"]!.schema;
  expect(Object.keys(schema.properties ?? {})).toEqual(
    expect.arrayContaining(["name", "slug", "type", "address", "contactInfo", "plan", "owner"]),
  );
  expect(schema.required).toEqual(expect.arrayContaining(["name", "slug"]));
  for (const [path, method] of [
    ["/api/v1/organizations/{id}/domains", "post"],
    ["/api/v1/organizations/{id}/members", "post"],
    ["/api/v1/organizations/{id}/settings", "patch"],
    ["/api/v1/settings/usage", "get"],
  ] as const) {
    expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
  }
  // Same document on a hospital's host, and no auth needed.
  const onTenant = await anonymous("metro-general." + ROOT).json<{ openapi: string }>("/api/v1/openapi.json");
  expect(onTenant.openapi).toBe(doc.openapi);
});

test("GET /api/v1/openapi.json documents the sign-up, invitation and API-key endpoints an integrator needs", async () => {
  const doc = await anonymous().json<{ paths: Record<string, Record<string, unknown>> }>("/api/v1/openapi.json");
  const missing = (
    [
      ["/api/v1/signup/slug", "get"],
      ["/api/v1/public/invitations/{token}", "get"],
      ["/api/v1/public/invitations/{token}/accept", "post"],
      ["/api/v1/settings/invitations", "post"],
      ["/api/v1/settings/members", "get"],
      ["/api/v1/settings/domains", "get"],
      ["/api/v1/settings/api-keys", "get"],
      ["/api/v1/settings/api-keys", "post"],
      ["/api/v1/settings/api-keys/{keyId}", "delete"],
    ] as const
  ).filter(([path, method]) => !doc.paths[path]?.[method]);
  expect(missing.map(([path, method]) => `${method.toUpperCase()} ${path}`)).toEqual([]);
});
