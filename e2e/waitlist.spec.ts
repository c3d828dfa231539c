import { expect, test, type Browser } from "@playwright/test";
import { ManagePage } from "./support/booking-pages";
import { claimLinkIn, outboxMessagesTo } from "./support/outbox";
import { openPatientBrowser } from "./support/patient-browser";
import { PERSONAS } from "./support/personas";
import { expectError, expectStatus, PublicSite } from "./support/public-client";
import {
  addDays,
  BookingSite,
  liveOverlapping,
  localDate,
  newPatient,
  outbox,
  sameInstant,
  slotsAhead,
  staffAppointment,
  sunsetOwner,
  type PatientDetails,
  type StaffAppointment,
} from "./support/scheduling";
import { canInspectDatabase } from "./support/security-events";
import { hostOf, SUNSET, tenantUrl } from "./support/tenants";

// Project "scheduling". The waiting list: patients wait for a type (and provider) between two
// dates; when an appointment in that range is cancelled, the first of them are offered the time by
// e-mail with a claim link; the first claim books it and every other claim finds it gone. Dr. Jordan
// Lee's calendar at Sunset Clinic is this spec's alone.
//
// The e2e server has no SMTP_URL, so the offers stay in the outbox. Their text (with the claim
// link) is read from the database when DATABASE_URL is set; otherwise from what the outbox shows
// an admin — the /outbox page or GET /api/v1/notifications.

const TYPE = "Follow-up";
const PROVIDER = "Dr. Jordan Lee";
const OFFER_SUBJECT = "A time opened up — Sunset Clinic";

/** The claim link e-mailed to a patient, wherever this run can read it. */
async function claimLinkFor(browser: Browser, email: string): Promise<string> {
  if (canInspectDatabase) {
    const offers = (await outboxMessagesTo(email)).filter((m) => m.kind === "waitlist_offer");
    expect(offers, `waiting-list offers e-mailed to ${email}`).toHaveLength(1);
    expect(offers[0]!.subject).toBe(OFFER_SUBJECT);
    const link = claimLinkIn(offers[0]!.body_text);
    expect(link, `a claim link in:\n${offers[0]!.body_text}`).not.toBeNull();
    return link!;
  }
  // Embedded database: only what the product shows the clinic's owner.
  const staff = sunsetOwner();
  const api = await staff.get("/api/v1/notifications?limit=200");
  const messages = ((api.body as { data?: { toEmail: string; kind: string; bodyText?: string }[] })?.data ?? []).filter(
    (m) => m.toEmail === email.toLowerCase() && m.kind === "waitlist_offer",
  );
  const fromApi = messages.length === 1 ? claimLinkIn(messages[0]!.bodyText ?? "") : null;
  if (fromApi) return fromApi;
  const context = await browser.newContext({ storageState: PERSONAS.sunsetOwner.storageState });
  try {
    const page = await context.newPage();
    await page.goto(tenantUrl(SUNSET, "/outbox"));
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText(OFFER_SUBJECT);
    const fromPage = claimLinkIn(await row.innerText()) ?? claimLinkIn((await page.content()).replaceAll("&amp;", "&"));
    expect(
      fromPage,
      "the waiting-list offer's claim link is nowhere an admin can read it: /outbox and GET /api/v1/notifications show " +
        "recipient and subject only, and without SMTP_URL the message never leaves the outbox",
    ).not.toBeNull();
    return fromPage!;
  } finally {
    await context.close();
  }
}

