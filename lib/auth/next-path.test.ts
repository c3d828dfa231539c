import { describe, expect, it } from "vitest";
import { safeNextPath, signInHref } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/schedule?date=2026-03-02&appointment=abc", "")).toBe("/schedule?date=2026-03-02&appointment=abc");
    expect(safeNextPath("/patients/123", "")).toBe("/patients/123");
    expect(safeNextPath("/org/metro/settings/branding", "/org/metro")).toBe("/org/metro/settings/branding");
  });

  it("refuses other hosts however they are spelled", () => {
    for (const bad of [
      "https://evil.test/x",
      "//evil.test/x",
      "/\\evil.test",
      "\\\\evil.test",
      "javascript:alert(1)",
      "evil.test",
      "/%0d%0aLocation:x",
    ]) {
      const result = safeNextPath(bad, "");
      if (result !== null) expect(new URL(result, "http://here.test").host).toBe("here.test");
    }
    expect(safeNextPath("https://evil.test/x", "")).toBeNull();
    expect(safeNextPath("//evil.test/x", "")).toBeNull();
    expect(safeNextPath("/\\evil.test", "")).toBeNull();
    expect(safeNextPath("/x\n", "")).toBeNull();
  });

  it("refuses another organization's path, the sign-in page and the API", () => {
    expect(safeNextPath("/org/sunset/dashboard", "/org/metro")).toBeNull();
    expect(safeNextPath("/org/metro-other/dashboard", "/org/metro")).toBeNull();
    expect(safeNextPath("/org/sunset/dashboard", "")).toBeNull();
    expect(safeNextPath("/sign-in", "")).toBeNull();
    expect(safeNextPath("/org/metro/sign-in?next=/x", "/org/metro")).toBeNull();
    expect(safeNextPath("/api/v1/patients", "")).toBeNull();
    expect(safeNextPath(null, "")).toBeNull();
    expect(safeNextPath("", "")).toBeNull();
  });
});

describe("signInHref", () => {
  it("carries the page asked for unless it is where sign-in goes anyway", () => {
    expect(signInHref("/sign-in", "/schedule?date=2026-03-02", "/dashboard")).toBe("/sign-in?next=%2Fschedule%3Fdate%3D2026-03-02");
    expect(signInHref("/sign-in", "/dashboard", "/dashboard")).toBe("/sign-in");
    expect(signInHref("/sign-in", null, "/dashboard")).toBe("/sign-in");
  });
});
