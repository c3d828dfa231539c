import { expect, test } from "@playwright/test";
import { expectApiError, sessionCookieFrom, TenantApi, type AppointmentsBody } from "./support/api";
import { forbiddenHeading, StaffHeader } from "./support/pages";
import { send } from "./support/public-client";
import { BookingSite } from "./support/scheduling";
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

test("Dr. Chen makes and ends her own calendar feed; another provider's feed is not hers to manage", async ({ page }) => {
  const options = await BookingSite.of(METRO).options();
  const own = options.providers.find((p) => p.name === "Dr. Emily Chen")!;
  const other = options.providers.find((p) => p.name !== "Dr. Emily Chen")!;

  await page.goto(tenantUrl(METRO, `/providers/${other.id}`));
  const otherPanel = page.getByRole("region", { name: "Calendar feed" });
  await expect(otherPanel).toContainText(`Only ${other.name} (signed in with their own account) or an administrator can manage this feed.`);
  await expect(otherPanel.getByRole("button")).toHaveCount(0);

  await page.goto(tenantUrl(METRO, `/providers/${own.id}`));
  const panel = page.getByRole("region", { name: "Calendar feed" });
  await expect(panel).toContainText("An administrator decides this in the scheduling settings.");
  if (await panel.getByRole("button", { name: "Turn off…" }).isVisible()) {
    await panel.getByRole("button", { name: "Turn off…" }).click();
    await panel.getByRole("button", { name: "Turn off", exact: true }).click();
    await expect(panel).toContainText("No calendar feed.");
  }
  await panel.getByRole("button", { name: "Make feed address" }).click();
  const address = await page.getByRole("textbox", { name: "Subscription address" }).inputValue();
  const path = new URL(address).pathname;
  const feed = await send({ host: hostOf(METRO), path });
  expect(feed.status).toBe(200);
  expect(feed.text).toContain("X-WR-CALNAME:Dr. Emily Chen — ");

  await panel.getByRole("button", { name: "Turn off…" }).click();
  await panel.getByRole("button", { name: "Turn off", exact: true }).click();
  await expect(panel).toContainText("No calendar feed.");
  expect((await send({ host: hostOf(METRO), path })).status).toBe(404);
});
