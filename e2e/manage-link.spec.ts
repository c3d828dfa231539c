import { expect, test } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { ManagePage } from "./support/booking-pages";
import { ROOT } from "./support/hosts";
import { openPatientBrowser } from "./support/patient-browser";
import { PERSONAS } from "./support/personas";
import { clientAddress, expectError, expectStatus, PublicSite, StaffSite } from "./support/public-client";
import {
  BookingSite,
  dayLabel,
  isOffered,
  newPatient,
  outbox,
  sameInstant,
  slotsAhead,
  squash,
  staffAppointment,
  sunsetOwner,
  timeLabel,
  todayIn,
  type Booked,
  type Slot,
} from "./support/scheduling";
import { hostOf, METRO, SUNSET } from "./support/tenants";
import { canInspectDatabase, queryServerDatabases } from "./support/server-database";

// Project "scheduling". The signed manage link a patient gets after booking online: cancel and
// reschedule inside the rules, nothing outside them, nothing on another hospital's host, nothing
// with a forged token. Sunset's bookings here are with Dr. Luis Garcia (no other spec books him).

const TYPE = "Follow-up";
const SUNSET_PROVIDER = "Dr. Luis Garcia";
const METRO_PROVIDER = "Dr. Daniel Okafor";
const HOUR = 3_600_000;

/** A booking comfortably outside the 24-hour window: at least 26 hours ahead. */
async function bookAhead(booking: BookingSite, typeName: string, providerName: string, role: string, skip = 0) {
  const { typeId, providerId, timeZone } = await booking.pick(typeName, providerName);
  const slots = await slotsAhead(booking, { typeId, providerId, timeZone, minLeadHours: 26 });
  expect(slots.length, `free ${typeName} slots with ${providerName} more than 26 h ahead`).toBeGreaterThan(skip);
  const slot = slots[skip]!;
  const booked = await booking.mustBook({ typeId, providerId, startsAt: slot.startsAt, patient: newPatient(role) });
  return { booked, slot, typeId, providerId, timeZone };
}

async function offeredNow(booking: BookingSite, typeId: string, providerId: string, timeZone: string): Promise<Slot[]> {
  return booking.slots({ typeId, providerId, from: todayIn(timeZone) });
}

test("the patient cancels through the manage link in Chromium, and the freed time is offered again", async ({ browser }) => {
  const booking = BookingSite.of(SUNSET);
  const { booked, slot, typeId, providerId, timeZone } = await bookAhead(booking, TYPE, SUNSET_PROVIDER, "Canceller");
  expect(
    isOffered(await offeredNow(booking, typeId, providerId, timeZone), slot.startsAt, providerId),
    "a booked time is not offered",
  ).toBe(false);

  const summary = await booking.manage(booked.manageToken);
  expectStatus(summary, 200, "manage summary");
  expect(summary.body.data).toMatchObject({
    id: booked.id,
    status: "scheduled",
    providerName: SUNSET_PROVIDER,
    canChange: true,
    cancellationWindowHours: 24,
  });

  const patient = await openPatientBrowser(browser);
  try {
    const page = patient.page;
    const manage = new ManagePage(page);
    await manage.goto(SUNSET, booked.manageToken);
    await expect(manage.field("With")).toHaveText(SUNSET_PROVIDER);
    await expect(manage.field("Status")).toHaveText(/^scheduled$/i);
    const cancelled = page.waitForResponse((r) => r.url().endsWith(`/manage/${booked.manageToken}/cancel`));
    await manage.cancelAppointment();
    expect((await cancelled).status()).toBe(200);
    await expect(manage.notice).toHaveText("Your appointment is cancelled.");
    await expect(manage.field("Status")).toHaveText(/^cancelled$/i);
    await expect(manage.cancel).toHaveCount(0);
    await expect(manage.reschedule).toHaveCount(0);
  } finally {
    await patient.close();
  }

  const staff = sunsetOwner();
  const row = await staffAppointment(staff, booked.id);
  expect(row.status).toBe("cancelled");
  expect((row as unknown as { cancelReason: string | null }).cancelReason).toBeTruthy();
  expect(
    isOffered(await offeredNow(booking, typeId, providerId, timeZone), slot.startsAt, providerId),
    "the cancelled time is offered again",
  ).toBe(true);
  const mail = (await outbox(staff)).filter((m) => m.appointmentId === booked.id).map((m) => m.kind);
  expect(mail).toEqual(expect.arrayContaining(["confirmation", "cancellation"]));

  // A cancelled appointment stays cancelled: the link cannot cancel it twice.
  const again = await booking.cancel(booked.manageToken);
  expectError(again, 400, "invalid:status_transition");
});

