import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. Every change below goes through
// the providers and appointment-types screens' server actions and must still be there after a reload.

const unique = () => crypto.randomBytes(3).toString("hex");

/** A calendar date `days` from today (UTC; far enough ahead that no zone makes it the past). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function createProvider(page: Page, name: string, specialty = "Dermatology") {
  await page.goto(tenantUrl(METRO, "/providers/new"));
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/^Title/).fill("MD");
  await page.getByLabel(/^Specialty/).fill(specialty);
  await page.getByLabel(/^Licence number/).fill(`LIC-${unique()}`);
  await page.getByRole("button", { name: "Create provider" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page).toHaveURL(/\/providers\/[0-9a-f-]{36}$/);
}

test("a provider is created, edited and deactivated; the list shows it as inactive", async ({ page }) => {
  const name = `Dr. Ui ${unique()}`;
  await createProvider(page, name);

  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel(/^Specialty/).fill("Sports medicine");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Provider details saved.")).toBeVisible();

  await page.getByRole("button", { name: "Deactivate provider" }).click();
  await page.getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(page.getByText("Provider deactivated.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("Sports medicine").first()).toBeVisible();
  await expect(page.getByText("This provider is inactive: nobody can book with them.")).toBeVisible();

  await page.goto(tenantUrl(METRO, "/providers"));
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(row).toContainText("Inactive");
  await page.getByRole("checkbox", { name: "Active only" }).check();
  await expect(page.getByRole("heading", { name: "Active providers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dr. Emily Chen" })).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("weekly hours, a day off, time off and offered types are saved and still there after a reload", async ({ page }) => {
  const name = `Dr. Hours ${unique()}`;
  const reason = `Conference ${unique()}`;
  const note = `Training ${unique()}`;
  await createProvider(page, name);

  // Weekly hours: Monday 09:00–17:00, copied to Tuesday–Friday.
  await page.getByRole("button", { name: "Add hours on Monday" }).click();
  await page.getByRole("button", { name: "Copy Monday to Tue–Fri" }).click();
  await page.getByRole("button", { name: "Save working hours" }).click();
  const preview = page.getByRole("dialog", { name: "Save these working hours?" });
  // The first hours start from the organization's week: Saturday keeps the hospital's morning, now as the provider's own.
  await expect(preview.getByRole("row", { name: /^Saturday/ })).toContainText("Saturday stops following the organization's hours");
  await expect(preview.getByRole("row", { name: /^Monday/ })).toContainText("09:00–17:00");
  await preview.getByRole("button", { name: "Save working hours" }).click();
  await expect(page.getByText("Working hours saved.")).toBeVisible();

  // A day off on one date.
  const overrides = page.getByRole("region", { name: "Date overrides", exact: true });
  await overrides.getByRole("button", { name: "Add override" }).click();
  await overrides.getByLabel("Date", { exact: true }).fill(inDays(12));
  await overrides.getByRole("radio", { name: "Day off (no hours)" }).check();
  await overrides.getByLabel(/^Note/).fill(note);
  await overrides.getByRole("button", { name: "Save override" }).click();
  await expect(overrides.getByText(/Override for .* saved\./)).toBeVisible();

  // Time off, in the hospital's time zone.
  const timeOff = page.getByRole("region", { name: "Time off", exact: true });
  await timeOff.getByRole("button", { name: "Add time off" }).click();
  await timeOff.getByLabel("Starts").fill(`${inDays(20)}T09:00`);
  await timeOff.getByLabel("Ends").fill(`${inDays(22)}T17:00`);
  await timeOff.getByLabel(/^Reason/).fill(reason);
  await timeOff.getByRole("button", { name: "Add time off" }).click();
  await expect(timeOff.getByText("Time off added.")).toBeVisible();

  // Offered types: the types come from the appointment-types list.
  const offered = page.getByRole("region", { name: "Appointment types offered" });
  await offered.getByRole("checkbox", { name: /^Follow-up/ }).check();
  await offered.getByRole("button", { name: "Save offered types" }).click();
  await expect(offered.getByText("Offered appointment types saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  for (const day of ["Monday", "Wednesday", "Friday"]) {
    await expect(page.getByLabel(`${day} start`)).toHaveValue("09:00");
    await expect(page.getByLabel(`${day} end`)).toHaveValue("17:00");
  }
  await expect(page.getByLabel("Saturday start")).toHaveValue("09:00");
  await expect(page.getByLabel("Sunday start")).toHaveCount(0);
  const savedOverride = page.getByRole("region", { name: "Date overrides", exact: true }).getByRole("listitem").filter({ hasText: note });
  await expect(savedOverride).toContainText("Day off");
  await expect(page.getByRole("region", { name: "Time off", exact: true }).getByText(reason)).toBeVisible();
  const savedTypes = page.getByRole("region", { name: "Appointment types offered" });
  await expect(savedTypes.getByRole("checkbox", { name: /^Follow-up/ })).toBeChecked();
  await expect(savedTypes.getByRole("checkbox", { name: /^Procedure/ })).not.toBeChecked();
  await expect(savedTypes.getByText("Currently: offers 1 of")).toBeVisible();

  // Removing the override and the time off sticks too.
  await page.getByRole("button", { name: /^Remove override on / }).click();
  await expect(page.getByText("Override removed: that day follows the weekly hours again.")).toBeVisible();
  await page.getByRole("button", { name: /^Delete time off / }).click();
  await page.getByRole("dialog", { name: "Delete this time off?" }).getByRole("button", { name: "Delete time off" }).click();
  await expect(page.getByText("Time off deleted.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("No upcoming overrides.")).toBeVisible();
  await expect(page.getByText("No upcoming time off.")).toBeVisible();
});

test("an appointment type is created and edited; a duplicate name is refused beside the field", async ({ page }) => {
  const name = `Check-up ${unique()}`;
  await page.goto(tenantUrl(METRO, "/appointment-types"));
  await page.getByRole("button", { name: "New appointment type" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Duration (minutes)").fill("25");
  await page.getByRole("button", { name: "Create appointment type" }).click();
  await expect(page.getByText(`Appointment type “${name}” created.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("25 min");

  await page.getByRole("button", { name: `Edit ${name}` }).click();
  await page.getByLabel("Duration (minutes)").fill("40");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Appointment type “${name}” saved.`)).toBeVisible();

  await page.getByRole("button", { name: "New appointment type" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create appointment type" }).click();
  await expect(page.getByText("An appointment type with this name already exists.").first()).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("40 min");
});
