import { expect, test as setup } from "@playwright/test";
import { StaffHeader, SignInPage } from "./support/pages";
import { DEMO_PASSWORD, PERSONAS } from "./support/personas";
import { tenantUrl } from "./support/tenants";

// One real sign-in per persona through the branded form; the projects reuse the saved cookies.
for (const [key, persona] of Object.entries(PERSONAS)) {
  setup(`sign in as ${key} (${persona.email})`, async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto(persona.signInAt);
    await signIn.signIn(persona.email, DEMO_PASSWORD);
    await page.waitForURL(tenantUrl(persona.signInAt, "/dashboard"));
    await expect(new StaffHeader(page).banner).toBeVisible();
    await page.context().storageState({ path: persona.storageState });
  });
}
