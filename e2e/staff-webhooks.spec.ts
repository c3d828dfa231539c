import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { serverDatabaseUrl } from "./support/fuzz";
import { E2E_AUTH_SECRET } from "./support/hosts";
import { BookingSite, newPatient, slotsAhead } from "./support/scheduling";
import { canInspectDatabase } from "./support/server-database";
import { METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. The admin adds a webhook
// endpoint (a receiver this test runs) in Settings → Webhooks and copies its secret; a patient
// books online; the worker delivers the event; the receiver verifies the Standard Webhooks
// signature with the secret; the delivery shows in settings and is sent again from there.

type Received = { headers: Record<string, string>; body: string };

/** One pass of `npm run worker -- --once` against the e2e server's database. */
function workerPass(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts", "--once"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: serverDatabaseUrl()!, NEXTAUTH_SECRET: E2E_AUTH_SECRET, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${output.slice(-2000)}`))));
  });
}

test("an admin adds a webhook endpoint; an online booking is delivered signed, verified by the receiver, shown in settings and sent again", async ({
  page,
}) => {
  test.skip(!canInspectDatabase, "the worker needs the e2e server's PostgreSQL");
  test.setTimeout(180_000);
  const received: Received[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/agentcare`;

  try {
    let secret = "";
    await test.step("the admin adds an endpoint for bookings, schedule details only, and copies the secret", async () => {
      await page.goto(tenantUrl(METRO, "/settings/webhooks"));
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await page.getByLabel("URL").fill(url);
      await page.getByLabel("Description").fill("E2E receiver");
      await expect(page.getByRole("checkbox", { name: /An appointment is booked/ })).toBeChecked();
      await page.getByRole("radio", { name: /Schedule details, without who the patient is/ }).check();
      await page.getByRole("button", { name: "Add endpoint" }).click();
      const shown = page.getByRole("textbox", { name: "Signing secret", exact: true });
      await expect(shown).toBeVisible();
      secret = await shown.inputValue();
      expect(secret).toMatch(/^whsec_/);
      await expectNoSeriousAxeViolations(page, "webhook settings with a new secret");
      await page.getByRole("button", { name: "I have copied it" }).click();
      await expect(page.getByRole("textbox", { name: "Signing secret", exact: true })).toHaveCount(0);
      await expect(page.getByText(url)).toBeVisible();
    });

    const patient = newPatient("Hook");
    let appointmentId = "";
    await test.step("a patient books online; the worker delivers the event, signed", async () => {
      const booking = BookingSite.of(METRO);
      const options = await booking.options();
      const provider = options.providers.find((p) => p.appointmentTypeIds.length > 0)!;
      const typeId = provider.appointmentTypeIds[0]!;
      const [slot] = await slotsAhead(booking, {
        typeId,
        providerId: provider.id,
        timeZone: options.organization.timeZone,
        minLeadHours: 48,
      });
      expect(slot, "a free slot at Metro two days out or later").toBeDefined();
      appointmentId = (await booking.mustBook({ typeId, providerId: provider.id, startsAt: slot!.startsAt, patient })).id;
      await workerPass();
      const delivery = received.find((r) => r.body.includes(appointmentId));
      expect(delivery, "the receiver got the booking").toBeDefined();
      const event = new Webhook(secret).verify(delivery!.body, delivery!.headers) as { type: string; data: Record<string, unknown> };
      expect(event.type).toBe("appointment.booked");
      expect(event.data).toMatchObject({ id: appointmentId, status: "scheduled", startsAt: slot!.startsAt });
      // Schedule details only: nothing says who the patient is.
      expect(delivery!.body).not.toContain(patient.lastName);
      expect(delivery!.body).not.toContain(patient.email);
      expect(() =>
        new Webhook(`whsec_${Buffer.from("x".repeat(32)).toString("base64")}`).verify(delivery!.body, delivery!.headers),
      ).toThrow();
    });

    await test.step("settings show the delivery; it is sent again with the same webhook-id", async () => {
      await page.reload();
      await page.getByRole("button", { name: /^Deliveries of E2E receiver/ }).click();
      const deliveries = page.getByRole("region", { name: `Deliveries to ${url}` });
      const row = deliveries.getByRole("row").filter({ hasText: "appointment.booked" }).first();
      await expect(row).toContainText("Delivered");
      await expect(row).toContainText("HTTP 204");
      await expectNoSeriousAxeViolations(page, "webhook deliveries");
      const first = received.find((r) => r.body.includes(appointmentId))!;
      await row.getByRole("button", { name: /^Resend/ }).click();
      await expect(deliveries.getByRole("status")).toContainText("Queued again");
      await workerPass();
      const again = received.filter((r) => r.headers["webhook-id"] === first.headers["webhook-id"]);
      expect(again).toHaveLength(2);
      expect(() => new Webhook(secret).verify(again[1]!.body, again[1]!.headers)).not.toThrow();
    });
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
