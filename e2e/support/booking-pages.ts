import { expect, type Locator, type Page } from "@playwright/test";
import type { PatientDetails } from "./scheduling";
import { tenantUrl, type DemoTenant } from "./tenants";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A time button's name: "9:00 AM" (with whatever space the browser's ICU puts before AM). */
const TIME = /^\d{1,2}:\d{2}\s?[AP]M$/;

/**
 * The public booking flow on a hospital's host (`/book`): one step per screen, each in the address
 * (type → in person or video, when the type offers both → provider → day and time → details).
 */
export class BookingPage {
  readonly locationStep: Locator;
  readonly typeStep: Locator;
  readonly modeStep: Locator;
  readonly providerStep: Locator;
  readonly timeStep: Locator;
  readonly detailsStep: Locator;
  readonly calendar: Locator;
  readonly days: Locator;
  readonly freeDays: Locator;
  readonly slotButtons: Locator;
  readonly later: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.locationStep = page.getByRole("region", { name: /Where would you like to be seen\?/ });
    this.typeStep = page.getByRole("region", { name: /What kind of appointment\?/ });
    this.modeStep = page.getByRole("region", { name: /In person or video\?/ });
    this.providerStep = page.getByRole("region", { name: /Who would you like to see\?/ });
    this.timeStep = page.getByRole("region", { name: /Choose a time/ });
    this.detailsStep = page.getByRole("region", { name: /Your details/ });
    this.calendar = this.timeStep.getByRole("grid");
    this.days = this.calendar.getByRole("button");
    this.freeDays = this.calendar.getByRole("button", { name: /, free times$/ });
    this.slotButtons = this.timeStep.getByRole("button", { name: TIME });
    this.later = this.timeStep.getByRole("button", { name: "Next month" });
    this.submit = this.detailsStep.getByRole("button", { name: "Book appointment" });
  }

  /**
   * Opens the booking page. Where the hospital has several locations the patient chooses one first
   * (`location`, by default the main one); `query` then continues from there.
   */
  async goto(tenant: DemoTenant, query = "", location = "Main Campus") {
    await this.page.goto(tenantUrl(tenant, "/book"));
    await expect(this.page.getByRole("heading", { level: 1, name: "Book an appointment" })).toBeVisible();
    await expect(this.locationStep.or(this.typeStep)).toBeVisible();
    let chosen: string | null = null;
    if (await this.locationStep.isVisible()) {
      await this.chooseLocation(location);
      chosen = new URL(this.page.url()).searchParams.get("location");
    }
    if (query) {
      const rest = query.replace(/^\?/, "");
      await this.page.goto(tenantUrl(tenant, `/book?${chosen ? `location=${chosen}&` : ""}${rest}`));
      await expect(this.page.getByRole("heading", { level: 1, name: "Book an appointment" })).toBeVisible();
    }
  }

  async chooseLocation(name: string) {
    await this.locationStep.getByRole("button", { name: new RegExp(`^${escape(name)}`) }).click();
    await expect(this.typeStep).toBeVisible();
  }

  /** Chooses the type; when the type can be in person or by video, the visit mode too (in person unless told). */
  async chooseType(name: string, mode: "In person" | "Video visit" = "In person") {
    await this.typeStep.getByRole("button", { name: new RegExp(`^${escape(name)}`) }).click();
    await expect(this.modeStep.or(this.providerStep)).toBeVisible();
    if (await this.modeStep.isVisible()) await this.chooseMode(mode);
  }

  async chooseMode(mode: "In person" | "Video visit") {
    await this.modeStep.getByRole("button", { name: new RegExp(`^${escape(mode)}`) }).click();
    await expect(this.providerStep).toBeVisible();
  }

  async chooseProvider(name: string) {
    await this.providerStep.getByRole("button", { name: new RegExp(`^${escape(name)}`) }).click();
    await expect(this.timeStep).toBeVisible();
  }

  /** The first day with free times, paging months forward to the booking horizon. */
  async firstFreeDay(maxMonths = 4): Promise<Locator> {
    for (let month = 0; month < maxMonths; month++) {
      await expect(this.calendar).toBeVisible({ timeout: 15_000 });
      await expect(this.calendar).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
      if (await this.freeDays.count()) return this.freeDays.first();
      if (await this.later.isDisabled()) break;
      await this.later.click();
    }
    throw new Error(`no day with free times in ${maxMonths} months`);
  }

  /** The first offered time: the first day with free times, then its first time. */
  async firstSlot(maxMonths = 4): Promise<Locator> {
    await (await this.firstFreeDay(maxMonths)).click();
    await expect(this.slotButtons.first()).toBeVisible({ timeout: 15_000 });
    return this.slotButtons.first();
  }

  /** A time button's time as shown ("9:00 AM"), without the marks beside it ("No online changes"). */
  async timeText(slot: Locator): Promise<string> {
    return (await slot.locator("span").first().textContent()) ?? "";
  }

  /** The day heading above a time button. */
  dayOf(slot: Locator): Locator {
    return slot.locator("xpath=ancestor::ul[1]/preceding-sibling::h3[1]");
  }

  async fillDetails(patient: PatientDetails) {
    const form = this.detailsStep;
    await form.getByLabel("First name").fill(patient.firstName);
    await form.getByLabel("Last name").fill(patient.lastName);
    await form.getByLabel("Date of birth").fill(patient.dateOfBirth);
    await form.getByLabel("E-mail").fill(patient.email);
    if (patient.phone) await form.getByLabel(/^Phone/).fill(patient.phone);
  }
}

