import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { withSession } from "./support/admin-api";
import { sessionCookieFrom } from "./support/api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { PERSONAS } from "./support/personas";
import { expectStatus } from "./support/public-client";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General, sets up text messages in
// Settings → Text messages: the Twilio account (the auth token is kept but never shown again),
// the reminder times and releasing unconfirmed visits. Metro General's demo set-up is put back
// through the REST API afterwards, whatever happened.

type Sms = {
  enabled: boolean;
  accountSid: string | null;
  fromNumber: string | null;
  authTokenSet: boolean;
  reminderOffsetsHours: number[];
  releaseUnconfirmedHours: number | null;
  inboundUrl: string;
};

const metroApi = () => withSession(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));
const SMS_API = "/api/v1/settings/sms";

test("an admin sets up text messages: the account is saved, the auth token is never shown again, bad values are refused beside their fields", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const before = (await metroApi().json<{ data: Sms }>(SMS_API)).data;
  const sid = `AC${crypto.randomBytes(16).toString("hex")}`;
  const token = crypto.randomBytes(16).toString("hex");
  try {
    await page.goto(tenantUrl(METRO, "/settings/sms"));
    await expect(page.getByRole("heading", { level: 1, name: "Text messages" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Text messages" })).toBeVisible();
    await expect(page.getByText(`${hostOf(METRO)}/api/v1/public/sms/inbound`)).toBeVisible();
    await expectNoSeriousAxeViolations(page, "text message settings");

    // Demo data: texts are on, with a kept token that the form does not show.
    const enabled = page.getByRole("checkbox", { name: "Send appointment texts" });
    await expect(enabled).toBeChecked();
    const tokenField = page.getByLabel(/^Auth token/);
    await expect(tokenField).toHaveValue("");
    await expect(tokenField).toHaveAttribute("type", "password");

    await page.getByLabel(/^Account SID/).fill(sid);
    await tokenField.fill(token);
    await page.getByLabel(/^Sender number/).fill("+1 555 010 0177");
    await page.getByLabel(/^Reminder times/).fill("24, 3");
    await page.getByRole("checkbox", { name: "Release visits that are not confirmed in time" }).check();
    const cutoff = page.getByLabel(/^Release cutoff/);
    // Not smaller than the earliest reminder: the server refuses it beside the field.
    await cutoff.fill("30");
    const save = page.getByRole("button", { name: "Save text message settings" });
    await save.click();
    await expect(page.getByText("Release unconfirmed visits later than the earliest reminder", { exact: false })).toBeVisible();
    await expect(cutoff).toHaveAttribute("aria-invalid", "true");
    expect((await metroApi().json<{ data: Sms }>(SMS_API)).data.accountSid).toBe(before.accountSid);

    await cutoff.fill("12");
    await save.click();
    await expect(page.getByRole("status").filter({ hasText: "Text message settings saved." })).toBeVisible();

    await page.reload();
    await expect(page.getByLabel(/^Account SID/)).toHaveValue(sid);
    await expect(page.getByLabel(/^Sender number/)).toHaveValue("+15550100177");
    await expect(page.getByLabel(/^Reminder times/)).toHaveValue("24, 3");
    await expect(page.getByLabel(/^Release cutoff/)).toHaveValue("12");
    await expect(page.getByLabel(/^Auth token/)).toHaveValue("");
    expect(await page.content()).not.toContain(token);

    const saved = await metroApi().get(SMS_API);
    expect(saved.text).not.toContain(token);
    expect(saved.body).toMatchObject({
      data: {
        enabled: true,
        accountSid: sid,
        fromNumber: "+15550100177",
        authTokenSet: true,
        reminderOffsetsHours: [24, 3],
        releaseUnconfirmedHours: 12,
      },
    });

    // A reminder time that is not a number: refused in the browser, beside the field.
    await page.getByLabel(/^Reminder times/).fill("soon");
    await page.getByRole("button", { name: "Save text message settings" }).click();
    await expect(page.getByText("Enter whole numbers of hours separated by commas, like 48, 2.")).toBeVisible();
  } finally {
    expectStatus(
      await metroApi().patch(SMS_API, {
        enabled: before.enabled,
        ...(before.accountSid ? { accountSid: before.accountSid } : {}),
        ...(before.fromNumber ? { fromNumber: before.fromNumber } : {}),
        authToken: "demo0000000000000000000000000000",
        reminderOffsetsHours: before.reminderOffsetsHours,
        releaseUnconfirmedHours: before.releaseUnconfirmedHours,
      }),
      200,
      "restoring Metro General's text message settings",
    );
  }
});

test("staff record a patient's agreement to appointment texts on the patient's page, and take it back", async ({ page }) => {
  // A demo patient with a phone number who has not agreed to texts (Metro General's first four have).
  const found = await metroApi().json<{ data: { id: string; mrn: string }[] }>("/api/v1/patients?q=MG-100005");
  const patient = found.data.find((p) => p.mrn === "MG-100005")!;
  try {
    await page.goto(tenantUrl(METRO, `/patients/${patient.id}`));
    const section = page.getByRole("region", { name: "Text messages" });
    await expect(section.getByText("Has not agreed to appointment texts.")).toBeVisible();
    await section.getByRole("button", { name: "Patient agrees to appointment texts" }).click();
    await expect(section.getByText(/^Agreed to appointment texts on /)).toBeVisible();
    await expectNoSeriousAxeViolations(page, "a patient's page with text-message consent");

    await page.reload();
    await expect(page.getByRole("region", { name: "Text messages" }).getByText(/^Agreed to appointment texts on /)).toBeVisible();
    await page.getByRole("region", { name: "Text messages" }).getByRole("button", { name: "Stop appointment texts" }).click();
    await expect(page.getByRole("region", { name: "Text messages" }).getByText("Has not agreed to appointment texts.")).toBeVisible();
  } finally {
    expectStatus(
      await metroApi().request("PUT", `/api/v1/patients/${patient.id}/sms-consent`, { smsOptIn: false }),
      200,
      "restoring the patient's consent",
    );
  }
});
