import { expect, test } from "@playwright/test";
import { BookingPage, ManagePage, SchedulePage } from "./support/booking-pages";
import { openPatientBrowser, PATIENT_TIME_ZONE } from "./support/patient-browser";
import { PERSONAS } from "./support/personas";
import {
  addDays,
  dayLabel,
  localDate,
  mondayOf,
  newPatient,
  squash,
  staffAppointment,
  sunsetOwner,
  timeLabel,
  todayIn,
  type Booked,
} from "./support/scheduling";
import { SUNSET } from "./support/tenants";

// Project "scheduling". A patient books online on Sunset Clinic's own host in Chromium; the
// clinician the booking is with (dr.patel, signed in by auth.setup.ts) finds it on /schedule and
// checks the patient in. The patient's browser runs in Tokyo time and dr.patel's in Berlin time:
// every time either of them sees must be the clinic's (Los Angeles).

const CLINIC_ZONE = "America/Los_Angeles";
const PROVIDER = "Dr. Priya Patel";
const TYPE = "Follow-up";

test("a patient books online at Sunset Clinic; Dr. Patel finds the visit on her schedule and checks the patient in", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const details = newPatient("Booker");
  const patientName = `${details.firstName} ${details.lastName}`;
  let booked!: Booked;

  await test.step("the patient books the first time offered with Dr. Patel", async () => {
    const patient = await openPatientBrowser(browser);
    try {
      const page = patient.page;
      const flow = new BookingPage(page);
      await flow.goto(SUNSET);
      await flow.chooseType(TYPE);
      await flow.chooseProvider(PROVIDER);
      // Times are labelled with the clinic's zone, whatever the patient's computer says.
      await expect(flow.timeStep).toContainText(`Times are shown in Pacific Time (${CLINIC_ZONE}).`);

      const slot = await flow.firstSlot();
      const shownTime = squash(await flow.timeText(slot));
      const shownDay = squash((await flow.dayOf(slot).textContent()) ?? "");
      const hold = page.waitForResponse((r) => r.url().includes("/api/v1/public/holds") && r.request().method() === "POST");
      await slot.click();
      const holdResponse = await hold;
      expect(holdResponse.status(), await holdResponse.text()).toBe(201);
      const held = JSON.parse(holdResponse.request().postData() ?? "{}") as { startsAt: string; providerId: string };
      // The label on the button is the slot's instant in the clinic's zone, not in Tokyo's.
      expect(shownTime).toBe(timeLabel(held.startsAt, CLINIC_ZONE));
      expect(shownDay).toBe(dayLabel(held.startsAt, CLINIC_ZONE));
      expect(timeLabel(held.startsAt, PATIENT_TIME_ZONE), "the zones must disagree for this check to mean anything").not.toBe(shownTime);

      await expect(flow.detailsStep).toContainText(`${TYPE} with ${PROVIDER}`);
      await expect(flow.detailsStep).toContainText(`(Pacific Time (${CLINIC_ZONE}))`);
      await flow.fillDetails(details);
      const booking = page.waitForResponse((r) => r.url().includes("/api/v1/public/bookings") && r.request().method() === "POST");
      await flow.submit.click();
      const bookingResponse = await booking;
      expect(bookingResponse.status(), await bookingResponse.text()).toBe(201);
      booked = ((await bookingResponse.json()) as { data: Booked }).data;
      expect(new Date(booked.startsAt).getTime()).toBe(new Date(held.startsAt).getTime());

      await page.waitForURL(/\/appointments\/manage\/[^/?]+\?booked=1$/);
      const manage = new ManagePage(page);
      await expect(manage.booked).toContainText(`You're booked, ${details.firstName}!`);
      await expect(page.getByRole("heading", { level: 1, name: TYPE })).toBeVisible();
      await expect(manage.field("With")).toHaveText(PROVIDER);
      await expect(manage.field("Status")).toHaveText(/^scheduled$/i);
      await expect(manage.field("When")).toContainText(shownDay);
      await expect(manage.field("When")).toContainText(CLINIC_ZONE);
      expect(squash((await manage.field("When").textContent()) ?? "")).toContain(shownTime);

      // Kept after the run (test-results/…/booking-confirmation.png) and attached to the report.
      const shot = testInfo.outputPath("booking-confirmation.png");
      await page.screenshot({ path: shot, fullPage: true });
      await testInfo.attach("booking-confirmation", { path: shot, contentType: "image/png" });
    } finally {
      await patient.close();
    }
  });

  const staff = sunsetOwner();
  await test.step("the booking is Dr. Patel's, for this patient, booked online", async () => {
    const row = await staffAppointment(staff, booked.id);
    expect(row.status).toBe("scheduled");
    expect(row.patient.name).toBe(patientName);
    expect(row.patient.email).toBe(details.email);
    expect((row as unknown as { provider: { name: string } }).provider.name).toBe(PROVIDER);
    expect((row as unknown as { bookedVia: string }).bookedVia).toBe("online");
  });

  await test.step("Dr. Patel opens /schedule, finds the visit and checks the patient in", async () => {
    const context = await browser.newContext({ storageState: PERSONAS.sunsetClinician.storageState, timezoneId: "Europe/Berlin" });
    try {
      const page = await context.newPage();
      const schedule = new SchedulePage(page);
      await schedule.goto(SUNSET);
      const day = localDate(booked.startsAt, CLINIC_ZONE);
      const today = todayIn(CLINIC_ZONE);
      const time = timeLabel(booked.startsAt, CLINIC_ZONE);
      testInfo.annotations.push({
        type: "schedule",
        description: day === today ? `today's list (${day})` : `week view, visit on ${day}, today ${today}`,
      });

      if (day === today) {
        await schedule.view("Today's list").click();
        await expect(schedule.rangeHeading("Today's appointments")).toBeVisible();
        const row = schedule.todayRow(patientName);
        await expect(row).toHaveCount(1);
        expect(squash((await row.textContent()) ?? "")).toContain(time);
        await expect(row).toContainText("Scheduled");
        await row.getByRole("button", { name: `Check in ${patientName}` }).click();
        await expect(row).toContainText("Checked in");
        await expect(row.getByRole("button", { name: `Check in ${patientName}` })).toHaveCount(0);
      } else {
        // A clinician starts on "my week"; page forward to the week holding the visit.
        await expect(schedule.view("week")).toHaveAttribute("aria-pressed", "true");
        const weeks = Math.round((Date.parse(mondayOf(day)) - Date.parse(mondayOf(today))) / (7 * 86_400_000));
        expect(weeks, `the visit (${day}) is not before this week (${today})`).toBeGreaterThanOrEqual(0);
        for (let i = 0; i < weeks; i++) await schedule.next.click();
        const monday = mondayOf(day);
        const range = `${dayLabel(`${monday}T12:00:00Z`, "UTC")} – ${dayLabel(`${addDays(monday, 6)}T12:00:00Z`, "UTC")}`;
        await expect(schedule.rangeHeading(range)).toBeVisible();
        const block = schedule.block(patientName);
        await expect(block).toHaveCount(1);
        await expect(block).toHaveAccessibleName(new RegExp(`${patientName}\\s?, ${TYPE}\\s?, scheduled$`));
        expect(squash((await block.textContent()) ?? "")).toContain(`${time} ${patientName}`);
        await block.click();
        const panel = schedule.panel;
        await expect(panel.getByRole("heading", { name: TYPE })).toBeVisible();
        await expect(panel).toContainText(patientName);
        await expect(panel).toContainText(PROVIDER);
        await expect(panel).toContainText("Scheduled");
        await panel.getByRole("button", { name: "Check in", exact: true }).click();
        await expect(panel).toContainText("Checked in");
        await expect(panel.getByRole("button", { name: "Check in", exact: true })).toHaveCount(0);
        await panel.getByRole("button", { name: "Close" }).click();
        await expect(block).toHaveAccessibleName(new RegExp(`${patientName}\\s?, ${TYPE}\\s?, checked in$`));
      }
    } finally {
      await context.close();
    }
  });

  await test.step("the server agrees: the appointment is checked in", async () => {
    expect((await staffAppointment(staff, booked.id)).status).toBe("checked_in");
  });
});
