import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { send } from "./support/public-client";
import { BookingSite } from "./support/scheduling";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. On a provider's page the admin
// makes the provider's private calendar subscription, a calendar app fetches it, the address is
// replaced (the old one stops working) and the feed is turned off.

const FEED_PATH = /\/api\/v1\/public\/calendar-feeds\/[A-Za-z0-9_-]{16,}\.ics$/;

async function fetchFeed(address: string) {
  const url = new URL(address);
  return send({ host: hostOf(METRO), path: url.pathname, headers: { accept: "text/calendar" } });
}

async function shownAddress(page: Page): Promise<string> {
  const field = page.getByRole("textbox", { name: "Subscription address" });
  await expect(field).toBeFocused();
  const address = await field.inputValue();
  expect(address).toMatch(FEED_PATH);
  return address;
}

test("an admin makes a provider's calendar feed, a calendar app reads it, the address is replaced and the feed turned off", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const options = await BookingSite.of(METRO).options();
  // A demo provider with booked visits (not Dr. Chen: the clinician project manages her own feed meanwhile).
  const provider = options.providers.find((p) => p.name === "Dr. Lan Nguyen")!;
  await page.goto(tenantUrl(METRO, `/providers/${provider.id}`));
  const panel = page.getByRole("region", { name: "Calendar feed" });
  await expect(panel).toBeVisible();

  // A feed left by an earlier run on the same database is turned off first.
  if (await panel.getByRole("button", { name: "Turn off…" }).isVisible()) {
    await panel.getByRole("button", { name: "Turn off…" }).click();
    await panel.getByRole("button", { name: "Turn off", exact: true }).click();
    await expect(panel.getByRole("status")).toContainText("The calendar feed is off");
  }
  await expect(panel).toContainText("No calendar feed.");
  await expect(panel).toContainText("appointment type only, never the patient's name");

  let first = "";
  await test.step("make the address: shown once, focused, with how to subscribe", async () => {
    await panel.getByRole("button", { name: "Make feed address" }).click();
    first = await shownAddress(page);
    await expect(panel).toContainText("it is shown only once");
    await expect(panel).toContainText("Google Calendar");
    await expect(panel.getByRole("button", { name: "Copy address" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the provider page with a new calendar feed address");
  });

  await test.step("a calendar app fetches it: the provider's visits as iCalendar", async () => {
    const feed = await fetchFeed(first);
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const text = feed.text.replace(/\r\n[ \t]/g, "");
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain(`X-WR-CALNAME:${provider.name} — `);
    expect(text).toContain("BEGIN:VEVENT");
    expect(text).toContain("Open in AgentCare: http://");
  });

  await test.step("after a reload the feed is on and was fetched; the address is not shown again", async () => {
    await page.reload();
    await expect(panel).toContainText(/Made .* · last fetched /);
    await expect(page.getByRole("textbox", { name: "Subscription address" })).toHaveCount(0);
  });

  let second = "";
  await test.step("replace the address: the old one answers 404, the new one works", async () => {
    await panel.getByRole("button", { name: "Replace address…" }).click();
    await expect(panel.getByRole("group")).toContainText("Calendars subscribed to the current one stop updating");
    await expectNoSeriousAxeViolations(page, "the calendar feed's replace confirmation");
    await panel.getByRole("button", { name: "Replace address", exact: true }).click();
    second = await shownAddress(page);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
  });

  await test.step("cancel keeps the feed; turning it off ends it", async () => {
    await panel.getByRole("button", { name: "Turn off…" }).click();
    await panel.getByRole("button", { name: "Cancel" }).click();
    await expect(panel.getByRole("button", { name: "Turn off…" })).toBeFocused();
    expect((await fetchFeed(second)).status).toBe(200);
    await panel.getByRole("button", { name: "Turn off…" }).click();
    await panel.getByRole("button", { name: "Turn off", exact: true }).click();
    await expect(panel.getByRole("status")).toContainText("The calendar feed is off");
    await expect(panel).toContainText("No calendar feed.");
    expect((await fetchFeed(second)).status).toBe(404);
  });
});
