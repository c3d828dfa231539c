import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { dayBounds, isValidDate, isValidTimeZone, todayIn } from "@/lib/time/calendar";

const hours = (b: { from: Date; to: Date }) => (b.to.getTime() - b.from.getTime()) / 3_600_000;

describe("dayBounds", () => {
  it("is 24 hours on an ordinary day, starting at local midnight", () => {
    const b = dayBounds("2026-06-10", "America/New_York");
    expect(b.from.toISOString()).toBe("2026-06-10T04:00:00.000Z");
    expect(hours(b)).toBe(24);
  });
  it("is 23 hours when clocks spring forward (8 March 2026, US)", () => {
    expect(hours(dayBounds("2026-03-08", "America/New_York"))).toBe(23);
    expect(hours(dayBounds("2026-03-08", "America/Los_Angeles"))).toBe(23);
  });
  it("is 25 hours when clocks fall back (1 November 2026, US)", () => {
    expect(hours(dayBounds("2026-11-01", "America/New_York"))).toBe(25);
    expect(hours(dayBounds("2026-11-01", "America/Los_Angeles"))).toBe(25);
  });
});

describe("dayBounds, asked again", () => {
  it("answers each zone for itself, and a caller changing its answer changes no later one", () => {
    const ny = dayBounds("2026-06-10", "America/New_York");
    const berlin = dayBounds("2026-06-10", "Europe/Berlin");
    expect(berlin.from.toISOString()).toBe("2026-06-09T22:00:00.000Z");
    ny.from.setTime(0);
    expect(dayBounds("2026-06-10", "America/New_York").from.toISOString()).toBe("2026-06-10T04:00:00.000Z");
  });
  it("refuses an impossible date or unknown zone every time it is asked", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => dayBounds("2026-02-30", "Europe/Berlin")).toThrow();
      expect(() => dayBounds("2026-02-10", "Mars/Olympus")).toThrow();
    }
  });
});

describe("validation", () => {
  it("accepts real dates only", () => {
    expect(isValidDate("2026-02-28")).toBe(true);
    expect(isValidDate("2026-02-30")).toBe(false);
    expect(isValidDate("2026-2-3")).toBe(false);
  });
  it("agrees with Temporal on every day of leap, common and century years, and on impossible ones", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    for (const year of [0, 1, 1900, 2000, 2023, 2024, 2026, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          let real = true;
          try {
            Temporal.PlainDate.from(date, { overflow: "reject" });
          } catch {
            real = false;
          }
          expect(isValidDate(date), date).toBe(real);
        }
      }
    }
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2100-02-29")).toBe(false);
    expect(isValidDate("2026-04-31")).toBe(false);
  });
  it("accepts IANA zones only", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
  it("gives today's date in the organization's zone", () => {
    const now = new Date("2026-11-29T03:30:00Z");
    expect(todayIn("America/New_York", now)).toBe("2026-11-28");
    expect(todayIn("Europe/Berlin", now)).toBe("2026-11-29");
  });
});
