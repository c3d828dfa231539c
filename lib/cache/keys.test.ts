import { describe, expect, it } from "vitest";
import { platformKey, tenantKey } from "./keys";

const A = "11111111-1111-1111-1111-111111111111";

describe("cache keys", () => {
  it("prefix tenant keys with the organization", () => {
    expect(tenantKey(A, "patient", "p1")).toBe(`tenant:${A}:patient:p1`);
  });
  it("refuse a key without a real organization id", () => {
    expect(() => tenantKey("metro-general", "patient")).toThrow();
    expect(() => tenantKey(A)).toThrow();
  });
  it("escape separators so parts cannot forge another tenant's prefix", () => {
    expect(tenantKey(A, `x:tenant:${A}`)).toBe(`tenant:${A}:x%3Atenant%3A${A}`);
  });
  it("keeps platform keys apart", () => {
    expect(platformKey("org-by-slug", "metro-general")).toBe("platform:org-by-slug:metro-general");
  });
});
