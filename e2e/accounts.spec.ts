import { expect, test } from "@playwright/test";
import { accountLink, accountMailTo } from "./support/account-mail";
import { requestsTo } from "./support/browser-requests";
import {
  anonymous,
  invitationToken,
  NEW_PASSWORD,
  organizationWithOwner,
  signInApi,
  uniqueEmail,
  uniqueSlug,
  type Created,
} from "./support/admin-api";
import { SignInPage } from "./support/pages";
import { expectStatus } from "./support/public-client";
import { rootUrl, tenantUrl } from "./support/tenants";

const ATTACKER_PASSWORD = "attacker-chosen-password-9";

test("password reset end to end: the link from the outbox sets a new password once and signs the old sessions out", async ({ page }) => {
  const org = await organizationWithOwner({ prefix: "reset" });
  const apiCalls = requestsTo(page);
  await page.goto(rootUrl("/sign-in"));
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(rootUrl("/forgot-password"));
  await page.getByLabel("E-mail").fill(org.owner.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists");

  const link = await accountLink(org.owner.email, "reset-password");
  await page.goto(link);
  const fresh = "a-fresh-password-after-reset";
  await page.getByLabel("Password", { exact: true }).fill(fresh);
  await page.getByLabel("Confirm password").fill(fresh);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("signed out");

  // The session made before the reset is over; the old password is refused, the new one works.
  expect((await org.owner.api.get("/api/v1/settings/members")).status).toBe(401);
  await expect(signInApi(org.host, org.owner.email, NEW_PASSWORD)).rejects.toThrow();
  await signInApi(org.host, org.owner.email, fresh);

  // Second use: a clear message, no form.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Set new password" })).toHaveCount(0);
  // The pages did all of it through their server actions, never through the REST API.
  expect(apiCalls).toEqual([]);
  const again = await anonymous().post(`/api/v1/account/password-reset/${link.split("/reset-password/")[1]}`, { password: "x".repeat(12) });
  expect(again.status).toBe(400);
  expect((again.body as { error: { code: string } }).error.code).toBe("invalid:link");
});

test.describe("an attacker cannot tell which e-mails have accounts, nor take one over", () => {
  test("password reset: the same answer for an existing and an unknown address", async () => {
    const org = await organizationWithOwner({ prefix: "reset-enum" });
    const existing = await anonymous().post("/api/v1/account/password-reset", { email: org.owner.email });
    const unknown = await anonymous().post("/api/v1/account/password-reset", { email: uniqueEmail("nobody") });
    expect(existing.status).toBe(202);
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: existing.status, body: existing.body });
    // Throttled requests answer the same too.
    for (let i = 0; i < 4; i++) {
      const more = await anonymous().post("/api/v1/account/password-reset", { email: org.owner.email });
      expect({ status: more.status, body: more.body }).toEqual({ status: existing.status, body: existing.body });
    }
  });

  test("sign-up and owner claims: the same answer for an existing and a new address, and the existing account is untouched", async () => {
    const victim = await organizationWithOwner({ prefix: "victim" });
    const fresh = uniqueEmail("fresh-owner");
    const signUp = (email: string) =>
      anonymous().post<Created & { ownerConfirmation?: unknown }>("/api/v1/organizations", {
        name: "Takeover Clinic",
        slug: uniqueSlug("takeover"),
        owner: { email, name: "Attacker", password: ATTACKER_PASSWORD },
      });
    const shape = (reply: { status: number; body: Created & { ownerConfirmation?: unknown } }) => ({
      status: reply.status,
      keys: Object.keys(reply.body).sort(),
      dataKeys: Object.keys(reply.body.data).sort(),
      ownerConfirmation: reply.body.ownerConfirmation,
      plan: reply.body.data.plan,
    });
    const onVictim = await signUp(victim.owner.email);
    const onFresh = await signUp(fresh);
    expectStatus(onVictim, 201, "sign-up naming an existing account");
    expect(shape(onVictim)).toEqual(shape(onFresh));

    const claim = async (email: string) => {
      const created = await anonymous().post<Created>("/api/v1/organizations", { name: "Claim Clinic", slug: uniqueSlug("claim") });
      const host = `${created.body.data.slug}.${victim.host.split(".").slice(1).join(".")}`;
      return anonymous(host).post<{ data: Record<string, unknown> }>(
        `/api/v1/public/invitations/${invitationToken(created.body.ownerClaimUrl!)}/accept`,
        { email, name: "Attacker", password: ATTACKER_PASSWORD },
      );
    };
    const claimVictim = await claim(victim.owner.email);
    const claimFresh = await claim(uniqueEmail("fresh-claimer"));
    expect(claimVictim.status).toBe(202);
    const strip = (body: { data: Record<string, unknown> }) => ({ ...body.data, organization: undefined });
    expect({ status: claimFresh.status, body: strip(claimFresh.body) }).toEqual({
      status: claimVictim.status,
      body: strip(claimVictim.body),
    });

    // Nothing changed for the victim: their password works, the attacker's does not, and no confirmation has made anyone owner.
    await signInApi(victim.host, victim.owner.email, NEW_PASSWORD);
    await expect(signInApi(victim.host, victim.owner.email, ATTACKER_PASSWORD)).rejects.toThrow();
    await expect(
      signInApi(`${onFresh.body.data.slug}.${victim.host.split(".").slice(1).join(".")}`, fresh, ATTACKER_PASSWORD),
    ).rejects.toThrow();
    // The victim is told what happened instead.
    expect((await accountMailTo(victim.owner.email)).map((m) => m.kind)).toEqual(["owner_notice", "owner_notice"]);
  });

  test("anonymous sign-up cannot choose a paid plan", async () => {
    for (const plan of ["professional", "enterprise"]) {
      const reply = await anonymous().post("/api/v1/organizations", { name: "Free Riders", slug: uniqueSlug("paid"), plan });
      expect(reply.status).toBe(403);
      expect((reply.body as { error: { code: string } }).error.code).toBe("forbidden:plan_operator_only");
    }
    const basic = await anonymous().post<Created>("/api/v1/organizations", { name: "Basic Clinic", slug: uniqueSlug("basic") });
    expect(basic.body.data.plan).toBe("basic");
  });
});

