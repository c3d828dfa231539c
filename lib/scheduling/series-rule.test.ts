import { describe, expect, it } from "vitest";
import { seriesRuleText, seriesStarts } from "./series-rule";

const NY = { timeZone: "America/New_York", startTime: "10:00" };

describe("seriesStarts", () => {
  it("keeps 10:00 local across the autumn change (UTC moves from 14:00 to 15:00)", () => {
    const starts = seriesStarts({ ...NY, startDate: "2026-10-26" }, { intervalWeeks: 1, count: 3 });
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2026-10-26T14:00:00.000Z",
      "2026-11-02T15:00:00.000Z",
      "2026-11-09T15:00:00.000Z",
    ]);
  });

  it("keeps 10:00 local across the spring change, every two weeks", () => {
    const starts = seriesStarts({ ...NY, startDate: "2027-03-01" }, { intervalWeeks: 2, count: 3 });
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2027-03-01T15:00:00.000Z",
      "2027-03-15T14:00:00.000Z",
      "2027-03-29T14:00:00.000Z",
    ]);
  });

  it("moves a time inside the spring-forward gap to after it", () => {
    const [, second] = seriesStarts(
      { timeZone: "America/New_York", startTime: "02:30", startDate: "2027-03-07" },
      { intervalWeeks: 1, count: 2 },
    );
    expect(second!.toISOString()).toBe("2027-03-14T07:30:00.000Z"); // 03:30 EDT
  });

  it("ends on the given date, inclusive, and never runs past 52 visits or a year", () => {
    expect(seriesStarts({ ...NY, startDate: "2026-12-07" }, { intervalWeeks: 1, until: "2026-12-21" })).toHaveLength(3);
    expect(seriesStarts({ ...NY, startDate: "2026-12-07" }, { intervalWeeks: 1, until: "2030-01-01" })).toHaveLength(52);
    expect(seriesStarts({ ...NY, startDate: "2026-12-07" }, { intervalWeeks: 4, until: "2030-01-01" })).toHaveLength(14);
  });

  it("writes the rule as iCalendar text with the zone", () => {
    expect(seriesRuleText({ ...NY, startDate: "2026-12-07" }, { intervalWeeks: 2, count: 6 })).toBe(
      "DTSTART;TZID=America/New_York:20261207T100000\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6",
    );
  });
});
