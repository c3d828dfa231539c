import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { NEW_PASSWORD, operator, organizationWithOwner, tag } from "./support/admin-api";
import type { AppointmentsBody } from "./support/api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { forbiddenHeading, SignInPage, StaffHeader } from "./support/pages";
import { DEMO_PASSWORD, PERSONAS, type Persona } from "./support/personas";
import { expectStatus } from "./support/public-client";
import { securityEventsByUserAgent } from "./support/security-events";
import { canInspectDatabase, queryServerDatabases } from "./support/server-database";
import { METRO, rootUrl, seededWeekday, SUNSET, tenantUrl } from "./support/tenants";

// The staff shell and the states around it: the role page, branded 404s, sign-in coming back to the
// page asked for, the dashboard's links into the schedule, the header at 1280 px and on a phone, and
// the organization switcher for someone in many organizations.

const SCREENSHOTS = path.join(process.cwd(), "docs", "screenshots");

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

async function signedIn(
  browser: Browser,
  persona: Persona,
  options: { userAgent?: string; viewport?: { width: number; height: number } } = {},
) {
  const context = await browser.newContext({ storageState: persona.storageState, ...options });
  return { context, page: await context.newPage() };
}

const roleHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Your role can't open this page" });

test("a member whose role lacks a page's permission gets a calm 403 in the shell and no security event; a non-member still gets both", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const userAgent = `shell-states-role-${tag()}`;
  const { context, page } = await signedIn(browser, PERSONAS.clinician, { userAgent });
  try {
    // Dr. Chen is a clinician at Metro: settings, members and the outbox are not for her role.
    for (const p of ["/settings", "/settings/members", "/outbox"]) {
      const response = await page.goto(tenantUrl(METRO, p));
      expect(response?.status(), `${p} for a clinician`).toBe(403);
      await expect(roleHeading(page)).toBeVisible();
      await expect(forbiddenHeading(page)).toHaveCount(0);
      await expect(page.getByText(/attempt has been recorded/)).toHaveCount(0);
    }
    // Inside the shell: her navigation, the main landmark, and a way on.
    await new StaffHeader(page).expectOrganization(METRO.name);
    await expect(page.getByRole("main")).toContainText("Your role can't open this page");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expectNoSeriousAxeViolations(page, "the role page");
    await page.getByRole("main").getByRole("link", { name: "Go to the dashboard" }).click();
    await page.waitForURL(tenantUrl(METRO, "/dashboard"));
    await expect(page.getByRole("heading", { name: /Today's appointments|My appointments today/ })).toBeVisible();

    if (canInspectDatabase) expect(await securityEventsByUserAgent(userAgent), "security events for a member's role refusals").toEqual([]);

    // Another hospital: not a member there at all — the organization's 403 page, and a security event.
    const response = await page.goto(tenantUrl(SUNSET, "/dashboard"));
    expect(response?.status()).toBe(403);
    await expect(forbiddenHeading(page)).toBeVisible();
    await expect(roleHeading(page)).toHaveCount(0);
    if (canInspectDatabase) {
      await expect.poll(async () => (await securityEventsByUserAgent(userAgent)).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const events = await securityEventsByUserAgent(userAgent);
      expect(events.every((e) => e.host?.startsWith(`${SUNSET.slug}.`))).toBe(true);
    }
  } finally {
    await context.close();
  }
});

test("a page that does not exist: the hospital's branded 404 with a way home on its site, AgentCare's on the platform", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const bySubdomain = await page.goto(tenantUrl(METRO, "/no-such-page"));
  expect(bySubdomain?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: METRO.name })).toBeVisible();
  const home = page.getByRole("link", { name: `Go to ${METRO.name}'s home page` });
  await expect(home).toHaveAttribute("href", "/");
  // The hospital's colour on the way home, with text chosen to read on it.
  const [background, color] = await home.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
  expect(background).not.toBe("rgba(0, 0, 0, 0)");
  expect(["rgb(255, 255, 255)", "rgb(0, 0, 0)"]).toContain(color);
  await expectNoSeriousAxeViolations(page, "the branded 404");
  await screenshot(page, "not-found-branded.png");
  await home.click();
  await page.waitForURL(tenantUrl(METRO, "/"));

  // By path on the platform's domain: the same hospital, its home by path.
  const byPath = await page.goto(rootUrl(`/org/${SUNSET.slug}/no-such-page`));
  expect(byPath?.status()).toBe(404);
  await expect(page.getByRole("link", { name: `Go to ${SUNSET.name}'s home page` })).toHaveAttribute("href", `/org/${SUNSET.slug}`);

  // The platform, and an organization that does not exist: AgentCare's own.
  for (const url of [rootUrl("/no-such-page"), tenantUrl(`no-such-hospital-${tag()}`, "/")]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Go to the AgentCare home page" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("link", { name: /home page/ })).toHaveCount(1);
  }
});

