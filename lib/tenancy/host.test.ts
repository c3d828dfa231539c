import { describe, expect, it } from "vitest";
import { classifyHost, isSameOriginRequest, normalizeHost, requestAddress } from "./host";

const ROOT = "agentcare.com";

describe("classifyHost", () => {
  it.each([
    ["agentcare.com", { kind: "root" }],
    ["AGENTCARE.COM", { kind: "root" }],
    ["www.agentcare.com", { kind: "root" }],
    ["agentcare.com.", { kind: "root" }],
    ["agentcare.com:443", { kind: "root" }],
    ["metro-general.agentcare.com", { kind: "tenant", slug: "metro-general" }],
    ["Metro-General.AgentCare.com:8080", { kind: "tenant", slug: "metro-general" }],
    ["metro-general.agentcare.com.", { kind: "tenant", slug: "metro-general" }],
    ["api.agentcare.com", { kind: "root" }],
    ["admin.agentcare.com", { kind: "root" }],
    ["a.b.agentcare.com", { kind: "invalid" }],
    ["-bad.agentcare.com", { kind: "invalid" }],
    ["xn--bcher-kva.agentcare.com", { kind: "tenant", slug: "xn--bcher-kva" }],
    ["clinic.example.org", { kind: "custom", hostname: "clinic.example.org" }],
    ["www.clinic.example.org", { kind: "custom", hostname: "clinic.example.org" }],
    ["agentcare.com.evil.com", { kind: "custom", hostname: "agentcare.com.evil.com" }],
    ["evil.com#.agentcare.com", { kind: "invalid" }],
    ["evil.com/.agentcare.com", { kind: "invalid" }],
    ["evil.com\r\n.agentcare.com", { kind: "invalid" }],
    ["user@metro-general.agentcare.com", { kind: "invalid" }],
    ["127.0.0.1:3000", { kind: "root" }],
    ["[::1]:3000", { kind: "root" }],
    ["", { kind: "invalid" }],
    [null, { kind: "invalid" }],
    ["localhost", { kind: "invalid" }],
    ["bücher.agentcare.com", { kind: "invalid" }],
  ])("%s", (host, expected) => {
    expect(classifyHost(host, ROOT)).toMatchObject(expected);
  });

  it("works with localhost roots and ports", () => {
    expect(classifyHost("metro-general.localhost:3000", "localhost:3000")).toEqual({ kind: "tenant", slug: "metro-general" });
    expect(classifyHost("localhost:3000", "localhost:3000")).toEqual({ kind: "root" });
    expect(classifyHost("sunset-clinic.agentcare.test:3000", "agentcare.test:3000")).toEqual({
      kind: "tenant",
      slug: "sunset-clinic",
    });
  });
});

describe("normalizeHost", () => {
  it("rejects ports that are not numbers", () => {
    expect(normalizeHost("agentcare.com:80x")).toBeNull();
  });
});

describe("isSameOriginRequest", () => {
  const authority = "metro-general.agentcare.test:3210";
  it("accepts an Origin naming exactly this host and port, in any case", () => {
    expect(isSameOriginRequest({ origin: "http://metro-general.agentcare.test:3210", secFetchSite: null, authority })).toBe(true);
    expect(isSameOriginRequest({ origin: "HTTP://Metro-General.agentcare.test:3210", secFetchSite: "cross-site", authority })).toBe(true);
    expect(isSameOriginRequest({ origin: "https://example.org", secFetchSite: null, authority: "example.org:443" })).toBe(true);
  });

  it("refuses another tenant's subdomain, another port, www., a parent domain, 'null' and junk", () => {
    for (const origin of [
      "http://sunset-clinic.agentcare.test:3210",
      "http://metro-general.agentcare.test:3211",
      "http://www.metro-general.agentcare.test:3210",
      "http://agentcare.test:3210",
      "http://evil.example",
      "null",
      "file://",
      "http://metro-general.agentcare.test:3210@evil.example",
    ]) {
      expect(isSameOriginRequest({ origin, secFetchSite: null, authority }), origin).toBe(false);
    }
    expect(isSameOriginRequest({ origin: "http://evil.example", secFetchSite: null, authority: null })).toBe(false);
    expect(isSameOriginRequest({ origin: "http://evil.example", secFetchSite: null, authority: "evil.example/x" })).toBe(false);
  });

  it("without Origin, Sec-Fetch-Site must say same-origin (same-site is another tenant's subdomain); neither header: no browser", () => {
    expect(isSameOriginRequest({ origin: null, secFetchSite: "same-origin", authority })).toBe(true);
    expect(isSameOriginRequest({ origin: null, secFetchSite: "same-site", authority })).toBe(false);
    expect(isSameOriginRequest({ origin: null, secFetchSite: "cross-site", authority })).toBe(false);
    expect(isSameOriginRequest({ origin: null, secFetchSite: "none", authority })).toBe(false);
    expect(isSameOriginRequest({ origin: null, secFetchSite: null, authority })).toBe(true);
  });
});

describe("requestAddress", () => {
  const headersOf = (h: Record<string, string>) => (name: string) => h[name];
  const root = "agentcare.test";

  it("reads Host, and ignores forwarding headers unless the proxy is trusted", () => {
    const h = headersOf({
      host: "metro-general.agentcare.test",
      "x-forwarded-host": "sunset-clinic.agentcare.test",
      "x-forwarded-proto": "https",
    });
    expect(requestAddress(h, { trusted: false, rootDomain: root })).toEqual({
      rawHost: "metro-general.agentcare.test",
      hostClass: { kind: "tenant", slug: "metro-general" },
      https: false,
    });
    expect(requestAddress(h, { trusted: true, rootDomain: root })).toEqual({
      rawHost: "sunset-clinic.agentcare.test",
      hostClass: { kind: "tenant", slug: "sunset-clinic" },
      https: true,
    });
  });

  it("takes the first entry a chain of proxies appended, and falls back to Host without one", () => {
    const chained = headersOf({
      host: "internal:3000",
      "x-forwarded-host": "clinic.example.org,proxy.internal",
      "x-forwarded-proto": " https , http",
    });
    expect(requestAddress(chained, { trusted: true, rootDomain: root })).toMatchObject({ rawHost: "clinic.example.org", https: true });
    expect(requestAddress(headersOf({ host: "agentcare.test" }), { trusted: true, rootDomain: root })).toEqual({
      rawHost: "agentcare.test",
      hostClass: { kind: "root" },
      https: false,
    });
    expect(requestAddress(headersOf({}), { trusted: false, rootDomain: root })).toMatchObject({ rawHost: null, https: false });
  });
});
