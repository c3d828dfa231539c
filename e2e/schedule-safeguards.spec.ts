import { expect, test, type Page } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { SchedulePage } from "./support/booking-pages";
import { outboxMessagesTo } from "./support/outbox";
import { PERSONAS } from "./support/personas";
import { expectStatus, StaffSite } from "./support/public-client";
import { addDays, newPatient, runTag, todayIn, type PatientDetails } from "./support/scheduling";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui" (ops@agentcare.dev, an admin of Metro General): changes that used to happen
// silently now say what they do first, or can be taken back.

const ZONE = "America/New_York";
const TYPE = "Follow-up";

// Each test walks a whole flow with axe checks on a loaded machine.
test.describe.configure({ timeout: 180_000 });

const staff = () => new StaffSite(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));

/** A weekday five to six weeks ahead: free for the new providers below, inside the staff horizon. */
function freeWednesday(weeks = 5): string {
  const today = todayIn(ZONE);
  const dow = new Date(`${today}T12:00:00Z`).getUTCDay();
  return addDays(today, weeks * 7 + ((10 - dow) % 7));
}

/** Setup through the API (not what is under test): a provider of this test's own, with no hours (the organization's). */
async function newProvider(label: string): Promise<{ id: string; name: string }> {
  const name = `Dr. ${label} ${runTag()}`;
  const reply = await staff().post<{ data: { id: string } }>("/api/v1/providers", { name });
  expectStatus(reply, 201, "creating the test's provider");
  return { id: reply.body.data.id, name };
}

async function newPatientAtMetro(role: string): Promise<PatientDetails & { id: string; name: string }> {
  const details = newPatient(role);
  const reply = await staff().post<{ data: { id: string } }>("/api/v1/patients", details);
  expectStatus(reply, 201, "registering the test's patient");
  return { ...details, id: reply.body.data.id, name: `${details.firstName} ${details.lastName}` };
}

async function typeId(name: string): Promise<string> {
  const types = await staff().json<{ data: { id: string; name: string }[] }>("/api/v1/appointment-types");
  return types.data.find((t) => t.name === name)!.id;
}

