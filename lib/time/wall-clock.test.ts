import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  dateAt,
  dateInZone,
  dayOfWeek,
  daysInMonthOf,
  instantOfWallTime,
  instantString,
  parseDate,
  shiftMonth,
  wallTimeAt,
} from "./wall-clock";

// The browser's date helpers must agree with Temporal, which the server uses, everywhere:
// zones with half-hour and 45-minute offsets, half-hour daylight saving, southern-hemisphere
// summers, a zone that skipped a whole day, and plain UTC.
const ZONES = [
  "UTC",
  "America/New_York",
  "America/Los_Angeles",
  "America/St_Johns",
  "America/Santiago",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Australia/Sydney",
  "Pacific/Chatham",
  "Pacific/Apia",
];

const FROM = Date.UTC(1995, 0, 1);
const TO = Date.UTC(2045, 0, 1);
const zone = fc.constantFrom(...ZONES);
const instant = fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => m * 60_000);
const date = fc.integer({ min: FROM / 86_400_000, max: TO / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe("calendar arithmetic", () => {
  it("adds days, months and names weekdays as Temporal does", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -800, max: 800 }), fc.integer({ min: -30, max: 30 }), (d, days, months) => {
        const plain = Temporal.PlainDate.from(d);
        expect(addDays(d, days)).toBe(plain.add({ days }).toString());
        expect(addMonths(d, months)).toBe(plain.add({ months }).toString());
        expect(dayOfWeek(d)).toBe(plain.dayOfWeek);
        const month = d.slice(0, 7);
        expect(shiftMonth(month, months)).toBe(Temporal.PlainYearMonth.from(month).add({ months }).toString());
        expect(daysInMonthOf(month)).toBe(Temporal.PlainYearMonth.from(month).daysInMonth);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the last day of the month when a month is shorter", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-03-31", -1)).toBe("2028-02-29");
  });

  it("accepts only real days", () => {
    expect(parseDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate("2026-02-29")).toBeNull();
    expect(parseDate("2026-13-01")).toBeNull();
    expect(parseDate("2026-1-01")).toBeNull();
  });
});

describe("zones", () => {
  it("shows an instant's wall-clock time and day as Temporal does", () => {
    fc.assert(
      fc.property(instant, zone, (ms, tz) => {
        const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz);
        expect(wallTimeAt(ms, tz)).toEqual({ year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second });
        expect(dateAt(ms, tz)).toBe(z.toPlainDate().toString());
      }),
      { numRuns: 3000 },
    );
  });

  const disambiguations = ["compatible", "earlier", "later"] as const;

  it("reads a wall-clock time in a zone as Temporal does, including skipped and repeated times", () => {
    // Instants near each transition, shifted by up to two and a half hours either way, as wall-clock times.
    const transitions: { ms: number; tz: string }[] = [];
    for (const tz of ZONES) {
      let t: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(FROM).toZonedDateTimeISO(tz);
      for (let i = 0; i < 40 && t; i++) {
        t = t.getTimeZoneTransition("next");
        if (t && t.epochMilliseconds < TO) transitions.push({ ms: t.epochMilliseconds, tz });
        else break;
      }
    }
    expect(transitions.length).toBeGreaterThan(100);
    for (const { ms, tz } of transitions) {
      for (let shift = -150; shift <= 150; shift += 30) {
        const local = Temporal.Instant.fromEpochMilliseconds(ms + shift * 60_000)
          .toZonedDateTimeISO("UTC")
          .toPlainDateTime();
        for (const disambiguation of disambiguations) {
          const expected = local.toZonedDateTime(tz, { disambiguation }).epochMilliseconds;
          const wall = { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: 0 };
          expect(instantOfWallTime(wall, tz, disambiguation), `${local.toString()} ${tz} ${disambiguation}`).toBe(expected);
        }
      }
    }
  }, 60_000);

  it("reads ordinary wall-clock times as Temporal does", () => {
    fc.assert(
      fc.property(instant, zone, fc.constantFrom(...disambiguations), (ms, tz, disambiguation) => {
        const local = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO("UTC").toPlainDateTime();
        const wall = { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: 0 };
        expect(instantOfWallTime(wall, tz, disambiguation)).toBe(local.toZonedDateTime(tz, { disambiguation }).epochMilliseconds);
      }),
      { numRuns: 2000 },
    );
  });

  it("prints instants as Temporal does", () => {
    for (const ms of [Date.UTC(2026, 2, 9, 14), Date.UTC(2026, 2, 9, 14, 0, 30), Date.UTC(2026, 2, 9, 14, 0, 0, 250)]) {
      expect(instantString(ms)).toBe(Temporal.Instant.fromEpochMilliseconds(ms).toString());
    }
  });
});

describe("dateInZone", () => {
  it("names the day an instant falls on in the hospital's zone, not in UTC", () => {
    expect(dateInZone("2027-01-05T03:00:00Z", "America/New_York")).toBe("2027-01-04");
    expect(dateInZone(new Date("2027-01-05T03:00:00Z"), "Asia/Tokyo")).toBe("2027-01-05");
  });
});
