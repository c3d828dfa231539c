import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { accountLink } from "./support/account-mail";
import { anonymous, operator, organizationWithOwner, uniqueEmail, uniqueSlug, NEW_PASSWORD, type Created } from "./support/admin-api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { BookingPage, SchedulePage } from "./support/booking-pages";
import { forbiddenHeading, StaffHeader } from "./support/pages";
import { PERSONAS, type Persona } from "./support/personas";
import { expectStatus } from "./support/public-client";
import { newPatient } from "./support/scheduling";
import { METRO, rootUrl, seededWeekday, SUNSET, tenantUrl } from "./support/tenants";

// Every page of the product, in the states a user sees, checked with axe (WCAG 2.0/2.1 A and AA):
// no critical or serious violation anywhere. One load and one axe run per state; each test keeps
// one browser context. A failure names the page and lists each violation with its selectors, and
// the checks are soft, so one run reports every page that fails.

/**
 * Every page.tsx under app/, by its path there. The first test fails when a page exists that this
 * list does not name, so a new page cannot skip the check; `check` only takes a page named here.
 */
const PAGES = [
  "(platform)/page.tsx",
  "(platform)/sign-in/page.tsx",
  "(platform)/sign-up/page.tsx",
  "(platform)/forgot-password/page.tsx",
  "(platform)/reset-password/[token]/page.tsx",
  "(platform)/confirm/[token]/page.tsx",
  "(platform)/docs/api/page.tsx",
  "(platform)/admin/page.tsx",
  "(platform)/orgs/page.tsx",
  "org/[org]/page.tsx",
  "org/[org]/sign-in/page.tsx",
  "org/[org]/book/page.tsx",
  "org/[org]/appointments/manage/[token]/page.tsx",
  "org/[org]/waitlist/claim/[token]/page.tsx",
  "org/[org]/invitations/[token]/page.tsx",
  "org/[org]/confirm-email/[token]/page.tsx",
  "org/[org]/access-report/page.tsx",
  "org/[org]/access-report/[token]/page.tsx",
  "org/[org]/(staff)/dashboard/page.tsx",
  "org/[org]/(staff)/schedule/page.tsx",
  "org/[org]/(staff)/patients/page.tsx",
  "org/[org]/(staff)/patients/[id]/page.tsx",
  "org/[org]/(staff)/patients/new/page.tsx",
  "org/[org]/(staff)/patients/reconcile/page.tsx",
  "org/[org]/(staff)/providers/page.tsx",
  "org/[org]/(staff)/providers/[id]/page.tsx",
  "org/[org]/(staff)/providers/new/page.tsx",
  "org/[org]/(staff)/waitlist/page.tsx",
  "org/[org]/(staff)/reports/page.tsx",
  "org/[org]/(staff)/appointment-types/page.tsx",
  "org/[org]/(staff)/settings/page.tsx",
  "org/[org]/(staff)/settings/branding/page.tsx",
  "org/[org]/(staff)/settings/scheduling/page.tsx",
  "org/[org]/(staff)/settings/locations/page.tsx",
  "org/[org]/(staff)/settings/sms/page.tsx",
  "org/[org]/(staff)/settings/sso/page.tsx",
  "org/[org]/(staff)/settings/members/page.tsx",
  "org/[org]/(staff)/settings/api-keys/page.tsx",
  "org/[org]/(staff)/settings/webhooks/page.tsx",
  "org/[org]/(staff)/settings/domains/page.tsx",
  "org/[org]/(staff)/settings/usage/page.tsx",
  "org/[org]/(staff)/settings/audit/page.tsx",
  "org/[org]/(staff)/outbox/page.tsx",
  "org/[org]/(staff)/account/two-factor/page.tsx",
  "org/[org]/(staff)/account/password/page.tsx",
  // Not pages but what a user lands on: app/not-found.tsx (branded on a hospital's site),
  // app/forbidden.tsx (a non-member) and the staff shell's role page.
  "not-found.tsx",
  "forbidden.tsx",
  "org/[org]/(staff)/forbidden.tsx",
] as const;
type PageFile = (typeof PAGES)[number];

