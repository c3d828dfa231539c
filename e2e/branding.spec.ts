import { expect, test, type Page } from "@playwright/test";
import { sessionCookieFrom, TenantApi, type OrganizationProfile } from "./support/api";
import { cssVariable, StaffHeader } from "./support/pages";
import { PERSONAS } from "./support/personas";
import { hostOf, METRO, SUNSET, tenantUrl, type DemoTenant } from "./support/tenants";

// Project "admin": ops@agentcare.dev can open both hospitals' staff pages.

async function brandOf(page: Page, tenant: DemoTenant, path: string) {
  await page.goto(tenantUrl(tenant, path));
  return { primary: await cssVariable(page, "--brand-primary"), accent: await cssVariable(page, "--brand-accent") };
}

test("each hospital's pages carry its own --brand-primary, public and staff alike", async ({ page, request }) => {
  const api = new TenantApi(request, sessionCookieFrom(PERSONAS.admin.storageState));
  const profile = {
    metro: (await api.json<OrganizationProfile>(hostOf(METRO), "/api/v1/organization")).data.branding,
    sunset: (await api.json<OrganizationProfile>(hostOf(SUNSET), "/api/v1/organization")).data.branding,
  };
  expect(profile.metro.primaryColor).not.toBe(profile.sunset.primaryColor);

  for (const path of ["/", "/dashboard"]) {
    const metro = await brandOf(page, METRO, path);
    if (path === "/dashboard") await new StaffHeader(page).expectOrganization(METRO.name);
    const sunset = await brandOf(page, SUNSET, path);
    if (path === "/dashboard") await new StaffHeader(page).expectOrganization(SUNSET.name);
    expect(metro.primary.toLowerCase(), `Metro ${path}`).toBe(profile.metro.primaryColor.toLowerCase());
    expect(sunset.primary.toLowerCase(), `Sunset ${path}`).toBe(profile.sunset.primaryColor.toLowerCase());
    expect(metro.primary).not.toBe(sunset.primary);
    expect(metro.accent).not.toBe(sunset.accent);
  }
});
