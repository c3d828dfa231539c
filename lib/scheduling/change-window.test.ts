import { describe, expect, it } from "vitest";
import { changeableOnline, windowSpan } from "./change-window";

describe("the online change window", () => {
  const now = new Date("2026-03-09T12:00:00Z");

  it("allows changes until exactly the window before the start", () => {
    expect(changeableOnline("2026-03-10T12:00:00Z", 24, now)).toBe(true);
    expect(changeableOnline("2026-03-10T11:59:00Z", 24, now)).toBe(false);
    expect(changeableOnline(new Date("2026-03-09T12:00:00Z"), 0, now)).toBe(true);
    expect(changeableOnline("2026-03-09T11:00:00Z", 0, now)).toBe(false);
  });

  it("says the window as people say it", () => {
    expect(windowSpan(1)).toEqual({ unit: "hours", hours: 1 });
    expect(windowSpan(24)).toEqual({ unit: "hours", hours: 24 });
    expect(windowSpan(36)).toEqual({ unit: "hours", hours: 36 });
    expect(windowSpan(72)).toEqual({ unit: "days", days: 3 });
  });
});
