import { expect, test } from "@playwright/test";
import { expectApiError, sessionCookieFrom, TenantApi, type AppointmentsBody, type OrganizationProfile } from "./support/api";
import { ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { hostOf, METRO, seededWeekday, SUNSET, type DemoTenant } from "./support/tenants";

// Project "admin": ops@agentcare.dev, an admin of both hospitals. The same session asks each host;
// the host alone decides which hospital answers.

const DATE = seededWeekday();
let api: TenantApi;

test.beforeEach(({ request }) => {
  api = new TenantApi(request, sessionCookieFrom(PERSONAS.admin.storageState));
});

test.describe("GET /api/v1/organization", () => {
  test("each host returns its own organization's profile and nothing of the other", async () => {
    const metro = await api.json<OrganizationProfile>(hostOf(METRO), "/api/v1/organization");
    const sunset = await api.json<OrganizationProfile>(hostOf(SUNSET), "/api/v1/organization");
    expect(metro.data).toMatchObject({ name: METRO.name, slug: METRO.slug });
    expect(sunset.data).toMatchObject({ name: SUNSET.name, slug: SUNSET.slug });
    expect(metro.data.id).not.toBe(sunset.data.id);
    expect(JSON.stringify(metro)).not.toContain(SUNSET.name);
    expect(JSON.stringify(sunset)).not.toContain(METRO.name);
  });

  test("path-based and X-Organization-ID addressing reach the same organization for a member", async () => {
    const sunset = await api.json<OrganizationProfile>(hostOf(SUNSET), "/api/v1/organization");
    const byPath = await api.json<OrganizationProfile>(ROOT, `/org/${SUNSET.slug}/api/v1/organization`);
    const bySelector = await api.json<OrganizationProfile>(ROOT, "/api/v1/organization", { "x-organization-id": sunset.data.id });
    expect(byPath).toEqual(sunset);
    expect(bySelector).toEqual(sunset);
  });

  test("the root domain with no tenant in the address asks which organization", async () => {
    const body = await expectApiError(await api.get(ROOT, "/api/v1/organization"), 400);
    expect(body.error.message).toMatch(/organization/i);
  });
});

test.describe("GET /api/v1/appointments", () => {
  async function day(tenant: DemoTenant): Promise<AppointmentsBody> {
    const body = await api.json<AppointmentsBody>(hostOf(tenant), `/api/v1/appointments?date=${DATE}`);
    expect(body.date).toBe(DATE);
    expect(body.scope).toBe("organization");
    expect(body.data.length, `seeded appointments at ${tenant.slug} on ${DATE}`).toBeGreaterThan(0);
    return body;
  }

  test("each host lists only its own hospital's appointments", async () => {
    const metro = await day(METRO);
    const sunset = await day(SUNSET);
    for (const [tenant, body] of [
      [METRO, metro],
      [SUNSET, sunset],
    ] as const) {
      const providers = new Set(body.data.map((r) => r.providerName));
      for (const name of providers) expect(tenant.providers, `${tenant.slug} row names ${name}`).toContain(name);
      for (const row of body.data) expect(row.patientMrn.startsWith(tenant.mrnPrefix), row.patientMrn).toBe(true);
    }
    const disjoint = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
    expect(
      disjoint(
        metro.data.map((r) => r.providerName),
        sunset.data.map((r) => r.providerName),
      ),
    ).toEqual([]);
    expect(
      disjoint(
        metro.data.map((r) => r.providerId),
        sunset.data.map((r) => r.providerId),
      ),
    ).toEqual([]);
    expect(
      disjoint(
        metro.data.map((r) => r.id),
        sunset.data.map((r) => r.id),
      ),
    ).toEqual([]);
    expect(metro.timeZone).toBe("America/New_York");
    expect(sunset.timeZone).toBe("America/Los_Angeles");
  });

  test("an impossible date is a 400 that says what a date must look like", async () => {
    for (const date of ["2026-02-30", "2026-13-01", "yesterday"]) {
      const body = await expectApiError(await api.get(hostOf(METRO), `/api/v1/appointments?date=${date}`), 400, "validation");
      expect(JSON.stringify(body.error), date).toContain("YYYY-MM-DD");
    }
  });
});
