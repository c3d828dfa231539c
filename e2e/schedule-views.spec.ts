import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { SchedulePage } from "./support/booking-pages";
import { PERSONAS } from "./support/personas";
import { expectStatus, StaffSite } from "./support/public-client";
import {
  addDays,
  dayLabel,
  mondayOf,
  newPatient,
  sameInstant,
  squash,
  timeLabel,
  todayIn,
  type PatientDetails,
} from "./support/scheduling";
import { hostOf, METRO, tenantUrl } from "./support/tenants";

// Project "staff-ui" (ops@agentcare.dev, an admin of Metro General): the schedule as the front desk
// lives in it — a week of every provider without one appointment drawn over another, the whole week
// on a 1366 px screen, the view kept in the address, booking from an empty time, moves by drag or
// keyboard that always ask first, a day list on a phone, and no serious axe finding in any of it.

const ZONE = "America/New_York";
const TYPE = "Follow-up";
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const SHOTS = "docs/screenshots";

type Row = { id: string; startsAt: string; endsAt: string; providerId: string; status: string };

const desk = () => new StaffSite(hostOf(METRO), sessionCookieFrom(PERSONAS.admin.storageState));

async function ids() {
  const site = desk();
  const types = await site.json<{ data: { id: string; name: string }[] }>("/api/v1/appointment-types");
  const providers = await site.json<{ data: { id: string; name: string }[] }>("/api/v1/providers?limit=100");
  const provider = (name: string) => providers.data.find((p) => p.name === name)!.id;
  return { typeId: types.data.find((t) => t.name === TYPE)!.id, provider };
}

async function registerPatient(role: string): Promise<PatientDetails & { id: string; name: string }> {
  const details = newPatient(role);
  const reply = await desk().post<{ data: { id: string } }>("/api/v1/patients", details);
  expectStatus(reply, 201, "registering the test's patient");
  return { ...details, id: reply.body.data.id, name: `${details.firstName} ${details.lastName}` };
}

async function freeTimes(typeId: string, providerId: string, day: string): Promise<string[]> {
  const free = await desk().json<{ data: { startsAt: string }[] }>(
    `/api/v1/availability?type=${typeId}&provider=${providerId}&from=${day}&to=${day}`,
  );
  return free.data.map((s) => s.startsAt);
}

async function book(patientId: string, providerId: string, typeId: string, startsAt: string): Promise<Row> {
  const reply = await desk().post<{ data: Row }>("/api/v1/appointments", { patientId, providerId, appointmentTypeId: typeId, startsAt });
  expectStatus(reply, 201, `booking at ${startsAt}`);
  return reply.body.data;
}

const appointment = async (id: string) => (await desk().json<{ data: Row }>(`/api/v1/appointments/${id}`)).data;

/** Every appointment of the organization between two days, page by page. */
async function appointmentsBetween(from: string, to: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Row[]; nextCursor: string | null } = await desk().json(
      `/api/v1/appointments?from=${from}&to=${to}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** A weekday `weeks` weeks ahead (Monday = 1): past what the demo and the other schedule specs book. */
function weekdayAhead(weeks: number, isoWeekday: number): string {
  const monday = mondayOf(addDays(todayIn(ZONE), weeks * 7));
  return addDays(monday, isoWeekday - 1);
}

const scheduleUrl = (q: Record<string, string>) => tenantUrl(METRO, `/schedule?${new URLSearchParams(q).toString()}`);

/** The grid has drawn its appointments: no skeleton left (generous: a first load on a busy machine is slow). */
async function gridReady(page: Page) {
  await expect(page.locator("[data-skeleton]")).toHaveCount(0, { timeout: 45_000 });
}

const blocks = (page: Page) => page.locator("[data-appointment-id]");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A time label as a pattern: the browser may put U+202F before AM/PM. */
const timePattern = (label: string) => escape(label).replace(/ /g, "\\s");

function note(testInfo: TestInfo, type: string, description: string) {
  testInfo.annotations.push({ type, description });
  console.log(`[schedule-views] ${type}: ${description}`);
}

/** Saves the screen as it is for the docs (a viewport PNG, well under 150 KB). */
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}` });

test.describe.configure({ timeout: 120_000 });

