import { afterEach, describe, expect, it, vi } from "vitest";
import { reloadConfig } from "@/lib/config/env";
import { requestFactsFrom } from "./request";

const facts = (headers: Record<string, string>) => requestFactsFrom(new Headers(headers));

describe("request facts", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    reloadConfig();
  });

  it("classifies the Host and reads middleware's request id and original path", () => {
    vi.stubEnv("ROOT_DOMAIN", "agentcare.com");
    reloadConfig();
    const f = facts({
      host: "Metro-General.AgentCare.com:443",
      "x-agentcare-path": "/patients",
      "x-agentcare-request-id": "req-1",
      "x-organization-id": " 6f1c2b9e-1111-4222-8333-444455556666 ",
      "user-agent": "test",
    });
    expect(f.host).toBe("metro-general.agentcare.com");
    expect(f.hostClass).toEqual({ kind: "tenant", slug: "metro-general" });
    expect(f.path).toBe("/patients");
    expect(f.pathTenant).toBeNull();
    expect(f.requestId).toBe("req-1");
    expect(f.organizationSelector).toBe("6f1c2b9e-1111-4222-8333-444455556666");
  });

  it("reads a path-based tenant only on the root domain, and only a well-formed slug", () => {
    vi.stubEnv("ROOT_DOMAIN", "agentcare.com");
    reloadConfig();
    expect(facts({ host: "agentcare.com", "x-agentcare-path": "/org/Sunset-Clinic/api/v1/patients" }).pathTenant).toBe("sunset-clinic");
    expect(facts({ host: "agentcare.com", "x-agentcare-path": "/org/evil.example.com/book" }).pathTenant).toBeNull();
    expect(facts({ host: "agentcare.com", "x-agentcare-path": "/org/%E0%A4%A/book" }).pathTenant).toBeNull();
    expect(facts({ host: "metro.agentcare.com", "x-agentcare-path": "/org/sunset-clinic/book" }).pathTenant).toBeNull();
  });

  it("ignores X-Forwarded-Host unless proxy headers are trusted", () => {
    vi.stubEnv("ROOT_DOMAIN", "agentcare.com");
    reloadConfig();
    const headers = { host: "metro.agentcare.com", "x-forwarded-host": "sunset.agentcare.com" };
    expect(facts(headers).host).toBe("metro.agentcare.com");
    vi.stubEnv("TRUST_PROXY_HEADERS", "true");
    reloadConfig();
    expect(facts(headers).host).toBe("sunset.agentcare.com");
  });

  it("makes up a request id when middleware did not set one", () => {
    expect(facts({ host: "localhost" }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