/** The patient's manage page (`/appointments/manage/{token}`). */
export class ManagePage {
  readonly booked: Locator;
  readonly cancel: Locator;
  readonly confirmCancel: Locator;
  readonly reschedule: Locator;
  readonly confirmMove: Locator;
  readonly notice: Locator;
  readonly invalid: Locator;
  readonly bookAgain: Locator;
  readonly icsLink: Locator;

  constructor(readonly page: Page) {
    this.booked = page.getByRole("status").filter({ hasText: /You.re booked/ });
    this.cancel = page.getByRole("button", { name: "Cancel appointment" });
    this.confirmCancel = page.getByRole("button", { name: "Yes, cancel it" });
    this.reschedule = page.getByRole("button", { name: "Reschedule" });
    this.confirmMove = page.getByRole("button", { name: "Confirm new time" });
    this.notice = page.getByRole("status").filter({ hasNotText: /You.re booked|Finding free times/ });
    this.invalid = page.getByRole("alert").filter({ hasText: /not valid/ });
    this.bookAgain = page.getByRole("link", { name: "Book again" });
    this.icsLink = page.getByRole("link", { name: "Download .ics file" });
  }

  async goto(tenant: DemoTenant, token: string) {
    await this.page.goto(tenantUrl(tenant, `/appointments/manage/${token}`));
  }

  /** Cancels through the page: the button, then the confirmation. */
  async cancelAppointment() {
    await this.cancel.click();
    await this.confirmCancel.click();
  }

  /** The value shown beside a term ("When", "With", "Status"). */
  field(term: string): Locator {
    return this.page.locator("dt", { hasText: new RegExp(`^${escape(term)}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  /**
   * Moves the visit through the page: Reschedule, the calendar's `day` (YYYY-MM-DD in the hospital's
   * zone, paging months forward), the time shown as `time` ("9:30 AM"), then the old → new confirmation.
   */
  async moveTo(day: string, time: string) {
    await this.reschedule.click();
    const picker = this.page.getByRole("region", { name: "Choose a new time" });
    const grid = picker.getByRole("grid");
    const cell = grid.locator(`button[data-date="${day}"]`);
    for (let month = 0; month < 4 && !(await cell.count()); month++) {
      await expect(grid).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
      if (await cell.count()) break;
      await picker.getByRole("button", { name: "Next month" }).click();
    }
    await cell.click();
    const times = picker.getByRole("button", { name: /^\d{1,2}:\d{2}\s?[AP]M/ });
    await expect(times.first()).toBeVisible({ timeout: 15_000 });
    await times
      .filter({ has: this.page.locator("span", { hasText: new RegExp(`^${escape(time).replace(/\s+/g, "\\s?")}$`) }) })
      .first()
      .click();
    await expect(this.page.getByRole("region", { name: "Confirm the new time" })).toContainText("From");
    await this.confirmMove.click();
    await expect(this.notice).toHaveText("Your appointment has moved.");
  }
}

/** The staff schedule (`/schedule`): day/week grids, today's list, the appointment panel. */
export class SchedulePage {
  readonly heading: Locator;
  readonly next: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Schedule" });
    this.next = page.getByRole("button", { name: /^Next (day|week)$/ });
    this.panel = page.getByRole("dialog");
  }

  async goto(tenant: DemoTenant) {
    await this.page.goto(tenantUrl(tenant, "/schedule"));
    await expect(this.heading).toBeVisible();
    // The grid is busy from the server's render until the page has hydrated and its appointments
    // arrived: a control changed before that would be reset by hydration.
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  }

  /** The view toggles; "day" and "week" are lower-case in the markup (capitalised by CSS only). */
  view(name: "day" | "week" | "Today's list"): Locator {
    return this.page.getByRole("group", { name: "View" }).getByRole("button", { name, exact: true });
  }

  /** The day view's column toggle: a column per provider or per room. */
  columns(name: "By provider" | "By room"): Locator {
    return this.page.getByRole("group", { name: "Columns" }).getByRole("button", { name, exact: true });
  }

  /** The range heading under the toolbar ("Mon, Nov 30 – Sun, Dec 6", or "Today's appointments"). */
  rangeHeading(text: string): Locator {
    return this.page.getByRole("heading", { level: 2, name: text, exact: true });
  }

  /** An appointment block in the day or week grid, by patient name. */
  block(patientName: string): Locator {
    return this.page.getByRole("button", { name: new RegExp(`\\b${escape(patientName)}\\s?, `) });
  }

  /** A row of today's list, by patient name. */
  todayRow(patientName: string): Locator {
    return this.page.getByRole("listitem").filter({ hasText: patientName });
  }
}