const APP_DIR = path.join(process.cwd(), "app");

function pageFilesUnderApp(dir = APP_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFilesUnderApp(full);
    return entry.name === "page.tsx" ? [path.relative(APP_DIR, full).split(path.sep).join("/")] : [];
  });
}

/** Loads `url` (or takes the page as it is), waits for what shows it is ready, and runs axe on it. */
async function check(page: Page, file: PageFile, what: string, ready: Locator, url?: string) {
  await test.step(`${what} (${file})`, async () => {
    if (url) await page.goto(url);
    await expect(ready).toBeVisible({ timeout: 15_000 });
    await expectNoSeriousAxeViolations(page, what, { soft: true });
  });
}

async function signedIn(browser: Browser, persona: Persona): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: persona.storageState });
  return { context, page: await context.newPage() };
}

const h1 = (page: Page, name?: string | RegExp) => page.getByRole("heading", { level: 1, ...(name ? { name } : {}) }).first();

test("every page.tsx under app/ is on the accessibility list", () => {
  const onDisk = pageFilesUnderApp().sort();
  const listed = PAGES.filter((p) => p.endsWith("/page.tsx")).sort();
  expect(
    onDisk.filter((p) => !listed.includes(p as PageFile)),
    "pages under app/ the accessibility spec does not visit",
  ).toEqual([]);
  expect(
    listed.filter((p) => !onDisk.includes(p)),
    "listed pages that no longer exist",
  ).toEqual([]);
  for (const special of ["not-found.tsx", "forbidden.tsx", "org/[org]/(staff)/forbidden.tsx"])
    expect(fs.existsSync(path.join(APP_DIR, special))).toBe(true);
});

test("the platform's public pages: landing, sign-in, sign-up, password reset, address confirmation, docs, not found", async ({ page }) => {
  test.setTimeout(200_000);
  await check(page, "(platform)/page.tsx", "the landing page", h1(page), rootUrl("/"));
  await check(
    page,
    "(platform)/sign-in/page.tsx",
    "the platform sign-in",
    page.getByRole("button", { name: /Sign in|Continue/ }).first(),
    rootUrl("/sign-in"),
  );
  await check(
    page,
    "(platform)/sign-up/page.tsx",
    "sign-up",
    page.getByRole("button", { name: "Create organization" }),
    rootUrl("/sign-up"),
  );
  // Sign-up as people meet it: every field flagged after an empty submit, then an address that is taken.
  await page.getByRole("button", { name: "Create organization" }).click();
  await check(
    page,
    "(platform)/sign-up/page.tsx",
    "sign-up with every field error",
    page.getByText(/Please correct the \d+ highlighted fields/),
  );
  await page.getByLabel("Web address").fill(METRO.slug);
  await check(page, "(platform)/sign-up/page.tsx", "sign-up with an address that is taken", page.getByText("Available instead:"));
  await check(
    page,
    "(platform)/forgot-password/page.tsx",
    "forgot password",
    page.getByRole("button", { name: "Send me a link" }),
    rootUrl("/forgot-password"),
  );
  await page.getByLabel("E-mail").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Send me a link" }).click();
  // Earlier projects (the fuzzer) may have used this address's allowance for the minute: wait it out once.
  const sent = page.getByRole("status").filter({ hasText: "If an account exists" });
  const limited = page.getByRole("alert").filter({ hasText: "Too many requests" });
  await expect(sent.or(limited)).toBeVisible({ timeout: 15_000 });
  if (await limited.isVisible()) {
    await page.waitForTimeout(61_000);
    await page.getByRole("button", { name: "Send me a link" }).click();
  }
  await check(
    page,
    "(platform)/forgot-password/page.tsx",
    "forgot password, link sent",
    page.getByRole("status").filter({ hasText: "If an account exists" }),
  );

  const org = await organizationWithOwner({ prefix: "a11y-reset" });
  const reset = await anonymous().post("/api/v1/account/password-reset", { email: org.owner.email });
  expect(reset.status).toBe(202);
  const resetLink = await accountLink(org.owner.email, "reset-password");
  await check(
    page,
    "(platform)/reset-password/[token]/page.tsx",
    "reset password",
    page.getByRole("button", { name: "Set new password" }),
    resetLink,
  );
  await check(
    page,
    "(platform)/reset-password/[token]/page.tsx",
    "reset password with a link that is not valid",
    page.getByRole("alert").filter({ hasText: "not valid" }),
    rootUrl("/reset-password/not-a-real-reset-token"),
  );

  const email = uniqueEmail("a11y-signup");
  const signUp = await anonymous().post<Created>("/api/v1/organizations", {
    name: "Accessible Clinic",
    slug: uniqueSlug("a11y-signup"),
    owner: { email, name: "Accessible Owner", password: NEW_PASSWORD },
  });
  expectStatus(signUp, 201, "self-service sign-up");
  await check(
    page,
    "(platform)/confirm/[token]/page.tsx",
    "confirm address",
    page.getByRole("button", { name: "Confirm and create my account" }),
    await accountLink(email, "confirm"),
  );
  await page.getByRole("button", { name: "Confirm and create my account" }).click();
  await check(page, "(platform)/confirm/[token]/page.tsx", "address confirmed", page.getByRole("status").filter({ hasText: "confirmed" }));

  await check(page, "(platform)/docs/api/page.tsx", "the API reference", h1(page, "API reference"), rootUrl("/docs/api"));
  await check(page, "not-found.tsx", "not found on the platform", h1(page), rootUrl("/no-such-page"));
});

