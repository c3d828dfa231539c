import { expect, test } from "@playwright/test";
import { NEW_PASSWORD, organizationWithOwner, withSession } from "./support/admin-api";
import { requestsTo } from "./support/browser-requests";
import { SignInPage, StaffHeader } from "./support/pages";
import { tenantUrl } from "./support/tenants";

// Two browsers, sign-ins and production pages on a shared machine: more than the default time.
test.describe.configure({ timeout: 120_000 });

test("'Sign out everywhere' in one browser sends the other to sign-in on its next navigation", async ({ browser }) => {
  const org = await organizationWithOwner({ prefix: "sessions" });
  const dashboard = tenantUrl(org.slug, "/dashboard");
  const [first, second] = [await browser.newContext(), await browser.newContext()];
  try {
    const pages = [await first.newPage(), await second.newPage()];
    for (const page of pages) {
      const signIn = new SignInPage(page);
      await signIn.goto(org.slug);
      await signIn.signIn(org.owner.email, NEW_PASSWORD);
      await page.waitForURL(dashboard);
    }
    const [here, there] = pages as [(typeof pages)[0], (typeof pages)[0]];
    const apiCalls = requestsTo(here);

    await here
      .getByRole("banner")
      .getByRole("button", { name: /account menu/i })
      .click();
    await here.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await here.waitForURL(tenantUrl(org.slug, "/sign-in"));
    // Through the menu's server action, not the REST endpoint; this browser's cookie is gone too.
    expect(apiCalls).toEqual([]);
    expect((await first.cookies()).filter((c) => /agentcare\.session$/.test(c.name))).toEqual([]);

    // The other browser still holds its cookie, but the session behind it has ended.
    await there.goto(dashboard);
    await expect(there).toHaveURL(tenantUrl(org.slug, "/sign-in"));
    // And so has the API session the helper made before.
    expect((await org.owner.api.get("/api/v1/settings/members")).status).toBe(401);
  } finally {
    await first.close();
    await second.close();
  }
});

test("plain sign-out ends only this browser's session", async ({ browser }) => {
  const org = await organizationWithOwner({ prefix: "signout-one" });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto(org.slug);
    await signIn.signIn(org.owner.email, NEW_PASSWORD);
    await page.waitForURL(tenantUrl(org.slug, "/dashboard"));
    const stale = (await context.cookies()).find((c) => /agentcare\.session$/.test(c.name))!;
    await new StaffHeader(page).signOut();
    await page.waitForURL(tenantUrl(org.slug, "/sign-in"));

    // Replaying the signed-out browser's cookie gets nothing; the API session made elsewhere still works.
    const replay = await withSession(org.host, `${stale.name}=${stale.value}`).get("/api/v1/settings/members");
    expect(replay.status).toBe(401);
    expect((await org.owner.api.get("/api/v1/settings/members")).status).toBe(200);
  } finally {
    await context.close();
  }
});
