import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { organizationWithOwner } from "./support/admin-api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { BookingPage, ManagePage } from "./support/booking-pages";
import { openPatientBrowser } from "./support/patient-browser";
import { expectError, PublicSite } from "./support/public-client";
import { BookingSite, dayLabel, newPatient, sameInstant, squash, timeLabel, type Booked, type ManageSummary } from "./support/scheduling";
import { ROOT } from "./support/hosts";
import { hostOf, METRO, SUNSET, tenantUrl } from "./support/tenants";

// Project "scheduling". The patient's whole online journey at Metro General, on a desktop
// (1366×900) and on a phone (390×844): each step on its own screen and in the address (Back and
// reload keep the place), video visits offered only with providers who give them, the change
// window shown before confirming, server objections beside their fields, the calendar file and
// links, a confirmed reschedule, cancel and book again; every tap target measured, axe on every
// screen. Bookings here are video Follow-ups with Dr. Emily Chen (no other spec books her online).

const TYPE = "Follow-up";
const PROVIDER = "Dr. Emily Chen";
const NO_VIDEO = "Dr. Daniel Okafor";
const ZONE = "America/New_York";
const MIN_TARGET = 44;
const SCREENSHOTS = path.join(process.cwd(), "docs", "screenshots");

const DEVICES = [
  { name: "desktop", viewport: { width: 1366, height: 900 }, phone: false },
  { name: "phone", viewport: { width: 390, height: 844 }, phone: true },
] as const;