test("inside the 24-hour cancellation window the link refuses to cancel or move, and says why", async ({ browser }) => {
  const booking = BookingSite.of(SUNSET);
  const staff = sunsetOwner();
  const { typeId, providerId, timeZone } = await booking.pick(TYPE, SUNSET_PROVIDER);
  let booked: Booked;
  // The engine offers times from 2 hours ahead (minimum notice); one inside 24 hours if there is one…
  const soon = await slotsAhead(booking, { typeId, providerId, timeZone, minLeadHours: 2.5, maxLeadHours: 23 });
  if (soon.length) {
    booked = await booking.mustBook({ typeId, providerId, startsAt: soon[0]!.startsAt, patient: newPatient("Late") });
  } else {
    // …otherwise (evenings, weekends) book further ahead and let the front desk move it inside the window.
    ({ booked } = await bookAhead(booking, TYPE, SUNSET_PROVIDER, "Late"));
    const moved = await moveInsideWindow(staff, booked.id, timeZone, providerId, typeId);
    booked = { ...booked, startsAt: moved };
  }
  const startsAt = booked.startsAt;
  expect(new Date(startsAt).getTime() - Date.now()).toBeLessThan(24 * HOUR);
  const laterSlot = (await slotsAhead(booking, { typeId, providerId, timeZone, minLeadHours: 26 }))[0];
  expect(laterSlot, "a free time to try to move to").toBeDefined();

  // The patient, later, from wherever they are.
  const patientSite = new BookingSite(booking.site.fromAddress(clientAddress()));
  const summary = await patientSite.manage(booked.manageToken);
  expectStatus(summary, 200, "manage summary");
  expect(summary.body.data.canChange).toBe(false);

  const cancel = expectError(await patientSite.cancel(booked.manageToken), 400, "invalid:cancellation_window");
  expect(cancel.error.message).toMatch(/24 hours/);
  const move = expectError(await patientSite.reschedule(booked.manageToken, laterSlot!.startsAt), 400, "invalid:cancellation_window");
  expect(move.error.message).toMatch(/24 hours/);

  const row = await staffAppointment(staff, booked.id);
  expect(row.status).toBe("scheduled");
  expect(sameInstant(row.startsAt, startsAt)).toBe(true);

  const patient = await openPatientBrowser(browser);
  try {
    const manage = new ManagePage(patient.page);
    await manage.goto(SUNSET, booked.manageToken);
    await expect(patient.page.getByText("Changes online are possible up to 24 hours before the appointment.")).toBeVisible();
    await expect(manage.cancel).toHaveCount(0);
    await expect(manage.reschedule).toHaveCount(0);
  } finally {
    await patient.close();
  }
});

/** Staff move an appointment to a free time between 1 and 23 hours from now; returns the new start. */
async function moveInsideWindow(staff: StaffSite, id: string, timeZone: string, providerId: string, typeId: string): Promise<string> {
  // Today's and tomorrow's free times: late in the clinic's day the next 23 hours are mostly tomorrow.
  const today = todayIn(timeZone);
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
  const staffSlots = await staff.json<{ data: Slot[] }>(
    `/api/v1/availability?type=${typeId}&provider=${providerId}&from=${today}&to=${tomorrow}`,
  );
  const candidates = staffSlots.data
    .map((s) => s.startsAt)
    .filter((s) => {
      const lead = new Date(s).getTime() - Date.now();
      return lead > HOUR && lead < 23 * HOUR;
    });
  // Then quarter hours 3 h onwards, off the online grid.
  const quarter = 15 * 60_000;
  const base = Math.ceil((Date.now() + 3 * HOUR) / quarter) * quarter;
  for (let i = 0; i < 12; i++) candidates.push(new Date(base + i * quarter).toISOString());
  for (const startsAt of candidates) {
    const reply = await staff.post<{ data: { startsAt: string } }>(`/api/v1/appointments/${id}/reschedule`, { startsAt });
    if (reply.status === 200) return reply.body.data.startsAt;
    // Taken (409) or outside the provider's working hours (400): not free, try the next one.
    expect([400, 409], reply.text).toContain(reply.status);
  }
  // The provider works no hours in the next 23 (a weekend, or late on the day before one): the
  // window is what this test is about, not how the visit got into it, so it is moved there in the
  // server's database, to a free quarter hour.
  if (!canInspectDatabase) throw new Error("no working time inside 24 hours, and no database to move the appointment in");
  for (let i = 0; i < 60; i++) {
    const startsAt = new Date(base + i * quarter);
    const moved = await queryServerDatabases(async (sql) => {
      try {
        return await sql<{ starts_at: Date }[]>`
          update appointments set starts_at = ${startsAt}::timestamptz, ends_at = ${startsAt}::timestamptz + (ends_at - starts_at)
          where id = ${id} returning starts_at`;
      } catch {
        return []; // that time is taken (the exclusion constraint): the next quarter hour
      }
    });
    if (moved.length) return moved[0]!.starts_at.toISOString();
  }
  throw new Error("no free time inside 24 hours to move the appointment to");
}