test("a hospital's public pages: home, sign-in, the booking steps, confirmation and manage link, waiting list, invitation", async ({
  page,
}) => {
  test.setTimeout(150_000);
  for (const tenant of [METRO, SUNSET]) {
    await check(page, "org/[org]/page.tsx", `${tenant.name}'s home`, h1(page), tenantUrl(tenant, "/"));
  }
  await check(
    page,
    "org/[org]/sign-in/page.tsx",
    "a hospital's sign-in",
    page.getByRole("button", { name: "Sign in" }),
    tenantUrl(METRO, "/sign-in"),
  );
  await check(page, "not-found.tsx", "not found on a hospital's site", h1(page), tenantUrl(METRO, "/no-such-page"));

  const booking = new BookingPage(page);
  await booking.goto(SUNSET);
  await check(page, "org/[org]/book/page.tsx", "booking: choose a type", booking.typeStep);
  await page.goto(tenantUrl(METRO, "/book"));
  await check(page, "org/[org]/book/page.tsx", "booking: choose a location", booking.locationStep);
  await booking.goto(SUNSET);
  await booking.typeStep.getByRole("button").first().click();
  await expect(booking.modeStep.or(booking.providerStep)).toBeVisible();
  if (await booking.modeStep.isVisible()) {
    await check(page, "org/[org]/book/page.tsx", "booking: in person or video", booking.modeStep);
    await booking.chooseMode("In person");
  }
  await check(page, "org/[org]/book/page.tsx", "booking: choose a provider", booking.providerStep);
  await booking.providerStep.getByRole("button").first().click();
  const slot = await booking.firstSlot();
  await check(page, "org/[org]/book/page.tsx", "booking: choose a time", slot);
  await slot.click();
  await check(page, "org/[org]/book/page.tsx", "booking: your details", booking.submit);
  await booking.fillDetails(newPatient("Axe"));
  await booking.submit.click();
  await page.waitForURL(/\/appointments\/manage\//, { timeout: 30_000 });
  await check(
    page,
    "org/[org]/appointments/manage/[token]/page.tsx",
    "booking confirmation on the manage page",
    page.getByRole("status").filter({ hasText: /You.re booked/ }),
  );
  await page.goto(page.url().replace(/\?.*$/, ""));
  await check(page, "org/[org]/appointments/manage/[token]/page.tsx", "the manage link page", h1(page));
  await check(
    page,
    "org/[org]/appointments/manage/[token]/page.tsx",
    "a manage link that is not valid",
    page.getByRole("alert").filter({ hasText: /not valid/ }),
    tenantUrl(SUNSET, "/appointments/manage/not-a-real-manage-token"),
  );
  await check(
    page,
    "org/[org]/waitlist/claim/[token]/page.tsx",
    "a waiting-list offer that is not valid",
    h1(page),
    tenantUrl(SUNSET, "/waitlist/claim/not-a-real-offer-token"),
  );
  await check(
    page,
    "org/[org]/access-report/page.tsx",
    "asking for an access report",
    h1(page, "Who has seen my record?"),
    tenantUrl(SUNSET, "/access-report"),
  );
  await page.getByRole("button", { name: "E-mail me the link" }).click();
  await check(
    page,
    "org/[org]/access-report/page.tsx",
    "an access report asked for without an address",
    page.getByRole("alert").filter({ hasText: "Enter a valid e-mail address." }),
  );
  await check(
    page,
    "org/[org]/access-report/[token]/page.tsx",
    "an access report link that is not valid",
    page.getByRole("alert").filter({ hasText: /not valid/ }),
    tenantUrl(SUNSET, "/access-report/not-a-real-report-token"),
  );
  // Opening a confirmation link changes nothing: the page asks for a button press first.
  await check(
    page,
    "org/[org]/confirm-email/[token]/page.tsx",
    "confirming an e-mail address",
    h1(page, "Confirm your e-mail address"),
    tenantUrl(SUNSET, "/confirm-email/not-a-real-confirmation-token"),
  );

  // An organization made without an owner: its owner-claim link is an invitation.
  const created = await anonymous().post<Created>("/api/v1/organizations", { name: "Invited Clinic", slug: uniqueSlug("a11y-invite") });
  expectStatus(created, 201, "an organization waiting for its owner");
  await check(page, "org/[org]/invitations/[token]/page.tsx", "an invitation", h1(page), created.body.ownerClaimUrl!);
  await check(
    page,
    "org/[org]/invitations/[token]/page.tsx",
    "an invitation that is not valid",
    h1(page),
    tenantUrl(METRO, "/invitations/not-a-real-invitation-token"),
  );
});

test("the admin's staff pages, the operator console and the organization list", async ({ browser }) => {
  test.setTimeout(600_000);
  const { context, page } = await signedIn(browser, PERSONAS.admin);
  try {
    const at = (p: string) => tenantUrl(METRO, p);
    await check(page, "(platform)/admin/page.tsx", "the operator console", h1(page, "Organizations"), rootUrl("/admin"));
    await check(page, "(platform)/orgs/page.tsx", "the organization list", h1(page, "Choose an organization"), rootUrl("/orgs"));

    await check(
      page,
      "org/[org]/(staff)/dashboard/page.tsx",
      "the admin's dashboard",
      page.getByRole("heading", { name: "Today's appointments" }),
      at("/dashboard"),
    );
    const header = new StaffHeader(page);
    await header.banner.getByRole("button", { name: /account menu/i }).click();
    await check(page, "org/[org]/(staff)/dashboard/page.tsx", "the account menu open", page.getByRole("menu"));
    await page.keyboard.press("Escape");
    await check(page, "not-found.tsx", "an address on the hospital's site that does not exist", h1(page), at("/no-such-staff-page"));

    // On a phone: the navigation behind the Menu button, open.
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(at("/dashboard"));
    await page.getByRole("button", { name: "Menu", exact: true }).click();
    await check(
      page,
      "org/[org]/(staff)/dashboard/page.tsx",
      "the phone menu open",
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }),
    );
    await page.keyboard.press("Escape");
    if (desktop) await page.setViewportSize(desktop);

    const schedule = new SchedulePage(page);
    // Text at 200 % (a reader's larger default size) makes the day's columns wider than the screen.
    // On a past day without visits they hold nothing to focus: the scroller itself must take focus,
    // or keyboard users cannot scroll sideways to the providers off screen.
    await page.goto(at("/schedule?date=2020-01-06"));
    await page.addStyleTag({ content: "html { font-size: 200% !important }" });
    await check(
      page,
      "org/[org]/(staff)/schedule/page.tsx",
      "the schedule of a past day without visits, text at 200 %",
      page.locator('[aria-busy="false"]').first(),
    );
    await check(page, "org/[org]/(staff)/schedule/page.tsx", "the schedule", schedule.heading, at("/schedule"));
    await page.getByLabel("Date", { exact: true }).fill(seededWeekday());
    for (const view of ["day", "week"] as const) {
      await schedule.view(view).click();
      await check(
        page,
        "org/[org]/(staff)/schedule/page.tsx",
        `the schedule's ${view} view`,
        page.getByRole("heading", { level: 2 }).first(),
      );
    }
    const block = page.getByRole("button", { name: /^\d{1,2}:\d{2}\s?[AP]M .+, .+, / }).first();
    await expect(block).toBeVisible();
    // Blocks of neighbouring visits overlap: whichever is on top opens its panel.
    await block.click({ force: true });
    await check(page, "org/[org]/(staff)/schedule/page.tsx", "an appointment's panel", schedule.panel);
    await schedule.panel.getByRole("button", { name: "Close" }).click();
    await schedule.view("Today's list").click();
    await check(page, "org/[org]/(staff)/schedule/page.tsx", "today's list", schedule.rangeHeading("Today's appointments"));
    await page.getByRole("button", { name: "Book appointment" }).click();
    await check(
      page,
      "org/[org]/(staff)/schedule/page.tsx",
      "the booking dialog",
      page.getByRole("dialog", { name: "Book an appointment" }),
    );

    await check(page, "org/[org]/(staff)/patients/page.tsx", "patients", h1(page, "Patients"), at("/patients"));
    // A patient's row link (the table lists the first page without a search), not "New patient" or "To reconcile".
    const patientLink = page.locator('main table a[href*="/patients/"]:not([href$="/patients/new"]):not([href$="/reconcile"])').first();
    await patientLink.click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}/);
    await check(page, "org/[org]/(staff)/patients/[id]/page.tsx", "a patient", h1(page));
    await check(page, "org/[org]/(staff)/patients/new/page.tsx", "new patient", h1(page), at("/patients/new"));
    await check(page, "org/[org]/(staff)/patients/reconcile/page.tsx", "patients to reconcile", h1(page), at("/patients/reconcile"));

    await check(page, "org/[org]/(staff)/providers/page.tsx", "providers", h1(page, "Providers"), at("/providers"));
    await page.getByRole("main").getByRole("link", { name: METRO.providers[0] }).first().click();
    await page.waitForURL(/\/providers\/[0-9a-f-]{36}/);
    await check(page, "org/[org]/(staff)/providers/[id]/page.tsx", "a provider", h1(page));
    await check(page, "org/[org]/(staff)/providers/new/page.tsx", "new provider", h1(page), at("/providers/new"));

    const pages: [PageFile, string, string][] = [
      ["org/[org]/(staff)/waitlist/page.tsx", "the waiting list", "/waitlist"],
      ["org/[org]/(staff)/reports/page.tsx", "reports", "/reports"],
      ["org/[org]/(staff)/appointment-types/page.tsx", "appointment types", "/appointment-types"],
      ["org/[org]/(staff)/settings/page.tsx", "general settings", "/settings"],
      ["org/[org]/(staff)/settings/branding/page.tsx", "branding settings", "/settings/branding"],
      ["org/[org]/(staff)/settings/scheduling/page.tsx", "scheduling settings", "/settings/scheduling"],
      ["org/[org]/(staff)/settings/locations/page.tsx", "locations", "/settings/locations"],
      ["org/[org]/(staff)/settings/sms/page.tsx", "text message settings", "/settings/sms"],
      ["org/[org]/(staff)/settings/sso/page.tsx", "single sign-on settings", "/settings/sso"],
      ["org/[org]/(staff)/settings/members/page.tsx", "members and invitations", "/settings/members"],
      ["org/[org]/(staff)/settings/api-keys/page.tsx", "API keys", "/settings/api-keys"],
      ["org/[org]/(staff)/settings/webhooks/page.tsx", "webhooks", "/settings/webhooks"],
      ["org/[org]/(staff)/settings/domains/page.tsx", "domains", "/settings/domains"],
      ["org/[org]/(staff)/settings/usage/page.tsx", "usage", "/settings/usage"],
      ["org/[org]/(staff)/settings/audit/page.tsx", "the audit log", "/settings/audit"],
      ["org/[org]/(staff)/outbox/page.tsx", "the e-mail outbox", "/outbox"],
      ["org/[org]/(staff)/account/two-factor/page.tsx", "two-factor authentication", "/account/two-factor"],
      ["org/[org]/(staff)/account/password/page.tsx", "change password", "/account/password"],
    ];
    for (const [file, what, p] of pages) await check(page, file, what, h1(page), at(p));
  } finally {
    await context.close();
  }
});

