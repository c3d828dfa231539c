import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. The demo week has past and
// upcoming appointments with every outcome; the reports page counts them, draws them, narrows to
// one provider and to one of its two locations, and saves a table as CSV.

test("an admin reads the appointments report, narrows it to one provider and to one location, and downloads a table as CSV", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(tenantUrl(METRO, "/reports"));
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).first()).toBeVisible();

  const appointments = page
    .getByRole("term")
    .filter({ hasText: /^Appointments$/ })
    .locator("xpath=following-sibling::dd[1]");
  await test.step("the last 30 days: figures, both charts and the tables", async () => {
    await expect(page.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(appointments).toHaveText(/^[1-9][\d,]*$/);
    for (const term of ["No-show rate", "Cancellations", "Utilisation", "Booked online", "Waiting-list fills"]) {
      await expect(page.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) })).toBeVisible();
    }
    await expect(page.getByRole("img", { name: /^Bar chart of appointments per day by outcome/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Bar chart of booked time as a share of bookable time per provider/ })).toBeVisible();
    await expect(
      page
        .getByRole("img", { name: /appointments per day/ })
        .locator("svg .recharts-bar-rectangle")
        .first(),
    ).toBeVisible();
    const byProvider = page.getByRole("region", { name: "By provider" });
    for (const name of METRO.providers) await expect(byProvider.getByRole("rowheader", { name })).toBeVisible();
    await expect(page.getByRole("region", { name: "Time to next available" }).getByRole("row")).not.toHaveCount(0);
    await expectNoSeriousAxeViolations(page, "the reports page with its charts");
  });

  const total = Number((await appointments.textContent())!.replace(/,/g, ""));
  await test.step("one provider: fewer appointments, one row", async () => {
    await page.getByLabel("Provider", { exact: true }).selectOption({ label: METRO.providers[0]! });
    await expect(page.getByRole("region", { name: "By provider" }).getByRole("rowheader")).toHaveCount(1);
    const narrowed = Number((await appointments.textContent())!.replace(/,/g, ""));
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(total);
  });

  await test.step("one location: Brooklyn Clinic counts only its visits, with the provider who works there", async () => {
    await page.getByLabel("Provider", { exact: true }).selectOption({ label: "All providers" });
    await expect.poll(async () => Number((await appointments.textContent())!.replace(/,/g, ""))).toBe(total);
    await page.getByLabel("Location", { exact: true }).selectOption({ label: "Brooklyn Clinic" });
    const byProvider = page.getByRole("region", { name: "By provider" });
    await expect(byProvider.getByRole("rowheader", { name: "Dr. Maria Rossi" })).toBeVisible();
    await expect(byProvider.getByRole("rowheader", { name: "Dr. Emily Chen" })).toHaveCount(0);
    const atBrooklyn = Number((await appointments.textContent())!.replace(/,/g, ""));
    expect(atBrooklyn).toBeLessThan(total);
    await page.getByLabel("Location", { exact: true }).selectOption({ label: "All locations" });
    await expect.poll(async () => Number((await appointments.textContent())!.replace(/,/g, ""))).toBe(total);
  });

  await test.step("a backwards range is refused beside the field", async () => {
    const first = page.getByLabel("First day");
    const last = page.getByLabel("Last day");
    const lastValue = await last.inputValue();
    await first.fill("2030-01-10");
    await last.fill("2030-01-01");
    await expect(last).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("The last day must not be before the first.")).toBeVisible();
    await page.getByRole("button", { name: "Last 30 days" }).click();
    await expect(last).toHaveValue(lastValue);
    await expect(last).not.toHaveAttribute("aria-invalid", "true");
  });

  await test.step("the provider table as a CSV file", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("region", { name: "By provider" }).getByRole("button", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^appointments-by-provider-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await file.path())!, "utf8");
    const [header, ...rows] = text.split("\r\n").filter(Boolean);
    expect(header).toMatch(/^provider,appointments,completed,/);
    // Busiest first, so which provider leads depends on the bookings other tests made.
    expect(rows.some((row) => row.startsWith(`${METRO.providers[0]!},`))).toBe(true);
  });
});