/** Every visible button and link in the page's main content is at least 44×44 CSS px. */
async function expectTapTargets(page: Page, what: string) {
  const small = await page.locator("main").evaluate((main, min) => {
    const found: string[] = [];
    for (const el of main.querySelectorAll<HTMLElement>("button, a[href]")) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
      if (box.width < min || box.height < min) {
        found.push(
          `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return found;
  }, MIN_TARGET);
  expect(small, `tap targets under ${MIN_TARGET} px on ${what}`).toEqual([]);
}

async function screen(page: Page, what: string, ready: Locator) {
  await expect(ready).toBeVisible({ timeout: 15_000 });
  // A step is a navigation: its title arrives with the page's streamed metadata, a moment after the
  // step's content may already show.
  await expect(page).toHaveTitle(/\S/);
  await expectNoSeriousAxeViolations(page, what);
  await expectTapTargets(page, what);
}

function saveShot(page: Page, name: string, testInfo: TestInfo) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  testInfo.annotations.push({ type: "screenshot", description: `docs/screenshots/${name}` });
  return page.screenshot({ path: file, animations: "disabled" });
}

const search = (page: Page) => new URL(page.url()).searchParams;
const within24h = (instant: string) => new Date(instant).getTime() - Date.now() < 24 * 3_600_000;

for (const device of DEVICES) {
  test(`${device.name}: a patient books a video visit, adds it to a calendar, moves it, cancels and books again`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(480_000);
    const patient = await openPatientBrowser(browser, { viewport: device.viewport, phone: device.phone, acceptDownloads: true });
    const page = patient.page;
    const flow = new BookingPage(page);
    const manage = new ManagePage(page);
    const details = newPatient(`Journey${device.name}`);
    const options = await BookingSite.of(METRO).pick(TYPE, PROVIDER);
    let booked!: Booked;
    let journeyMs = 0;
    try {
      const opened = Date.now();
      await test.step("type: one screen, in the address; Back and reload keep the place", async () => {
        await flow.goto(METRO);
        await screen(page, `${device.name} booking: type`, flow.typeStep);
        await flow.typeStep.getByRole("button", { name: new RegExp(`^${TYPE}`) }).click();
        await screen(page, `${device.name} booking: mode`, flow.modeStep);
        expect(search(page).get("type")).toBe(options.typeId);
        await expect(flow.typeStep).toHaveCount(0);
        await page.goBack();
        await expect(flow.typeStep).toBeVisible();
        await page.goForward();
        await expect(flow.modeStep).toBeVisible();
        await page.reload();
        await expect(flow.modeStep).toBeVisible();
      });

      await test.step("mode filters providers: a video visit is never offered with a provider who gives none", async () => {
        await flow.chooseMode("In person");
        await expect(flow.providerStep.getByRole("button", { name: new RegExp(`^${NO_VIDEO}`) })).toBeVisible();
        await page.goBack();
        await flow.chooseMode("Video visit");
        expect(search(page).get("mode")).toBe("telehealth");
        await screen(page, `${device.name} booking: provider`, flow.providerStep);
        await expect(flow.providerStep.getByRole("button", { name: new RegExp(`^${NO_VIDEO}`) })).toHaveCount(0);
        await expect(flow.providerStep.getByRole("button", { name: new RegExp(`^${PROVIDER}`) })).toBeVisible();
        await expect(flow.providerStep).toContainText("Only providers who offer video visits are shown.");
        // An address that pairs video with him anyway lands on the provider step, not on a time that then fails.
        const forced = new URLSearchParams({
          type: options.typeId,
          mode: "telehealth",
          provider: (await BookingSite.of(METRO).pick(TYPE, NO_VIDEO)).providerId,
        });
        await flow.goto(METRO, `?${forced}`);
        await expect(flow.providerStep).toBeVisible();
        await expect(flow.timeStep).toHaveCount(0);
        await flow.chooseProvider(PROVIDER);
        expect(search(page).get("provider")).toBe(options.providerId);
      });

      let chosenStart = "";
      await test.step("time: a month calendar of free days, then the day's times; slots inside the change window are marked", async () => {
        await screen(page, `${device.name} booking: calendar`, flow.calendar);
        await expect(flow.timeStep).toContainText(`Times are shown in Eastern Time (${ZONE}).`);
        if (!device.phone) {
          // The grid moves by keyboard: arrows a day, Page Down a month.
          const day = await flow.firstFreeDay();
          await day.focus();
          const from = await day.getAttribute("data-date");
          await page.keyboard.press("ArrowRight");
          const next = await page.evaluate(() => document.activeElement?.getAttribute("data-date"));
          expect(next, "ArrowRight moves to the next day").not.toBe(from);
          expect(new Date(`${next}T12:00:00Z`).getTime() - new Date(`${from}T12:00:00Z`).getTime()).toBe(86_400_000);
        }
        // A day whose times include one that can still be changed online (the journey goes on to move it).
        let slot: Locator | null = null;
        for (let i = 0; i < 10 && !slot; i++) {
          const days = flow.freeDays;
          await expect(flow.calendar).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
          const count = await days.count();
          if (i >= count) {
            await flow.later.click();
            i = -1;
            continue;
          }
          const day = await days.nth(i).getAttribute("data-date");
          await days.nth(i).click();
          await expect(page).toHaveURL(new RegExp(`[?&]date=${day}`));
          await expect(flow.timeStep.getByRole("list", { name: `Free times on ${dayLabel(`${day}T12:00:00Z`, "UTC")}` })).toBeVisible({
            timeout: 15_000,
          });
          // Each time's mark agrees with the rule: less than 24 hours away → "No online changes".
          const free = await BookingSite.of(METRO).slots({
            typeId: options.typeId,
            providerId: options.providerId,
            from: search(page).get("date")!,
            days: 1,
          });
          const buttons = await flow.slotButtons.all();
          expect(buttons.length).toBe(free.length);
          for (const [n, button] of buttons.entries()) {
            const marked = (await button.textContent())?.includes("No online changes");
            expect(marked, `mark on ${free[n]!.startsAt}`).toBe(within24h(free[n]!.startsAt));
          }
          if (free.some((s) => within24h(s.startsAt))) {
            await expect(flow.timeStep).toContainText("can't be changed or cancelled online");
            testInfo.annotations.push({ type: "window", description: "times inside the change window were marked" });
          }
          const open = flow.slotButtons.filter({ hasNotText: "No online changes" });
          if (await open.count()) slot = open.first();
          else if (device.phone) await flow.timeStep.getByRole("button", { name: "← Choose another day" }).click();
        }
        expect(slot, "a time more than 24 hours ahead").not.toBeNull();
        if (device.phone) {
          await expect(flow.calendar).toBeHidden();
          await saveShot(page, "booking-phone-times.png", testInfo);
        } else {
          await expect(flow.calendar).toBeVisible();
          await saveShot(page, "booking-desktop.png", testInfo);
        }
        await screen(page, `${device.name} booking: times`, slot!);
        // Reload keeps the day.
        const date = search(page).get("date");
        await page.reload();
        await expect(flow.slotButtons.first()).toBeVisible({ timeout: 15_000 });
        expect(search(page).get("date")).toBe(date);
        const again = flow.slotButtons.filter({ hasNotText: "No online changes" }).first();
        const hold = page.waitForResponse((r) => r.url().includes("/api/v1/public/holds") && r.request().method() === "POST");
        await again.click();
        expect((await hold).status()).toBe(201);
        await expect(flow.detailsStep).toBeVisible();
        chosenStart = search(page).get("time")!;
        expect(search(page).get("with")).toBe(options.providerId);
      });

      await test.step("details: the change policy before confirming; Back and reload keep the chosen time", async () => {
        await screen(page, `${device.name} booking: details`, flow.submit);
        await expect(flow.detailsStep).toContainText("You can change or cancel online up to 24 hours before the appointment.");
        await expect(flow.detailsStep).toContainText(`${TYPE} with ${PROVIDER}`);
        await expect(flow.detailsStep).toContainText(`${dayLabel(chosenStart, ZONE)} at`);
        await page.reload();
        await expect(flow.detailsStep).toContainText(`${TYPE} with ${PROVIDER}`);
        expect(sameInstant(search(page).get("time")!, chosenStart)).toBe(true);
        await expect(flow.submit).toBeEnabled({ timeout: 15_000 });
        await page.goBack();
        await expect(flow.timeStep).toBeVisible();
        await page.goForward();
        await expect(flow.detailsStep).toBeVisible();
        await expect(flow.submit).toBeEnabled({ timeout: 15_000 });
        if (device.phone) await saveShot(page, "booking-phone-details.png", testInfo);
      });

      await test.step("a server objection appears beside its field in plain words, summed up and focused", async () => {
        await flow.fillDetails({ ...details, dateOfBirth: "2099-01-01" });
        await flow.submit.click();
        const dob = flow.detailsStep.getByLabel("Date of birth");
        await expect(dob).toHaveAttribute("aria-invalid", "true");
        await expect(dob).toHaveAccessibleDescription(/date of birth cannot be in the future/i);
        await expect(dob).toBeFocused();
        await expect(flow.detailsStep.getByRole("alert")).toContainText("Date of birth: The date of birth cannot be in the future.");
        await expect(page.getByText(/patient\.dateOfBirth/)).toHaveCount(0);
        // Beside the field: the message sits right under the input.
        const input = (await dob.boundingBox())!;
        const error = (await flow.detailsStep.getByText("The date of birth cannot be in the future.", { exact: true }).boundingBox())!;
        expect(error.y - (input.y + input.height)).toBeLessThan(40);
        await screen(page, `${device.name} booking: details with an error`, dob);
      });

      await test.step("confirm: booked, timed from page open", async () => {
        await dob(flow).fill(details.dateOfBirth);
        const booking = page.waitForResponse((r) => r.url().includes("/api/v1/public/bookings") && r.request().method() === "POST");
        await flow.submit.click();
        const reply = await booking;
        expect(reply.status(), await reply.text()).toBe(201);
        booked = ((await reply.json()) as { data: Booked }).data;
        await expect(manage.booked).toContainText(`You're booked, ${details.firstName}!`);
        journeyMs = Date.now() - opened;
        console.log(`booking walk with every check (${device.name}): page open → confirmed booking in ${journeyMs} ms`);
        testInfo.annotations.push({
          type: "timing",
          description: `${device.name}, with every check: page open → confirmed booking ${journeyMs} ms`,
        });
        expect(sameInstant(booked.startsAt, chosenStart)).toBe(true);
        expect(booked.mode).toBe("telehealth");
        await screen(page, `${device.name} booking confirmation`, manage.booked);
        if (device.phone) await saveShot(page, "booking-confirmation-phone.png", testInfo);
      });

      await test.step("add to calendar: the .ics in UTC, Google and Outlook links with the same instants", async () => {
        const download = page.waitForEvent("download");
        await manage.icsLink.click();
        const file = await (await download).path();
        const ics = fs.readFileSync(file!, "utf8");
        const utc = new Date(booked.startsAt)
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z")
          .replace(/[-:]/g, "");
        expect(ics).toContain("BEGIN:VEVENT");
        expect(ics).toContain(`DTSTART:${utc}`);
        expect(ics).toContain(PROVIDER);
        expect(ics).not.toContain(details.lastName);
        expect(ics).not.toContain(details.email);
        const google = new URL((await page.getByRole("link", { name: "Google Calendar" }).getAttribute("href"))!);
        expect(google.searchParams.get("dates")!.startsWith(`${utc}/`)).toBe(true);
        expect(google.searchParams.get("ctz")).toBe(ZONE);
        const outlook = new URL((await page.getByRole("link", { name: "Outlook" }).getAttribute("href"))!);
        expect(sameInstant(outlook.searchParams.get("startdt")!, booked.startsAt)).toBe(true);
      });

      await test.step("reschedule: the same calendar, then old → new to confirm", async () => {
        await page.goto(tenantUrl(METRO, `/appointments/manage/${booked.manageToken}`));
        await manage.reschedule.click();
        const picker = page.getByRole("region", { name: "Choose a new time" });
        const grid = picker.getByRole("grid");
        await expect(grid).toBeVisible();
        await expect(grid).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
        // Not cut off after a week: the calendar pages forward to the booking horizon.
        const horizon = (await BookingSite.of(METRO).options()).bookingHorizonDays;
        expect(horizon).toBeGreaterThan(7);
        await expect(picker.getByRole("button", { name: "Next month" })).toBeEnabled();
        await screen(page, `${device.name} reschedule: calendar`, grid);
        let target: Locator | null = null;
        for (let m = 0; m < 3 && !target; m++) {
          await expect(grid).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
          const days = grid.getByRole("button", { name: /, free times$/ });
          for (let i = 0; i < (await days.count()) && !target; i++) {
            const day = await days.nth(i).getAttribute("data-date");
            await days.nth(i).click();
            const open = picker.getByRole("button", { name: /^\d{1,2}:\d{2}\s?[AP]M$/ }).filter({ hasNotText: "No online changes" });
            await expect(
              picker
                .getByRole("list", { name: `Free times on ${dayLabel(`${day}T12:00:00Z`, "UTC")}` })
                .or(picker.getByText("No free times on this day.")),
            ).toBeVisible();
            if (await open.count()) target = open.last();
            else if (device.phone) await picker.getByRole("button", { name: "← Choose another day" }).click();
          }
          if (!target) await picker.getByRole("button", { name: "Next month" }).click();
        }
        expect(target, "a time to move to").not.toBeNull();
        await screen(page, `${device.name} reschedule: times`, target!);
        const newTime = squash((await target!.textContent()) ?? "");
        await target!.click();
        const confirm = page.getByRole("region", { name: "Confirm the new time" });
        await expect(confirm).toContainText("From");
        const shown = squash((await confirm.textContent()) ?? "");
        expect(shown).toContain(squash(`${dayLabel(booked.startsAt, ZONE)}, ${timeLabel(booked.startsAt, ZONE)}`));
        expect(shown).toContain(squash(newTime));
        await screen(page, `${device.name} reschedule: confirm`, manage.confirmMove);
        const moved = page.waitForResponse((r) => r.url().endsWith("/reschedule"), { timeout: 30_000 });
        await manage.confirmMove.click();
        expect((await moved).status()).toBe(200);
        await expect(manage.notice).toHaveText("Your appointment has moved.");
        const summary = (await BookingSite.of(METRO).manage(booked.manageToken)).body.data as ManageSummary;
        expect(sameInstant(summary.startsAt, booked.startsAt)).toBe(false);
        expect(squash((await manage.field("When").textContent()) ?? "")).toContain(squash(timeLabel(summary.startsAt, ZONE)));
      });

      await test.step("cancel, then book again with the same type, mode and provider", async () => {
        await manage.cancel.click();
        await screen(page, `${device.name} manage: cancel confirmation`, manage.confirmCancel);
        const cancelled = page.waitForResponse((r) => r.url().endsWith("/cancel"), { timeout: 30_000 });
        await manage.confirmCancel.click();
        expect((await cancelled).status()).toBe(200);
        await expect(manage.notice).toHaveText("Your appointment is cancelled.");
        await screen(page, `${device.name} manage: cancelled`, manage.bookAgain);
        await manage.bookAgain.click();
        await expect(flow.timeStep).toBeVisible();
        expect(search(page).get("type")).toBe(options.typeId);
        expect(search(page).get("provider")).toBe(options.providerId);
        expect(search(page).get("mode")).toBe("telehealth");
        await expect(page.getByRole("navigation", { name: "Your choices" })).toContainText(PROVIDER);
      });
    } finally {
      await patient.close();
    }
  });
}