test("sign-up in the browser: check your e-mail, confirm from the link, then sign in as the owner", async ({ page }) => {
  const slug = uniqueSlug("browser-signup");
  const email = uniqueEmail("browser-owner");
  const apiCalls = requestsTo(page);
  await page.goto(rootUrl("/sign-up"));
  await page.locator('input[name="name"]').fill("Browser Signup Clinic");
  const slugInput = page.getByLabel(/web address/i);
  await slugInput.fill(slug);
  // The live check answers through the page's own action.
  await expect(page.getByText(`✓ ${slug}.`)).toContainText("is available");
  await page.locator('input[name="ownerName"]').fill("Browser Owner");
  await page.locator('input[name="ownerEmail"]').fill(email);
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  await page.goto(await accountLink(email, "confirm"));
  await page.getByRole("button", { name: "Confirm and create my account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "confirmed" })).toBeVisible();
  expect(apiCalls).toEqual([]);

  const signIn = new SignInPage(page);
  await signIn.goto(slug);
  await signIn.signIn(email, NEW_PASSWORD);
  await page.waitForURL(tenantUrl(slug, "/dashboard"));
});

test("an invitation in the browser: a new person creates an account and joins, an existing account signs in to join, and a used link says so", async ({
  browser,
}) => {
  const org = await organizationWithOwner({ prefix: "invite-browser" });
  const elsewhere = await organizationWithOwner({ prefix: "invite-existing" });
  const invite = async (email: string) => {
    const reply = await org.owner.api.post<{ data: { url: string } }>("/api/v1/settings/invitations", { email, role: "staff" });
    expectStatus(reply, 201, `invite ${email}`);
    return reply.body.data.url;
  };

  // Someone new: the form creates the account, signs in and opens the dashboard.
  const newcomer = uniqueEmail("invitee");
  const link = await invite(newcomer);
  const context = await browser.newContext();
  const page = await context.newPage();
  const apiCalls = requestsTo(page);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /^Join / })).toBeVisible();
  await expect(page.getByText("front-desk staff")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(newcomer);
  await page.getByLabel("Your name").fill("Browser Invitee");
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await page.waitForURL(/\/dashboard$/);
  expect(apiCalls).toEqual([]);
  await context.close();

  // The link was used: opening it again says so instead of offering the form.
  const later = await browser.newContext();
  const again = await later.newPage();
  const laterCalls = requestsTo(again);
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This invitation is no longer valid" })).toBeVisible();
  await expect(again.getByRole("button", { name: "Create account and join" })).toHaveCount(0);

  // Someone with an account: signs in on the invitation page and joins as that account.
  await again.goto(await invite(elsewhere.owner.email));
  await expect(again.getByRole("heading", { name: /^Join / })).toBeVisible();
  await again.getByRole("button", { name: "Sign in to accept" }).click();
  await again.getByLabel("E-mail").fill(elsewhere.owner.email);
  await again.getByLabel("Password").fill(NEW_PASSWORD);
  await again.getByRole("button", { name: "Sign in and join" }).click();
  await again.waitForURL(/\/dashboard$/);
  expect(laterCalls).toEqual([]);
  await later.close();

  const members = await org.owner.api.get<{ data: { members: { email: string; role: string }[] } }>("/api/v1/settings/members");
  expect(members.body.data.members).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ email: newcomer, role: "staff" }),
      expect.objectContaining({ email: elsewhere.owner.email, role: "staff" }),
    ]),
  );
});
