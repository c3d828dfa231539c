import { expect, test } from "@playwright/test";
import { TenantApi, expectApiError } from "./support/api";
import { forbiddenHeading, SignInPage } from "./support/pages";
import { DEMO_PASSWORD } from "./support/personas";
import { hostOf, METRO, rootUrl, SINGLE_TENANT_ROOT as ROOT, SUNSET, tenantUrl } from "./support/tenants";

// Project "single-tenant": a second server with MULTI_TENANCY=false and its own database.
// Whatever the host, it is the default organization; the demo hospitals are unreachable.

const DEFAULT_NAME = "Default Organization";

test("every host serves the default organization", async ({ page }) => {
  for (const url of [
    rootUrl("/", ROOT),
    tenantUrl(METRO, "/", ROOT),
    tenantUrl(SUNSET, "/", ROOT),
    tenantUrl("no-such-hospital", "/", ROOT),
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), url).toHaveText(DEFAULT_NAME);
    await expect(page.getByText(METRO.name)).toHaveCount(0);
    await expect(page.getByText(SUNSET.name)).toHaveCount(0);
  }
});

test("/org/metro-general is a 404, on the root domain and on a subdomain", async ({ page, request }) => {
  for (const url of [
    rootUrl(`/org/${METRO.slug}`, ROOT),
    rootUrl(`/org/${METRO.slug}/dashboard`, ROOT),
    tenantUrl(METRO, `/org/${METRO.slug}`, ROOT),
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByText(METRO.name)).toHaveCount(0);
  }
  const api = new TenantApi(request);
  const viaPath = await api.get(ROOT, `/org/${METRO.slug}/api/v1/organization`);
  expect(viaPath.status()).toBe(404);
  expect(await viaPath.text()).not.toContain(METRO.name);
  // Signed out, the API on any host is the default organization's: 401, not another hospital.
  await expectApiError(await api.get(hostOf(METRO, ROOT), "/api/v1/organization"), 401, "unauthenticated");
});

test("a Metro account signed in here is not a member of the default organization: 403, no Metro data", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto(METRO, ROOT);
  await expect(page.getByRole("heading", { name: `Sign in to ${DEFAULT_NAME}` })).toBeVisible();
  await signIn.signIn("admin@metrogeneral.com", DEMO_PASSWORD);
  await page.waitForURL(tenantUrl(METRO, "/dashboard", ROOT));
  await expect(forbiddenHeading(page)).toBeVisible();
  await expect(page.getByText(METRO.name)).toHaveCount(0);
  for (const provider of METRO.providers) await expect(page.getByText(provider)).toHaveCount(0);
});
