import { expect, test } from "@playwright/test";
import { E2E_PORT, ROOT } from "./support/hosts";
import { hostOf, METRO, rootUrl } from "./support/tenants";

test.describe("tenant sites", () => {
  test("each hospital's subdomain shows its own name, never the other's", async ({ page }) => {
    await page.goto(`http://metro-general.${ROOT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Metro General Hospital");
    await expect(page.getByText("Sunset Clinic")).toHaveCount(0);

    await page.goto(`http://sunset-clinic.${ROOT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sunset Clinic");
    await expect(page.getByText("Metro General")).toHaveCount(0);
  });

  test("path-based access shows the same tenant page", async ({ page }) => {
    await page.goto(`http://${ROOT}/org/metro-general`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Metro General Hospital");
  });

  test("an unknown subdomain answers 404 and names no hospital", async ({ page }) => {
    const response = await page.goto(`http://no-such-hospital.${ROOT}/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Metro General")).toHaveCount(0);
    await expect(page.getByText("Sunset Clinic")).toHaveCount(0);
  });

  test("a tenant host cannot be steered to another tenant by path", async ({ page }) => {
    const response = await page.goto(`http://metro-general.${ROOT}/org/sunset-clinic`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Sunset Clinic")).toHaveCount(0);
  });

  test("the platform landing page is served on the root domain", async ({ page }) => {
    await page.goto(`http://${ROOT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Scheduling for hospitals");
  });
});

test.describe("files every site serves", () => {
  test("robots.txt on a hospital's host lets booking be indexed and keeps staff pages out", async ({ request }) => {
    const reply = await request.get(`http://127.0.0.1:${E2E_PORT}/robots.txt`, { headers: { host: hostOf(METRO) } });
    expect(reply.status()).toBe(200);
    const text = await reply.text();
    expect(text).toMatch(/^Allow: \/book$/m);
    for (const path of ["/dashboard", "/patients", "/schedule", "/settings", "/appointments/manage/", "/api/"]) {
      expect(text).toContain(`Disallow: ${path}`);
    }
  });

  test("the site icon and the social preview image are served, and pages point at them", async ({ page, request }) => {
    const icon = await request.get(`http://127.0.0.1:${E2E_PORT}/icon.svg`, { headers: { host: hostOf(METRO) } });
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    const image = await request.get(`http://127.0.0.1:${E2E_PORT}/og-image.png`, { headers: { host: ROOT } });
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toContain("image/png");
    await page.goto(rootUrl("/"));
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-image\.png$/);
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /\/icon\.svg/);
  });
});
