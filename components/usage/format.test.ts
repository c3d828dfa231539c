import { describe, expect, it } from "vitest";
import { countOf, formatCount, formatDbTime, formatUsageDay, formatUsageMonth } from "./format";

describe("resource-usage formatting", () => {
  it("groups thousands and says one or many", () => {
    expect(formatCount(100000)).toBe("100,000");
    expect(countOf(0, "request")).toBe("0 requests");
    expect(countOf(1, "request")).toBe("1 request");
    expect(countOf(1234, "API call")).toBe("1,234 API calls");
  });

  it("writes database time in seconds, telling none from a little", () => {
    expect(formatDbTime(0)).toBe("0 s");
    expect(formatDbTime(12)).toBe("under 0.1 s");
    expect(formatDbTime(50)).toBe("0.1 s");
    expect(formatDbTime(2240)).toBe("2.2 s");
    expect(formatDbTime(1_234_500)).toBe("1,234.5 s");
  });

  it("writes UTC days and months whatever the local zone, and leaves what it cannot read alone", () => {
    expect(formatUsageDay("2026-12-02")).toBe("Dec 2, 2026");
    expect(formatUsageDay("2026-01-01")).toBe("Jan 1, 2026");
    expect(formatUsageMonth("2026-12")).toBe("December 2026");
    expect(formatUsageMonth("2026-03-01")).toBe("March 2026");
    expect(formatUsageDay("someday")).toBe("someday");
  });
});
