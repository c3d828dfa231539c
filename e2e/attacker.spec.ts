import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { expectApiError, sessionCookieFrom, TenantApi, type OrganizationProfile } from "./support/api";
import { ROOT } from "./support/hosts";
import { forbiddenHeading, StaffHeader } from "./support/pages";
import { PERSONAS } from "./support/personas";
import { canInspectDatabase, securityEventsByUserAgent } from "./support/security-events";
import { hostOf, METRO, rootUrl, seededWeekday, SUNSET, tenantUrl } from "./support/tenants";

// Project "attacker": signed in as admin@metrogeneral.com, a member of Metro General only.
// Every test aims at Sunset Clinic's data and must come back empty-handed.

const DATE = seededWeekday();
const SKIP_DB = "security_events is only readable from the test with DATABASE_URL set (embedded PGlite lives inside the server process)";
const APPOINTMENTS = `/api/v1/appointments?date=${DATE}`;
const metroHost = hostOf(METRO);
const sunsetHost = hostOf(SUNSET);

let sunsetId: string;
let metroId: string;
let attackerCookie: string;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  try {
    const sunsetOwner = new TenantApi(request, sessionCookieFrom(PERSONAS.sunsetOwner.storageState));
    sunsetId = (await sunsetOwner.json<OrganizationProfile>(sunsetHost, "/api/v1/organization")).data.id;
    attackerCookie = sessionCookieFrom(PERSONAS.attacker.storageState);
    metroId = (await new TenantApi(request, attackerCookie).json<OrganizationProfile>(metroHost, "/api/v1/organization")).data.id;
    expect(sunsetId).not.toBe(metroId);
  } finally {
    await request.dispose();
  }
});

/** Text must carry none of Sunset Clinic's records: its providers, its patients' record numbers. */
function expectNoSunsetRecords(text: string) {
  for (const provider of SUNSET.providers) expect(text).not.toContain(provider);
  expect(text).not.toContain(SUNSET.mrnPrefix + "1");
}

/** ...nor, on a refused page, any of the staff dashboard at all. */
function expectNoSunsetData(text: string) {
  expectNoSunsetRecords(text);
  expect(text).not.toMatch(/Today.s appointments|My appointments today|Welcome, /);
}

