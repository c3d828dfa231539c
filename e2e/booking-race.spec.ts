import { expect, test } from "@playwright/test";
import {
  clientAddress,
  clientAddresses,
  expectError,
  expectStatus,
  PublicSite,
  send,
  type Reply,
  type StaffSite,
} from "./support/public-client";
import {
  addDays,
  BookingSite,
  isOffered,
  liveOverlapping,
  newPatient,
  runTag,
  sameInstant,
  slotsAhead,
  sunsetOwner,
  todayIn,
  type Booked,
  type Slot,
} from "./support/scheduling";
import { hostOf, SUNSET } from "./support/tenants";

// Project "scheduling". Double booking must be impossible: many patients (or desks) asking for the
// same time at once get exactly one appointment, and every loser a clear 409. All races here are
// on Sarah Kim's calendar at Sunset Clinic (no other spec books her).
//
// Rate limit: the public endpoints allow 10 bookings a minute per organization and client address.
// The 100-way online race therefore comes from 100 patients at 100 loopback addresses (real TCP
// source addresses, see support/public-client.ts), and an 8-way race from a single address shows
// the same inside one client's allowance.

const TYPE = "Follow-up";
const PROVIDER = "Sarah Kim";
const CROWD = 100;
const TAKEN = /just taken/i;

type Setup = { booking: BookingSite; typeId: string; providerId: string; timeZone: string };

async function setup(): Promise<Setup> {
  const booking = BookingSite.of(SUNSET);
  const { typeId, providerId, timeZone } = await booking.pick(TYPE, PROVIDER);
  return { booking, typeId, providerId, timeZone };
}

/** The next free online slot at least `lead` hours ahead, other than those already used. */
async function freeSlot({ booking, typeId, providerId, timeZone }: Setup, lead: number, not: string[] = []): Promise<Slot> {
  const slots = await slotsAhead(booking, { typeId, providerId, timeZone, minLeadHours: lead });
  const slot = slots.find((s) => !not.some((n) => sameInstant(n, s.startsAt)));
  expect(slot, `a free ${TYPE} with ${PROVIDER} at least ${lead} h ahead`).toBeDefined();
  return slot!;
}

/** Afterwards the slot holds exactly one live appointment: the winner's. */
async function expectOnlyLive(staff: StaffSite, s: Setup, slot: Slot, winnerId: string) {
  const live = await liveOverlapping(staff, {
    providerId: s.providerId,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    timeZone: s.timeZone,
  });
  expect(live.map((a) => a.id)).toEqual([winnerId]);
  return live[0]!;
}

/** Exactly one success; every other answer a 409 overlap conflict saying the time was just taken. */
function expectOneWinner(replies: Reply[], success: number): Reply {
  const tally: Record<number, number> = {};
  for (const r of replies) tally[r.status] = (tally[r.status] ?? 0) + 1;
  const sample = replies.find((r) => r.status !== success && r.status !== 409);
  expect(
    tally,
    `statuses of ${replies.length} concurrent requests${sample ? `; e.g. ${sample.status}: ${sample.text.slice(0, 300)}` : ""}`,
  ).toEqual({
    [success]: 1,
    409: replies.length - 1,
  });
  for (const r of replies.filter((x) => x.status === 409)) {
    const body = expectError(r, 409, "conflict:appointment_overlap");
    expect(body.error.message).toMatch(TAKEN);
  }
  return replies.find((r) => r.status === success)!;
}

