import { describe, expect, it } from "vitest";
import { dateInZone } from "./format";

describe("dateInZone", () => {
  it("names the day an instant falls on in the hospital's zone, not in UTC", () => {
    expect(dateInZone("2027-01-05T03:00:00Z", "America/New_York")).toBe("2027-01-04");
    expect(dateInZone(new Date("2027-01-05T03:00:00Z"), "Asia/Tokyo")).toBe("2027-01-05");
  });
});
