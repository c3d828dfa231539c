import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { sessionCookieFrom } from "./support/api";
import { SchedulePage } from "./support/booking-pages";
import { PERSONAS } from "./support/personas";
import { expectStatus, StaffSite } from "./support/public-client";
import { addDays, BookingSite, newPatient, timeLabel, todayIn } from "./support/scheduling";
import { hostOf, METRO } from "./support/tenants";

// Project "staff-ui" (ops@agentcare.dev, an admin of Metro General): the front desk books a weekly
// series from the schedule's booking dialog. One week's time is already taken: the check shows it,
// another time that day is chosen, and the four visits are booked together. Then the rest of the
// series is cancelled from its second visit.

const ZONE = "America/New_York";
const PROVIDER = "Dr. Daniel Okafor";
const TYPE = "Follow-up";

/** A Thursday five to six weeks ahead: past the demo's booked fortnight and the other specs' days. */
function freeThursday(): string {
  const today = todayIn(ZONE);
  const dow = new Date(`${today}T12:00:00Z`).getUTCDay();
  return addDays(today, 35 + ((11 - dow) % 7));
}

test("the front desk books a weekly series around a taken week, then cancels the rest of it", async ({ page }) => {
  test.setTimeout(120_000);
  const staff = new StaffSite(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));
  const details = newPatient("Series");
  const registered = await staff.post<{ data: { id: string } }>("/api/v1/patients", details);
  expectStatus(registered, 201, "registering the test's patient");
  const name = `${details.firstName} ${details.lastName}`;

  const { typeId, providerId } = await BookingSite.of(METRO).pick(TYPE, PROVIDER);
  const day = freeThursday();
  const [first] = await BookingSite.of(METRO).slots({ typeId, providerId, from: day, days: 1 });
  expect(first, `a free ${TYPE} with ${PROVIDER} on ${day}`).toBeDefined();
  const time = timeLabel(first!.startsAt, ZONE);
  // Week 3 at the same time is taken by another patient.
  const other = await staff.post<{ data: { id: string } }>("/api/v1/patients", newPatient("Taken"));
  const taken = await staff.post("/api/v1/appointments", {
    patientId: other.body.data.id,
    providerId,
    appointmentTypeId: typeId,
    startsAt: new Date(new Date(first!.startsAt).getTime() + 14 * 86_400_000).toISOString(),
  });
  expectStatus(taken, 201, "booking the taken week");

  const schedule = new SchedulePage(page);
  await schedule.goto(METRO);
  await page.getByRole("button", { name: "Book appointment" }).click();
  const dialog = page.getByRole("dialog", { name: "Book an appointment" });
  await dialog.getByLabel("Patient").fill(details.lastName);
  await dialog
    .getByRole("list", { name: "Matching patients" })
    .getByRole("button", { name: new RegExp(details.firstName) })
    .click();
  await dialog.getByLabel("Type").selectOption({ label: `${TYPE} (30 min)` });
  await dialog.getByLabel("Provider").selectOption({ label: PROVIDER });
  await dialog.getByLabel("Date").fill(day);
  await dialog
    .getByRole("group", { name: /^Free times/ })
    .getByRole("button", { name: time, exact: true })
    .click();

  await test.step("repeat weekly, four visits: the check shows the taken week with another time that day", async () => {
    await dialog.getByLabel("Repeat this visit weekly…").check();
    const series = dialog.getByRole("group", { name: "Repeat weekly" });
    await series.getByLabel("Every (weeks)").fill("1");
    await series.getByLabel("Number of visits").fill("4");
    await expect(dialog.getByRole("button", { name: "Check the dates to book the series" })).toBeDisabled();
    await series.getByRole("button", { name: "Check the dates" }).click();
    const visits = dialog.getByRole("list", { name: "Visits in the series" }).getByRole("listitem");
    await expect(visits).toHaveCount(4);
    await expect(dialog.getByRole("status")).toHaveText(`3 of 4 visits are free at ${time}; 4 will be booked.`);
    await expect(visits.nth(2)).toContainText("Not free");
    await expect(visits.nth(2).getByRole("combobox")).toHaveValue(/\d+/);
    await expectNoSeriousAxeViolations(page, "the booking dialog with a checked series");
  });

  await test.step("book the four visits together", async () => {
    await dialog.getByRole("button", { name: "Book 4 visits" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(new RegExp(`Booked 4 visits for ${name}`))).toBeVisible();
  });

  await test.step("the second visit knows its place; cancelling it and the later ones leaves the first", async () => {
    // The booked visit opened in its panel: start again from the schedule, on the second week.
    await schedule.goto(METRO);
    await page.getByLabel("Date", { exact: true }).fill(addDays(day, 7));
    await page.getByLabel("Provider").selectOption({ label: PROVIDER });
    await schedule.block(name).click();
    const panel = schedule.panel;
    await expect(panel).toContainText("Visit 2 of 4, every week");
    await panel.getByRole("button", { name: "Cancel" }).click();
    await panel.getByLabel("This and the later visits (3 in all)").check();
    await panel.getByRole("button", { name: "Cancel 3 visits" }).click();
    await expect(page.getByText(/^3 visits of the series cancelled/)).toBeVisible();
    const rows = await staff.get<{ data: { patientName: string; status: string; startsAt: string }[] }>(
      `/api/v1/appointments?from=${day}&to=${addDays(day, 28)}&provider=${providerId}`,
    );
    const mine = rows.body.data.filter((r) => r.patientName === name).map((r) => r.status);
    expect(mine).toEqual(["scheduled", "cancelled", "cancelled", "cancelled"]);
  });
});