test.describe("racing for one slot", () => {
  test(`${CROWD} concurrent online bookings of one slot by ${CROWD} patients: one appointment, ${CROWD - 1} × 409 "just taken"`, async () => {
    test.setTimeout(240_000);
    const s = await setup();
    const slot = await freeSlot(s, 3);
    const family = `Racer${runTag()}`;
    const patients = Array.from({ length: CROWD }, () => newPatient("Racer", family));
    const addresses = clientAddresses(CROWD);

    const started = Date.now();
    const replies = await Promise.all(
      patients.map((patient, i) =>
        new BookingSite(s.booking.site.fromAddress(addresses[i]!)).book({
          typeId: s.typeId,
          providerId: s.providerId,
          startsAt: slot.startsAt,
          patient,
        }),
      ),
    );
    test.info().annotations.push({ type: "race", description: `${CROWD} online bookings answered in ${Date.now() - started} ms` });
    const winner = expectOneWinner(replies, 201) as Reply<{ data: Booked }>;
    const winnerPatient = patients[replies.indexOf(winner)]!;

    const staff = sunsetOwner();
    const live = await expectOnlyLive(staff, s, slot, winner.body.data.id);
    expect(live.patientName).toBe(`${winnerPatient.firstName} ${winnerPatient.lastName}`);
    // A lost race leaves nothing behind: no patient record for any of the 99.
    // (The search also matches phone numbers holding the tag's digits: only this race's records count.)
    const records = await staff.json<{ data: { email: string | null; lastName: string }[] }>(`/api/v1/patients?q=${family}&limit=200`);
    expect(records.data.filter((p) => p.lastName === family).map((p) => p.email)).toEqual([winnerPatient.email]);
    expect(
      isOffered(
        await s.booking.slots({ typeId: s.typeId, providerId: s.providerId, from: todayIn(s.timeZone) }),
        slot.startsAt,
        s.providerId,
      ),
    ).toBe(false);
  });

  test(`${CROWD} concurrent staff bookings of one slot (POST /api/v1/appointments as Sunset's owner): one appointment`, async () => {
    test.setTimeout(240_000);
    const s = await setup();
    const staff = sunsetOwner();
    const slot = await freeSlot(s, 3);
    const seeded = await staff.json<{ data: { id: string }[] }>("/api/v1/patients?limit=100");
    expect(seeded.data.length).toBeGreaterThan(10);

    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: CROWD }, (_, i) =>
        staff.post<{ data: { id: string } }>("/api/v1/appointments", {
          patientId: seeded.data[i % seeded.data.length]!.id,
          providerId: s.providerId,
          appointmentTypeId: s.typeId,
          startsAt: slot.startsAt,
          reason: `race ${i}`,
        }),
      ),
    );
    test.info().annotations.push({ type: "race", description: `${CROWD} staff bookings answered in ${Date.now() - started} ms` });
    const winner = expectOneWinner(replies, 201) as Reply<{ data: { id: string } }>;
    await expectOnlyLive(staff, s, slot, winner.body.data.id);
  });

  test("8 concurrent online bookings of one slot from one address (inside its allowance): one 201, seven 409", async () => {
    const s = await setup();
    const slot = await freeSlot(s, 3);
    const site = new BookingSite(new PublicSite(hostOf(SUNSET), clientAddress()));
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        site.book({ typeId: s.typeId, providerId: s.providerId, startsAt: slot.startsAt, patient: newPatient("Eight") }),
      ),
    );
    const winner = expectOneWinner(replies, 201) as Reply<{ data: Booked }>;
    await expectOnlyLive(sunsetOwner(), s, slot, winner.body.data.id);
  });

  test("a reschedule racing a new booking for the same slot: exactly one wins, online and at the desk", async () => {
    test.setTimeout(180_000);
    const s = await setup();
    const staff = sunsetOwner();
    const seeded = await staff.json<{ data: { id: string }[] }>("/api/v1/patients?limit=5");
    const wins = { reschedule: 0, booking: 0 };

    for (const [round, path] of (["online", "online", "online", "desk", "desk", "desk"] as const).entries()) {
      await test.step(`round ${round + 1}: ${path}`, async () => {
        // Fresh addresses each round: one patient moving, another booking.
        const mover = new BookingSite(new PublicSite(hostOf(SUNSET), clientAddress()));
        const newcomer = new BookingSite(new PublicSite(hostOf(SUNSET), clientAddress()));
        const from = await freeSlot(s, 26);
        const to = await freeSlot(s, 26, [from.startsAt]);

        let movingId: string;
        let reschedule: Promise<Reply>;
        let book: Promise<Reply<{ data: { id: string } }>>;
        if (path === "online") {
          const a = await mover.mustBook({
            typeId: s.typeId,
            providerId: s.providerId,
            startsAt: from.startsAt,
            patient: newPatient("Mover"),
          });
          movingId = a.id;
          reschedule = mover.reschedule(a.manageToken, to.startsAt);
          book = newcomer.book({ typeId: s.typeId, providerId: s.providerId, startsAt: to.startsAt, patient: newPatient("Newcomer") });
        } else {
          const a = await staff.post<{ data: { id: string } }>("/api/v1/appointments", {
            patientId: seeded.data[0]!.id,
            providerId: s.providerId,
            appointmentTypeId: s.typeId,
            startsAt: from.startsAt,
          });
          expectStatus(a, 201, "desk booking to move");
          movingId = a.body.data.id;
          reschedule = staff.post(`/api/v1/appointments/${movingId}/reschedule`, { startsAt: to.startsAt });
          book = staff.post("/api/v1/appointments", {
            patientId: seeded.data[1]!.id,
            providerId: s.providerId,
            appointmentTypeId: s.typeId,
            startsAt: to.startsAt,
          });
        }
        const [moved, booked] = await Promise.all([reschedule, book]);

        const outcomes = `reschedule ${moved.status}: ${moved.text.slice(0, 200)} | booking ${booked.status}: ${booked.text.slice(0, 200)}`;
        const rescheduleWon = moved.status === 200;
        const bookingWon = booked.status === 201;
        expect(Number(rescheduleWon) + Number(bookingWon), `exactly one wins — ${outcomes}`).toBe(1);
        const loser = rescheduleWon ? booked : moved;
        expect(expectError(loser, 409, "conflict:appointment_overlap").error.message).toMatch(TAKEN);
        wins[rescheduleWon ? "reschedule" : "booking"] += 1;

        const atTarget = await liveOverlapping(staff, {
          providerId: s.providerId,
          startsAt: to.startsAt,
          endsAt: to.endsAt,
          timeZone: s.timeZone,
        });
        expect(atTarget.map((a) => a.id)).toEqual([rescheduleWon ? movingId : booked.body.data.id]);
        const atOrigin = await liveOverlapping(staff, {
          providerId: s.providerId,
          startsAt: from.startsAt,
          endsAt: from.endsAt,
          timeZone: s.timeZone,
        });
        // A won move frees the old time; a lost one leaves the appointment where it was.
        expect(atOrigin.map((a) => a.id)).toEqual(rescheduleWon ? [] : [movingId]);
      });
    }
    test
      .info()
      .annotations.push({ type: "race", description: `won by the reschedule ${wins.reschedule}×, by the new booking ${wins.booking}×` });
  });
});

