import { describe, expect, it } from "vitest";
import { parseCookieHeader } from "./request-scope";

describe("reading a Cookie header on the direct API path", () => {
  it("gives every pair in order, values percent-decoded where they can be", () => {
    expect(parseCookieHeader('a=1; agentcare.session=ey.J%2Bx;b = two ; c=%E0%A4%A; d="q"')).toEqual([
      { name: "a", value: "1" },
      { name: "agentcare.session", value: "ey.J+x" },
      { name: "b", value: "two" },
      { name: "c", value: "%E0%A4%A" },
      { name: "d", value: "q" },
    ]);
  });

  it("skips what is not a pair", () => {
    expect(parseCookieHeader("=x; novalue; ;k=")).toEqual([{ name: "k", value: "" }]);
    expect(parseCookieHeader(undefined)).toEqual([]);
  });
});
