import { expect, test } from "@playwright/test";
import { ROOT } from "./support/hosts";

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
