import { expect, test } from "@playwright/test";
import { StaffHeader } from "./support/pages";
import { METRO, rootUrl, tenantUrl } from "./support/tenants";

// Project "admin": ops@agentcare.dev, a member of Metro General (and of Sunset Clinic).

test("/org/metro-general/dashboard on the root domain works like Metro's own subdomain", async ({ page }) => {
  const header = new StaffHeader(page);

  const bySubdomain = await page.goto(tenantUrl(METRO, "/dashboard"));
  expect(bySubdomain?.status()).toBe(200);
  await header.expectOrganization(METRO.name);
  const welcome = await page.getByRole("heading", { level: 1 }).textContent();

  // The dashboard's data comes from a server action posted to the path-based page itself.
  const schedule = page.waitForResponse(
    (r) =>
      r.request().method() === "POST" &&
      Boolean(r.request().headers()["next-action"]) &&
      r.url().startsWith(rootUrl(`/org/${METRO.slug}/dashboard`)),
  );
  const byPath = await page.goto(rootUrl(`/org/${METRO.slug}/dashboard`));
  expect(byPath?.status()).toBe(200);
  await expect(page).toHaveURL(rootUrl(`/org/${METRO.slug}/dashboard`));
  await header.expectOrganization(METRO.name);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(welcome ?? "");
  // The page's own data calls stay path-based, and answer for Metro.
  const data = await schedule;
  expect(data.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Today's appointments" })).toBeVisible();
  await expect(page.getByText(/\d+ booked|No appointments today\./).first()).toBeVisible();
  // Links in the shell keep the /org/{slug} prefix.
  await expect(header.brand(METRO.name)).toHaveAttribute("href", `/org/${METRO.slug}/dashboard`);
});
