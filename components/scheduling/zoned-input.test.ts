import { describe, expect, it } from "vitest";
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
