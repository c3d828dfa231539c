// Double booking is impossible in the database: 50 racing bookings of one provider's overlapping
// times leave exactly one appointment, and the losers get ConflictError("appointment_overlap") —
// or, as here the inserts reach the exclusion constraint with nothing ordering them first, the
// database's deadlock abort for a pair that each waited on the other's uncommitted row (the
// booking service locks the provider before it inserts, so its callers never see that).
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError } from "@/lib/errors/app-error";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo, type AppointmentInput } from "@/lib/scheduling/appointments-repository";
import { asOwner } from "./support/owner";
import { createWorld, pgError, rejection, type World } from "./support/fixtures";

const RACERS = 50;
const MINUTE = 60_000;

let W: World;

beforeAll(async () => {
  W = await createWorld("race");
});

/** A fresh provider of W, so each scenario starts from an empty calendar. */
async function newProvider(label: string): Promise<string> {
  const p = await withTenant(W.orgId, (tx) =>
    providersRepo(tx, W.orgId).create({ input: { name: `Dr. ${label} ${Math.random().toString(36).slice(2, 8)}` } }),
  );
  return p.id;
}

function booking(providerId: string, startsAt: Date, minutes = 30, extra: Partial<AppointmentInput> = {}): AppointmentInput {
  return {
    patientId: W.patientId,
    providerId,
    appointmentTypeId: W.typeId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * MINUTE),
    ...extra,
  };
}

function book(input: AppointmentInput) {
  return withTenant(W.orgId, (tx) => appointmentsRepo(tx, W.orgId).create({ input }));
}

async function expectOverlap(p: Promise<unknown>) {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(ConflictError);
  expect((err as ConflictError).conflict).toBe("appointment_overlap");
  expect((err as ConflictError).message).toMatch(/overlap/i);
}

describe("racing bookings", () => {
  it(`${RACERS} concurrent overlapping bookings for one provider: exactly one succeeds`, async () => {
    const providerId = await newProvider("Race");
    const base = new Date("2031-03-10T14:00:00Z").getTime();
    const results = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) =>
        withTenant(W.orgId, async (tx) => {
          // Shifted by 20 s each: every pair of the 50 half-hour bookings overlaps.
          const created = await appointmentsRepo(tx, W.orgId).create({
            input: booking(providerId, new Date(base + i * 20_000)),
          });
          // Hold the transaction open a moment so the racers really wait on each other.
          await tx.execute(sql`select pg_sleep(0.01)`);
          return created;
        }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(RACERS - 1);
    let overlaps = 0;
    for (const l of lost) {
      // Two inserts that each find the other's uncommitted overlapping row wait for each other;
      // PostgreSQL aborts one of them (40P01). Nothing else is an acceptable way to lose.
      const pg = pgError(l.reason);
      if (pg?.code === "40P01") continue;
      // Anything else than the overlap names its database error, so a rare failure can be read.
      expect(l.reason, pg ? `database error ${pg.code}: ${pg.message}` : String(l.reason)).toBeInstanceOf(ConflictError);
      expect((l.reason as ConflictError).conflict).toBe("appointment_overlap");
      overlaps += 1;
    }
    expect(overlaps).toBeGreaterThan(0);
    const [row] = await asOwner(
      (s) =>
        s<{ n: number }[]>`select count(*)::int as n from appointments where organization_id = ${W.orgId} and provider_id = ${providerId}`,
    );
    expect(row!.n).toBe(1);
  });

  it("another provider at the same time is unaffected", async () => {
    const first = await newProvider("One");
    const second = await newProvider("Two");
    const at = new Date("2031-03-11T09:00:00Z");
    await book(booking(first, at));
    await expect(book(booking(second, at))).resolves.toMatchObject({ providerId: second });
  });
});

