import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { checkAccessReport } from "../lib/audit/report-check";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { outboxMessagesTo } from "./support/outbox";
import { canInspectDatabase } from "./support/server-database";
import { METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. An admin opens a patient's
// record; the patient, signed out, asks for their access report from the hospital's site, opens
// the link from the e-mail, sees that look by name, and downloads the report; the admin's audit
// export of the same days confirms it offline, event by event, with none left out.

test("a patient asks for their access report, sees who opened their record, and an auditor confirms it against the export", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  test.skip(!canInspectDatabase, "reads the e-mail from the e2e server's database");
  // From the server under test, as its admin: other e2e servers' databases hold the same demo
  // patients (same addresses) under other ids.
  await page.goto(tenantUrl(METRO, "/patients"));
  const patients = await page.evaluate(async () => {
    const reply = await fetch("/api/v1/patients?limit=100");
    return ((await reply.json()) as { data: { id: string; email: string | null; firstName: string; recordStatus: string }[] }).data;
  });
  const found = patients.find((p) => p.recordStatus === "active" && p.email);
  expect(found, "an active patient with an e-mail address").toBeTruthy();
  const patient = { ...found!, email: found!.email! };

  await test.step("the admin opens the patient's record", async () => {
    await page.goto(tenantUrl(METRO, `/patients/${patient!.id}`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  const visitor = await browser.newContext();
  const patientPage = await visitor.newPage();

  await test.step("signed out, the patient asks from the hospital's home page", async () => {
    await patientPage.goto(tenantUrl(METRO, "/"));
    await patientPage.getByRole("link", { name: "Who has seen my record?" }).click();
    await expect(patientPage.getByRole("heading", { level: 1, name: "Who has seen my record?" })).toBeVisible();
    await expectNoSeriousAxeViolations(patientPage, "asking for an access report");
    await patientPage.getByLabel("The e-mail address on your record").fill(patient!.email);
    await patientPage.getByRole("button", { name: "E-mail me the link" }).click();
    await expect(patientPage.getByRole("status")).toContainText("If this hospital has a patient record with that e-mail address");
  });

  let link = "";
  await test.step("the e-mail holds the link to the record's report", async () => {
    await expect
      .poll(async () => (await outboxMessagesTo(patient!.email)).filter((m) => m.kind === "access_report").length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const mail = (await outboxMessagesTo(patient!.email)).filter((m) => m.kind === "access_report").at(-1)!;
    link = /https?:\/\/\S+\/access-report\/\S+/.exec(mail.body_text)![0];
    expect(mail.body_text).toContain(patient!.firstName);
  });

  let reportText = "";
  await test.step("the report names the admin's look, with its place in the chain", async () => {
    await patientPage.goto(link);
    await expect(patientPage.getByRole("heading", { level: 1, name: "Who has accessed your record" })).toBeVisible();
    const look = patientPage
      .getByRole("row")
      .filter({ hasText: "Operations Admin (administrator)" })
      .filter({ hasText: "Viewed your record" });
    await expect(look.first()).toBeVisible({ timeout: 15_000 });
    await expect(patientPage.getByRole("heading", { name: "Proof that this list is complete" })).toBeVisible();
    await expectNoSeriousAxeViolations(patientPage, "a patient's access report");
    // Once sealed (seconds), the look shows its number in the chain.
    await expect
      .poll(
        async () => {
          await patientPage.reload();
          return look.first().textContent({ timeout: 15_000 });
        },
        { timeout: 30_000 },
      )
      .toMatch(/#\d+ · [0-9a-f]{12}…/);
    const download = patientPage.waitForEvent("download");
    await patientPage.getByRole("link", { name: "Download this report (JSON)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^access-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.json$/);
    // Read now: a download's file goes with its browser context.
    reportText = fs.readFileSync((await file.path())!, "utf8");
  });

  await test.step("a period with nothing in it says so", async () => {
    await patientPage.screenshot({ path: "test-results/access-report.png", fullPage: true });
    await patientPage.getByLabel("First day").fill("2020-01-01");
    await patientPage.getByLabel("Last day").fill("2020-01-31");
    await patientPage.getByRole("button", { name: "Show" }).click();
    await expect(patientPage.getByRole("status")).toContainText("No one accessed your record");
  });
  await visitor.close();

  await test.step("the admin exports the same days; the report checks out against it offline", async () => {
    const report = JSON.parse(reportText) as { data: { period: { from: string; to: string } } };
    await page.goto(tenantUrl(METRO, "/settings/audit"));
    await page.getByLabel("First day").fill(report.data.period.from);
    await page.getByLabel("Last day").fill(report.data.period.to);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download export" }).click();
    const exported = fs.readFileSync((await (await download).path())!, "utf8");
    const check = checkAccessReport(reportText, exported);
    expect(check.problems).toEqual([]);
    expect(check.confirmed).toBeGreaterThan(0);
    console.log(`access report: ${check.confirmed} of ${check.listed} sealed events confirmed against the audit export, none missing`);
  });
});