test.describe("a Metro-only session aimed at Sunset Clinic", () => {
  test("Sunset's dashboard answers 403 with the forbidden page and no Sunset data", async ({ page }) => {
    const response = await page.goto(tenantUrl(SUNSET, "/dashboard"));
    expect(response?.status()).toBe(403);
    await expect(forbiddenHeading(page)).toBeVisible();
    await expect(new StaffHeader(page).switcher).toHaveCount(0);
    await expect(page.getByRole("banner")).toHaveCount(0);
    expectNoSunsetData(await response!.text());
    expectNoSunsetData(await page.content());
  });

  test("path-based /org/sunset-clinic/dashboard on the root domain is refused the same way", async ({ page }) => {
    const response = await page.goto(rootUrl(`/org/${SUNSET.slug}/dashboard`));
    expect(response?.status()).toBe(403);
    await expect(forbiddenHeading(page)).toBeVisible();
    expectNoSunsetData(await page.content());
  });

  test("/org/sunset-clinic on Metro's own host answers 404, page and API", async ({ page, request }) => {
    const response = await page.goto(tenantUrl(METRO, `/org/${SUNSET.slug}/dashboard`));
    expect(response?.status()).toBe(404);
    expectNoSunsetData(await page.content());

    const api = new TenantApi(request, attackerCookie);
    const viaApi = await api.get(metroHost, `/org/${SUNSET.slug}${APPOINTMENTS}`);
    expect(viaApi.status()).toBe(404);
    expectNoSunsetData(await viaApi.text());
  });

  test("Sunset's API refuses the session by host, by path and by X-Organization-ID", async ({ request }) => {
    const api = new TenantApi(request, attackerCookie);
    const attempts: { how: string; host: string; path: string; headers: Record<string, string> }[] = [
      { how: "Sunset's host", host: sunsetHost, path: APPOINTMENTS, headers: {} },
      { how: "/org/sunset-clinic path", host: ROOT, path: `/org/${SUNSET.slug}${APPOINTMENTS}`, headers: {} },
      { how: "X-Organization-ID on the root domain", host: ROOT, path: APPOINTMENTS, headers: { "x-organization-id": sunsetId } },
      { how: "Sunset's host, organization profile", host: sunsetHost, path: "/api/v1/organization", headers: {} },
    ];
    for (const attempt of attempts) {
      await test.step(attempt.how, async () => {
        const response = await api.get(attempt.host, attempt.path, attempt.headers);
        const body = await expectApiError(response, 403, /^forbidden/);
        expectNoSunsetData(JSON.stringify(body));
        expect(JSON.stringify(body)).not.toContain(sunsetId);
      });
    }
  });

  test("Metro's host with Sunset's X-Organization-ID is a mismatch: 403", async ({ request }) => {
    const api = new TenantApi(request, attackerCookie);
    const response = await api.get(metroHost, APPOINTMENTS, { "x-organization-id": sunsetId });
    await expectApiError(response, 403, "forbidden:organization_mismatch");
  });

  test("a malformed X-Organization-ID is rejected with 400", async ({ request }) => {
    const api = new TenantApi(request, attackerCookie);
    await expectApiError(await api.get(metroHost, APPOINTMENTS, { "x-organization-id": "not-a-uuid" }), 400);
    await expectApiError(await api.get(ROOT, APPOINTMENTS, { "x-organization-id": "not-a-uuid" }), 400);
  });

  const forgedHeaders: [string, Record<string, string>][] = [
    ["x-agentcare-tenant", { "x-agentcare-tenant": SUNSET.slug }],
    ["x-agentcare-path-tenant", { "x-agentcare-path-tenant": SUNSET.slug }],
    ["x-agentcare-host", { "x-agentcare-host": sunsetHost, "x-agentcare-host-kind": "tenant" }],
    ["X-Forwarded-Host (proxy headers are not trusted)", { "x-forwarded-host": sunsetHost }],
  ];
  for (const [name, headers] of forgedHeaders) {
    test(`a client-sent ${name} header changes nothing`, async ({ request }) => {
      const api = new TenantApi(request, attackerCookie);
      // On Metro's host: still Metro, never Sunset.
      const profile = await api.json<OrganizationProfile>(metroHost, "/api/v1/organization", headers);
      expect(profile.data.id).toBe(metroId);
      expect(profile.data.slug).toBe(METRO.slug);
      const day = await api.get(metroHost, APPOINTMENTS, headers);
      expect(day.status()).toBe(200);
      expectNoSunsetRecords(await day.text());
      // On the root domain with no tenant in the address, a forged header must not supply one.
      const rootResponse = await api.get(ROOT, "/api/v1/organization", headers);
      expect(rootResponse.status()).toBe(400);
      expect(await rootResponse.text()).not.toContain(sunsetId);
    });
  }

  test("a forged x-agentcare-tenant header on a page changes nothing", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-agentcare-tenant": SUNSET.slug, "x-agentcare-path-tenant": SUNSET.slug });
    const response = await page.goto(tenantUrl(METRO, "/dashboard"));
    expect(response?.status()).toBe(200);
    await new StaffHeader(page).expectOrganization(METRO.name);
    await expect(new StaffHeader(page).brand(SUNSET.name)).toHaveCount(0);
    expectNoSunsetRecords(await page.content());
  });

  test("an unknown subdomain is 404 even with a valid session", async ({ page, request }) => {
    const response = await page.goto(tenantUrl("no-such-hospital", "/dashboard"));
    expect(response?.status()).toBe(404);
    await expect(page.getByText(METRO.name)).toHaveCount(0);
    const api = new TenantApi(request, attackerCookie);
    await expectApiError(await api.get(hostOf("no-such-hospital"), APPOINTMENTS), 404, /^not_found/);
  });

  test("the cross-tenant attempts are recorded as security events", async ({ browser, request }) => {
    test.skip(!canInspectDatabase, SKIP_DB);
    const userAgent = `agentcare-e2e-attacker/${crypto.randomUUID()}`;
    const context = await browser.newContext({ storageState: PERSONAS.attacker.storageState, userAgent });
    try {
      const page = await context.newPage();
      expect((await page.goto(tenantUrl(SUNSET, "/dashboard")))?.status()).toBe(403);
    } finally {
      await context.close();
    }
    const api = new TenantApi(request, attackerCookie, { "user-agent": userAgent });
    await expectApiError(await api.get(sunsetHost, APPOINTMENTS), 403);

    await expect
      .poll(async () => (await securityEventsByUserAgent(userAgent)).length, { message: "security events for this attack" })
      .toBeGreaterThanOrEqual(2);
    const events = await securityEventsByUserAgent(userAgent);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["cross_tenant_access"]));
    for (const event of events) {
      expect(event.kind).toBe("cross_tenant_access");
      expect(event.user_id).toBeTruthy();
      expect(event.attempted_organization_id).toBe(sunsetId);
      expect(event.user_organization_ids).toEqual([metroId]);
      expect(event.host).toBe(`${SUNSET.slug}.agentcare.test`);
    }
    expect(events.map((e) => e.path)).toEqual(expect.arrayContaining(["/dashboard", APPOINTMENTS.split("?")[0]]));
  });

  test("an X-Organization-ID mismatch is recorded with who tried and which organization they asked for", async ({ request }) => {
    test.skip(!canInspectDatabase, SKIP_DB);
    const userAgent = `agentcare-e2e-attacker/${crypto.randomUUID()}`;
    const api = new TenantApi(request, attackerCookie, { "user-agent": userAgent });
    await expectApiError(await api.get(metroHost, APPOINTMENTS, { "x-organization-id": sunsetId }), 403, "forbidden:organization_mismatch");

    await expect.poll(async () => (await securityEventsByUserAgent(userAgent)).length).toBe(1);
    const [event] = await securityEventsByUserAgent(userAgent);
    expect(event!.kind).toBe("organization_mismatch");
    expect(event!.host).toBe(`${METRO.slug}.agentcare.test`);
    expect.soft(event!.user_id, "the mismatch event names the signed-in user").toBeTruthy();
    expect.soft(event!.attempted_organization_id, "the mismatch event names the organization asked for (Sunset)").toBe(sunsetId);
  });
});

