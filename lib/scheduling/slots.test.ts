import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from "@/lib/db/schema/organization-settings";
import { Temporal } from "temporal-polyfill";
import { computeSlots, localToInstant, mergeAnyProvider, providerDayIntervals, type ProviderAvailability, type SlotRequest } from "./slots";

const ALL_DAY: BusinessHours = Object.fromEntries(
  ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => [
    d,
    { start: "00:00", end: "23:59", isOpen: true },
  ]),
) as BusinessHours;

function request(overrides: Partial<SlotRequest> = {}): SlotRequest {
  return {
    timeZone: "America/New_York",
    fromDate: "2026-06-10",
    toDate: "2026-06-10",
    now: new Date("2026-06-01T12:00:00Z"),
    businessHours: DEFAULT_BUSINESS_HOURS,
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 60,
    ...overrides,
  };
}

function provider(overrides: Partial<ProviderAvailability> = {}): ProviderAvailability {
  return { providerId: "p1", weeklyHours: [], overrides: [], timeOff: [], busy: [], ...overrides };
}

const everyDay = (startTime: string, endTime: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime, endTime }));

const iso = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());
const local = (slots: { startsAt: Date }[], timeZone: string) =>
  slots.map((s) =>
    new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(
      s.startsAt,
    ),
  );

describe("computeSlots: the basics", () => {
  it("steps by the type's duration inside business hours (Wednesday 9–17 → 16 half-hours)", () => {
    const slots = computeSlots(request(), provider());
    expect(slots).toHaveLength(16);
    expect(slots[0]!.startsAt.toISOString()).toBe("2026-06-10T13:00:00.000Z");
    expect(slots.at(-1)!.endsAt.toISOString()).toBe("2026-06-10T21:00:00.000Z");
  });

  it("intersects provider hours with business hours", () => {
    const slots = computeSlots(request(), provider({ weeklyHours: [{ weekday: 3, startTime: "07:00", endTime: "10:00" }] }));
    expect(local(slots, "America/New_York")).toEqual(["09:00 EDT", "09:30 EDT"]);
  });

  it("a closed day or a provider without hours that day has no slots", () => {
    expect(computeSlots(request({ fromDate: "2026-06-14", toDate: "2026-06-14" }), provider())).toEqual([]);
    expect(computeSlots(request(), provider({ weeklyHours: [{ weekday: 1, startTime: "09:00", endTime: "17:00" }] }))).toEqual([]);
  });

  it("several intervals a day; touching intervals join into one", () => {
    const split = computeSlots(
      request({ durationMinutes: 60 }),
      provider({
        weeklyHours: [
          { weekday: 3, startTime: "09:00", endTime: "10:30" },
          { weekday: 3, startTime: "13:00", endTime: "14:00" },
        ],
      }),
    );
    expect(local(split, "America/New_York")).toEqual(["09:00 EDT", "13:00 EDT"]);
    const touching = computeSlots(
      request({ durationMinutes: 60 }),
      provider({
        weeklyHours: [
          { weekday: 3, startTime: "09:00", endTime: "09:30" },
          { weekday: 3, startTime: "09:30", endTime: "10:00" },
        ],
      }),
    );
    expect(local(touching, "America/New_York")).toEqual(["09:00 EDT"]);
  });

  it("a date override replaces the weekly hours; an override without times closes the day", () => {
    const p = provider({
      weeklyHours: everyDay("09:00", "17:00"),
      overrides: [{ date: "2026-06-10", startTime: "15:00", endTime: "16:00" }],
    });
    expect(local(computeSlots(request(), p), "America/New_York")).toEqual(["15:00 EDT", "15:30 EDT"]);
    const closed = provider({
      weeklyHours: everyDay("09:00", "17:00"),
      overrides: [{ date: "2026-06-10", startTime: null, endTime: null }],
    });
    expect(computeSlots(request(), closed)).toEqual([]);
  });

  it("time off removes slots", () => {
    const p = provider({ timeOff: [{ startsAt: new Date("2026-06-10T13:00:00Z"), endsAt: new Date("2026-06-10T20:00:00Z") }] });
    expect(local(computeSlots(request(), p), "America/New_York")).toEqual(["16:00 EDT", "16:30 EDT"]);
  });
});

describe("computeSlots: bookings and buffers", () => {
  const booked = (start: string, end: string, before = 0, after = 0) => ({
    startsAt: new Date(start),
    endsAt: new Date(end),
    bufferBeforeMinutes: before,
    bufferAfterMinutes: after,
  });

  it("removes slots that overlap a booking, and keeps slots that only touch it", () => {
    const p = provider({ busy: [booked("2026-06-10T14:00:00Z", "2026-06-10T14:30:00Z")] });
    const starts = iso(computeSlots(request(), p));
    expect(starts).not.toContain("2026-06-10T14:00:00.000Z");
    expect(starts).toContain("2026-06-10T13:30:00.000Z");
    expect(starts).toContain("2026-06-10T14:30:00.000Z");
  });

  it("honours the existing booking's buffers and the new type's buffers", () => {
    const p = provider({ busy: [booked("2026-06-10T14:00:00Z", "2026-06-10T14:30:00Z", 0, 15)] });
    expect(iso(computeSlots(request(), p))).not.toContain("2026-06-10T14:30:00.000Z");
    const withOwnBuffer = computeSlots(
      request({ bufferBeforeMinutes: 10 }),
      provider({ busy: [booked("2026-06-10T14:00:00Z", "2026-06-10T14:30:00Z")] }),
    );
    expect(iso(withOwnBuffer)).not.toContain("2026-06-10T14:30:00.000Z");
  });
});

