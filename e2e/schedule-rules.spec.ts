import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { ManagePage, SchedulePage } from "./support/booking-pages";
import { PERSONAS } from "./support/personas";
import { expectStatus, StaffSite } from "./support/public-client";
import {
  addDays,
  BookingSite,
  liveOverlapping,
  localDate,
  newPatient,
  sameInstant,
  slotsAhead,
  squash,
  timeLabel,
  todayIn,
} from "./support/scheduling";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui" (an admin of Metro General). A move is checked by the same rules as a new
// booking, whichever way it comes: the schedule's panel offers only times inside the provider's
// hours and grid (its own old time not counted), and the same moves sent step by step past the
// end of the day are refused with a clear message, leaving the visit where it was — for the front
// desk and for the patient's manage link alike.

const ZONE = "America/New_York";
const PROVIDER = "Dr. Lan Nguyen";
const TYPE = "Follow-up";
const MINUTE = 60_000;
const AXE = path.join(process.cwd(), "node_modules", "axe-core", "axe.min.js");

const staff = () => new StaffSite(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return axe.run();
  });
  return result.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id);
}

/** A Wednesday five to six weeks ahead: nothing else books Dr. Nguyen there. */
function freeWednesday(): string {
  const today = todayIn(ZONE);
  const dow = new Date(`${today}T12:00:00Z`).getUTCDay();
  return addDays(today, 35 + ((10 - dow) % 7));
}

type Appointment = { id: string; startsAt: string; endsAt: string };

test("the front desk moves a visit in the schedule; moves past the end of the day are refused step by step and the visit stays", async ({
  page,
}) => {
  const desk = staff();
  const patient = newPatient("Mover");
  const registered = await desk.post<{ data: { id: string } }>("/api/v1/patients", patient);
  expectStatus(registered, 201, "registering the test's patient");
  const types = await desk.json<{ data: { id: string; name: string }[] }>("/api/v1/appointment-types");
  const providers = await desk.json<{ data: { id: string; name: string }[] }>("/api/v1/providers?limit=100");
  const typeId = types.data.find((t) => t.name === TYPE)!.id;
  const providerId = providers.data.find((p) => p.name === PROVIDER)!.id;
  const day = freeWednesday();
  const free = await desk.json<{ data: { startsAt: string }[] }>(
    `/api/v1/availability?type=${typeId}&provider=${providerId}&from=${day}&to=${day}`,
  );
  expect(free.data.length).toBeGreaterThan(2);
  const first = free.data[0]!.startsAt;
  const last = free.data[free.data.length - 1]!.startsAt;
  const booked = await desk.post<{ data: Appointment }>("/api/v1/appointments", {
    patientId: registered.body.data.id,
    providerId,
    appointmentTypeId: typeId,
    startsAt: first,
  });
  expectStatus(booked, 201, "booking the visit");
  const id = booked.body.data.id;

  // In Chromium: open the visit, reschedule to the day's last free time through the panel.
  const schedule = new SchedulePage(page);
  await schedule.goto(METRO);
  await page.getByLabel("Date", { exact: true }).fill(day);
  await page.getByLabel("Provider").selectOption({ label: PROVIDER });
  const name = `${patient.firstName} ${patient.lastName}`;
  await schedule.block(name).click();
  await schedule.panel.getByRole("button", { name: "Reschedule" }).click();
  await schedule.panel.getByLabel("New date").fill(day);
  const times = schedule.panel.getByRole("group", { name: "Free times" }).getByRole("button");
  // The visit's own time does not count as taken for its move: every time free before it was booked is offered.
  await expect(times).toHaveCount(free.data.length);
  await times.last().click();
  await expect(schedule.panel.getByRole("group", { name: "Free times" })).toHaveCount(0);
  const moved = await desk.json<{ data: Appointment }>(`/api/v1/appointments/${id}`);
  expect(sameInstant(moved.data.startsAt, last)).toBe(true);

  // Step by step past the end of the day (and off the grid): each refused, the visit stays put.
  for (let step = 1; step <= 6; step++) {
    const target = new Date(new Date(last).getTime() + step * 15 * MINUTE).toISOString();
    const reply = await desk.post<{ error: { code: string; message: string } }>(`/api/v1/appointments/${id}/reschedule`, {
      startsAt: target,
    });
    expect(reply.status, `+${step * 15} min`).toBe(400);
    expect(reply.body.error.code).toBe("invalid:starts_at");
    expect(reply.body.error.message).toMatch(/working hours|start every \d+ minutes/);
    const still = await desk.json<{ data: Appointment }>(`/api/v1/appointments/${id}`);
    expect(sameInstant(still.data.startsAt, last), `still at the last time after +${step * 15} min`).toBe(true);
  }

  // After a reload the schedule shows the visit at the day's last time.
  await page.reload();
  await page.getByLabel("Date", { exact: true }).fill(day);
  await page.getByLabel("Provider").selectOption({ label: PROVIDER });
  expect(squash((await schedule.block(name).textContent()) ?? "")).toContain(timeLabel(last, ZONE));
});