test("the all-providers week draws overlapping visits side by side, shows all seven days at 1366 px and the current time", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const today = todayIn(ZONE);
  const monday = mondayOf(today);
  const started = Date.now();
  await page.goto(scheduleUrl({ view: "week", date: today, provider: "all" }));
  await gridReady(page);
  await expect(blocks(page).first()).toBeVisible();
  note(testInfo, "timing", `all-providers week drawn in ${Date.now() - started} ms`);

  // The demo week really has visits at the same time (with different providers), so the test can fail.
  const rows = await appointmentsBetween(monday, addDays(monday, 6));
  let timeOverlaps = 0;
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++)
      if (Date.parse(rows[i]!.startsAt) < Date.parse(rows[j]!.endsAt) && Date.parse(rows[j]!.startsAt) < Date.parse(rows[i]!.endsAt))
        timeOverlaps++;
  expect(timeOverlaps, "pairs of appointments sharing time in the demo week").toBeGreaterThan(0);

  const boxes = await blocks(page).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute("data-appointment-id"), left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
  expect(boxes.length, "every appointment of the week is drawn").toBe(rows.length);
  let visualOverlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5) visualOverlaps++;
    }
  note(testInfo, "week", `${boxes.length} blocks, ${timeOverlaps} pairs overlapping in time, ${visualOverlaps} drawn over each other`);
  expect(visualOverlaps, "appointment blocks drawn over each other").toBe(0);

  // All seven days fit the screen: no horizontal scroll, every day's column inside the viewport.
  const columns = page.locator("[data-column-date]");
  await expect(columns).toHaveCount(7);
  expect(await columns.evaluateAll((els) => els.map((el) => el.getAttribute("data-column-date")))).toEqual(
    Array.from({ length: 7 }, (_, i) => addDays(monday, i)),
  );
  for (const box of await columns.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect)))
    expect(box.right, "a day column ends inside the 1366 px screen").toBeLessThanOrEqual(DESKTOP.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // The current-time line, in Metro's zone, on today's column while the grid's hours include now.
  const nowMinutes = (() => {
    const [h, m] = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .format(new Date())
      .split(":")
      .map(Number);
    return h! * 60 + m!;
  })();
  if (nowMinutes >= 8 * 60 && nowMinutes <= 18 * 60) {
    await expect(page.locator(`[data-column-date="${today}"] [data-now-line]`)).toBeVisible();
    await expect(page.locator("[data-now-line]")).toHaveCount(1);
  } else note(testInfo, "now line", `not asserted: ${Math.floor(nowMinutes / 60)}h in ${ZONE} is outside the grid's hours`);

  await shoot(page, "schedule-week-desktop.png");
  await expectNoSeriousAxeViolations(page, "the all-providers week view");

  // An appointment's panel opens from its block, and passes axe too.
  await blocks(page).first().click();
  const schedule = new SchedulePage(page);
  await expect(schedule.panel.getByRole("heading", { level: 2 })).not.toHaveText("Appointment");
  await expect(schedule.panel.getByText("When")).toBeVisible();
  await expectNoSeriousAxeViolations(page, "the appointment panel over the week view");
});

test("the day view has a column per provider; short visits keep time and patient on one unclipped line", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const today = todayIn(ZONE);
  // The demo books weekdays; the busiest view is a weekday of this week.
  const day = [0, 1, 2, 3, 4].map((i) => addDays(mondayOf(today), i)).find((d) => d >= today) ?? addDays(mondayOf(today), 7);
  await page.goto(scheduleUrl({ view: "day", date: day, provider: "all" }));
  await gridReady(page);
  // One column per provider on the list (other specs may have added providers to Metro), the demo's among them.
  const listed = (await page.getByLabel("Provider").locator("option").count()) - 1;
  expect(listed).toBeGreaterThanOrEqual(METRO.providers.length);
  await expect(page.locator("[data-column]")).toHaveCount(listed);
  for (const name of METRO.providers) await expect(page.locator(`[data-column="${name}"]`)).toHaveCount(1);
  await expect(blocks(page).first()).toBeVisible();

  const clipped = await blocks(page).evaluateAll((els) =>
    els
      .filter((el) => el.getBoundingClientRect().height < 36)
      .map((el) => {
        const line = el.firstElementChild as HTMLElement;
        return { name: el.textContent, clipped: el.scrollHeight > el.clientHeight + 1 || line.offsetHeight > el.clientHeight + 1 };
      }),
  );
  note(testInfo, "short blocks", `${clipped.length} blocks shorter than two lines on ${day}`);
  expect(clipped.filter((c) => c.clipped)).toEqual([]);
  // Whatever does not fit is in the block's name and tooltip.
  const short = blocks(page)
    .filter({ has: page.locator("span.sr-only") })
    .first();
  await expect(short).toHaveAttribute("title", /·/);

  await shoot(page, "schedule-day-desktop.png");
  await expectNoSeriousAxeViolations(page, "the all-providers day view");
});

