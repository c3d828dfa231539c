import { describe, expect, it } from "vitest";
import { organizationUrl, tenantHref } from "./href";

describe("tenantHref", () => {
  it("keeps paths as they are on a tenant's own host (subdomain or custom domain)", () => {
    expect(tenantHref("", "/dashboard")).toBe("/dashboard");
    expect(tenantHref("", "schedule")).toBe("/schedule");
  });
  it("prefixes /org/{slug} in path-based mode", () => {
    expect(tenantHref("/org/metro-general", "/dashboard")).toBe("/org/metro-general/dashboard");
    expect(tenantHref("/org/metro-general", "/")).toBe("/org/metro-general");
  });
  it("builds absolute subdomain URLs, keeping the port", () => {
    expect(organizationUrl({ slug: "sunset-clinic", rootDomain: "agentcare.test:3210", protocol: "http:", path: "/dashboard" })).toBe(
      "http://sunset-clinic.agentcare.test:3210/dashboard",
    );
  });
});
