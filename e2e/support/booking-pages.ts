import { expect, type Locator, type Page } from "@playwright/test";
import type { PatientDetails } from "./scheduling";
import { tenantUrl, type DemoTenant } from "./tenants";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A time button's name: "9:00 AM" (with whatever space the browser's ICU puts before AM). */
const TIME = /^\d{1,2}:\d{2}\s?[AP]M$/;

/** The public booking flow on a hospital's host (`/book`): type → provider → time → details. */
export class BookingPage {
  readonly typeStep: Locator;
  readonly providerStep: Locator;
  readonly timeStep: Locator;
  readonly detailsStep: Locator;
  readonly slotButtons: Locator;
  readonly noTimes: Locator;
  readonly later: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.typeStep = page.getByRole("region", { name: /What kind of appointment\?/ });
    this.providerStep = page.getByRole("region", { name: /Who would you like to see\?/ });
    this.timeStep = page.getByRole("region", { name: /Choose a time/ });
    this.detailsStep = page.getByRole("region", { name: /Your details/ });
    this.slotButtons = this.timeStep.getByRole("button", { name: TIME });
    this.noTimes = this.timeStep.getByText(/No free times this week/);
    this.later = this.timeStep.getByRole("button", { name: "Later →" });
    this.submit = this.detailsStep.getByRole("button", { name: "Book appointment" });
  }

  async goto(tenant: DemoTenant) {
    await this.page.goto(tenantUrl(tenant, "/book"));
    await expect(this.page.getByRole("heading", { level: 1, name: "Book an appointment" })).toBeVisible();
  }

  async chooseType(name: string) {
    const choice = this.typeStep.getByRole("button", { name: new RegExp(`^${escape(name)}`) });
    await choice.click();
    await expect(choice).toHaveAttribute("aria-pressed", "true");
  }

  async chooseProvider(name: string) {
    const choice = this.providerStep.getByRole("button", { name: new RegExp(`^${escape(name)}`) });
    await choice.click();
    await expect(choice).toHaveAttribute("aria-pressed", "true");
  }

  /** The first offered time, paging "Later →" through weeks that have none. */
  async firstSlot(maxWeeks = 9): Promise<Locator> {
    for (let week = 0; week < maxWeeks; week++) {
      await expect(this.slotButtons.first().or(this.noTimes)).toBeVisible({ timeout: 15_000 });
      if (await this.slotButtons.count()) return this.slotButtons.first();
      await this.later.click();
    }
    throw new Error(`no time offered in ${maxWeeks} weeks`);
  }

  /** The day heading above a time button (its column's h3). */
  dayOf(slot: Locator): Locator {
    return slot.locator("xpath=ancestor::div[h3][1]/h3");
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
  readonly reschedule: Locator;
  readonly notice: Locator;
  readonly invalid: Locator;

  constructor(readonly page: Page) {
    this.booked = page.getByRole("status").filter({ hasText: /You.re booked/ });
    this.cancel = page.getByRole("button", { name: "Cancel appointment" });
    this.reschedule = page.getByRole("button", { name: "Reschedule" });
    this.notice = page.getByRole("status").filter({ hasNotText: /You.re booked/ });
    this.invalid = page.getByRole("alert").filter({ hasText: /not valid/ });
  }

  async goto(tenant: DemoTenant, token: string) {
    await this.page.goto(tenantUrl(tenant, `/appointments/manage/${token}`));
  }

  /** The value shown beside a term ("When", "With", "Status"). */
  field(term: string): Locator {
    return this.page.locator("dt", { hasText: new RegExp(`^${escape(term)}$`) }).locator("xpath=following-sibling::dd[1]");
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
  }

  /** The view toggles; "day" and "week" are lower-case in the markup (capitalised by CSS only). */
  view(name: "day" | "week" | "Today's list"): Locator {
    return this.page.getByRole("group", { name: "View" }).getByRole("button", { name, exact: true });
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