test("the patient moves a visit with the manage link in Chromium; off-grid and after-hours moves are refused and change nothing", async ({
  browser,
}) => {
  const site = BookingSite.of(METRO);
  const { typeId, providerId, timeZone } = await site.pick(TYPE, PROVIDER);
  const slots = await slotsAhead(site, { typeId, providerId, timeZone, minLeadHours: 30, maxLeadHours: 24 * 10 });
  expect(slots.length).toBeGreaterThan(4);
  const booked = await site.mustBook({ typeId, providerId, startsAt: slots[0]!.startsAt, patient: newPatient("Self") });

  const context = await browser.newContext();
  const page = await context.newPage();
  const manage = new ManagePage(page);
  await manage.goto(METRO, booked.manageToken);
  await expect(manage.reschedule).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // A time with a later free time the same day: moving there frees the visit's own time, so were it
  // the day's last, "the last free time" read afterwards would be an earlier one. The day is one whose
  // last free time has no visit booked after it (the demo data books Dr. Nguyen too): past it, a
  // move can then only be after hours or off the grid, never onto someone else's visit.
  const sameLocalDay = (a: string, b: string) => localDate(a, ZONE) === localDate(b, ZONE);
  const desk = staff();
  let target: (typeof slots)[number] | undefined;
  for (let i = 3; i < slots.length - 1 && !target; i++) {
    const candidate = slots[i]!;
    if (!sameLocalDay(candidate.startsAt, slots[i + 1]!.startsAt)) continue;
    const ofDay = slots.filter((s) => sameLocalDay(s.startsAt, candidate.startsAt));
    const dayLast = ofDay[ofDay.length - 1]!.startsAt;
    const after = await liveOverlapping(desk, {
      providerId,
      startsAt: new Date(new Date(dayLast).getTime() + MINUTE).toISOString(),
      endsAt: new Date(new Date(dayLast).getTime() + 12 * 60 * MINUTE).toISOString(),
      timeZone: ZONE,
    });
    if (after.every((a) => !sameLocalDay(a.startsAt, dayLast))) target = candidate;
    else i += ofDay.length - 1 - ofDay.indexOf(candidate);
  }
  expect(target, "a free time with another after it the same day, nothing booked after the day's last").toBeTruthy();
  await manage.moveTo(localDate(target!.startsAt, ZONE), timeLabel(target!.startsAt, ZONE));
  await expect(manage.field("When")).toContainText(timeLabel(target!.startsAt, ZONE));
  await context.close();

  const at = async () => (await site.manage(booked.manageToken)).body.data.startsAt;
  expect(sameInstant(await at(), target!.startsAt)).toBe(true);
  // The last free time of that day, then +15 minutes at a time past the end of the day.
  const day = localDate(target!.startsAt, ZONE);
  const sameDay = (await site.slots({ typeId, providerId, from: day, days: 1 })).filter((s) => localDate(s.startsAt, ZONE) === day);
  const last = sameDay[sameDay.length - 1]!.startsAt;
  expectStatus(await site.reschedule(booked.manageToken, last), 200, "moving to the day's last time");
  for (let step = 1; step <= 4; step++) {
    const startsAt = new Date(new Date(last).getTime() + step * 15 * MINUTE).toISOString();
    const reply = await site.reschedule(booked.manageToken, startsAt);
    expect(reply.status, `+${step * 15} min`).toBe(400);
    expect((reply.body as unknown as { error: { code: string; message: string } }).error).toMatchObject({
      code: "invalid:starts_at",
      message: expect.stringMatching(/working hours|start every \d+ minutes/),
    });
    expect(sameInstant(await at(), last)).toBe(true);
  }
});

test("the to-reconcile list is reachable from the patients page and passes axe", async ({ page }) => {
  await page.goto(tenantUrl(METRO, "/patients/reconcile"));
  await expect(page.getByRole("heading", { name: "Online bookings to reconcile" })).toBeVisible();
  await expect(page.getByRole("table").or(page.getByText("Nothing to reconcile."))).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
