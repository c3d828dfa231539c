import { expect, test, type Locator, type Page } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { SchedulePage } from "./support/booking-pages";
import { PERSONAS } from "./support/personas";
import { expectStatus, StaffSite } from "./support/public-client";
import { addDays, dayLabel, newPatient, squash, todayIn, type PatientDetails } from "./support/scheduling";
import { hostOf, METRO } from "./support/tenants";

// Project "staff-ui" (ops@agentcare.dev, an admin of Metro General): the front desk books, moves and
// cancels from /schedule, every change a server action, and each is still there after a reload.

const ZONE = "America/New_York";
const PROVIDER = "Dr. Maria Rossi";
const TYPE = "Follow-up";

/** A Tuesday three to four weeks ahead: past the demo's booked fortnight, so the day is free. */
function freeTuesday(): string {
  const today = todayIn(ZONE);
  const dow = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, 21 + ((9 - dow) % 7));
}

/** A patient of this test's own, registered at Metro (the setup, not what is under test). */
async function registerPatient(role: string): Promise<PatientDetails & { name: string }> {
  const details = newPatient(role);
  const staff = new StaffSite(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));
  const reply = await staff.post("/api/v1/patients", details);
  expectStatus(reply, 201, "registering the test's patient");
  return { ...details, name: `${details.firstName} ${details.lastName}` };
}

/** Books through the schedule's dialog: patient, type, provider, day, the first (or last) free time. Returns that time's label. */
async function bookFromSchedule(
  page: Page,
  patient: PatientDetails & { name: string },
  day: string,
  pick: "first" | "last" = "first",
): Promise<string> {
  await page.getByRole("button", { name: "Book appointment" }).click();
  const dialog = page.getByRole("dialog", { name: "Book an appointment" });
  await dialog.getByLabel("Patient").fill(patient.lastName);
  await dialog
    .getByRole("list", { name: "Matching patients" })
    .getByRole("button", { name: new RegExp(patient.firstName) })
    .click();
  await dialog.getByLabel("Type").selectOption({ label: `${TYPE} (30 min)` });
  await dialog.getByLabel("Provider").selectOption({ label: PROVIDER });
  await dialog.getByLabel("Date").fill(day);
  const times = dialog.getByRole("group", { name: /^Free times/ }).getByRole("button");
  const chosen = pick === "first" ? times.first() : times.last();
  const time = squash((await chosen.textContent()) ?? "");
  await chosen.click();
  await expect(chosen).toHaveAttribute("aria-pressed", "true");
  await dialog.getByRole("button", { name: "Book", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  return time;
}

/** A fresh load of the schedule: the day view of `day`, one provider's column. */
async function showDay(page: Page, day: string): Promise<SchedulePage> {
  const schedule = new SchedulePage(page);
  await schedule.goto(METRO);
  await page.getByLabel("Date", { exact: true }).fill(day);
  await page.getByLabel("Provider").selectOption({ label: PROVIDER });
  return schedule;
}

/** The day view's heading: "Tuesday, January 5, 2027". */
const longDate = (day: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );

const when = (panel: Locator) => panel.locator("dt", { hasText: /^When$/ }).locator("xpath=following-sibling::dd[1]");

test("the front desk books a patient from the schedule and moves the visit to the next day; the move survives a reload", async ({
  page,
}) => {
  const patient = await registerPatient("Desk");
  const day = freeTuesday();
  const nextDay = addDays(day, 1);
  const schedule = new SchedulePage(page);
  await schedule.goto(METRO);

  const time = await bookFromSchedule(page, patient, day);
  // The new appointment opens in the panel.
  const panel = schedule.panel;
  await expect(panel.getByRole("heading", { name: TYPE })).toBeVisible();
  await expect(panel).toContainText(patient.name);
  await expect(panel).toContainText(PROVIDER);
  await expect(panel).toContainText("Scheduled");
  expect(squash((await when(panel).textContent()) ?? "")).toContain(`${dayLabel(`${day}T17:00:00Z`, ZONE)}, ${time}`);

  await panel.getByRole("button", { name: "Reschedule" }).click();
  await panel.getByLabel("New date").fill(nextDay);
  const target = panel.getByRole("group", { name: "Free times" }).getByRole("button").first();
  const newTime = squash((await target.textContent()) ?? "");
  await target.click();
  await expect(when(panel)).toContainText(dayLabel(`${nextDay}T17:00:00Z`, ZONE));

  await showDay(page, nextDay);
  const block = schedule.block(patient.name);
  await expect(block).toHaveAccessibleName(new RegExp(`${patient.name}\\s?, ${TYPE}\\s?, scheduled$`));
  expect(squash((await block.textContent()) ?? "")).toContain(`${newTime} ${patient.name}`);
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(schedule.rangeHeading(longDate(day))).toBeVisible();
  await expect(schedule.block(patient.name)).toHaveCount(0);
});

test("the front desk cancels a booking with a reason; after a reload it is cancelled, with the reason and no way to move it", async ({
  page,
}) => {
  const patient = await registerPatient("Cancel");
  const day = addDays(freeTuesday(), 2);
  const schedule = new SchedulePage(page);
  const panel = schedule.panel;
  await schedule.goto(METRO);

  await bookFromSchedule(page, patient, day);
  await panel.getByRole("button", { name: "Cancel", exact: true }).click();
  await panel.getByLabel("Reason for cancelling").fill("Patient asked to cancel");
  await panel.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(panel).toContainText("Patient asked to cancel");
  await expect(panel.getByRole("button", { name: "Reschedule" })).toHaveCount(0);

  await showDay(page, day);
  const block = schedule.block(patient.name);
  await expect(block).toHaveAccessibleName(new RegExp(`${patient.name}\\s?, ${TYPE}\\s?, cancelled$`));
  await block.click();
  await expect(panel.getByText("Cancelled", { exact: true }).first()).toBeVisible();
  await expect(panel).toContainText("Patient asked to cancel");
  await expect(panel.getByRole("button", { name: "Reschedule" })).toHaveCount(0);
});

test("the front desk checks a patient in from the appointment panel; after a reload the visit is checked in", async ({ page }) => {
  const patient = await registerPatient("Arrive");
  const day = addDays(freeTuesday(), 3);
  const schedule = new SchedulePage(page);
  const panel = schedule.panel;
  await schedule.goto(METRO);

  const time = await bookFromSchedule(page, patient, day);
  await panel.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(panel.getByText("Checked in", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Check in", exact: true })).toHaveCount(0);

  await showDay(page, day);
  const block = schedule.block(patient.name);
  await expect(block).toHaveAccessibleName(new RegExp(`${patient.name}\\s?, ${TYPE}\\s?, checked in$`));
  expect(squash((await block.textContent()) ?? "")).toContain(`${time} ${patient.name}`);
});
