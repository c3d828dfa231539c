import { describe, expect, it } from "vitest";
import { featureMessage, hasFeature, limitMessage, planLimit, PLANS, upgradeFor } from "./plans";

describe("plans", () => {
  it("grow with each tier", () => {
    expect(planLimit("basic", "providers")).toBeLessThan(planLimit("professional", "providers"));
    expect(planLimit("professional", "appointments")).toBeLessThan(planLimit("enterprise", "appointments"));
    expect(PLANS.enterprise.features.length).toBeGreaterThan(PLANS.professional.features.length);
  });

  it("gate features", () => {
    expect(hasFeature("basic", "telehealth")).toBe(false);
    expect(hasFeature("professional", "telehealth")).toBe(true);
    expect(hasFeature("professional", "custom_domains")).toBe(false);
    expect(hasFeature("enterprise", "audit_export")).toBe(true);
  });

  it("name the limit and the upgrade", () => {
    expect(limitMessage("basic", "providers")).toBe(
      "Plan limit reached: the Basic plan allows 3 providers. Upgrade to Professional for 15 providers.",
    );
    expect(limitMessage("enterprise", "users")).toContain("Contact AgentCare");
    expect(featureMessage("basic", "custom_domains")).toBe(
      "Custom domains are not included in the Basic plan. Upgrade to Enterprise to use it.",
    );
  });

  it("suggest the cheapest plan that helps", () => {
    expect(upgradeFor("basic", { feature: "api_access" })?.name).toBe("professional");
    expect(upgradeFor("enterprise", { kind: "users" })).toBeNull();
  });
});