// Back across a reload to the very first address has, once in three CI runs on a loaded machine,
// kept the week view on screen though the address no longer names a view; 24 runs beside three
// busy cores did not show it again. Retried once so a run shows it as flaky in the report instead
// of failing; the cause is still open, and a failure reports what the history entry held. (Reading
// the address with useSyncExternalStore instead of the router's copy was tried: it re-renders before
// the router's own update, which then drops the new day's read in flight and leaves the grid loading.)
test.describe("address round trip", () => {
  test.describe.configure({ retries: 1 });
  test("the view, day and provider live in the address: a reload and Back restore them", async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    const { provider } = await ids();
    const okafor = provider("Dr. Daniel Okafor");
    const schedule = new SchedulePage(page);
    await schedule.goto(METRO);
    await gridReady(page);
    const today = todayIn(ZONE);

    await schedule.view("week").click();
    await expect(page).toHaveURL(/view=week/);
    await page.getByLabel("Provider").selectOption({ label: "Dr. Daniel Okafor" });
    await expect(page).toHaveURL(new RegExp(`provider=${okafor}`));
    await schedule.next.click();
    const nextMonday = addDays(mondayOf(today), 7);
    const range = (monday: string) => `${dayLabel(`${monday}T12:00:00Z`, "UTC")} – ${dayLabel(`${addDays(monday, 6)}T12:00:00Z`, "UTC")}`;
    await expect(schedule.rangeHeading(range(nextMonday))).toBeVisible();
    expect(new URL(page.url()).searchParams.get("date")).toBe(addDays(today, 7));

    await page.reload();
    await expect(schedule.rangeHeading(range(nextMonday))).toBeVisible();
    await expect(schedule.view("week")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("Provider")).toHaveValue(okafor);
    await gridReady(page);
    await expect(page.locator("[data-column-date]")).toHaveCount(7);

    await page.goBack();
    await expect(schedule.rangeHeading(range(mondayOf(today)))).toBeVisible();
    await expect(page.getByLabel("Provider")).toHaveValue(okafor);
    await page.goBack();
    await expect(page.getByLabel("Provider")).toHaveValue("all");
    await expect(schedule.view("week")).toHaveAttribute("aria-pressed", "true");
    await page.goBack();
    await expect(page).not.toHaveURL(/view=/);
    try {
      await expect(schedule.view("day")).toHaveAttribute("aria-pressed", "true", { timeout: 15_000 });
    } catch (err) {
      // What the browser's history entry holds decides how the router treats Back (an entry
      // without the router's own state is ignored by it): say so when this step fails.
      const entry = await page.evaluate(() => {
        const state = window.history.state as Record<string, unknown> | null;
        return {
          search: window.location.search,
          historyLength: window.history.length,
          state: state === null ? null : Object.keys(state),
          routerEntry: state !== null && "__NA" in state,
          pressed: [...document.querySelectorAll("button[aria-pressed='true']")].map((b) => b.textContent),
        };
      });
      throw new Error(`after the third Back the view did not follow the address; history entry: ${JSON.stringify(entry)}`, {
        cause: err,
      });
    }
  });
});

