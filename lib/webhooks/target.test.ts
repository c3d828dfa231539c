import { describe, expect, it } from "vitest";
import { isPublicAddress, targetProblem } from "./target";

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["93.184.216.34", true],
    ["2606:4700:4700::1111", true],
    ["127.0.0.1", false],
    ["127.255.0.9", false],
    ["10.0.0.1", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["172.32.0.1", true],
    ["192.168.0.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd12:3456::1", false],
    ["ff02::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:8.8.8.8", true],
    ["64:ff9b::7f00:1", false],
    ["2001:db8::1", false],
    ["not-an-address", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("targetProblem", () => {
  it("accepts a public https URL", () => {
    expect(targetProblem("https://hooks.example.com/agentcare?x=1", false)).toBeNull();
  });
  it.each([
    "http://hooks.example.com/x",
    "https://user:pw@hooks.example.com/x",
    "https://127.0.0.1/x",
    "https://[::1]/x",
    "https://[::ffff:10.0.0.1]/x",
    "https://localhost/x",
    "https://db.internal/x",
    "https://printer.local/x",
    "ftp://hooks.example.com/x",
    "not a url",
  ])("refuses %s", (url) => {
    expect(targetProblem(url, false)).toEqual(expect.any(String));
  });
  it("a test run with a local receiver may use http and loopback", () => {
    expect(targetProblem("http://127.0.0.1:4000/hooks", true)).toBeNull();
  });
});
