import { expect, test } from "@playwright/test";
import { tag } from "./support/admin-api";
import { ROOT } from "./support/hosts";

// The admin console's members and API keys screens, and the operator console, driven through the
// browser as ops@agentcare.dev (an admin of Metro General and a platform operator). Every change
// is a server action; each result is checked again after a reload, and each test undoes its change.

const METRO = `http://metro-general.${ROOT}`;
const PLATFORM = `http://${ROOT}`;

test("an admin invites a member, sees the invitation after a reload, and revokes it", async ({ page }) => {
  const email = `e2e.invitee.${tag()}@example.com`;
  await page.goto(`${METRO}/settings/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  // The directory has loaded (ops is listed as "You").
  const members = page.getByRole("region", { name: /^Members \(\d+\)$/ });
  await expect(members.getByText("You", { exact: true })).toBeVisible();

  const invite = page.getByRole("region", { name: "Invite someone" });
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByLabel("Role", { exact: true }).selectOption("staff");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toContainText(`Invitation created for ${email}`);
  await expect(invite.getByLabel("Invitation link")).toHaveValue(/\/invitations\/[A-Za-z0-9_-]{20,}$/);

  await page.reload();
  const invitations = page.getByRole("region", { name: /^Open invitations/ });
  const row = invitations.getByRole("listitem").filter({ hasText: email });
  await expect(row).toContainText("Front desk");
  // The link was shown once: after a reload it is gone.
  await expect(page.getByLabel("Invitation link")).toHaveCount(0);

  await row.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation revoked" })).toBeVisible();
  await expect(invitations.getByText(email)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("region", { name: /^Open invitations/ })).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);
});

test("an admin creates an API key, copies the token once, and revokes the key", async ({ page }) => {
  const name = `e2e key ${tag()}`;
  await page.goto(`${METRO}/settings/api-keys`);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  const create = page.getByRole("region", { name: "Create a key" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Role").selectOption("clinician");
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("heading", { name: `Copy the key for “${name}” now` })).toBeVisible();
  await expect(page.getByLabel("New API key")).toHaveValue(/^ac_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  // The example request names this site's own API: origin and path on one line.
  const origin = new URL(page.url()).origin;
  await expect(page.locator("pre", { hasText: "curl" })).toHaveText(
    `curl -H "Authorization: Bearer $AGENTCARE_KEY" ${origin}/api/v1/providers`,
  );

  await page.reload();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  const keys = page.getByRole("region", { name: "Keys" });
  const row = keys.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("Clinician");
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${name}” revoked` })).toBeVisible();
  await page.reload();
  const revoked = page.getByRole("region", { name: "Keys" }).getByRole("listitem").filter({ hasText: name });
  await expect(revoked).toContainText("Revoked");
  await expect(revoked.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
});

test("the operator changes Sunset Clinic's plan in the console and back", async ({ page }) => {
  const row = page.getByRole("listitem").filter({ has: page.getByText("Sunset Clinic", { exact: true }) });
  const plan = row.getByLabel("Plan");
  const changePlan = async (value: string, label: string) => {
    await plan.selectOption(value);
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toHaveText(`Sunset Clinic: plan ${value}.`);
    await page.reload();
    await expect(plan).toHaveValue(value);
    await expect(plan.locator("option:checked")).toHaveText(label);
  };

  await page.goto(`${PLATFORM}/admin`);
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
  await expect(plan).toHaveValue("professional");
  try {
    await changePlan("enterprise", "Enterprise");
  } finally {
    // Leave the demo data as it was, whatever happened above.
    await page.goto(`${PLATFORM}/admin`);
    if ((await plan.inputValue()) !== "professional") await changePlan("professional", "Professional");
  }
  await expect(plan).toHaveValue("professional");
});
