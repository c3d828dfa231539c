import { describe, expect, it } from "vitest";
import { demoPassword } from "./demo-config";
import { startBanner } from "./start-banner";

describe("the start banner", () => {
  it("says where the demo password is, never the password", () => {
    const banner = startBanner({ port: 3000, rootDomain: "localhost:3000", demoPasswordFromEnvironment: false });
    expect(banner).toContain("password: see README.md, or set DEMO_PASSWORD");
    expect(banner).toContain("admin@metrogeneral.com");
    expect(banner).not.toContain("agentcare-demo");
    expect(banner).not.toContain(demoPassword());
  });

  it("names the variable when the password came from the environment", () => {
    const banner = startBanner({ port: 3000, rootDomain: "localhost:3000", demoPasswordFromEnvironment: true });
    expect(banner).toContain("password: the DEMO_PASSWORD you set");
  });
});
