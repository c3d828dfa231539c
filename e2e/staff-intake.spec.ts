import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { BookingPage, SchedulePage } from "./support/booking-pages";
import { localDate, newPatient } from "./support/scheduling";
import { METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui": ops@agentcare.dev, an admin of Metro General. Metro General's "New patient
// visit" asks five questions before the visit (two required) and every booking asks for insurance,
// optionally. Here an admin adds a form to another type, a patient answers the new-patient form
// while booking, corrects an answer and adds a card photo through the manage link, and the front
// desk reads it all in the appointment panel.

const ZONE = "America/New_York";
/** The smallest PNG there is: one transparent pixel. */
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

test("an admin builds an intake form; the patient answers it while booking and through the manage link; the desk reads it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const patient = newPatient("Intake");

  await test.step("Appointment types → Intake form: two questions for the telehealth check-in", async () => {
    await page.goto(tenantUrl(METRO, "/appointment-types"));
    await expect(page.getByRole("heading", { level: 1, name: "Appointment types" })).toBeVisible();
    await page.getByRole("button", { name: "Intake form for Telehealth check-in" }).click();
    const panel = page.getByRole("region", { name: "Intake form: Telehealth check-in" });
    await expect(panel.getByText("No questions yet")).toBeVisible();
    await panel.getByRole("button", { name: "Add question" }).click();
    await panel.getByRole("button", { name: "Add question" }).click();
    // The browser's own check stops an empty question before the server sees it; the second is a choice without choices.
    const first = panel.getByRole("group", { name: "Question 1" });
    const second = panel.getByRole("group", { name: "Question 2" });
    await first.getByLabel("Question", { exact: true }).fill("What is the main symptom?");
    await first.getByLabel("Required").check();
    await second.getByLabel("Question", { exact: true }).fill("Where will you take the call?");
    await second.getByLabel("Answer type").selectOption("choice");
    await second.getByLabel("Choices, one per line").fill("Home");
    await panel.getByRole("button", { name: "Save intake form" }).click();
    await expect(second.getByText("A choice question needs at least two choices.")).toBeVisible();
    await second.getByLabel("Choices, one per line").fill("Home\nWork\nSomewhere else");
    await panel.getByRole("button", { name: "Move up question 2" }).click();
    await expect(panel.getByRole("group", { name: "Question 1" }).getByLabel("Question", { exact: true })).toHaveValue(
      "Where will you take the call?",
    );
    await expectNoSeriousAxeViolations(page, "the intake form editor");
    await panel.getByRole("button", { name: "Save intake form" }).click();
    await expect(page.getByText("Intake form for “Telehealth check-in” saved (2 questions).")).toBeVisible();
    await expect(page.getByRole("region", { name: "Insurance" }).getByLabel("Insurance details at booking")).toHaveValue("optional");
  });

  let token = "";
  await test.step("/book: a new patient visit asks the form's questions and the insurance", async () => {
    const booking = new BookingPage(page);
    await booking.goto(METRO);
    await booking.chooseType("New patient visit");
    await booking.chooseProvider("Dr. Daniel Okafor");
    await (await booking.firstSlot()).click();
    await booking.fillDetails(patient);
    const form = booking.detailsStep;
    await expect(form.getByRole("group", { name: "Before your visit" })).toBeVisible();
    await form.getByLabel(/^What would you like to be seen for\?/).fill("A cough that will not go away");
    await form
      .getByRole("group", { name: /^Do you have any allergies to medicines\?/ })
      .getByLabel("Yes")
      .check();
    await form
      .getByRole("group", { name: /^How would you rate your general health\?/ })
      .getByLabel("Good")
      .check();
    await form.getByLabel(/^Medicines you take and allergies/).fill("Lisinopril 10 mg daily.\nPenicillin: hives.");
    await form.getByLabel(/^Insurance company/).fill("Aetna");
    await form.getByLabel(/^Member ID/).fill("W987654321");
    await expectNoSeriousAxeViolations(page, "the booking details step with an intake form");
    await booking.submit.click();
    await page.waitForURL(/\/appointments\/manage\/[^/?]+\?booked=1/);
    token = new URL(page.url()).pathname.split("/").pop()!;
  });

  await test.step("the manage page shows the answers; one is changed and a card photo added", async () => {
    const section = page.getByRole("region", { name: "Before your visit" });
    await expect(section).toContainText("A cough that will not go away");
    await expect(section).toContainText("Aetna · W987654321");
    await section.getByRole("button", { name: "Change my answers" }).click();
    await section
      .getByRole("group", { name: /^How would you rate your general health\?/ })
      .getByLabel("Fair")
      .check();
    await section.getByRole("button", { name: "Save my answers" }).click();
    await expect(page.getByText("Your answers are saved. Thank you!")).toBeVisible();
    await expect(section.locator("dd", { hasText: /^Fair$/ })).toBeVisible();
    await section.getByText("Add a photo of my insurance card").locator("input[type=file]").setInputFiles({
      name: "card.png",
      mimeType: "image/png",
      buffer: PIXEL,
    });
    await expect(page.getByText("The photo of your insurance card is saved.")).toBeVisible();
    await expect(section.locator("dd", { hasText: /^Received$/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "the manage page with its intake answers");
  });

  await test.step("the appointment panel shows the desk the answers, the insurance and the card", async () => {
    // Asked from the manage page itself: the test runner's own resolver does not know the tenant hosts.
    const startsAt = await page.evaluate(async (path) => {
      const summary = (await (await fetch(path)).json()) as { data: { startsAt: string } };
      return summary.data.startsAt;
    }, `/api/v1/public/manage/${token}`);
    const schedule = new SchedulePage(page);
    await page.goto(tenantUrl(METRO, `/schedule?view=day&date=${localDate(startsAt, ZONE)}&provider=all`));
    await expect(schedule.heading).toBeVisible();
    await schedule.block(`${patient.firstName} ${patient.lastName}`).click();
    const intake = schedule.panel.getByRole("region", { name: "Intake" });
    await expect(intake).toContainText("Given by the patient");
    await expect(intake).toContainText("A cough that will not go away");
    await expect(intake).toContainText("Fair");
    await expect(intake).toContainText("Member ID W987654321");
    await intake.getByRole("button", { name: "Show insurance card photo" }).click();
    await expect(intake.getByRole("img", { name: "The patient's insurance card" })).toBeVisible();
  });
});