describe("what counts as an overlap", () => {
  it("back-to-back appointments (end == next start) both succeed", async () => {
    const providerId = await newProvider("B2B");
    const a = await book(booking(providerId, new Date("2031-03-12T09:00:00Z")));
    const b = await book(booking(providerId, new Date("2031-03-12T09:30:00Z")));
    const c = await book(booking(providerId, new Date("2031-03-12T08:30:00Z")));
    expect(a.endsAt.getTime()).toBe(b.startsAt.getTime());
    expect(c.endsAt.getTime()).toBe(a.startsAt.getTime());
  });

  it("a one-minute overlap at either end is refused", async () => {
    const providerId = await newProvider("Edge");
    await book(booking(providerId, new Date("2031-03-13T10:00:00Z")));
    await expectOverlap(book(booking(providerId, new Date("2031-03-13T10:29:00Z"))));
    await expectOverlap(book(booking(providerId, new Date("2031-03-13T09:31:00Z"))));
    await expectOverlap(book(booking(providerId, new Date("2031-03-13T10:10:00Z"), 5)));
    await expectOverlap(book(booking(providerId, new Date("2031-03-13T09:00:00Z"), 180)));
  });

  it("a cancelled appointment frees its time", async () => {
    const providerId = await newProvider("Cancel");
    const at = new Date("2031-03-14T11:00:00Z");
    const first = await book(booking(providerId, at));
    await expectOverlap(book(booking(providerId, at)));
    await withTenant(W.orgId, (tx) => appointmentsRepo(tx, W.orgId).cancel({ id: first.id, reason: "patient request", by: "patient" }));
    const second = await book(booking(providerId, at));
    expect(second.id).not.toBe(first.id);
    // Re-booking the cancelled one's time again is now a clash with the live one.
    await expectOverlap(book(booking(providerId, at)));
  });

  it("a buffer after counts: buffer_after 15 blocks the next 15 minutes", async () => {
    const providerId = await newProvider("BufAfter");
    await book(booking(providerId, new Date("2031-03-15T11:00:00Z"), 30, { bufferAfterMinutes: 15 }));
    await expectOverlap(book(booking(providerId, new Date("2031-03-15T11:30:00Z"))));
    await expectOverlap(book(booking(providerId, new Date("2031-03-15T11:44:00Z"))));
    await expect(book(booking(providerId, new Date("2031-03-15T11:45:00Z")))).resolves.toBeDefined();
  });

  it("a buffer before counts: buffer_before 10 refuses a booking ending 5 minutes earlier", async () => {
    const providerId = await newProvider("BufBefore");
    await book(booking(providerId, new Date("2031-03-16T12:30:00Z"), 25)); // 12:30–12:55
    await expectOverlap(book(booking(providerId, new Date("2031-03-16T13:00:00Z"), 30, { bufferBeforeMinutes: 10 })));
    await expect(book(booking(providerId, new Date("2031-03-16T13:05:00Z"), 30, { bufferBeforeMinutes: 10 }))).resolves.toBeDefined();
  });

  it("rescheduling onto a taken time is refused, onto a free time accepted", async () => {
    const providerId = await newProvider("Move");
    await book(booking(providerId, new Date("2031-03-17T09:00:00Z")));
    const other = await book(booking(providerId, new Date("2031-03-17T10:00:00Z")));
    await expectOverlap(
      withTenant(W.orgId, (tx) =>
        appointmentsRepo(tx, W.orgId).reschedule({
          id: other.id,
          startsAt: new Date("2031-03-17T09:15:00Z"),
          endsAt: new Date("2031-03-17T09:45:00Z"),
        }),
      ),
    );
    const moved = await withTenant(W.orgId, (tx) =>
      appointmentsRepo(tx, W.orgId).reschedule({
        id: other.id,
        startsAt: new Date("2031-03-17T10:15:00Z"),
        endsAt: new Date("2031-03-17T10:45:00Z"),
      }),
    );
    expect(moved.startsAt.toISOString()).toBe("2031-03-17T10:15:00.000Z");
  });

  it("the database refuses the overlap even for the owner, bypassing the application", async () => {
    const providerId = await newProvider("Owner");
    await book(booking(providerId, new Date("2031-03-18T09:00:00Z")));
    const err = await rejection(
      asOwner(
        (s) => s`
          insert into appointments (organization_id, patient_id, provider_id, appointment_type_id, starts_at, ends_at)
          values (${W.orgId}, ${W.patientId}, ${providerId}, ${W.typeId}, '2031-03-18T09:10:00Z', '2031-03-18T09:20:00Z')`,
      ),
    );
    expect((err as { code?: string }).code).toBe("23P01");
    expect((err as { constraint_name?: string }).constraint_name).toBe("appointments_no_overlap");
  });
});
