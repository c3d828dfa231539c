import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reloadConfig } from "@/lib/config/env";
import { routeRequest as middleware } from "./middleware";

/** The configuration is read once; a test that changes the environment reads it again. */
function stubEnv(name: string, value: string) {
  vi.stubEnv(name, value);
  reloadConfig();
}

function run(url: string, headers: Record<string, string> = {}) {
  const host = new URL(url).host;
  return middleware(new NextRequest(url, { headers: { host, ...headers } }));
}

const rewrite = (res: Response) => res.headers.get("x-middleware-rewrite");
const forwarded = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);

describe("middleware", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    reloadConfig();
  });

  it("rewrites a tenant subdomain to app/org/[slug]", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const res = run("http://metro-general.agentcare.com/dashboard");
    expect(new URL(rewrite(res)!).pathname).toBe("/org/metro-general/dashboard");
    expect(forwarded(res, "x-agentcare-tenant")).toBe("metro-general");
  });

  it("strips client-sent x-agentcare-* headers before setting its own", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const res = run("http://metro-general.agentcare.com/api/v1/appointments", {
      "x-agentcare-tenant": "sunset-clinic",
      "x-agentcare-path-tenant": "sunset-clinic",
      "x-agentcare-anything": "1",
    });
    expect(forwarded(res, "x-agentcare-tenant")).toBe("metro-general");
    expect(forwarded(res, "x-agentcare-path-tenant")).toBeNull();
    expect(forwarded(res, "x-agentcare-anything")).toBeNull();
  });

  it("ignores X-Forwarded-Host unless proxy headers are trusted", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const res = run("http://metro-general.agentcare.com/", { "x-forwarded-host": "sunset-clinic.agentcare.com" });
    expect(new URL(rewrite(res)!).pathname).toBe("/org/metro-general");
    expect(forwarded(res, "x-forwarded-host")).toBe("metro-general.agentcare.com");
    stubEnv("TRUST_PROXY_HEADERS", "true");
    const trusted = run("http://internal-lb/", { "x-forwarded-host": "sunset-clinic.agentcare.com" });
    expect(new URL(rewrite(trusted)!).pathname).toBe("/org/sunset-clinic");
  });

  it("answers 404 for malformed and nested hosts", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    expect(run("http://a.b.agentcare.com/").status).toBe(404);
  });

  it("leaves root-domain pages alone and maps /org/{slug}/api/… to the API with a path tenant", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    expect(rewrite(run("http://agentcare.com/sign-in"))).toBeNull();
    const api = run("http://agentcare.com/org/metro-general/api/v1/appointments?date=2026-12-01");
    expect(new URL(rewrite(api)!).pathname).toBe("/api/v1/appointments");
    expect(forwarded(api, "x-agentcare-path-tenant")).toBe("metro-general");
  });

  it("routes the FHIR endpoint like the API: never rewritten on a tenant host, /org/{slug}/fhir/… with a path tenant", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const onHost = run("http://metro-general.agentcare.com/fhir/R4/Patient?family=smith");
    expect(rewrite(onHost)).toBeNull();
    expect(forwarded(onHost, "x-agentcare-tenant")).toBe("metro-general");
    const byPath = run("http://agentcare.com/org/metro-general/fhir/R4/$bulk-publish");
    expect(new URL(rewrite(byPath)!).pathname).toBe("/fhir/R4/$bulk-publish");
    expect(forwarded(byPath, "x-agentcare-path-tenant")).toBe("metro-general");
    expect(run("http://agentcare.com/org/Not_A_Slug/fhir/R4/metadata").status).toBe(404);
  });

  it("serves everything as the default organization when MULTI_TENANCY=false", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    stubEnv("MULTI_TENANCY", "false");
    expect(new URL(rewrite(run("http://metro-general.agentcare.com/dashboard"))!).pathname).toBe("/org/default/dashboard");
    expect(new URL(rewrite(run("http://agentcare.com/"))!).pathname).toBe("/org/default");
  });

  it("routes custom domains by hostname", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    expect(new URL(rewrite(run("http://www.metrogeneral.org/"))!).pathname).toBe("/org/metrogeneral.org");
  });
});

describe("server actions from another site", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    reloadConfig();
  });

  const post = (url: string, headers: Record<string, string>) => {
    const host = new URL(url).host;
    return middleware(new NextRequest(url, { method: "POST", headers: { host, "next-action": "abc123", ...headers } }));
  };

  it("refuses a server action whose Origin is another host with 403", async () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    for (const origin of ["https://evil.example", "https://sunset-clinic.agentcare.com", "null"]) {
      const res = post("http://metro-general.agentcare.com/patients", { origin });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "forbidden:cross_origin", message: "This request came from another site." } });
    }
  });

  it("lets a same-origin server action through to the tenant", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const res = post("http://metro-general.agentcare.com/patients", { origin: "http://metro-general.agentcare.com" });
    expect(res.status).toBe(200);
    expect(new URL(rewrite(res)!).pathname).toBe("/org/metro-general/patients");
  });
});

describe("security headers", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    reloadConfig();
  });

  it("every response carries a nonce CSP (no inline scripts), nosniff, referrer and permissions policies and DENY framing", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    for (const res of [
      run("http://metro-general.agentcare.com/dashboard"),
      run("http://agentcare.com/sign-in"),
      run("http://metro-general.agentcare.com/api/v1/patients"),
      run("http://a.b.agentcare.com/"),
    ]) {
      const csp = res.headers.get("content-security-policy")!;
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("permissions-policy")).toContain("geolocation=()");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("hands Next the same nonce on the request, fresh for every request", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const a = run("http://metro-general.agentcare.com/dashboard");
    const b = run("http://metro-general.agentcare.com/dashboard");
    expect(forwarded(a, "content-security-policy")).toBe(a.headers.get("content-security-policy"));
    expect(forwarded(a, "x-nonce")).toBeTruthy();
    expect(a.headers.get("content-security-policy")).toContain(`'nonce-${forwarded(a, "x-nonce")}'`);
    expect(forwarded(a, "x-nonce")).not.toBe(forwarded(b, "x-nonce"));
  });

  it("adds HSTS only for https: the request's own scheme, or X-Forwarded-Proto from a trusted proxy", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    expect(run("http://agentcare.com/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toBeNull();
    expect(run("https://agentcare.com/").headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    stubEnv("TRUST_PROXY_HEADERS", "true");
    expect(run("http://agentcare.com/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });

  it("allows 'unsafe-eval' for scripts only outside production", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    stubEnv("NODE_ENV", "production");
    expect(run("http://agentcare.com/").headers.get("content-security-policy")).not.toContain("unsafe-eval");
    stubEnv("NODE_ENV", "development");
    expect(run("http://agentcare.com/").headers.get("content-security-policy")).toContain("'unsafe-eval'");
  });

  it("refuses a server action from another tenant's subdomain, another port or with a same-site Sec-Fetch-Site", () => {
    stubEnv("ROOT_DOMAIN", "agentcare.com");
    const action = { "next-action": "abc" };
    expect(run("http://metro-general.agentcare.com/settings", { ...action, origin: "http://sunset-clinic.agentcare.com" }).status).toBe(
      403,
    );
    expect(
      run("http://metro-general.agentcare.com/settings", { ...action, origin: "http://metro-general.agentcare.com:8443" }).status,
    ).toBe(403);
    expect(run("http://metro-general.agentcare.com/settings", { ...action, "sec-fetch-site": "same-site" }).status).toBe(403);
    expect(run("http://metro-general.agentcare.com/settings", { ...action, origin: "http://metro-general.agentcare.com" }).status).not.toBe(
      403,
    );
  });
});