test("a cancelled appointment is offered to the waiting list; the first claim books it, later claims find it gone", async ({ browser }) => {
  test.setTimeout(120_000);
  const booking = BookingSite.of(SUNSET);
  const staff = sunsetOwner();
  const { typeId, providerId, timeZone } = await booking.pick(TYPE, PROVIDER);

  // The appointment that will be cancelled: a few hours ahead or later, so the offer has time to live.
  const slot = (await slotsAhead(booking, { typeId, providerId, timeZone, minLeadHours: 3 }))[0];
  expect(slot, `a free ${TYPE} with ${PROVIDER}`).toBeDefined();
  const taken = await booking.mustBook({ typeId, providerId, startsAt: slot!.startsAt, patient: newPatient("Holder") });
  const day = localDate(slot!.startsAt, timeZone);

  // Two patients join the waiting list for a range holding that day: one for Dr. Lee, one for anyone.
  const first = newPatient("Waiter");
  const second = newPatient("Waiter");
  const join = async (patient: PatientDetails, withProvider: boolean) => {
    const reply = await new PublicSite(hostOf(SUNSET)).post<{ data: { id: string; earliestDate: string; latestDate: string } }>(
      "/api/v1/public/waitlist",
      {
        appointmentTypeId: typeId,
        ...(withProvider ? { providerId } : {}),
        earliestDate: addDays(day, -1),
        latestDate: addDays(day, 2),
        patient,
      },
    );
    expectStatus(reply, 201, `${patient.firstName} joins the waiting list`);
    expect(reply.body.data).toMatchObject({ earliestDate: addDays(day, -1), latestDate: addDays(day, 2) });
  };
  await join(first, true);
  await join(second, false);

  await test.step("the front desk cancels; the outbox holds an offer for each waiting patient", async () => {
    const cancelled = await staff.post<{ data: { status: string } }>(`/api/v1/appointments/${taken.id}/cancel`, {
      reason: "Patient is travelling",
    });
    expectStatus(cancelled, 200, "staff cancel");
    expect(cancelled.body.data.status).toBe("cancelled");

    const mail = await outbox(staff);
    for (const patient of [first, second]) {
      const offers = mail.filter((m) => m.toEmail === patient.email);
      expect(
        offers.map((m) => [m.kind, m.subject, m.status]),
        `outbox for ${patient.email}`,
      ).toEqual([["waitlist_offer", OFFER_SUBJECT, "pending"]]);
    }
    expect(mail.some((m) => m.appointmentId === taken.id && m.kind === "cancellation")).toBe(true);

    const context = await browser.newContext({ storageState: PERSONAS.sunsetOwner.storageState });
    try {
      const page = await context.newPage();
      await page.goto(tenantUrl(SUNSET, "/outbox"));
      await expect(page.getByRole("heading", { level: 1, name: "E-mail outbox" })).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: first.email })).toContainText(OFFER_SUBJECT);
    } finally {
      await context.close();
    }
  });

  const firstLink = await claimLinkFor(browser, first.email);
  expect(new URL(firstLink).host).toBe(hostOf(SUNSET));
  let claimed!: StaffAppointment;

  await test.step("the first patient opens the link in Chromium and claims the time", async () => {
    const patient = await openPatientBrowser(browser);
    try {
      const page = patient.page;
      await page.goto(firstLink);
      await expect(page.getByRole("heading", { name: "A time opened up for you" })).toBeVisible();
      await page.getByRole("button", { name: "Claim this appointment" }).click();
      await page.waitForURL(/\/appointments\/manage\/[^/?]+\?booked=1$/);
      const manage = new ManagePage(page);
      await expect(manage.booked).toContainText(`You're booked, ${first.firstName}!`);
      await expect(manage.field("With")).toHaveText(PROVIDER);

      const live = await liveOverlapping(staff, { providerId, startsAt: slot!.startsAt, endsAt: slot!.endsAt, timeZone });
      expect(live, "the freed time now belongs to the first waiting patient").toHaveLength(1);
      expect(live[0]!.patientName).toBe(`${first.firstName} ${first.lastName}`);
      expect(sameInstant(live[0]!.startsAt, slot!.startsAt)).toBe(true);
      claimed = live[0]!;
      expect((await staffAppointment(staff, claimed.id)).patient.email).toBe(first.email);

      // The same offer a second time: it is gone, and nothing more is booked.
      await page.goto(firstLink);
      await page.getByRole("button", { name: "Claim this appointment" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/already been taken/);
      await expect(page).toHaveURL(firstLink);
    } finally {
      await patient.close();
    }
    const again = await new PublicSite(hostOf(SUNSET)).post(`/api/v1/public/waitlist/claim/${firstLink.split("/").pop()}`);
    expectError(again, 409, "conflict:offer_gone");
  });

  await test.step("the other waiting patient's offer of the same time is gone too", async () => {
    const secondLink = await claimLinkFor(browser, second.email);
    expect(secondLink).not.toBe(firstLink);
    const patient = await openPatientBrowser(browser);
    try {
      await patient.page.goto(secondLink);
      await patient.page.getByRole("button", { name: "Claim this appointment" }).click();
      await expect(patient.page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/already been taken/);
    } finally {
      await patient.close();
    }
    const live = await liveOverlapping(staff, { providerId, startsAt: slot!.startsAt, endsAt: slot!.endsAt, timeZone });
    expect(live.map((a) => a.id)).toEqual([claimed.id]);
  });
});

test("a claim link that was never issued is refused", async () => {
  const site = new PublicSite(hostOf(SUNSET));
  expectError(await site.post("/api/v1/public/waitlist/claim/not-a-real-offer-token"), 404, "not_found:waitlist_offer");
});