test.describe("the public booking rate limit", () => {
  test("a patient who pages through eight weeks of times can still hold and book the one they chose", async () => {
    // One patient, one address: booking options, 8 weeks of availability, a hold, the booking —
    // 11 requests in a minute. Availability allows 120 a minute and bookings 10, so this must work.
    const s = await setup();
    const patient = new BookingSite(new PublicSite(hostOf(SUNSET), clientAddress()));
    await patient.options();
    let chosen: Slot | undefined;
    for (let week = 0; week < 8; week++) {
      const slots = await patient.slots({
        typeId: s.typeId,
        providerId: s.providerId,
        from: addDays(todayIn(s.timeZone), 7 * week),
        days: 7,
      });
      chosen ??= slots.find((x) => new Date(x.startsAt).getTime() > Date.now() + 3 * 3_600_000);
    }
    expect(chosen, "a time in those eight weeks").toBeDefined();
    const hold = await patient.site.post<{ data: { token: string } }>("/api/v1/public/holds", {
      appointmentTypeId: s.typeId,
      providerId: s.providerId,
      startsAt: chosen!.startsAt,
    });
    expectStatus(hold, 201, "the hold after browsing");
    const booked = await patient.book({
      typeId: s.typeId,
      providerId: s.providerId,
      startsAt: chosen!.startsAt,
      patient: newPatient("Browser"),
      holdToken: hold.body.data.token,
    });
    expectStatus(booked, 201, "the booking after browsing (the limiter counts every public request against the bookings limit)");
  });

  test("X-Forwarded-For sent by the client does not buy a fresh allowance", async () => {
    // Invalid bodies are refused after the limiter, so these requests book nothing.
    const control = new PublicSite(hostOf(SUNSET), clientAddress());
    const plain: number[] = [];
    for (let i = 0; i < 11; i++) plain.push((await control.post("/api/v1/public/bookings", {})).status);
    expect(plain, "from one address the 11th booking request in a minute is refused").toEqual([...Array(10).fill(400), 429]);

    const spoofer = clientAddress();
    const claimed: number[] = [];
    for (let i = 0; i < 11; i++) {
      const reply = await send({
        host: hostOf(SUNSET),
        path: "/api/v1/public/bookings",
        method: "POST",
        body: {},
        from: spoofer,
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      claimed.push(reply.status);
    }
    expect(claimed, "the same address claiming 11 different X-Forwarded-For addresses").toEqual([...Array(10).fill(400), 429]);
  });
});