test("Metro's manage link does nothing on Sunset's host, and Sunset's nothing on Metro's", async ({ browser }) => {
  const metro = BookingSite.of(METRO);
  const sunset = BookingSite.of(SUNSET);
  const { booked: metroBooked } = await bookAhead(metro, TYPE, METRO_PROVIDER, "Metro");
  const { booked: sunsetBooked } = await bookAhead(sunset, TYPE, SUNSET_PROVIDER, "Sunset");
  const { typeId, providerId, timeZone } = await sunset.pick(TYPE, SUNSET_PROVIDER);
  const sunsetTarget = (await slotsAhead(sunset, { typeId, providerId, timeZone, minLeadHours: 26 }))[0]!;

  await test.step("Metro's token on Sunset's host: 404 for view, cancel and reschedule", async () => {
    for (const reply of [
      await sunset.manage(metroBooked.manageToken),
      await sunset.cancel(metroBooked.manageToken),
      await sunset.reschedule(metroBooked.manageToken, sunsetTarget.startsAt),
    ]) {
      const body = expectError(reply, 404, "not_found:appointment");
      expect(JSON.stringify(body)).not.toContain(METRO_PROVIDER);
    }
    // The same through a path-based address on the root domain.
    const byPath = new PublicSite(ROOT);
    expectError(await byPath.get(`/org/${SUNSET.slug}/api/v1/public/manage/${metroBooked.manageToken}`), 404, "not_found:appointment");
    expectError(
      await byPath.post(`/org/${SUNSET.slug}/api/v1/public/manage/${metroBooked.manageToken}/cancel`),
      404,
      "not_found:appointment",
    );
  });

  await test.step("Sunset's token on Metro's host: 404 too", async () => {
    expectError(await metro.manage(sunsetBooked.manageToken), 404, "not_found:appointment");
    expectError(await metro.cancel(sunsetBooked.manageToken), 404, "not_found:appointment");
  });

  await test.step("the manage page on the wrong host says the link is not valid", async () => {
    const patient = await openPatientBrowser(browser);
    try {
      const manage = new ManagePage(patient.page);
      await manage.goto(SUNSET, metroBooked.manageToken);
      await expect(manage.invalid).toBeVisible();
      await expect(patient.page.getByText(METRO_PROVIDER)).toHaveCount(0);
      await expect(manage.cancel).toHaveCount(0);
    } finally {
      await patient.close();
    }
  });

  await test.step("nothing changed at either hospital", async () => {
    const metroNow = await metro.manage(metroBooked.manageToken);
    expectStatus(metroNow, 200, "Metro's own host");
    expect(metroNow.body.data.status).toBe("scheduled");
    expect(sameInstant(metroNow.body.data.startsAt, metroBooked.startsAt)).toBe(true);
    const metroOwner = new StaffSite(hostOf(METRO), sessionCookieFrom(PERSONAS.attacker.storageState));
    const metroRow = (await metroOwner.json<{ data: { status: string; startsAt: string } }>(`/api/v1/appointments/${metroBooked.id}`)).data;
    expect(metroRow.status).toBe("scheduled");
    expect(sameInstant(metroRow.startsAt, metroBooked.startsAt)).toBe(true);
    const sunsetRow = await staffAppointment(sunsetOwner(), sunsetBooked.id);
    expect(sunsetRow.status).toBe("scheduled");
  });
});

