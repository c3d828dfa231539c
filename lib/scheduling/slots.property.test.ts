import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@/lib/db/schema/organization-settings";
import { businessDayInterval, checkStart, computeSlots, providerDayIntervals, type ProviderAvailability, type SlotRequest } from "./slots";

const ZONES = ["America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "UTC"];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const MINUTE = 60_000;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const interval = fc
  .tuple(fc.integer({ min: 0, max: 23 * 4 }), fc.integer({ min: 1, max: 40 }))
  .map(([start, len]) => ({ start: start * 15, end: Math.min(start * 15 + len * 15, 23 * 60 + 59) }))
  .filter((i) => i.end > i.start);

const businessHours = fc
  .array(fc.tuple(interval, fc.boolean()), { minLength: 7, maxLength: 7 })
  .map(
    (days) =>
      Object.fromEntries(
        days.map(([iv, open], i) => [DAYS[i], { start: hhmm(iv.start), end: hhmm(iv.end), isOpen: open }]),
      ) as BusinessHours,
  );

const scenario = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  startOffset: fc.integer({ min: 0, max: 400 }),
  days: fc.integer({ min: 1, max: 10 }),
  businessHours,
  weekly: fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), interval), { maxLength: 10 }),
  duration: fc.constantFrom(10, 15, 20, 30, 45, 60, 90),
  before: fc.constantFrom(0, 5, 10, 15),
  after: fc.constantFrom(0, 5, 10, 15),
  busy: fc.array(
    fc.tuple(fc.integer({ min: 0, max: 10 * 24 * 4 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 10), fc.constantFrom(0, 15)),
  ),
  notice: fc.constantFrom(0, 60, 240),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const from = Temporal.PlainDate.from("2026-01-01").add({ days: s.startOffset });
  const fromDate = from.toString();
  const toDate = from.add({ days: s.days - 1 }).toString();
  const base = from.toZonedDateTime({ timeZone: s.timeZone }).epochMilliseconds;
  const req: SlotRequest = {
    timeZone: s.timeZone,
    fromDate,
    toDate,
    now: new Date(base - 12 * 3_600_000),
    businessHours: s.businessHours,
    durationMinutes: s.duration,
    bufferBeforeMinutes: s.before,
    bufferAfterMinutes: s.after,
    minimumNoticeMinutes: s.notice,
    bookingHorizonDays: 365,
  };
  const provider: ProviderAvailability = {
    providerId: "p",
    weeklyHours: s.weekly.map(([weekday, iv]) => ({ weekday, startTime: hhmm(iv.start), endTime: hhmm(iv.end) })),
    overrides: [],
    timeOff: [],
    busy: s.busy.map(([q, len, b, a]) => ({
      startsAt: new Date(base + q * 15 * MINUTE),
      endsAt: new Date(base + (q + len) * 15 * MINUTE),
      bufferBeforeMinutes: b,
      bufferAfterMinutes: a,
    })),
  };
  return { req, provider, from, days: s.days };
}

describe("slot engine properties", () => {
  it("no slot, with its buffers, overlaps a booking with its buffers", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { req, provider } = build(s);
        for (const slot of computeSlots(req, provider)) {
          const a = slot.startsAt.getTime() - req.bufferBeforeMinutes * MINUTE;
          const b = slot.endsAt.getTime() + req.bufferAfterMinutes * MINUTE;
          for (const busy of provider.busy) {
            const c = busy.startsAt.getTime() - busy.bufferBeforeMinutes * MINUTE;
            const d = busy.endsAt.getTime() + busy.bufferAfterMinutes * MINUTE;
            expect(a < d && c < b).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("every slot lies inside business hours and the provider's hours that day", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { req, provider, from, days } = build(s);
        const windows: { start: number; end: number }[] = [];
        for (let i = 0; i < days; i++) {
          const date = from.add({ days: i });
          const business = businessDayInterval(req.businessHours, date, req.timeZone);
          const own = providerDayIntervals(provider, date, req.timeZone);
          for (const x of business) for (const y of own) windows.push({ start: Math.max(x.start, y.start), end: Math.min(x.end, y.end) });
        }
        for (const slot of computeSlots(req, provider)) {
          const inside = windows.some((w) => slot.startsAt.getTime() >= w.start && slot.endsAt.getTime() <= w.end);
          expect(inside).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("every slot starts a whole number of durations after the start of its working interval", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { req, provider, from, days } = build(s);
        const raw: { start: number; end: number }[] = [];
        for (let i = 0; i < days; i++) {
          const date = from.add({ days: i });
          for (const x of businessDayInterval(req.businessHours, date, req.timeZone))
            for (const y of providerDayIntervals(provider, date, req.timeZone)) {
              const iv = { start: Math.max(x.start, y.start), end: Math.min(x.end, y.end) };
              if (iv.end > iv.start) raw.push(iv);
            }
        }
        raw.sort((p, q) => p.start - q.start);
        const windows: { start: number; end: number }[] = [];
        for (const iv of raw) {
          const last = windows[windows.length - 1];
          if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
          else windows.push({ ...iv });
        }
        for (const slot of computeSlots(req, provider)) {
          const w = windows.find((x) => slot.startsAt.getTime() >= x.start && slot.endsAt.getTime() <= x.end)!;
          expect((slot.startsAt.getTime() - w.start) % (req.durationMinutes * MINUTE)).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("slots never overlap each other and respect the notice", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { req, provider } = build(s);
        const slots = computeSlots(req, provider);
        const earliest = req.now.getTime() + req.minimumNoticeMinutes * MINUTE;
        slots.forEach((slot, i) => {
          expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(req.durationMinutes * MINUTE);
          expect(slot.startsAt.getTime()).toBeGreaterThanOrEqual(earliest);
          const prev = slots[i - 1];
          if (prev) expect(slot.startsAt.getTime()).toBeGreaterThanOrEqual(prev.endsAt.getTime());
        });
      }),
      { numRuns: 300 },
    );
  });

  it("checkStart accepts exactly the starts computeSlots offers (every 5 minutes of the range)", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { req, provider, from, days } = build(s);
        const offered = new Set(computeSlots(req, provider).map((x) => x.startsAt.getTime()));
        const start = from.toZonedDateTime({ timeZone: req.timeZone }).epochMilliseconds;
        const end = from.add({ days: Math.min(days, 2) }).toZonedDateTime({ timeZone: req.timeZone }).epochMilliseconds;
        for (let t = start; t < end; t += 5 * MINUTE) {
          const verdict = checkStart(req, provider, new Date(t));
          expect({ t, ok: verdict.ok }).toEqual({ t, ok: offered.has(t) });
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
