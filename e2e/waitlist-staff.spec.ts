import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { claimLinkIn, outboxMessagesTo } from "./support/outbox";
import { expectStatus, PublicSite } from "./support/public-client";
import { addDays, BookingSite, localDate, newPatient, type PatientDetails } from "./support/scheduling";
import { canInspectDatabase } from "./support/security-events";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. Patients join the waiting list
// on the public site (the REST call the booking page makes); the front desk sees them on the
// waiting-list page, offers one a free time by hand (the same e-mail and claim link the automatic
// offers use) and takes another off the list.

test("staff see who waits, offer one patient a free time and take another off the list", async ({ page }) => {
  test.setTimeout(120_000);
  const booking = BookingSite.of(METRO);
  const options = await booking.options();
  const provider = options.providers.find((p) => p.appointmentTypeIds.length > 0)!;
  const type = options.types.find((t) => provider.appointmentTypeIds.includes(t.id))!;
  const timeZone = options.organization.timeZone;
  // A day ahead with free times for that type and provider, so the offer dialog has some to show.
  const slots = await booking.slots({ typeId: type.id, providerId: provider.id, from: addDays(localDate(new Date(), timeZone), 2) });
  expect(slots.length, `free ${type.name} times with ${provider.name}`).toBeGreaterThan(0);
  const day = localDate(slots[0]!.startsAt, timeZone);

  const family = `Wl${Date.now().toString(36)}`;
  const offered = newPatient("Offered", family);
  const removed = newPatient("Removed", family);
  const join = async (patient: PatientDetails) => {
    const reply = await new PublicSite(hostOf(METRO)).post("/api/v1/public/waitlist", {
      appointmentTypeId: type.id,
      providerId: provider.id,
      earliestDate: day,
      latestDate: addDays(day, 3),
      patient,
    });
    expectStatus(reply, 201, `${patient.firstName} joins the waiting list`);
  };
  await join(offered);
  await join(removed);
  const nameOf = (p: PatientDetails) => `${p.firstName} ${p.lastName}`;
  const rowOf = (p: PatientDetails) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(nameOf(p)) }) });

  await test.step("the waiting-list page lists both, with what they want", async () => {
    await page.goto(tenantUrl(METRO, "/waitlist"));
    await expect(page.getByRole("heading", { level: 1, name: "Waiting list" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Waiting list" }).first()).toBeVisible();
    await page.getByLabel("Provider", { exact: true }).selectOption(provider.id);
    await page.getByLabel("Appointment type", { exact: true }).selectOption(type.id);
    for (const patient of [offered, removed]) {
      await expect(rowOf(patient)).toContainText(type.name);
      await expect(rowOf(patient)).toContainText(provider.name);
      await expect(rowOf(patient)).toContainText(patient.email);
    }
    await expectNoSeriousAxeViolations(page, "the waiting list");
  });

  await test.step("a manual offer: pick a free time, send it; the row shows the offer", async () => {
    await rowOf(offered)
      .getByRole("button", { name: `Offer a time to ${nameOf(offered)}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `Offer a time to ${nameOf(offered)}` });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Provider", { exact: true }).selectOption(provider.id);
    const times = dialog.getByRole("list", { name: "Free times" }).getByRole("button");
    await expect(times.first()).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the offer dialog");
    await times.first().click();
    await expect(times.first()).toHaveAttribute("aria-pressed", "true");
    await dialog.getByRole("button", { name: "Send offer" }).click();
    await expect(page.getByText(`Offer e-mailed to ${nameOf(offered)}.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(rowOf(offered)).toContainText("Offered");
    await expect(rowOf(offered)).toContainText(/Open until/);
    if (canInspectDatabase) {
      const mails = (await outboxMessagesTo(offered.email)).filter((m) => m.kind === "waitlist_offer");
      expect(mails).toHaveLength(1);
      expect(claimLinkIn(mails[0]!.body_text)).toMatch(/\/waitlist\/claim\//);
    }
  });

  await test.step("removing the other patient takes them off the list", async () => {
    await rowOf(removed)
      .getByRole("button", { name: `Remove ${nameOf(removed)}` })
      .click();
    const dialog = page.getByRole("dialog", { name: "Remove from the waiting list?" });
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(page.getByText(`${nameOf(removed)} was taken off the waiting list.`)).toBeVisible();
    await expect(rowOf(removed)).toContainText("Removed");
    await expect(rowOf(removed).getByRole("button")).toHaveCount(0);

    await page.getByLabel("Status", { exact: true }).selectOption("waiting");
    await expect(rowOf(removed)).toHaveCount(0);
    await page.getByLabel("Status", { exact: true }).selectOption("cancelled");
    await expect(rowOf(removed)).toBeVisible();
    await expect(rowOf(offered)).toHaveCount(0);
    await expectNoSeriousAxeViolations(page, "the waiting list, filtered");
  });
});
