import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { organizationWithOwner, type NewOrganization } from "./support/admin-api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { expectStatus } from "./support/public-client";
import { tenantUrl } from "./support/tenants";

// A hospital's admin sets up single sign-on with an OpenID provider this test starts on the
// machine (oidc-provider); a doctor new to AgentCare signs in from the hospital's sign-in page in
// Chromium through the provider's own login and consent pages and lands on the dashboard as a
// member; someone from a domain the hospital did not allow is sent back with the reason.

type Account = { email: string; name: string };

async function openIdProvider(redirectUri: string, client: { id: string; secret: string }) {
  const { default: Provider } = await import("oidc-provider");
  const accounts = new Map<string, Account>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name }) };
    },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => void handle(req, res));
  return { issuer, accounts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let org: NewOrganization;
let idp: Awaited<ReturnType<typeof openIdProvider>>;
const DOMAIN = `sso-${crypto.randomBytes(3).toString("hex")}.test`;

test.beforeAll(async () => {
  org = await organizationWithOwner({ prefix: "sso" });
  const client = { id: "agentcare-e2e", secret: crypto.randomBytes(24).toString("base64url") };
  idp = await openIdProvider(`http://${org.host}/api/v1/public/sso/callback`, client);
  const saved = await org.owner.api.request<{ data: { redirectUri: string; clientSecretSet: boolean } }>("PUT", "/api/v1/settings/sso", {
    issuer: idp.issuer,
    clientId: client.id,
    clientSecret: client.secret,
    allowedDomains: [DOMAIN],
    defaultRole: "clinician",
    required: false,
    enabled: true,
  });
  expectStatus(saved, 200, "saving the single sign-on set-up");
  expect(saved.body.data.redirectUri).toBe(`http://${org.host}/api/v1/public/sso/callback`);
  expect(JSON.stringify(saved.body)).not.toContain(client.secret);
});

test.afterAll(async () => {
  await idp?.close();
});

/** The provider's development pages: any login and password, then consent. */
async function signInAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === idp.issuer, { timeout: 30_000 });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a doctor new to AgentCare signs in through the hospital's identity provider and lands on its dashboard as a member", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  idp.accounts.set("dana", { email: `dana.doctor@${DOMAIN}`, name: "Dana Doctor" });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(tenantUrl(org.slug, "/sign-in"));
    const button = page.getByRole("link", { name: /^Sign in with your .+ account$/ });
    await expect(button).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the sign-in page with single sign-on");
    await page.screenshot({ path: "test-results/sso-sign-in.png", fullPage: true });
    await button.click();
    await signInAtProvider(page, "dana");
    await page.waitForURL(new RegExp(`^http://${org.host.replace(/\./g, "\\.")}/dashboard`), { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Dana Doctor").first()).toBeVisible();

    const members = await org.owner.api.get<{ data: { members: { email: string; role: string; status: string }[] } }>(
      "/api/v1/settings/members",
    );
    expect(members.body.data.members).toContainEqual(
      expect.objectContaining({ email: `dana.doctor@${DOMAIN}`, role: "clinician", status: "active" }),
    );
  } finally {
    await context.close();
  }
});

test("someone from a domain the hospital did not allow is sent back to the sign-in page with the reason, and is not made a member", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const outsider = `outsider.${crypto.randomBytes(3).toString("hex")}@elsewhere.test`;
  idp.accounts.set("outsider", { email: outsider, name: "Out Sider" });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(tenantUrl(org.slug, "/sign-in"));
    await page.getByRole("link", { name: /^Sign in with your .+ account$/ }).click();
    await signInAtProvider(page, "outsider");
    await page.waitForURL(/\/sign-in\?error=sso_domain$/, { timeout: 30_000 });
    await expect(page.getByRole("alert").filter({ hasText: "domain cannot sign in" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the sign-in page after a refused single sign-on");
    const members = await org.owner.api.get<{ data: { members: { email: string }[] } }>("/api/v1/settings/members");
    expect(members.body.data.members.map((m) => m.email)).not.toContain(outsider);
  } finally {
    await context.close();
  }
});
