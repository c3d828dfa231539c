import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { BookingPage } from "./support/booking-pages";
import { METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. Metro General sees patients at
// two locations: Main Campus (the main one) and Brooklyn Clinic, where Dr. Maria Rossi works on
// Tuesdays and Thursdays. Procedures need a procedure room at the visit's location.

test("an admin sees the locations and their rooms, adds a room; a patient chooses Brooklyn and is offered its provider on its days", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await test.step("Settings → Locations: both locations with their rooms; a new room", async () => {
    await page.goto(tenantUrl(METRO, "/settings/locations"));
    await expect(page.getByRole("heading", { level: 1, name: "Locations" })).toBeVisible();
    const main = page.getByRole("region", { name: "Main Campus" });
    const brooklyn = page.getByRole("region", { name: "Brooklyn Clinic" });
    await expect(main.getByText("Main location")).toBeVisible();
    await expect(main.getByText("Procedure Room 2", { exact: true })).toBeVisible();
    await expect(brooklyn.getByText("Procedure Room B1", { exact: true })).toBeVisible();
    const room = `Exam Room B${Date.now() % 100_000}`;
    await brooklyn.getByLabel("Name (at Brooklyn Clinic)").fill(room);
    await brooklyn.getByLabel("Kind").fill("Exam  Room");
    await brooklyn.getByRole("button", { name: "Add room or equipment" }).click();
    await expect(page.getByText(`${room} added at Brooklyn Clinic.`)).toBeVisible();
    await expect(brooklyn.getByRole("listitem").filter({ hasText: room })).toContainText("exam room");
    await expectNoSeriousAxeViolations(page, "the locations settings page");
  });

  await test.step("Dr. Rossi's page shows where she works each weekday", async () => {
    await page.goto(tenantUrl(METRO, "/providers"));
    await page.getByRole("main").getByRole("link", { name: "Dr. Maria Rossi" }).first().click();
    const panel = page.getByRole("region", { name: "Locations" });
    await expect(panel.getByLabel("Tuesday")).toHaveValue(/[0-9a-f-]{36}/);
    await expect(panel.getByLabel("Tuesday").locator("option:checked")).toHaveText("Brooklyn Clinic");
    await expect(panel.getByLabel("Monday").locator("option:checked")).toHaveText("Main location (Main Campus)");
  });

  await test.step("the public booking page: a location first; at Brooklyn only Dr. Rossi, only on Tuesdays and Thursdays", async () => {
    const booking = new BookingPage(page);
    await page.goto(tenantUrl(METRO, "/book"));
    await expect(booking.locationStep).toBeVisible();
    await expect(booking.locationStep.getByRole("button")).toHaveCount(2);
    await expect(booking.locationStep.getByRole("button", { name: /^Brooklyn Clinic/ })).toContainText("456 Atlantic Ave");
    await booking.chooseLocation("Brooklyn Clinic");
    await booking.chooseType("Follow-up");
    await expect(booking.providerStep.getByRole("button")).toHaveText([/^Any available/, /^Dr\. Maria Rossi/]);
    await booking.chooseProvider("Dr. Maria Rossi");
    await booking.firstFreeDay();
    const names = await booking.freeDays.evaluateAll((days) => days.map((d) => d.getAttribute("aria-label") ?? ""));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^(Tuesday|Thursday)\b/);
    await (await booking.firstSlot()).click();
    await expect(booking.detailsStep).toContainText("with Dr. Maria Rossi at Brooklyn Clinic on");
    await expect(page.getByRole("navigation", { name: "Your choices" })).toContainText("Location: Brooklyn Clinic");
  });
});

test("an admin edits a location: a wrong time zone is refused beside the field, a new phone is saved, closing a location with visits to come is refused", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(tenantUrl(METRO, "/settings/locations"));
  const brooklyn = page.getByRole("region", { name: "Brooklyn Clinic" });
  const form = brooklyn.getByRole("form", { name: "Edit Brooklyn Clinic" });
  const openEditor = async () => {
    await brooklyn.getByRole("button", { name: "Edit Brooklyn Clinic" }).click();
    await expect(form).toBeVisible();
  };

  await test.step("a time zone that does not exist: the error beside the field, nothing saved", async () => {
    await openEditor();
    await expect(form.getByLabel("Name")).toHaveValue("Brooklyn Clinic");
    await expect(form.getByLabel("Open for booking")).toBeChecked();
    await form.getByLabel("Time zone").fill("Mars/Olympus");
    await form.getByRole("button", { name: "Save Brooklyn Clinic" }).click();
    await expect(form.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("Use an IANA time zone such as America/New_York.").first()).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the location editor with a field error");
    await brooklyn.getByRole("button", { name: "Stop editing Brooklyn Clinic" }).click();
    await expect(brooklyn).toContainText("America/New_York");
  });

  await test.step("a new phone number is saved and shown, then the old one put back", async () => {
    for (const phone of ["+1-555-0177", "+1-555-0150"]) {
      await openEditor();
      await form.getByLabel("Phone").fill(phone);
      await form.getByRole("button", { name: "Save Brooklyn Clinic" }).click();
      await expect(page.getByText("Brooklyn Clinic saved.")).toBeVisible();
      await expect(form).toBeHidden();
      await expect(brooklyn).toContainText(phone);
    }
  });

  await test.step("closing it while patients are booked there is refused, and it stays open", async () => {
    await openEditor();
    await form.getByLabel("Open for booking").uncheck();
    await form.getByRole("button", { name: "Save Brooklyn Clinic" }).click();
    await expect(form.getByRole("alert").first()).toContainText(/Brooklyn Clinic still has \d+ upcoming appointments?\. Move or cancel/);
    await expect(form.getByLabel("Open for booking")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousAxeViolations(page, "the location editor refusing to close");
    await page.reload();
    await expect(page.getByRole("region", { name: "Brooklyn Clinic" }).getByText("Closed", { exact: true })).toHaveCount(0);
  });
});
