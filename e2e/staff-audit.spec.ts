import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { verifyExportText } from "../lib/audit/canonical";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { METRO, SUNSET, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General (enterprise plan, with audit
// export) and of Sunset Clinic (professional plan, without). From a patient's record to every
// access of it, one event's place in the chain, a verification on request, and an export the
// auditor re-verifies offline.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an admin follows a patient's access history, opens an event in the chain, verifies the chain and exports a verifiable file", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(tenantUrl(METRO, "/patients"));
  const patientLink = page.locator('main table a[href*="/patients/"]:not([href$="/patients/new"]):not([href$="/reconcile"])').first();
  await patientLink.click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}/);
  const patientId = /\/patients\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const patientName = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();

  await test.step("the record says who opened this chart: the look just taken, by this admin", async () => {
    const access = page.getByRole("region", { name: "Who opened this chart" });
    const look = access.getByRole("row").filter({ hasText: "Viewed patient" }).first();
    await expect(look).toBeVisible();
    await expect(look).toContainText("Operations Admin");
    await expectNoSeriousAxeViolations(page, "a patient's record with who opened it");
  });

  await test.step("the audit log, filtered to the patient from the record", async () => {
    await page.getByRole("link", { name: "Search the audit log" }).click();
    await page.waitForURL(/\/settings\/audit\?patient=/);
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByLabel("Patient ID")).toHaveValue(patientId);
    const events = page.getByRole("region", { name: "Events" });
    await expect(events.getByRole("row").nth(1)).toBeVisible();
    await expect(events.getByRole("row").filter({ hasText: "Viewed patient" }).first()).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the audit log filtered to one patient");
  });

  await test.step("an event opens with who, what, the patient and its place in the chain", async () => {
    // A look is sealed into the chain within seconds of its request (the server's sealer): until then it has no place yet.
    const events = page.getByRole("region", { name: "Events" });
    const look = events.getByRole("row").filter({ hasText: "Viewed patient" }).first();
    await expect
      .poll(
        async () => {
          await page.reload();
          return look.textContent({ timeout: 15_000 });
        },
        { timeout: 30_000 },
      )
      .toMatch(/#\d/);
    await look.getByRole("button", { name: /^Open the event/ }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: /^Event #\d+/ })).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByRole("link", { name: patientName })).toBeVisible();
    await expect(dialog.getByText("matches its hash")).toBeVisible();
    await expect(dialog.getByRole("button", { name: /^Previous event \(#\d+\)$/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "an audit event with its place in the chain");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
  });

  await test.step("filters: every look at a patient record, then everything again", async () => {
    await page.getByLabel("Patient ID").fill("");
    await page.getByLabel("Kind of record").fill("patient");
    await page.getByLabel("Action").selectOption({ label: "Viewed" });
    const events = page.getByRole("region", { name: "Events" });
    await expect(events.getByRole("row").nth(1)).toBeVisible();
    for (const text of (await events.getByRole("row").allInnerTexts()).slice(1)) expect(text).toContain("Viewed patient");
    await page.getByLabel("Kind of record").fill("");
    await page.getByLabel("Action").selectOption({ label: "All actions" });
  });

  await test.step("the chain verified on request: intact, with its head", async () => {
    await page.getByRole("button", { name: "Verify now" }).click();
    const onRequest = page.getByRole("heading", { name: "Last check on request" }).locator("..");
    await expect(onRequest.getByText("Intact")).toBeVisible({ timeout: 30_000 });
    await expect(onRequest.getByText(/events checked · head #\d/)).toBeVisible();
  });

  await test.step("an NDJSON export downloads and verifies offline", async () => {
    await page.getByLabel("First day").fill(day(-2));
    await page.getByLabel("Last day").fill(day(1));
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download export" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-metro-general-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.ndjson$/);
    const check = verifyExportText(fs.readFileSync((await file.path())!, "utf8"));
    expect(check).toMatchObject({ ok: true });
    expect(check.rows).toBeGreaterThan(0);
    if (check.ok)
      console.log(`audit export: ${check.rows} events, seq ${check.firstSeq}–${check.lastSeq}, every link and hash verified offline`);
    await expect(page.getByRole("status").filter({ hasText: /^Downloaded audit-/ })).toBeVisible();
  });

  await test.step("a backwards range is refused before anything is asked", async () => {
    await page.getByLabel("First day").fill(day(1));
    await page.getByLabel("Last day").fill(day(-1));
    await page.getByRole("button", { name: "Download export" }).click();
    await expect(page.getByText("The last day must not be before the first.")).toBeVisible();
  });
});

test("on a plan without audit export, the page says so and offers the plans", async ({ page }) => {
  await page.goto(tenantUrl(SUNSET, "/settings/audit"));
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByText(/Audit log export is not included in the Professional plan/)).toBeVisible();
  await expect(page.getByRole("link", { name: "See plans and usage" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify now" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, "the audit log on a plan without it");
});