describe("computeSlots: notice and horizon", () => {
  it("drops slots inside the minimum notice", () => {
    const slots = computeSlots(request({ now: new Date("2026-06-10T13:10:00Z"), minimumNoticeMinutes: 60 }), provider());
    expect(slots[0]!.startsAt.toISOString()).toBe("2026-06-10T14:30:00.000Z");
  });

  it("allows an appointment exactly at the horizon and none after it", () => {
    const now = new Date("2026-06-08T14:00:00Z");
    const slots = computeSlots(request({ now, bookingHorizonDays: 2 }), provider());
    expect(iso(slots).at(-1)).toBe("2026-06-10T14:00:00.000Z");
  });
});

describe("computeSlots across the 2026 US daylight-saving changes", () => {
  it("spring forward, 8 March, New York: 01:00–04:00 is two real hours", () => {
    const slots = computeSlots(
      request({ fromDate: "2026-03-08", toDate: "2026-03-08", now: new Date("2026-03-01T00:00:00Z"), businessHours: ALL_DAY }),
      provider({ weeklyHours: [{ weekday: 7, startTime: "01:00", endTime: "04:00" }] }),
    );
    expect(local(slots, "America/New_York")).toEqual(["01:00 EST", "01:30 EST", "03:00 EDT", "03:30 EDT"]);
  });

  it("fall back, 1 November, New York: 01:00–03:00 is three real hours", () => {
    const slots = computeSlots(
      request({ fromDate: "2026-11-01", toDate: "2026-11-01", now: new Date("2026-10-25T00:00:00Z"), businessHours: ALL_DAY }),
      provider({ weeklyHours: [{ weekday: 7, startTime: "01:00", endTime: "03:00" }] }),
    );
    expect(local(slots, "America/New_York")).toEqual(["01:00 EDT", "01:30 EDT", "01:00 EST", "01:30 EST", "02:00 EST", "02:30 EST"]);
    expect(new Set(iso(slots)).size).toBe(6);
  });

  it("ordinary clinic hours keep their local times on both change days in Los Angeles", () => {
    const sunday = { ...DEFAULT_BUSINESS_HOURS, sunday: { start: "09:00", end: "17:00", isOpen: true } };
    for (const [date, zone] of [
      ["2026-03-08", "PDT"],
      ["2026-11-01", "PST"],
    ] as const) {
      const slots = computeSlots(
        request({
          timeZone: "America/Los_Angeles",
          fromDate: date,
          toDate: date,
          now: new Date("2026-01-01T00:00:00Z"),
          businessHours: sunday,
          bookingHorizonDays: 400,
        }),
        provider(),
      );
      expect(slots).toHaveLength(16);
      expect(local(slots, "America/Los_Angeles")[0]).toBe(`09:00 ${zone}`);
      expect(local(slots, "America/Los_Angeles").at(-1)).toBe(`16:30 ${zone}`);
    }
  });

  it("a week across the spring change keeps 9:00 local every weekday (New York)", () => {
    const slots = computeSlots(
      request({ fromDate: "2026-03-06", toDate: "2026-03-10", now: new Date("2026-03-01T00:00:00Z"), durationMinutes: 480 }),
      provider(),
    );
    expect(local(slots, "America/New_York")).toEqual(["09:00 EST", "09:00 EDT", "09:00 EDT"]);
  });
});

describe("mergeAnyProvider", () => {
  it("offers each start time once, from the first provider free then", () => {
    const a = computeSlots(request(), provider({ providerId: "a", weeklyHours: [{ weekday: 3, startTime: "09:00", endTime: "10:00" }] }));
    const b = computeSlots(request(), provider({ providerId: "b", weeklyHours: [{ weekday: 3, startTime: "09:30", endTime: "11:00" }] }));
    const merged = mergeAnyProvider([a, b]);
    expect(merged.map((s) => [s.providerId, s.startsAt.toISOString()])).toEqual([
      ["a", "2026-06-10T13:00:00.000Z"],
      ["a", "2026-06-10T13:30:00.000Z"],
      ["b", "2026-06-10T14:00:00.000Z"],
      ["b", "2026-06-10T14:30:00.000Z"],
    ]);
  });
});

describe("wall-clock times resolved per day", () => {
  // The per-day offset shortcut must give exactly what Temporal gives, on every day of a year,
  // in zones with ordinary, half-hour and midnight daylight-saving transitions (and none).
  const zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "Pacific/Apia"];
  const times = ["00:00", "00:30", "01:30", "02:30", "03:00:30", "09:00", "23:59"];
  it.each(zones)("matches localToInstant in %s", (zone) => {
    let date = Temporal.PlainDate.from("2026-01-01");
    for (let i = 0; i < 366; i++) {
      const iso = date.toString();
      for (const start of times) {
        const provider = {
          providerId: "p",
          weeklyHours: [{ weekday: date.dayOfWeek, startTime: start, endTime: "23:59:59" }],
          overrides: [],
          timeOff: [],
          busy: [],
        };
        const expected = { start: localToInstant(iso, start, zone), end: localToInstant(iso, "23:59:59", zone) };
        expect(providerDayIntervals(provider, date, zone)).toEqual(expected.end > expected.start ? [expected] : []);
      }
      const allDay = { providerId: "p", weeklyHours: [], overrides: [], timeOff: [], busy: [] };
      expect(providerDayIntervals(allDay, date, zone)).toEqual([
        { start: localToInstant(iso, "00:00", zone), end: localToInstant(date.add({ days: 1 }).toString(), "00:00", zone) },
      ]);
      date = date.add({ days: 1 });
    }
  });
});
