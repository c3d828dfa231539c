import { expect, test } from "@playwright/test";
import { expectApiError, sessionCookieFrom, TenantApi, type AppointmentsBody } from "./support/api";
import { forbiddenHeading, StaffHeader } from "./support/pages";
import { PERSONAS } from "./support/personas";
import { hostOf, METRO, rootUrl, seededWeekday, SUNSET, tenantUrl } from "./support/tenants";

// Project "clinician": dr.chen@metrogeneral.com, a clinician at Metro General only.

const DATE = seededWeekday();

test("the dashboard shows the clinician's own schedule under Metro's brand", async ({ page }) => {
  await page.goto(tenantUrl(METRO, "/dashboard"));
  await new StaffHeader(page).expectOrganization(METRO.name);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Dr. Emily Chen");
  // The heading reads "My appointments today" only once the clinician's own day has loaded.
  await expect(page.getByRole("heading", { name: "My appointments today" })).toBeVisible();
  await expect(page.getByText(/^\d+ booked$/)).toBeVisible();
  // A single membership: no organization switcher.
  await expect(new StaffHeader(page).switcher).toHaveCount(0);
});

test("the appointments API gives a clinician scope 'own' with only their provider's rows", async ({ request }) => {
  const chen = new TenantApi(request, sessionCookieFrom(PERSONAS.clinician.storageState));
  const own = await chen.json<AppointmentsBody>(hostOf(METRO), `/api/v1/appointments?date=${DATE}`);
  expect(own.scope).toBe("own");
  expect(own.data.length, `Dr. Chen's seeded appointments on ${DATE}`).toBeGreaterThan(0);
  expect(new Set(own.data.map((r) => r.providerName))).toEqual(new Set(["Dr. Emily Chen"]));
  expect(new Set(own.data.map((r) => r.providerId)).size).toBe(1);

  // Asking for another provider's day does not widen a clinician's view.
  const admin = new TenantApi(request, sessionCookieFrom(PERSONAS.admin.storageState));
  const all = await admin.json<AppointmentsBody>(hostOf(METRO), `/api/v1/appointments?date=${DATE}`);
  const other = all.data.find((r) => r.providerName !== "Dr. Emily Chen");
  expect(other, "another Metro provider has appointments that day").toBeDefined();
  const narrowed = await chen.json<AppointmentsBody>(hostOf(METRO), `/api/v1/appointments?date=${DATE}&provider=${other!.providerId}`);
  expect(narrowed.data.every((r) => r.providerName === "Dr. Emily Chen")).toBe(true);
  // Every own row is one of the organization's rows for that day.
  const allIds = new Set(all.data.map((r) => r.id));
  for (const row of own.data) expect(allIds.has(row.id)).toBe(true);
});

test("Dr. Chen opening Sunset Clinic's dashboard is refused, by subdomain and by path", async ({ page, request }) => {
  for (const url of [tenantUrl(SUNSET, "/dashboard"), rootUrl(`/org/${SUNSET.slug}/dashboard`)]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(forbiddenHeading(page)).toBeVisible();
    for (const provider of SUNSET.providers) await expect(page.getByText(provider)).toHaveCount(0);
  }
  const chen = new TenantApi(request, sessionCookieFrom(PERSONAS.clinician.storageState));
  await expectApiError(await chen.get(hostOf(SUNSET), `/api/v1/appointments?date=${DATE}`), 403, "forbidden:not_a_member");
});
