import { describe, expect, it } from "vitest";
import { cookieReachesHost, sessionCookie, sessionCookieDomain } from "./cookies";

describe("session cookie", () => {
  it("is shared across subdomains of a real root domain", () => {
    expect(sessionCookieDomain("agentcare.com")).toBe(".agentcare.com");
    expect(sessionCookieDomain("AgentCare.com:443")).toBe(".agentcare.com");
    expect(sessionCookieDomain("agentcare.test:3210")).toBe(".agentcare.test");
  });

  it("is host-only on localhost and IP addresses", () => {
    expect(sessionCookieDomain("localhost")).toBeUndefined();
    expect(sessionCookieDomain("localhost:3000")).toBeUndefined();
    expect(sessionCookieDomain("127.0.0.1:3000")).toBeUndefined();
  });

  it("is httpOnly, SameSite=Lax, and __Secure- prefixed over HTTPS", () => {
    const secure = sessionCookie({ rootDomain: "agentcare.com", secure: true });
    expect(secure.name).toBe("__Secure-agentcare.session");
    expect(secure.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, domain: ".agentcare.com", path: "/" });
    const local = sessionCookie({ rootDomain: "localhost:3000", secure: false });
    expect(local.name).toBe("agentcare.session");
    expect(local.options).not.toHaveProperty("domain");
  });

  it("reaches tenant subdomains but never custom domains", () => {
    expect(cookieReachesHost("agentcare.com", "metro-general.agentcare.com")).toBe(true);
    expect(cookieReachesHost("agentcare.com", "agentcare.com")).toBe(true);
    expect(cookieReachesHost("agentcare.com", "clinic.example.org")).toBe(false);
    expect(cookieReachesHost("agentcare.com", "evilagentcare.com")).toBe(false);
    expect(cookieReachesHost("localhost:3000", "metro-general.localhost:3000")).toBe(false);
    expect(cookieReachesHost("localhost:3000", "localhost:3000")).toBe(true);
  });
});
