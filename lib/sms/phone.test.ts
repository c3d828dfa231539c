import { describe, expect, it } from "vitest";
import { lastTenDigits, toE164 } from "./phone";

describe("toE164", () => {
  it("reads North American numbers however they were typed", () => {
    for (const typed of ["(555) 201-3344", "555.201.3344", "5552013344", "1 555 201 3344", "+1 555-201-3344"]) {
      expect(toE164(typed)).toBe("+15552013344");
    }
  });

  it("keeps international numbers written with + or 00", () => {
    expect(toE164("+44 20 7946 0958")).toBe("+442079460958");
    expect(toE164("0044 20 7946 0958")).toBe("+442079460958");
  });

  it("refuses what cannot be texted", () => {
    for (const bad of [null, undefined, "", "12345", "+0123456789", "555-CALL-NOW", "0123456789", "+1234567890123456"]) {
      expect(toE164(bad)).toBeNull();
    }
  });

  it("matches on the last ten digits", () => {
    expect(lastTenDigits("+15552013344")).toBe("5552013344");
  });
});