test("clicking an empty time opens the booking dialog with that provider, day and time; the booking appears there", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { typeId, provider } = await ids();
  const okafor = provider("Dr. Daniel Okafor");
  const patient = await registerPatient("Slot");
  const day = weekdayAhead(7, 4);
  const free = await freeTimes(typeId, okafor, day);
  expect(free.length).toBeGreaterThan(3);
  const slot = free[2]!;
  const time = timeLabel(slot, ZONE);

  const started = Date.now();
  await page.goto(scheduleUrl({ view: "day", date: day, provider: okafor }));
  await gridReady(page);
  const empty = page.getByRole("button", { name: new RegExp(`^Book .*, ${timePattern(time)}, Dr\\. Daniel Okafor$`) });
  await empty.click();
  const dialog = page.getByRole("dialog", { name: "Book an appointment" });
  await expect(dialog.getByLabel("Provider")).toHaveValue(okafor);
  await expect(dialog.getByLabel("Date")).toHaveValue(day);
  const chosen = dialog.getByRole("group", { name: /^Free times/ }).getByRole("button", { name: new RegExp(`^${timePattern(time)}$`) });
  await expect(chosen).toHaveAttribute("aria-pressed", "true");
  await expectNoSeriousAxeViolations(page, "the booking dialog opened from an empty time");

  await dialog.getByLabel("Patient").fill(patient.lastName);
  await dialog
    .getByRole("list", { name: "Matching patients" })
    .getByRole("button", { name: new RegExp(patient.firstName) })
    .click();
  await expect(chosen).toHaveAttribute("aria-pressed", "true");
  await dialog.getByRole("button", { name: "Book", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const schedule = new SchedulePage(page);
  await expect(schedule.panel).toContainText(patient.name);
  await schedule.panel.getByRole("button", { name: "Close" }).click();
  const block = schedule.block(patient.name);
  await expect(block).toBeVisible();
  note(testInfo, "timing", `open /schedule → booked from an empty time, block on the grid: ${Date.now() - started} ms`);
  expect(squash((await block.textContent()) ?? "")).toContain(`${time} ${patient.name}`);
  const booked = (await appointmentsBetween(day, day)).filter((r) => r.providerId === okafor && sameInstant(r.startsAt, slot));
  expect(booked).toHaveLength(1);
});

test("by room: the day view at Metro General has a column per room at the chosen location, a procedure in its room's column", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const site = desk();
  const { provider } = await ids();
  const types = await site.json<{ data: { id: string; name: string }[] }>("/api/v1/appointment-types");
  const procedure = types.data.find((t) => t.name === "Procedure")!.id;
  const okafor = provider("Dr. Daniel Okafor");
  // A Wednesday: every demo provider works at Main Campus then.
  const day = weekdayAhead(10, 3);
  const free = await freeTimes(procedure, okafor, day);
  expect(free.length).toBeGreaterThan(0);
  const patient = await registerPatient("Rooms");
  const visit = await book(patient.id, okafor, procedure, free[0]!);
  const locations = await site.json<{ data: { id: string; name: string }[] }>("/api/v1/locations");
  const main = locations.data.find((l) => l.name === "Main Campus")!.id;
  const brooklyn = locations.data.find((l) => l.name === "Brooklyn Clinic")!.id;
  // The procedure holds a procedure room at Main Campus; the list by that room has it.
  const inRoom = await site.json<{ data: { id: string; resourceId: string; resourceName: string }[] }>(
    `/api/v1/appointments?date=${day}&location=${main}`,
  );
  const row = inRoom.data.find((r) => r.id === visit.id)!;
  expect(row.resourceName).toMatch(/^Procedure Room [12]$/);
  const byRoom = await site.json<{ data: { id: string }[] }>(`/api/v1/appointments?date=${day}&resource=${row.resourceId}`);
  expect(byRoom.data.map((r) => r.id)).toContain(visit.id);

  const schedule = new SchedulePage(page);
  await page.goto(scheduleUrl({ view: "day", date: day, provider: "all" }));
  await gridReady(page);
  await expect(schedule.columns("By provider")).toHaveAttribute("aria-pressed", "true");
  const started = Date.now();
  await schedule.columns("By room").click();
  await expect(page).toHaveURL(/by=room/);
  await expect(schedule.columns("By room")).toHaveAttribute("aria-pressed", "true");
  await gridReady(page);
  // The main location is chosen first; its four demo rooms head columns (other specs may add more).
  await expect(page.getByLabel("Location")).toHaveValue(main);
  for (const name of ["Exam Room 1", "Exam Room 2", "Procedure Room 1", "Procedure Room 2"]) {
    await expect(page.locator(`[data-column="${name}"]`)).toHaveCount(1);
  }
  const block = page.locator(`[data-column="${row.resourceName}"]`).getByRole("button", { name: new RegExp(patient.name) });
  await expect(block).toHaveCount(1);
  note(testInfo, "timing", `room columns drawn in ${Date.now() - started} ms`);
  await expectNoSeriousAxeViolations(page, "the day view by room");

  // The block opens the same panel as in provider columns.
  await block.click();
  await expect(schedule.panel).toContainText(patient.name);
  await schedule.panel.getByRole("button", { name: "Close" }).click();
  await expect(schedule.panel).toHaveCount(0);

  // Brooklyn Clinic: its rooms, not Main Campus's, and not the procedure; kept in the address across a reload.
  await page.getByLabel("Location").selectOption({ label: "Brooklyn Clinic" });
  await expect(page).toHaveURL(new RegExp(`location=${brooklyn}`));
  await gridReady(page);
  await expect(page.locator('[data-column="Procedure Room B1"]')).toHaveCount(1);
  await expect(page.locator('[data-column="Procedure Room 1"]')).toHaveCount(0);
  await expect(schedule.block(patient.name)).toHaveCount(0);
  await page.reload();
  await gridReady(page);
  await expect(page.getByLabel("Location")).toHaveValue(brooklyn);
  await expect(page.locator('[data-column="Exam Room B1"]')).toHaveCount(1);
  await page.goBack();
  await expect(page.getByLabel("Location")).toHaveValue(main);
  await gridReady(page);
  await expect(schedule.block(patient.name)).toHaveCount(1);
});

