import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { instantToZonedLocal, zonedLocalToInstant } from "./zoned-input";

describe("zonedLocalToInstant", () => {
  it("reads wall-clock time in the organization's zone", () => {
    expect(zonedLocalToInstant("2026-06-10T09:00", "America/New_York")).toEqual({ ok: true, instant: "2026-06-10T13:00:00Z" });
    expect(zonedLocalToInstant("2026-06-10T09:00", "America/Los_Angeles")).toEqual({ ok: true, instant: "2026-06-10T16:00:00Z" });
  });

  it("refuses a time skipped when clocks spring forward (8 March 2026, New York)", () => {
    const result = zonedLocalToInstant("2026-03-08T02:30", "America/New_York");
    expect(result.ok).toBe(false);
  });

  it("picks the earlier or later occurrence of the repeated hour (1 November 2026)", () => {
    expect(zonedLocalToInstant("2026-11-01T01:30", "America/New_York", "earlier")).toEqual({ ok: true, instant: "2026-11-01T05:30:00Z" });
    expect(zonedLocalToInstant("2026-11-01T01:30", "America/New_York", "later")).toEqual({ ok: true, instant: "2026-11-01T06:30:00Z" });
  });

  it("refuses input that is not a date and time", () => {
    expect(zonedLocalToInstant("tomorrow", "UTC").ok).toBe(false);
    expect(zonedLocalToInstant("2026-02-30T10:00", "UTC").ok).toBe(false);
  });

  it("round-trips through the input format", () => {
    expect(instantToZonedLocal("2026-06-10T13:00:00Z", "America/New_York")).toBe("2026-06-10T09:00");
  });
});

describe("zonedLocalToInstant against Temporal", () => {
  const zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "America/St_Johns", "UTC"];

  it("agrees on every quarter hour around the 2026 changes, both preferences", () => {
    for (const timeZone of zones) {
      for (const day of ["2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01", "2026-06-10"]) {
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
          const value = `${day}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
          for (const prefer of ["earlier", "later"] as const) {
            const local = Temporal.PlainDateTime.from(value);
            const zoned = local.toZonedDateTime(timeZone, { disambiguation: prefer });
            const exists = zoned.toPlainDateTime().equals(local);
            const result = zonedLocalToInstant(value, timeZone, prefer);
            expect(result.ok, `${value} ${timeZone}`).toBe(exists);
            if (result.ok) {
              expect(result.instant).toBe(zoned.toInstant().toString());
              expect(instantToZonedLocal(result.instant, timeZone)).toBe(value);
            }
          }
        }
      }
    }
    // Thousands of Temporal conversions: seconds on a busy two-core machine.
  }, 30_000);

  it("takes seconds and refuses impossible clock times", () => {
    expect(zonedLocalToInstant("2026-06-10T09:00:30", "UTC")).toEqual({ ok: true, instant: "2026-06-10T09:00:30Z" });
    expect(zonedLocalToInstant("2026-06-10T24:00", "UTC").ok).toBe(false);
    expect(zonedLocalToInstant("2026-06-10T09:60", "UTC").ok).toBe(false);
    expect(zonedLocalToInstant("", "UTC").ok).toBe(false);
  });
});
