import { describe, expect, it } from "vitest";
import { changeableOnline, changePolicyText, windowText } from "./change-window";

describe("the online change window", () => {
  const now = new Date("2026-03-09T12:00:00Z");

  it("allows changes until exactly the window before the start", () => {
    expect(changeableOnline("2026-03-10T12:00:00Z", 24, now)).toBe(true);
    expect(changeableOnline("2026-03-10T11:59:00Z", 24, now)).toBe(false);
    expect(changeableOnline(new Date("2026-03-09T12:00:00Z"), 0, now)).toBe(true);
    expect(changeableOnline("2026-03-09T11:00:00Z", 0, now)).toBe(false);
  });

  it("says the window as people say it", () => {
    expect(windowText(1)).toBe("1 hour");
    expect(windowText(24)).toBe("24 hours");
    expect(windowText(72)).toBe("3 days");
    expect(changePolicyText(24)).toMatch(/up to 24 hours before the appointment/);
    expect(changePolicyText(0)).toMatch(/at any time/);
  });
});