/** The confirmation's From and To values. */
const moveField = (dialog: Locator, which: "from" | "to") => dialog.locator(`[data-move="${which}"]`);

test("moving with the keyboard asks first: Keep leaves it, Move moves it, a taken time is refused in plain words", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { typeId, provider } = await ids();
  const okafor = provider("Dr. Daniel Okafor");
  const day = weekdayAhead(8, 2);
  const free = await freeTimes(typeId, okafor, day);
  // Three consecutive half-hours: the visit, where it moves, and a time someone else holds.
  const i = free.findIndex((s, k) => k + 2 < free.length && Date.parse(free[k + 2]!) - Date.parse(s) === 60 * 60_000);
  expect(i).toBeGreaterThanOrEqual(0);
  const [t0, t1, t2] = [free[i]!, free[i + 1]!, free[i + 2]!];
  const mover = await registerPatient("Keys");
  const other = await registerPatient("Holder");
  const visit = await book(mover.id, okafor, typeId, t0);
  await book(other.id, okafor, typeId, t2);

  await page.goto(scheduleUrl({ view: "day", date: day, provider: okafor }));
  await gridReady(page);
  const schedule = new SchedulePage(page);
  const block = schedule.block(mover.name);
  const confirm = page.getByRole("dialog", { name: "Move this appointment?" });
  const pick = async () => {
    await block.focus();
    await page.keyboard.press("m");
    await expect(page.locator("[data-move-preview]")).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(confirm).toBeVisible();
  };

  const started = Date.now();
  await pick();
  expect(squash((await moveField(confirm, "from").textContent()) ?? "")).toBe(`${dayLabel(t0, ZONE)}, ${timeLabel(t0, ZONE)}`);
  expect(squash((await moveField(confirm, "to").textContent()) ?? "")).toBe(`${dayLabel(t1, ZONE)}, ${timeLabel(t1, ZONE)}`);
  await expectNoSeriousAxeViolations(page, "the move confirmation");
  await confirm.getByRole("button", { name: "Keep current time" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(block).toBeFocused();
  expect(sameInstant((await appointment(visit.id)).startsAt, t0), "Keep leaves the visit where it was").toBe(true);
  expect(squash((await block.textContent()) ?? "")).toContain(timeLabel(t0, ZONE));

  // Escape puts a picked-up visit back without asking.
  await block.focus();
  await page.keyboard.press("m");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  await expect(page.locator("[data-move-preview]")).toHaveCount(0);
  await expect(confirm).toHaveCount(0);

  await pick();
  await confirm.getByRole("button", { name: "Move appointment" }).click();
  await expect(confirm).toHaveCount(0);
  await expect.poll(async () => squash((await block.textContent()) ?? "")).toContain(timeLabel(t1, ZONE));
  expect(sameInstant((await appointment(visit.id)).startsAt, t1), "Move moves the visit").toBe(true);
  note(testInfo, "timing", `keyboard move, from pick-up to moved: ${Date.now() - started} ms (including a cancelled attempt)`);
  await expect(page.getByRole("status").filter({ hasText: "moved to" })).toHaveCount(1);

  // Onto the other patient's time: the server refuses, the dialog says so, nothing changes.
  await pick();
  await confirm.getByRole("button", { name: "Move appointment" }).click();
  const refusal = confirm.getByRole("alert");
  await expect(refusal).toContainText(/^Not moved: /);
  note(testInfo, "refusal", squash((await refusal.textContent()) ?? ""));
  await expect(confirm.getByRole("button", { name: "Move appointment" })).toHaveCount(0);
  await confirm.getByRole("button", { name: "Keep current time" }).click();
  await expect(confirm).toHaveCount(0);
  expect(sameInstant((await appointment(visit.id)).startsAt, t1), "a refused move changes nothing").toBe(true);
  await page.reload();
  await gridReady(page);
  expect(squash((await schedule.block(mover.name).textContent()) ?? "")).toContain(timeLabel(t1, ZONE));
});

test("dragging a visit to another day asks first, old → new; Keep leaves it, Move moves it", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { typeId, provider } = await ids();
  const okafor = provider("Dr. Daniel Okafor");
  const day = weekdayAhead(9, 2);
  const nextDay = addDays(day, 1);
  const free = await freeTimes(typeId, okafor, day);
  const target = (await freeTimes(typeId, okafor, nextDay)).slice(3);
  // The visit's time, and the next day's time one half-hour later, both free.
  const t0 = free.find((s) => target.some((t) => Date.parse(t) - Date.parse(s) === 86_400_000 + 30 * 60_000))!;
  expect(t0).toBeDefined();
  const t1 = new Date(Date.parse(t0) + 86_400_000 + 30 * 60_000).toISOString();
  const patient = await registerPatient("Drag");
  const visit = await book(patient.id, okafor, typeId, t0);

  await page.goto(scheduleUrl({ view: "week", date: day, provider: okafor }));
  await gridReady(page);
  const block = new SchedulePage(page).block(patient.name);
  const confirm = page.getByRole("dialog", { name: "Move this appointment?" });
  const drag = async () => {
    const box = (await block.boundingBox())!;
    const column = (await page.locator(`[data-column-date="${day}"]`).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + 8;
    await page.mouse.move(x, y);
    await page.mouse.down();
    // One column to the right (the next day) and 40 px (half an hour) down, in steps like a hand.
    await page.mouse.move(x + column.width, y + 40, { steps: 8 });
    await expect(page.locator(`[data-column-date="${nextDay}"] [data-move-preview]`)).toBeVisible();
    await page.mouse.up();
    await expect(confirm).toBeVisible();
  };

  const started = Date.now();
  await drag();
  expect(squash((await moveField(confirm, "from").textContent()) ?? "")).toBe(`${dayLabel(t0, ZONE)}, ${timeLabel(t0, ZONE)}`);
  expect(squash((await moveField(confirm, "to").textContent()) ?? "")).toBe(`${dayLabel(t1, ZONE)}, ${timeLabel(t1, ZONE)}`);
  await confirm.getByRole("button", { name: "Keep current time" }).click();
  await expect(confirm).toHaveCount(0);
  // A drag is not a click: no panel opened.
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(sameInstant((await appointment(visit.id)).startsAt, t0)).toBe(true);
  await expect(page.locator(`[data-column-date="${day}"]`).getByRole("button", { name: new RegExp(patient.name) })).toHaveCount(1);

  await drag();
  await confirm.getByRole("button", { name: "Move appointment" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.locator(`[data-column-date="${nextDay}"]`).getByRole("button", { name: new RegExp(patient.name) })).toHaveCount(1);
  expect(sameInstant((await appointment(visit.id)).startsAt, t1), "the drag moved the visit").toBe(true);
  note(testInfo, "timing", `drag move, first drag to moved (with one cancelled): ${Date.now() - started} ms`);
});

test("on a phone the schedule is one day's list with day navigation", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  const today = todayIn(ZONE);
  const day = [0, 1, 2, 3, 4].map((i) => addDays(mondayOf(today), i)).find((d) => d >= today) ?? addDays(mondayOf(today), 7);
  const started = Date.now();
  await page.goto(scheduleUrl({ view: "week", date: day, provider: "all" }));
  const list = page.getByRole("list", { name: "Appointments this day" });
  await expect(list).toBeVisible({ timeout: 45_000 });
  note(testInfo, "timing", `phone day list shown in ${Date.now() - started} ms`);
  await expect(page.locator("[data-column-date]")).toHaveCount(0);
  const rows = (await appointmentsBetween(day, day)).length;
  await expect(list.getByRole("listitem")).toHaveCount(rows);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await shoot(page, "schedule-phone.png");
  await expectNoSeriousAxeViolations(page, "the phone day list");

  const schedule = new SchedulePage(page);
  await page.getByRole("button", { name: "Next day" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${addDays(day, 1)}`));
  await expect(schedule.rangeHeading(longDate(addDays(day, 1)))).toBeVisible();
  await page.getByRole("button", { name: "Previous day" }).click();
  await expect(schedule.rangeHeading(longDate(day))).toBeVisible();
  await list.getByRole("button").first().click();
  await expect(schedule.panel.getByText("When")).toBeVisible();
  await expectNoSeriousAxeViolations(page, "the appointment panel on a phone");
});

const longDate = (day: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T12:00:00Z`),
  );
