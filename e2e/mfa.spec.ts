import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { NEW_PASSWORD, organizationWithOwner } from "./support/admin-api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { SignInPage, StaffHeader } from "./support/pages";
import { expectStatus } from "./support/public-client";
import { tenantUrl } from "./support/tenants";

// Authenticator-app sign-in, end to end on a production build: enrolment from the account menu
// (the test reads the key shown on the page and computes codes the way an authenticator app
// does), sign-in with a code, a recovery code that works once, and an organization that requires
// two-factor sending a member who has not set it up to the enrolment page.

/** The code an authenticator app shows for this key, `offsetSteps` 30-second steps from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function signInWithPassword(page: Page, slug: string, email: string) {
  const form = new SignInPage(page);
  await form.goto(slug);
  await form.signIn(email, NEW_PASSWORD);
}

/** The code step of the sign-in form: fills the code and waits for next-auth's answer. */
async function submitCode(page: Page, code: string) {
  await page.getByLabel("Authentication code").fill(code);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST"),
    page.getByRole("button", { name: "Verify and sign in" }).click(),
  ]);
}

/** On the two-factor page: set up, read the key, confirm with a current code; answers the key and the recovery codes. */
async function enrolOnPage(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await page.getByTestId("mfa-secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: /QR code for adding your AgentCare account/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page, "the two-factor set-up step");
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await expectNoSeriousAxeViolations(page, "the recovery codes");
  return { secret, recoveryCodes };
}

test("a member turns on two-factor from the account menu, then signs in with a code, and with a recovery code once", async ({ page }) => {
  // Five sign-ins, each an Argon2 check on a shared machine.
  test.setTimeout(120_000);
  const org = await organizationWithOwner({ prefix: "mfa" });
  await signInWithPassword(page, org.slug, org.owner.email);
  await page.waitForURL(tenantUrl(org.slug, "/dashboard"));

  const header = new StaffHeader(page);
  await header.banner.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Two-factor authentication" }).click();
  await page.waitForURL(tenantUrl(org.slug, "/account/two-factor"));
  await expect(page.getByRole("heading", { name: "Two-factor authentication", level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(page, "the two-factor page");

  const { secret, recoveryCodes } = await enrolOnPage(page);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("Recovery codes left: 10 of 10.")).toBeVisible();

  // The password alone no longer signs in: the form asks for a code.
  await header.signOut();
  await page.waitForURL(tenantUrl(org.slug, "/sign-in"));
  await signInWithPassword(page, org.slug, org.owner.email);
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await expectNoSeriousAxeViolations(page, "the sign-in code step");
  // The set-up code was accepted for the current 30-second step; the app's next code is fresh.
  await submitCode(page, codeFor(secret, 1));
  await page.waitForURL(tenantUrl(org.slug, "/dashboard"));

  // A recovery code signs in once…
  await header.signOut();
  await page.waitForURL(tenantUrl(org.slug, "/sign-in"));
  await signInWithPassword(page, org.slug, org.owner.email);
  await submitCode(page, recoveryCodes[0]!);
  await page.waitForURL(tenantUrl(org.slug, "/dashboard"));

  // …and never again.
  await header.signOut();
  await page.waitForURL(tenantUrl(org.slug, "/sign-in"));
  await signInWithPassword(page, org.slug, org.owner.email);
  await submitCode(page, recoveryCodes[0]!);
  await expect(page.locator("form").getByRole("alert")).toContainText(/code is not right or was already used/i);
  await expect(page).toHaveURL(tenantUrl(org.slug, "/sign-in"));
});

test("an organization that requires two-factor sends a member without it to enrolment, and lets them in once enrolled", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const org = await organizationWithOwner({ prefix: "mfa-req" });
  await signInWithPassword(page, org.slug, org.owner.email);
  await page.waitForURL(tenantUrl(org.slug, "/dashboard"));

  const turnedOn = await org.owner.api.patch<{ data: { requireMfaForStaff: boolean } }>("/api/v1/settings/scheduling", {
    requireMfaForStaff: true,
  });
  expectStatus(turnedOn, 200, "turning on the requirement");
  expect(turnedOn.body.data.requireMfaForStaff).toBe(true);

  // Every staff page now leads to enrolment; the API refuses with mfa_required.
  await page.goto(tenantUrl(org.slug, "/patients"));
  await page.waitForURL(tenantUrl(org.slug, "/account/two-factor"));
  await expect(page.getByRole("status").filter({ hasText: /requires two-factor authentication/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page, "the enrolment page when it is required");
  const refused = await org.owner.api.get<{ error: { code: string; message: string } }>("/api/v1/patients");
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("mfa_required");
  expect(refused.body.error.message).toMatch(/requires two-factor authentication/);

  await enrolOnPage(page);
  await page.getByRole("button", { name: "I have saved them — continue" }).click();
  await page.waitForURL(tenantUrl(org.slug, "/dashboard"));
  await page.goto(tenantUrl(org.slug, "/patients"));
  await expect(page).toHaveURL(tenantUrl(org.slug, "/patients"));
});