test("the plan and usage page with usage recorded, the operator console's usage, and the offboarding dialog", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await signedIn(browser, PERSONAS.admin);
  try {
    // Usage reaches the database within a few seconds of the requests: reload until a day is listed.
    const usage = page.getByRole("region", { name: "Platform usage" });
    await page.goto(tenantUrl(METRO, "/settings/usage"));
    await expect
      .poll(
        async () => {
          await page.reload();
          await expect(usage).toBeVisible({ timeout: 15_000 });
          return usage.getByRole("row").count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(1);
    await check(page, "org/[org]/(staff)/settings/usage/page.tsx", "the plan and usage page with usage recorded", usage.getByRole("table"));

    // An organization of its own to suspend: the console offers offboarding only then.
    const slug = uniqueSlug("a11y-offboard");
    const created = await operator().post<Created>("/api/v1/organizations", { name: "Offboarding Clinic", slug });
    expectStatus(created, 201, "an organization to offboard");
    await page.goto(rootUrl("/admin"));
    const resources = page.getByRole("region", { name: "Resource usage" });
    await check(
      page,
      "(platform)/admin/page.tsx",
      "the operator console's resource usage",
      resources.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `${METRO.name} ${METRO.slug}`, exact: true }) }),
    );
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: slug, exact: true }) });
    await row.getByRole("button", { name: "Suspend" }).click();
    await row.getByRole("button", { name: "Yes, suspend" }).click();
    await row.getByRole("button", { name: "Offboard…" }).click();
    const dialog = page.getByRole("dialog", { name: "Offboard Offboarding Clinic?" });
    await check(page, "(platform)/admin/page.tsx", "the offboarding dialog", dialog);
    await expect(dialog.getByLabel(`Type ${slug} to confirm`)).toBeFocused();
    await dialog.getByLabel(`Type ${slug} to confirm`).fill("not-the-slug");
    await dialog.getByRole("button", { name: "Delete its data for good" }).click();
    await check(
      page,
      "(platform)/admin/page.tsx",
      "the offboarding dialog refusing a wrong slug",
      dialog.getByText(`Type ${slug} to confirm.`, { exact: true }),
    );
    // Not confirmed: Cancel closes it, focus goes back to the button, and the organization is still there.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole("button", { name: "Offboard…" })).toBeFocused();
    await expect(row.getByText("Suspended", { exact: true })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("the clinician's dashboard and schedule, the role page, and the forbidden page for another hospital", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await signedIn(browser, PERSONAS.clinician);
  try {
    await check(
      page,
      "org/[org]/(staff)/dashboard/page.tsx",
      "the clinician's dashboard",
      // A clinician's list is her own day.
      page.getByRole("heading", { name: /Today's appointments|My appointments today/ }),
      tenantUrl(METRO, "/dashboard"),
    );
    await check(
      page,
      "org/[org]/(staff)/schedule/page.tsx",
      "the clinician's schedule",
      new SchedulePage(page).heading,
      tenantUrl(METRO, "/schedule"),
    );
    await check(
      page,
      "org/[org]/(staff)/forbidden.tsx",
      "a page the clinician's role does not open",
      page.getByRole("heading", { level: 1, name: "Your role can't open this page" }),
      tenantUrl(METRO, "/settings"),
    );
    await check(page, "forbidden.tsx", "forbidden", forbiddenHeading(page), tenantUrl(SUNSET, "/dashboard"));
  } finally {
    await context.close();
  }
});