/** The token with one character replaced by another base64url character. */
function flip(token: string, index: number): string {
  const c = token[index]!;
  const replacement = c === "A" ? "B" : "A";
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

test("a tampered manage token is refused and changes nothing", async () => {
  const booking = BookingSite.of(SUNSET);
  const { booked } = await bookAhead(booking, TYPE, SUNSET_PROVIDER, "Tamper");
  const { booked: other } = await bookAhead(booking, TYPE, SUNSET_PROVIDER, "Other");
  const token = booked.manageToken;
  const [payload, signature] = token.split(".") as [string, string];
  expect(signature, "token is payload.signature").toBeTruthy();

  // Someone else's appointment id, re-encoded into this token's payload, under this token's signature.
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const swapped = Buffer.from(JSON.stringify({ ...claims, i: other.id })).toString("base64url");
  const extended = Buffer.from(JSON.stringify({ ...claims, e: Number(claims.e) + 365 * 86_400 })).toString("base64url");

  const forgeries: [string, string][] = [
    ["a signature character flipped", `${payload}.${flip(signature, Math.floor(signature.length / 2))}`],
    ["the signature's first character flipped", `${payload}.${flip(signature, 0)}`],
    ["a payload character flipped", `${flip(payload, Math.floor(payload.length / 2))}.${signature}`],
    ["another appointment's id in the payload", `${swapped}.${signature}`],
    ["a later expiry in the payload", `${extended}.${signature}`],
    ["the signature cut short", `${payload}.${signature.slice(0, -4)}`],
    ["no signature", `${payload}.`],
    ["the payload alone", payload],
  ];
  for (const [what, forged] of forgeries) {
    await test.step(what, async () => {
      expect(forged).not.toBe(token);
      // Each forgery from an address of its own: this test is about the token, not the rate limit.
      const forger = new BookingSite(booking.site.fromAddress(clientAddress()));
      const path = encodeURIComponent(forged);
      expectError(await forger.manage(path), 404, "not_found:appointment");
      expectError(await forger.cancel(path), 404, "not_found:appointment");
    });
  }

  // Both appointments untouched; the genuine link still works.
  const staff = sunsetOwner();
  expect((await staffAppointment(staff, booked.id)).status).toBe("scheduled");
  expect((await staffAppointment(staff, other.id)).status).toBe("scheduled");
  const genuine = await booking.manage(token);
  expectStatus(genuine, 200, "the genuine token");
  expect(genuine.body.data.id).toBe(booked.id);
});

test("rescheduling through the link moves the appointment and frees the old time", async ({ browser }) => {
  const booking = BookingSite.of(SUNSET);
  const { booked, slot, typeId, providerId, timeZone } = await bookAhead(booking, TYPE, SUNSET_PROVIDER, "Mover");
  const target = (await slotsAhead(booking, { typeId, providerId, timeZone, minLeadHours: 26 })).find(
    (s) => !sameInstant(s.startsAt, slot.startsAt),
  );
  expect(target, "another free time to move to").toBeDefined();

  const moved = await booking.reschedule(booked.manageToken, target!.startsAt);
  expectStatus(moved, 200, "reschedule through the link");
  expect(moved.body.data.status).toBe("scheduled");
  expect(sameInstant(moved.body.data.startsAt, target!.startsAt)).toBe(true);
  expect(sameInstant(moved.body.data.endsAt, target!.endsAt)).toBe(true);

  const staff = sunsetOwner();
  const row = await staffAppointment(staff, booked.id);
  expect(row.status).toBe("scheduled");
  expect(sameInstant(row.startsAt, target!.startsAt)).toBe(true);
  const offered = await offeredNow(booking, typeId, providerId, timeZone);
  expect(isOffered(offered, slot.startsAt, providerId), "the old time is free again").toBe(true);
  expect(isOffered(offered, target!.startsAt, providerId), "the new time is taken").toBe(false);
  expect((await outbox(staff)).some((m) => m.appointmentId === booked.id && m.kind === "reschedule")).toBe(true);

  // The same link shows the new time.
  const patient = await openPatientBrowser(browser);
  try {
    const manage = new ManagePage(patient.page);
    await manage.goto(SUNSET, booked.manageToken);
    await expect(manage.field("Status")).toHaveText(/^scheduled$/i);
    const when = squash((await manage.field("When").textContent()) ?? "");
    expect(when).toContain(`${dayLabel(target!.startsAt, timeZone)}, ${timeLabel(target!.startsAt, timeZone)}`);
  } finally {
    await patient.close();
  }
});
