import { describe, expect, it } from "vitest";
import { allowRequest, callerKey, routeTemplate } from "./rate-limit";

describe("routeTemplate", () => {
  it("names parameters instead of their values, so ids and tokens buy no fresh allowance", () => {
    const id = "6f1c2b9e-1111-4222-8333-444455556666";
    expect(routeTemplate(`/api/v1/patients/${id}`, { id })).toBe("/api/v1/patients/[id]");
    expect(routeTemplate("/api/v1/public/manage/abc.def/cancel", { token: "abc.def" })).toBe("/api/v1/public/manage/[token]/cancel");
    expect(routeTemplate("/api/v1/providers/p1/overrides/2026-03-09", { id: "p1", date: "2026-03-09" })).toBe(
      "/api/v1/providers/[id]/overrides/[date]",
    );
  });

  it("drops the path-based tenant prefix (the organization is in the key already)", () => {
    expect(routeTemplate("/org/metro-general/api/v1/patients", {})).toBe("/api/v1/patients");
  });

  it("matches percent-encoded parameter values", () => {
    expect(routeTemplate("/api/auth/x%20y", { nextauth: ["x y"] })).toBe("/api/auth/[nextauth]");
  });
});

describe("callerKey", () => {
  it("keys each kind of caller apart", () => {
    expect(callerKey({ kind: "user", userId: "u1", email: null, name: null }, "1.2.3.4")).toBe("user:u1");
    expect(callerKey({ kind: "api_key", keyId: "k1", orgId: "o", role: "staff" }, null)).toBe("key:k1");
    expect(callerKey({ kind: "anonymous" }, "1.2.3.4")).toBe("ip:1.2.3.4");
    expect(callerKey({ kind: "anonymous" }, null)).toBe("ip:unknown");
    expect(callerKey({ kind: "operator", userId: null }, null)).toBe("operator-token");
  });
});

describe("allowRequest", () => {
  it("allows the limit per window, then refuses until the window ends", () => {
    const key = `test:${Math.random()}`;
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => allowRequest(key, 2, 60_000, t0))).toEqual([true, true, false]);
    expect(allowRequest(key, 2, 60_000, t0 + 59_999)).toBe(false);
    expect(allowRequest(key, 2, 60_000, t0 + 60_000)).toBe(true);
  });
});
