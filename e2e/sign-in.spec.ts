import { expect, test, type BrowserContext } from "@playwright/test";
import { StaffHeader, SignInPage } from "./support/pages";
import { DEMO_PASSWORD, THROTTLE_VICTIM } from "./support/personas";
import { METRO, rootUrl, tenantUrl } from "./support/tenants";

const GENERIC_ERROR = /that e-mail and password don.t match an account/i;
const THROTTLED = /too many sign-in attempts/i;

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => /agentcare\.session$/.test(c.name));
}

test.describe("staff sign-in on a hospital's subdomain", () => {
  test("a wrong password gets a generic error and no session", async ({ page, context }) => {
    const signIn = new SignInPage(page);
    await signIn.goto(METRO);
    await signIn.signIn("admin@metrogeneral.com", "not-the-password");
    await expect(signIn.error).toHaveText(GENERIC_ERROR);
    await expect(page).toHaveURL(tenantUrl(METRO, "/sign-in"));
    expect(await sessionCookie(context)).toBeUndefined();

    // An e-mail with no account gets word for word the same answer: accounts cannot be enumerated.
    const knownAccountMessage = await signIn.error.textContent();
    await signIn.signIn("nobody-here@metrogeneral.com", "not-the-password");
    await expect(signIn.error).toHaveText(knownAccountMessage ?? "");
    expect(await sessionCookie(context)).toBeUndefined();

    // Still signed out: the staff page sends us back.
    await page.goto(tenantUrl(METRO, "/dashboard"));
    await expect(page).toHaveURL(tenantUrl(METRO, "/sign-in"));
  });

  test("the right password lands on Metro's dashboard with a shared, HttpOnly session cookie", async ({ page, context }) => {
    const signIn = new SignInPage(page);
    await signIn.goto(METRO);
    await signIn.signIn("admin@metrogeneral.com", DEMO_PASSWORD);
    await page.waitForURL(tenantUrl(METRO, "/dashboard"));
    await new StaffHeader(page).expectOrganization(METRO.name);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");

    const cookie = await sessionCookie(context);
    expect(cookie, "session cookie after sign-in").toBeDefined();
    expect(cookie!.domain).toBe(".agentcare.test");
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe("Lax");
  });

  test("staff pages redirect to sign-in when signed out, by subdomain and by path", async ({ page }) => {
    const bySubdomain = await page.goto(tenantUrl(METRO, "/dashboard"));
    await expect(page).toHaveURL(tenantUrl(METRO, "/sign-in"));
    expect(bySubdomain?.status()).toBe(200);
    await expect(new SignInPage(page).submit).toBeVisible();
    await expect(page.getByRole("heading", { name: `Sign in to ${METRO.name}` })).toBeVisible();

    await page.goto(rootUrl(`/org/${METRO.slug}/dashboard`));
    await expect(page).toHaveURL(rootUrl(`/org/${METRO.slug}/sign-in`));
    await expect(page.getByRole("heading", { name: `Sign in to ${METRO.name}` })).toBeVisible();
  });

  test("sign-out returns to sign-in and the dashboard is closed again", async ({ page, context }) => {
    const signIn = new SignInPage(page);
    await signIn.goto(METRO);
    await signIn.signIn("admin@metrogeneral.com", DEMO_PASSWORD);
    await page.waitForURL(tenantUrl(METRO, "/dashboard"));

    await new StaffHeader(page).signOut();
    await page.waitForURL(tenantUrl(METRO, "/sign-in"));
    await expect(signIn.submit).toBeVisible();
    expect(await sessionCookie(context)).toBeUndefined();

    await page.goto(tenantUrl(METRO, "/dashboard"));
    await expect(page).toHaveURL(tenantUrl(METRO, "/sign-in"));
  });

  test("five wrong passwords lock the account: the right one is then refused too", async ({ page, context }) => {
    // dr.patel signs in nowhere else in the suite: the lock lasts 15 minutes.
    const signIn = new SignInPage(page);
    await signIn.goto(THROTTLE_VICTIM.slug);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn.signIn(THROTTLE_VICTIM.email, `wrong-${attempt}`);
      await expect(signIn.error, `attempt ${attempt}`).toHaveText(GENERIC_ERROR);
    }
    await signIn.signIn(THROTTLE_VICTIM.email, DEMO_PASSWORD);
    await expect(signIn.error).toHaveText(THROTTLED);
    await expect(page).toHaveURL(tenantUrl(THROTTLE_VICTIM.slug, "/sign-in"));
    expect(await sessionCookie(context)).toBeUndefined();
  });
});
