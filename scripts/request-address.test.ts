import { describe, expect, it } from "vitest";
// @ts-expect-error plain ES module without types, shared with scripts/server.mjs
import { addressProblem } from "./request-address.mjs";

const problem = addressProblem as (rawHeaders: string[], url: string, host: string | undefined) => string | null;

describe("addressProblem", () => {
  it("accepts one Host and an origin-form target", () => {
    expect(problem(["Host", "metro-general.agentcare.com", "Accept", "*/*"], "/api/v1/patients", "metro-general.agentcare.com")).toBeNull();
  });

  it("refuses two Host headers, whatever their spelling or order", () => {
    expect(problem(["Host", "metro-general.agentcare.com", "host", "evil.example"], "/", "metro-general.agentcare.com")).toMatch(/Host/);
    expect(problem(["HOST", "a", "X-Other", "1", "Host", "a"], "/", "a")).toMatch(/Host/);
  });

  it("refuses an absolute-form target naming another host than Host, and a target that is not a path", () => {
    expect(problem(["Host", "metro-general.agentcare.com"], "http://evil.example/dashboard", "metro-general.agentcare.com")).toMatch(
      /another host/,
    );
    expect(problem(["Host", "a.example"], "http://a.example/x", "a.example")).toBeNull();
    expect(problem(["Host", "a.example"], "not a url", "a.example")).toMatch(/not a path/);
  });
});
