import { describe, expect, it } from "vitest";
import { metrics, recordRequest, routeLabel } from "./metrics";

describe("metrics", () => {
  it("is one registry per process, shared by every copy of the module", () => {
    expect(metrics()).toBe((globalThis as unknown as { __agentcareMetrics: unknown }).__agentcareMetrics);
  });

  it("keeps route labels bounded: past the cap, new routes count as other", () => {
    for (let i = 0; i < 400; i++) routeLabel(`/bounded-test/${i}`);
    expect(routeLabel("/bounded-test/new-one")).toBe("other");
    expect(metrics().routes.size).toBeLessThanOrEqual(300);
  });

  it("labels unknown methods OTHER", async () => {
    recordRequest({ route: "other", method: "BREW", status: 418, channel: "api", seconds: 0.01 });
    const text = await metrics().registry.metrics();
    expect(text).toContain('agentcare_http_requests_total{route="other",method="OTHER",status="418",channel="api"} 1');
    expect(text).not.toContain("BREW");
  });
});
