import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "@/lib/db/schema/organization-settings";
import { describeDay, organizationWeek, weeklyHoursChanges } from "./hours-diff";

const org = DEFAULT_BUSINESS_HOURS; // Monday–Friday 09:00–17:00, weekends closed

describe("what saving weekly hours changes", () => {
  it("one day added to a provider who followed the organization turns every other open day into not working — and says so", () => {
    const changes = weeklyHoursChanges([], [{ weekday: 6, startTime: "09:00", endTime: "12:00" }], org);
    expect(changes.map((c) => [c.day, c.effect])).toEqual([
      ["Monday", "becomes_not_working"],
      ["Tuesday", "becomes_not_working"],
      ["Wednesday", "becomes_not_working"],
      ["Thursday", "becomes_not_working"],
      ["Friday", "becomes_not_working"],
      ["Saturday", "stops_following_organization"],
      ["Sunday", "stops_following_organization"],
    ]);
    expect(describeDay(changes[0]!.before)).toBe("Organization's hours (09:00–17:00)");
    expect(describeDay(changes[0]!.after)).toBe("Not working");
    expect(describeDay(changes[6]!.before)).toBe("Organization's hours (closed)");
    expect(describeDay(changes[5]!.after)).toBe("09:00–12:00");
  });

  it("starting from the organization's week, adding Saturday changes only Saturday (the others keep their times, now their own)", () => {
    const after = [...organizationWeek(org), { weekday: 6, startTime: "09:00", endTime: "12:00" }];
    const changes = weeklyHoursChanges([], after, org);
    expect(changes.filter((c) => c.effect === "becomes_not_working")).toEqual([]);
    expect(changes.find((c) => c.day === "Monday")).toMatchObject({ effect: "stops_following_organization" });
    expect(describeDay(changes.find((c) => c.day === "Monday")!.after)).toBe("09:00–17:00");
  });

  it("own hours to own hours lists only the days that differ; clearing them all follows the organization again", () => {
    const before = [
      { weekday: 1, startTime: "08:00", endTime: "12:00" },
      { weekday: 2, startTime: "08:00", endTime: "12:00" },
    ];
    expect(weeklyHoursChanges(before, [before[0]!, { weekday: 2, startTime: "13:00", endTime: "17:00" }], org)).toEqual([
      expect.objectContaining({ day: "Tuesday", effect: null }),
    ]);
    expect(weeklyHoursChanges(before, [before[0]!], org)).toEqual([
      expect.objectContaining({ day: "Tuesday", effect: "becomes_not_working" }),
    ]);
    const back = weeklyHoursChanges(before, [], org);
    expect(back.map((c) => [c.day, c.effect])).toEqual([
      ["Monday", "follows_organization_again"],
      ["Tuesday", "follows_organization_again"],
      ["Wednesday", "follows_organization_again"],
      ["Thursday", "follows_organization_again"],
      ["Friday", "follows_organization_again"],
      ["Saturday", "follows_organization_again"],
      ["Sunday", "follows_organization_again"],
    ]);
  });

  it("nothing changed: nothing listed", () => {
    expect(weeklyHoursChanges([], [], org)).toEqual([]);
  });
});