for (const device of DEVICES) {
  test(`${device.name}: timed journey, page open → confirmed booking, as a patient clicks through`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const patient = await openPatientBrowser(browser, { viewport: device.viewport, phone: device.phone });
    const page = patient.page;
    const flow = new BookingPage(page);
    try {
      const opened = Date.now();
      await flow.goto(METRO);
      await flow.chooseType(TYPE, "Video visit");
      await flow.chooseProvider(PROVIDER);
      const slot = await flow.firstSlot();
      await slot.click();
      await expect(flow.submit).toBeEnabled({ timeout: 15_000 });
      await flow.fillDetails(newPatient(`Timed${device.name}`));
      await flow.submit.click();
      await expect(new ManagePage(page).booked).toBeVisible({ timeout: 30_000 });
      const ms = Date.now() - opened;
      console.log(`booking journey (${device.name}): page open → confirmed booking in ${ms} ms`);
      testInfo.annotations.push({ type: "timing", description: `${device.name}: page open → confirmed booking ${ms} ms` });
    } finally {
      await patient.close();
    }
  });
}

const dob = (flow: BookingPage) => flow.detailsStep.getByLabel("Date of birth");

test("the calendar file and the manage summary answer 404 to a wrong, forged or another hospital's token", async ({ browser }) => {
  const metro = BookingSite.of(METRO);
  const { typeId, providerId } = await metro.pick(TYPE, PROVIDER);
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const slot = (await metro.slots({ typeId, providerId, from, days: 28 }))[0]!;
  const booked = await metro.mustBook({ typeId, providerId, startsAt: slot.startsAt, patient: newPatient("IcsOwner") });
  const good = await metro.site.get(`/api/v1/public/manage/${booked.manageToken}/calendar`);
  expect(good.status).toBe(200);
  expect(good.headers["content-type"]).toMatch(/^text\/calendar/);
  expect(good.text).toContain("BEGIN:VCALENDAR");

  const [payload, signature] = booked.manageToken.split(".") as [string, string];
  const flipped = `${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
  const attempts: [string, PublicSite, string, string][] = [
    ["a made-up token", metro.site, "", "not-a-real-token"],
    ["a forged signature", metro.site, "", flipped],
    ["Metro's token on Sunset's host", new PublicSite(hostOf(SUNSET)), "", booked.manageToken],
    ["Metro's token through Sunset's path on the root domain", new PublicSite(ROOT), `/org/${SUNSET.slug}`, booked.manageToken],
  ];
  for (const [what, site, prefix, token] of attempts) {
    for (const suffix of ["/calendar", ""]) {
      const reply = await site.get(`${prefix}/api/v1/public/manage/${encodeURIComponent(token)}${suffix}`);
      const body = expectError(reply, 404, "not_found:appointment");
      expect(reply.text, what).not.toContain("BEGIN:VCALENDAR");
      expect(JSON.stringify(body), what).not.toContain(PROVIDER);
    }
  }
  const patient = await openPatientBrowser(browser);
  try {
    const manage = new ManagePage(patient.page);
    await manage.goto(SUNSET, booked.manageToken);
    await expect(manage.invalid).toBeVisible();
    await expect(patient.page.getByText(PROVIDER)).toHaveCount(0);
    await expect(manage.icsLink).toHaveCount(0);
  } finally {
    await patient.close();
  }
  // The genuine link still works and nothing changed.
  expect((await metro.manage(booked.manageToken)).body.data.status).toBe("scheduled");
});

test("a new hospital with no phone or address says plainly to contact it, with no made-up number", async ({ browser }) => {
  const org = await organizationWithOwner({ prefix: "nocontact", name: "Quiet Valley Clinic" });
  const patient = await openPatientBrowser(browser, { viewport: { width: 390, height: 844 }, phone: true });
  try {
    const page = patient.page;
    await page.goto(`http://${org.host}/book`);
    await expect(page.getByText(/Please contact Quiet Valley Clinic directly/)).toBeVisible();
    await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);
    await expect(page.getByText(/call us at/i)).toHaveCount(0);
    await expectNoSeriousAxeViolations(page, "booking unavailable, no contact details");
  } finally {
    await patient.close();
  }
  // A hospital that has a phone and address shows them where booking cannot go on.
  const contacted = await BookingSite.of(SUNSET).options();
  expect((contacted.organization as { contact?: { phone: string | null; address: string | null } }).contact).toMatchObject({
    phone: "+1-555-0200",
    address: "800 Ocean Ave, Santa Monica, CA 90401",
  });
});
