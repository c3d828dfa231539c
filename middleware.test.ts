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