test("saving hours shows each weekday that changes and names the one that becomes not working", async ({ page }) => {
  const provider = await newProvider("Hours");
  await page.goto(tenantUrl(METRO, `/providers/${provider.id}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(provider.name);

  // The first hours start from the organization's week: Saturday is added, the weekdays keep their times.
  await page.getByRole("button", { name: "Add hours on Saturday" }).click();
  await expect(page.getByLabel("Tuesday start")).toHaveValue("08:00");
  await page.getByRole("button", { name: /^Remove Monday / }).click();
  await page.getByRole("button", { name: "Save working hours" }).click();

  const preview = page.getByRole("dialog", { name: "Save these working hours?" });
  await expect(preview).toContainText("Monday becomes not working");
  const monday = preview.getByRole("row", { name: /^Monday/ });
  await expect(monday).toContainText("Organization's hours (08:00–18:00)");
  await expect(monday).toContainText("Not working");
  await expect(preview.getByRole("row", { name: /^Tuesday/ })).toContainText("Tuesday stops following the organization's hours");
  await expectNoSeriousAxeViolations(page, "the hours preview");

  // Nothing is saved until it is confirmed.
  await preview.getByRole("button", { name: "Keep editing" }).click();
  await expect(preview).toHaveCount(0);
  await page.getByRole("button", { name: "Save working hours" }).click();
  await preview.getByRole("button", { name: "Save working hours" }).click();
  await expect(page.getByText("Working hours saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Tuesday start")).toHaveValue("08:00");
  await expect(page.getByLabel("Monday start")).toHaveCount(0);
});

test("time off over a booked appointment lists it; cancelling it e-mails the patient", async ({ page }) => {
  const provider = await newProvider("Away");
  const patient = await newPatientAtMetro("Covered");
  const day = freeWednesday();
  const booked = await staff().post("/api/v1/appointments", {
    patientId: patient.id,
    providerId: provider.id,
    appointmentTypeId: await typeId(TYPE),
    startsAt: `${day}T16:00:00Z`,
  });
  expectStatus(booked, 201, "booking the appointment the time off will cover");

  await page.goto(tenantUrl(METRO, `/providers/${provider.id}`));
  const timeOff = page.getByRole("region", { name: "Time off", exact: true });
  await timeOff.getByRole("button", { name: "Add time off" }).click();
  await timeOff.getByLabel("Starts").fill(`${day}T00:00`);
  await timeOff.getByLabel("Ends").fill(`${day}T23:30`);
  await timeOff.getByLabel(/^Reason/).fill("Conference");
  await timeOff.getByRole("button", { name: "Add time off" }).click();

  const covered = timeOff.getByRole("group", { name: /covers a booked appointment/ });
  await expect(covered).toContainText(patient.name);
  await expect(covered).toContainText(TYPE);
  await expect(timeOff.getByRole("button", { name: "Add time off with these choices" })).toBeDisabled();
  await expectNoSeriousAxeViolations(page, "the covered appointments");
  await covered.getByRole("radio", { name: "Cancel and notify the patient" }).check();
  await timeOff.getByRole("button", { name: "Add time off with these choices" }).click();
  await expect(timeOff.getByText(/Time off added\. 1 appointment cancelled; the patients are e-mailed\./)).toBeVisible();

  await expect
    .poll(async () => (await outboxMessagesTo(patient.email)).map((m) => m.kind), { timeout: 10_000 })
    .toEqual(["confirmation", "cancellation"]);

  // Deleting the time off asks first.
  await timeOff.getByRole("button", { name: /^Delete time off / }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this time off?" });
  await expectNoSeriousAxeViolations(page, "the delete-time-off confirmation");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(timeOff.getByText("Conference")).toBeVisible();
  await timeOff.getByRole("button", { name: /^Delete time off / }).click();
  await confirm.getByRole("button", { name: "Delete time off" }).click();
  await expect(timeOff.getByText("No upcoming time off.")).toBeVisible();
});

async function bookInDialog(page: Page, patient: { firstName: string; lastName: string }, provider: string, day: string) {
  await page.getByRole("button", { name: "Book appointment" }).click();
  const dialog = page.getByRole("dialog", { name: "Book an appointment" });
  await dialog.getByLabel("Patient").fill(patient.lastName);
  await dialog
    .getByRole("list", { name: "Matching patients" })
    .getByRole("button", { name: new RegExp(patient.firstName) })
    .click();
  await dialog.getByLabel("Type").selectOption({ label: `${TYPE} (30 min)` });
  await dialog.getByLabel("Provider").selectOption({ label: provider });
  await dialog.getByLabel("Date").fill(day);
  const first = dialog
    .getByRole("group", { name: /^Free times/ })
    .getByRole("button")
    .first();
  await first.click();
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await dialog.getByRole("button", { name: "Book", exact: true }).click();
  return dialog;
}

test("a patient already booked at that time: staff are warned, book anyway, check in and undo; Escape closes the panel", async ({
  page,
}) => {
  const first = await newProvider("First");
  const second = await newProvider("Second");
  const patient = await newPatientAtMetro("Twice");
  const day = freeWednesday(6);
  const schedule = new SchedulePage(page);
  await schedule.goto(METRO);

  // Both providers are new and follow the organization's hours: their first free time is the same.
  const dialog = await bookInDialog(page, patient, first.name, day);
  await expect(dialog).toHaveCount(0);
  await expect(schedule.panel).toContainText(first.name);
  await schedule.panel.getByRole("button", { name: "Close" }).click();

  await bookInDialog(page, patient, second.name, day);
  const warning = dialog.getByRole("alert").filter({ hasText: "already has an appointment at that time" });
  await expect(warning).toContainText(first.name);
  await expect(warning).toContainText(TYPE);
  await expectNoSeriousAxeViolations(page, "the overlap warning");
  await warning.getByRole("button", { name: "Book anyway" }).click();
  await expect(dialog).toHaveCount(0);
  const panel = schedule.panel;
  await expect(panel).toContainText(second.name);

  // Check in, then take it back from the toast (by keyboard, focus stays where it was).
  await panel.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(panel.getByText("Checked in", { exact: true })).toBeVisible();
  const toasts = page.getByRole("region", { name: "Notifications" });
  await expect(toasts).toContainText(`${patient.name} checked in.`);
  // The pointer on the note holds it open (as focus does) while axe looks at it.
  await toasts.getByText(`${patient.name} checked in.`).hover();
  await expectNoSeriousAxeViolations(page, "the undo toast");
  const undo = toasts.getByRole("button", { name: "Undo" });
  await undo.focus();
  await page.keyboard.press("Enter");
  await expect(toasts).toContainText("Undone: the appointment is scheduled again.");
  await expect(panel.getByText("Scheduled", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Check in", exact: true })).toBeVisible();

  // Escape closes the panel and gives focus back to the block that opened it.
  await panel.getByRole("button", { name: "Close" }).click();
  await page.getByLabel("Date", { exact: true }).fill(day);
  await page.getByLabel("Provider").selectOption({ label: second.name });
  const block = schedule.block(patient.name);
  await block.click();
  await expect(panel).toContainText(second.name);
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(block).toBeFocused();
});
