import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { StaffHeader } from "./support/pages";
import type { AppointmentsBody } from "./support/api";
import { METRO, seededWeekday, SUNSET, tenantUrl, type DemoTenant } from "./support/tenants";

// Project "admin": ops@agentcare.dev, an admin of both hospitals, signed in once on Metro.

async function keepScreenshot(page: Page, testInfo: TestInfo, tenant: DemoTenant) {
  const path = testInfo.outputPath(`${tenant.slug}-dashboard.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${tenant.slug} dashboard`, { path, contentType: "image/png" });
}

/** The dashboard's own data call: a server action posted to the page on this tenant's host. */
function dashboardData(page: Page, tenant: DemoTenant) {
  return page.waitForResponse(
    (r) =>
      r.request().method() === "POST" &&
      Boolean(r.request().headers()["next-action"]) &&
      r.url().startsWith(tenantUrl(tenant, "/dashboard")) &&
      r.ok(),
  );
}

/** Waits for the dashboard's schedule to load on this tenant's host, and checks it did. */
async function expectScheduleLoaded(page: Page, load: Promise<unknown>) {
  await load;
  await expect(page.getByRole("heading", { name: "Today's appointments" })).toBeVisible();
  await expect(page.getByText(/\d+ booked|No appointments today\./).first()).toBeVisible();
  await expect(page.locator("section").getByRole("alert")).toHaveCount(0);
}

test("switching from Metro General to Sunset Clinic lands on Sunset's dashboard without signing in again", async ({ page }, testInfo) => {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  const header = new StaffHeader(page);

  const metroSchedule = dashboardData(page, METRO);
  await page.goto(tenantUrl(METRO, "/dashboard"));
  await header.expectOrganization(METRO.name);
  await expect(header.switcher.locator("option:checked")).toHaveText(METRO.name);
  await expectScheduleLoaded(page, metroSchedule);
  await keepScreenshot(page, testInfo, METRO);

  const sunsetSchedule = dashboardData(page, SUNSET);
  await header.switcher.selectOption({ label: SUNSET.name });
  await page.waitForURL(tenantUrl(SUNSET, "/dashboard"));
  await header.expectOrganization(SUNSET.name);
  await expect(header.brand(METRO.name)).toHaveCount(0);
  await expect(header.switcher.locator("option:checked")).toHaveText(SUNSET.name);
  await expectScheduleLoaded(page, sunsetSchedule);
  for (const provider of METRO.providers) await expect(page.getByText(provider)).toHaveCount(0);
  await keepScreenshot(page, testInfo, SUNSET);

  // Today may be a closed day: ask the switched-to host, from the page with its own cookies, for
  // a seeded weekday. The same session now reads Sunset's schedule, and only Sunset's.
  const sunsetDay = await page.evaluate(async (date) => {
    const response = await fetch(`/api/v1/appointments?date=${date}`, { headers: { accept: "application/json" } });
    return { status: response.status, body: (await response.json()) as AppointmentsBody };
  }, seededWeekday());
  expect(sunsetDay.status).toBe(200);
  expect(sunsetDay.body.data.length).toBeGreaterThan(0);
  for (const row of sunsetDay.body.data) expect(SUNSET.providers).toContain(row.providerName);

  expect(
    visited.filter((url) => url.includes("/sign-in")),
    "never passed through a sign-in page",
  ).toEqual([]);

  // And back again.
  await header.switcher.selectOption({ label: METRO.name });
  await page.waitForURL(tenantUrl(METRO, "/dashboard"));
  await header.expectOrganization(METRO.name);
});
