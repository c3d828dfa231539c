import { expect, test, type Locator, type Page } from "@playwright/test";
import { ROOT_HOSTNAME, tag, withSession, writeTxtRecords } from "./support/admin-api";
import { sessionCookieFrom } from "./support/api";
import { ROOT } from "./support/hosts";
import { cssVariable } from "./support/pages";
import { PERSONAS } from "./support/personas";
import { expectStatus } from "./support/public-client";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General, runs the admin console in the
// browser — every save is a server action. Each test puts back what it changed (through the REST
// API, so a failure half-way still restores Metro General for the specs that follow).

/** Metro General's settings API, as the same admin. */
const metroApi = () => withSession(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));

type Profile = { id: string; contactInfo: { phone?: string; email?: string } };
type Scheduling = { minimumNoticeMinutes: number };
type Branding = { accentColor: string };
type Domain = { id: string; domain: string; isPrimary: boolean };

async function read<T>(path: string): Promise<T> {
  return (await metroApi().json<{ data: T }>(path)).data;
}

async function restore(path: string, body: unknown) {
  expectStatus(await metroApi().patch(path, body), 200, `restoring PATCH ${path}`);
}

async function open(page: Page, path: string, heading: string) {
  await page.goto(tenantUrl(METRO, path));
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

test("general: a changed contact phone is saved and shown after a reload", async ({ page }) => {
  const before = await read<Profile>("/api/v1/settings/profile");
  const phone = `+1 555 ${String(Date.now()).slice(-4)}`;
  try {
    await open(page, "/settings", "General");
    const field = page.getByRole("textbox", { name: "Phone (optional)" });
    await expect(field).toHaveValue(before.contactInfo.phone ?? "");
    await field.fill(phone);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "General settings saved." })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("textbox", { name: "Phone (optional)" })).toHaveValue(phone);
  } finally {
    await restore("/api/v1/settings/profile", { contactInfo: before.contactInfo });
  }
});

test("scheduling: a changed minimum notice is saved and shown after a reload; a bad value is refused beside its field", async ({
  page,
}) => {
  const before = await read<Scheduling>("/api/v1/settings/scheduling");
  const notice = before.minimumNoticeMinutes === 125 ? 130 : 125;
  try {
    await open(page, "/settings/scheduling", "Scheduling");
    const field = page.getByLabel("Minimum notice (minutes)");
    await expect(field).toHaveValue(String(before.minimumNoticeMinutes));
    const save = page.getByRole("button", { name: "Save scheduling settings" });

    await field.fill("99999");
    await save.click();
    await expect(page.getByText("Use 0–43,200 minutes.")).toBeVisible();

    await field.fill(String(notice));
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "Scheduling settings saved." })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Minimum notice (minutes)")).toHaveValue(String(notice));
  } finally {
    await restore("/api/v1/settings/scheduling", { minimumNoticeMinutes: before.minimumNoticeMinutes });
  }
});

test("branding: a changed accent colour is saved, and the pages use it after a reload", async ({ page }) => {
  const before = await read<Branding>("/api/v1/settings/branding");
  const accent = before.accentColor.toLowerCase() === "#d97706" ? "#b45309" : "#d97706";
  try {
    await open(page, "/settings/branding", "Branding");
    const field = page.getByLabel("Accent colour", { exact: true });
    await expect(field).toHaveValue(before.accentColor);
    await field.fill(accent);
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Branding saved." })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Accent colour", { exact: true })).toHaveValue(accent);
    expect((await cssVariable(page, "--brand-accent")).toLowerCase()).toBe(accent);
  } finally {
    await restore("/api/v1/settings/branding", { accentColor: before.accentColor });
  }
});

test("domains: add a custom domain, verify it by its DNS record, make it primary, hand primary back, remove it", async ({ page }) => {
  test.setTimeout(60_000);
  const domain = `book-${tag()}.metro-e2e.example`;
  const own = `${METRO.slug}.${ROOT_HOSTNAME}`;
  const rowOf = (name: string): Locator => page.getByRole("listitem").filter({ has: page.getByText(name, { exact: true }) });
  try {
    await open(page, "/settings/domains", "Domains");
    await page.getByLabel("Domain", { exact: true }).fill(domain);
    await page.getByRole("button", { name: "Add domain" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${domain} added.` })).toBeVisible();
    const row = rowOf(domain);
    await expect(row.getByText("Waiting for verification")).toBeVisible();
    await expect(row.getByText(`_agentcare-challenge.${domain}`, { exact: true })).toBeVisible();

    // No TXT record yet: the check fails and says which record it looked for.
    await row.getByRole("button", { name: "Verify" }).click();
    await expect(row.getByRole("alert")).toContainText(`We could not find the TXT record _agentcare-challenge.${domain}`);

    const value = (await row.getByText(/^agentcare-verification=/).textContent())!.trim();
    writeTxtRecords({ [`_agentcare-challenge.${domain}`]: [value] });
    await row.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${domain} is verified` })).toBeVisible();
    await expect(row.getByText("Verified", { exact: true })).toBeVisible();

    await row.getByRole("button", { name: "Make primary" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${domain} is now your primary domain.` })).toBeVisible();
    await page.reload();
    await expect(rowOf(domain).getByText("Primary", { exact: true })).toBeVisible();
    await expect(rowOf(domain).getByText("Verified", { exact: true })).toBeVisible();

    await rowOf(own).getByRole("button", { name: "Make primary" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${own} is now your primary domain.` })).toBeVisible();
    await expect(rowOf(own).getByText("Primary", { exact: true })).toBeVisible();

    await rowOf(domain).getByRole("button", { name: "Remove" }).click();
    await rowOf(domain).getByRole("button", { name: "Yes, remove" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${domain} removed.` })).toBeVisible();
    await page.reload();
    await expect(rowOf(own).getByText("Primary", { exact: true })).toBeVisible();
    await expect(page.getByText(domain, { exact: true })).toHaveCount(0);
  } finally {
    // Whatever happened above: Metro General's own address is primary and the test domain is gone.
    const orgId = (await read<Profile>("/api/v1/settings/profile")).id;
    const domains = await read<Domain[]>("/api/v1/settings/domains");
    const admin = metroApi().at(ROOT);
    const ownRow = domains.find((d) => d.domain === own);
    if (ownRow && !ownRow.isPrimary) await admin.post(`/api/v1/organizations/${orgId}/domains/${ownRow.id}/primary`);
    const added = domains.find((d) => d.domain === domain);
    if (added) await admin.delete(`/api/v1/organizations/${orgId}/domains/${added.id}`);
  }
});

test("plan and usage, and the e-mail outbox, load through their actions", async ({ page }) => {
  await open(page, "/settings/usage", "Plan and usage");
  await expect(page.getByRole("heading", { name: "Enterprise plan" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Providers used" })).toBeVisible();

  await open(page, "/outbox", "E-mail outbox");
  await expect(page.getByText(/\d+\+? shown/)).toBeVisible();
  await page.getByRole("group", { name: "Show" }).getByText("Failed", { exact: true }).click();
  await expect(page.getByRole("radio", { name: "Failed" })).toBeChecked();
  await expect(page.getByText(/\d+\+? shown/)).toBeVisible();
});