test.describe("requests without a valid session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("signed out: Metro's API answers 401", async ({ request }) => {
    const api = new TenantApi(request);
    await expectApiError(await api.get(metroHost, APPOINTMENTS), 401, "unauthenticated");
    await expectApiError(await api.get(metroHost, "/api/v1/organization"), 401, "unauthenticated");
    await expectApiError(await api.get(ROOT, `/org/${SUNSET.slug}${APPOINTMENTS}`), 401, "unauthenticated");
  });

  test("forged session cookies answer 401", async ({ request }) => {
    const api = new TenantApi(request);
    const userId = crypto.randomUUID();
    const claims = { sub: userId, uid: userId, email: "admin@sunsetclinic.com", activeOrganizationId: sunsetId };
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const forgeries: [string, string][] = [
      ["garbage", "garbage"],
      ["an unsigned JWT", `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`],
      ["a real cookie with one byte changed", tamper(attackerCookie.split("=").slice(1).join("="))],
      // npm start's development fallback secret is public in the source: it must not be the one in use.
      [
        "a token sealed with the development fallback secret",
        await encode({ token: claims, secret: "agentcare-development-secret-not-for-production-use", maxAge: 3600 }),
      ],
      [
        "a token sealed with a random secret",
        await encode({ token: claims, secret: crypto.randomBytes(32).toString("hex"), maxAge: 3600 }),
      ],
    ];
    const name = attackerCookie.split("=")[0];
    for (const [what, value] of forgeries) {
      await test.step(what, async () => {
        await expectApiError(await api.get(sunsetHost, APPOINTMENTS, { cookie: `${name}=${value}` }), 401, "unauthenticated");
        await expectApiError(await api.get(metroHost, "/api/v1/organization", { cookie: `${name}=${value}` }), 401, "unauthenticated");
      });
    }
  });

  test("a garbage hand-off token redirects to /sign-in?error=handoff and signs nobody in", async ({ page, context, request }) => {
    for (const token of ["garbage", "A".repeat(43)]) {
      await page.goto(tenantUrl(SUNSET, `/api/auth/handoff?token=${token}`));
      await expect(page).toHaveURL(tenantUrl(SUNSET, "/sign-in?error=handoff"));
      expect((await context.cookies()).filter((c) => /agentcare\.session$/.test(c.name))).toEqual([]);
    }
    const raw = await new TenantApi(request).get(metroHost, "/api/auth/handoff?token=garbage");
    expect(raw.status()).toBe(303);
    // Relative: the redirect never names a host taken from the request.
    expect(raw.headers()["location"]).toBe("/sign-in?error=handoff");
    expect(raw.headers()["set-cookie"] ?? "").not.toMatch(/agentcare\.session=[^;]/);
  });
});

function tamper(value: string): string {
  const i = Math.floor(value.length / 2);
  return value.slice(0, i) + (value[i] === "A" ? "B" : "A") + value.slice(i + 1);
}