test("signing in returns to the staff page asked for, never to another site", async ({ page }) => {
  test.setTimeout(60_000);
  const date = seededWeekday();
  const asked = `/schedule?date=${date}`;
  await page.goto(tenantUrl(METRO, asked));
  await expect(page).toHaveURL(tenantUrl(METRO, `/sign-in?next=${encodeURIComponent(asked)}`));
  const signIn = new SignInPage(page);
  await signIn.signIn(PERSONAS.attacker.email, DEMO_PASSWORD);
  await page.waitForURL(tenantUrl(METRO, asked));
  await expect(page.getByRole("heading", { level: 1, name: "Schedule" })).toBeVisible();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(date);

  // Signed in already: a next that leaves the site is ignored for the dashboard.
  for (const next of ["//evil.test/x", "https://evil.test/", `/org/${SUNSET.slug}/dashboard`, "/\\evil.test"]) {
    await page.goto(tenantUrl(METRO, `/sign-in?next=${encodeURIComponent(next)}`));
    await page.waitForURL(tenantUrl(METRO, "/dashboard"));
  }
});

test("the dashboard's appointments open on the schedule with their panel", async ({ browser }) => {
  const { context, page } = await signedIn(browser, PERSONAS.admin);
  let written: string[] = [];
  try {
    // A link into the schedule opens that day and that appointment's panel.
    const date = seededWeekday();
    // The browser's own session (and its host mapping) asks the API for that day's appointments.
    await page.goto(tenantUrl(METRO, "/dashboard"));
    const list = await page.evaluate(async (d) => {
      const r = await fetch(`/api/v1/appointments?date=${d}`);
      return { status: r.status, body: (await r.json()) as unknown };
    }, date);
    expect(list.status).toBe(200);
    const appointment = (list.body as AppointmentsBody).data[0]!;
    await page.goto(tenantUrl(METRO, `/schedule?date=${date}&appointment=${appointment.id}`));
    const panel = page.getByRole("dialog");
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(appointment.providerName);
    await expect(page.getByLabel("Date", { exact: true })).toHaveValue(date);

    // Each of today's rows on the dashboard links there.
    written = await visitToday(page);
    await page.goto(tenantUrl(METRO, "/dashboard"));
    const today = page.getByRole("region", { name: /Today's appointments/ });
    await expect(today.getByText(/\d+ booked/).first()).toBeVisible();
    const rows = today.getByRole("link");
    expect(await rows.count()).toBeGreaterThan(0);
    const href = await rows.first().getAttribute("href");
    expect(href).toMatch(/^\/schedule\?date=\d{4}-\d{2}-\d{2}&appointment=[0-9a-f-]{36}$/);
    await rows.first().click();
    await page.waitForURL(/\/schedule\?date=.*&appointment=/);
    await expect(page.getByRole("dialog")).toBeVisible();
  } finally {
    if (written.length) await queryServerDatabases((sql) => sql`delete from appointments where id = any(${written}::uuid[])`);
    await context.close();
  }
});

/**
 * A visit at Metro today, for the dashboard's rows: none when today already has one (the demo seed
 * books weekdays), otherwise written straight into the server's database — on a day the hospital is
 * closed (a Sunday) no booking path can make one. Returns the ids of the rows it wrote, to delete.
 * Without a database the test can reach (the embedded one), a day without visits skips the check.
 */
async function visitToday(page: Page): Promise<string[]> {
  const today = await page.evaluate(async () => (await (await fetch("/api/v1/appointments")).json()) as { data: unknown[] });
  if (today.data.length) return [];
  test.skip(!canInspectDatabase, "No appointment today at Metro, and the embedded database cannot be given one.");
  const rows = await queryServerDatabases<{ id: string }>(
    (sql) => sql<{ id: string }[]>`
      insert into appointments (organization_id, patient_id, provider_id, appointment_type_id, location_id, mode, starts_at, ends_at)
      select a.organization_id, a.patient_id, a.provider_id, a.appointment_type_id, a.location_id, a.mode,
             ((now() at time zone o.time_zone)::date + time '12:00') at time zone o.time_zone,
             ((now() at time zone o.time_zone)::date + time '12:30') at time zone o.time_zone
      from appointments a join organizations o on o.id = a.organization_id
      where o.slug = ${METRO.slug} and a.status = 'scheduled'
      order by a.starts_at desc limit 1
      returning id`,
  );
  expect(rows.length, "a visit written for today").toBeGreaterThan(0);
  return rows.map((r) => r.id);
}

test("modal dialogs keep focus inside, close on Escape and give focus back to their opener", async ({ browser }) => {
  const { context, page } = await signedIn(browser, PERSONAS.admin);
  try {
    await page.goto(tenantUrl(METRO, "/schedule"));
    const opener = page.getByRole("button", { name: "Book appointment" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Book an appointment" });
    await expect(dialog).toBeVisible();
    // Tabbing through many stops never leaves the dialog (the page behind is inert).
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      const inside = await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body);
      expect(inside, `focus after ${i + 1} tabs`).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
  } finally {
    await context.close();
  }
});

test("the header fits one row at 1280 px for an admin of two organizations", async ({ browser }) => {
  const { context, page } = await signedIn(browser, PERSONAS.admin, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(tenantUrl(METRO, "/dashboard"));
    const header = new StaffHeader(page);
    await expect(header.switcher).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
    const height = await header.banner.evaluate((el) => el.getBoundingClientRect().height);
    // One row: a 36 px control plus padding and the border (two rows would be about 100 px).
    expect(height, "header height at 1280 px").toBeLessThan(64);
    // Every link in view, none scrolled out of the row.
    expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const tops = await header.banner
      .locator("a, button, select")
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent).map((e) => Math.round(e.getBoundingClientRect().top / 20)));
    expect(new Set(tops).size, "everything in the header on one line").toBe(1);
    test.info().annotations.push({ type: "header height at 1280 px", description: `${height}px` });
    await screenshot(page, "shell-two-orgs-1280.png");
  } finally {
    await context.close();
  }
});

test("on a phone the navigation is behind a Menu button: it opens, Escape closes it, nothing overflows sideways", async ({ browser }) => {
  const { context, page } = await signedIn(browser, PERSONAS.admin, { viewport: { width: 390, height: 844 } });
  try {
    await page.goto(tenantUrl(METRO, "/dashboard"));
    const menu = page.getByRole("button", { name: "Menu", exact: true });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Patients" })).toBeVisible();
    await expect(new StaffHeader(page).switcher).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the phone menu open");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "shell-phone-menu.png");

    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav).toHaveCount(0);

    // A link in the menu goes there and the menu closes.
    await menu.click();
    await nav.getByRole("link", { name: "Patients" }).click();
    await page.waitForURL(tenantUrl(METRO, "/patients"));
    await expect(page.getByRole("heading", { level: 1, name: "Patients" })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  } finally {
    await context.close();
  }
});

test("someone in six organizations finds theirs in the switcher by typing", async ({ browser }) => {
  test.setTimeout(90_000);
  const first = await organizationWithOwner({ prefix: "many-orgs", name: `Alpha Care ${tag()}` });
  const names = ["Bravo", "Charlie", "Delta", "Echo", "Foxtrot"].map((n) => `${n} Clinic ${tag()}`);
  const others = [];
  for (const name of names) {
    const org = await organizationWithOwner({ prefix: "many-orgs", name });
    const added = await operator().post(`/api/v1/organizations/${org.id}/members`, {
      email: first.owner.email,
      name: "E2E Owner",
      role: "admin",
    });
    expectStatus(added, 201, `the first owner joins ${name}`);
    others.push(org);
  }
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(tenantUrl(first.slug, "/sign-in"));
    await new SignInPage(page).signIn(first.owner.email, NEW_PASSWORD);
    await page.waitForURL(tenantUrl(first.slug, "/dashboard"));

    const button = page.getByRole("banner").getByRole("button", { name: /Switch organization/ });
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await button.click();
    const filter = page.getByRole("searchbox", { name: "Find an organization" });
    await expect(filter).toBeFocused();
    const list = page.getByRole("list", { name: "Your organizations" });
    await expect(list.getByRole("button")).toHaveCount(6);
    await expectNoSeriousAxeViolations(page, "the searchable switcher open");

    await filter.fill("echo");
    await expect(list.getByRole("button")).toHaveCount(1);
    await filter.fill("no such organization");
    await expect(list.getByText("No organization matches.")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(button).toBeFocused();
    await expect(list).toHaveCount(0);

    await button.click();
    await filter.fill(names[3]!.split(" ")[0]!);
    await list.getByRole("button", { name: names[3] }).click();
    await page.waitForURL(tenantUrl(others[3]!.slug, "/dashboard"));
    await new StaffHeader(page).expectOrganization(names[3]!);
  } finally {
    await context.close();
  }
});
