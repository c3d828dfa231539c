import { describe, expect, it } from "vitest";
import { apiTarget } from "./api-target";

describe("which requests are API requests, and for which path", () => {
  it("on a tenant's host: its /api/ and /fhir/ paths; /org/… there is a page path", () => {
    expect(apiTarget("metro-general", "/api/v1/appointments")).toEqual({ path: "/api/v1/appointments", pathTenant: null });
    expect(apiTarget("metro-general", "/fhir/R4/metadata")).toEqual({ path: "/fhir/R4/metadata", pathTenant: null });
    expect(apiTarget("metro-general", "/org/other/api/v1/patients")).toBeNull();
    expect(apiTarget("metro-general", "/schedule")).toBeNull();
  });

  it("on the root domain: /org/{slug}/api/… and /org/{slug}/fhir/… name the tenant; a malformed slug is not found", () => {
    expect(apiTarget(null, "/org/Metro-General/api/v1/providers")).toEqual({ path: "/api/v1/providers", pathTenant: "metro-general" });
    expect(apiTarget(null, "/org/metro/fhir/R4/Slot")).toEqual({ path: "/fhir/R4/Slot", pathTenant: "metro" });
    expect(apiTarget(null, "/org/bad_slug!/api/v1/providers")).toBe("not_found");
    expect(apiTarget(null, "/org/%E0%A4%A/api/v1/providers")).toBe("not_found");
    expect(apiTarget(null, "/org/metro/schedule")).toBeNull();
    expect(apiTarget(null, "/api/v1/signup")).toEqual({ path: "/api/v1/signup", pathTenant: null });
    expect(apiTarget(null, "/sign-in")).toBeNull();
  });
});
