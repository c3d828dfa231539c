import { expect, test, type Page } from "@playwright/test";
import { NEW_PASSWORD, organizationWithOwner, signInApi } from "./support/admin-api";
import { SignInPage, StaffHeader } from "./support/pages";
import { tenantUrl } from "./support/tenants";

// "Change password" from the account menu, end to end, with an organization and owner of its own so
// the personas keep their passwords: a wrong current password is refused on its field and changes
// nothing; a right one signs this browser out, the old password stops working, the new one works,
// and another browser of the same account is signed out on its next navigation.

// Two browsers and several Argon2 checks on a shared machine.
test.describe.configure({ timeout: 120_000 });

const CHANGED = "a-changed-password-from-the-menu";

async function signIn(page: Page, slug: string, email: string, password: string) {
  const form = new SignInPage(page);
  await form.goto(slug);
  await form.signIn(email, password);
}

test("changing the password: a wrong current one is refused; a right one ends every session and only the new password signs in", async ({
  browser,
}) => {
  const org = await organizationWithOwner({ prefix: "change-pw" });
  const dashboard = tenantUrl(org.slug, "/dashboard");
  const [first, second] = [await browser.newContext(), await browser.newContext()];
  try {
    const [here, there] = [await first.newPage(), await second.newPage()];
    for (const page of [here, there]) {
      await signIn(page, org.slug, org.owner.email, NEW_PASSWORD);
      await page.waitForURL(dashboard);
    }

    const header = new StaffHeader(here);
    await header.banner.getByRole("button", { name: /account menu/i }).click();
    await here.getByRole("menuitem", { name: "Change password" }).click();
    await here.waitForURL(tenantUrl(org.slug, "/account/password"));
    await expect(here.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible();

    // A wrong current password: the field says so, and nothing changed.
    const current = here.getByLabel("Current password");
    await current.fill("not-my-current-password");
    await here.getByLabel("New password").fill(CHANGED);
    await here.getByRole("button", { name: "Change password" }).click();
    await expect(current).toHaveAttribute("aria-invalid", "true");
    await expect(current).toHaveAccessibleDescription(/That is not your current password\./);
    await expect(here).toHaveURL(tenantUrl(org.slug, "/account/password"));
    await signInApi(org.host, org.owner.email, NEW_PASSWORD);
    await expect(signInApi(org.host, org.owner.email, CHANGED)).rejects.toThrow();
    expect((await org.owner.api.get("/api/v1/settings/members")).status).toBe(200);

    // The right one: this browser is signed out to the sign-in page.
    await current.fill(NEW_PASSWORD);
    await here.getByRole("button", { name: "Change password" }).click();
    await here.waitForURL(tenantUrl(org.slug, "/sign-in"), { timeout: 30_000 });

    // The other browser still holds its cookie, but its session has ended; so has the API session.
    await there.goto(dashboard);
    await expect(there).toHaveURL(tenantUrl(org.slug, "/sign-in"));
    expect((await org.owner.api.get("/api/v1/settings/members")).status).toBe(401);

    // The old password no longer signs in; the new one does.
    await signIn(here, org.slug, org.owner.email, NEW_PASSWORD);
    await expect(new SignInPage(here).error).toBeVisible();
    await expect(here).toHaveURL(tenantUrl(org.slug, "/sign-in"));
    await signIn(here, org.slug, org.owner.email, CHANGED);
    await here.waitForURL(dashboard);
  } finally {
    await first.close();
    await second.close();
  }
});
