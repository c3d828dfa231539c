import { describe, expect, it } from "vitest";
import {
  consume,
  MemoryRateLimitStore,
  rateLimitHeaders,
  RateLimitExceededError,
  routeTemplate,
  tighter,
  callerKey,
  useRateLimitStore,
} from "./rate-limit";

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

  it("is the same for every spelling of the path: case of the tenant prefix, percent-encoding, doubled slashes", () => {
    const id = "6f1c2b9e-1111-4222-8333-444455556666";
    const expected = "/api/v1/patients/[id]";
    for (const path of [
      `/api/v1/patients/${id}`,
      `/org/METRO-general/api/v1/patients/${id}`,
      `/org/%6Detro-general/api/v1/patients/${id}`,
      `/ORG/metro-general/api/v1/%70atients/${id}`,
      `//api//v1/patients/${id}`,
    ]) {
      expect(routeTemplate(path, { id }), path).toBe(expected);
    }
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

describe("consume", () => {
  it("allows the limit per window, then refuses until the window ends", async () => {
    const key = `test:${Math.random()}`;
    const t0 = 1_000_000;
    expect((await consume(key, 2, 60_000, t0)).remaining).toBe(1);
    expect((await consume(key, 2, 60_000, t0)).remaining).toBe(0);
    await expect(consume(key, 2, 60_000, t0)).rejects.toBeInstanceOf(RateLimitExceededError);
    await expect(consume(key, 2, 60_000, t0 + 59_999)).rejects.toMatchObject({ code: "rate_limited", state: { limit: 2, remaining: 0 } });
    expect(await consume(key, 2, 60_000, t0 + 60_000)).toEqual({ limit: 2, remaining: 1, resetAt: t0 + 120_000 });
  });

  it("asks whichever store is installed", async () => {
    const seen: string[] = [];
    const previous = useRateLimitStore({
      hit: (key, windowMs, now) => {
        seen.push(key);
        return Promise.resolve({ count: 99, resetAt: now + windowMs });
      },
    });
    try {
      await expect(consume("shared", 10, 1000, 0)).rejects.toBeInstanceOf(RateLimitExceededError);
      expect(seen).toEqual(["shared"]);
    } finally {
      useRateLimitStore(previous);
    }
  });

  it("keeps windows apart per key in memory", async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.hit("a", 1000, 0)).toEqual({ count: 1, resetAt: 1000 });
    expect(await store.hit("a", 1000, 10)).toEqual({ count: 2, resetAt: 1000 });
    expect(await store.hit("b", 1000, 10)).toEqual({ count: 1, resetAt: 1010 });
  });
});

describe("rateLimitHeaders", () => {
  it("says the limit, what remains and the seconds until the window resets; Retry-After only when refused", () => {
    expect(rateLimitHeaders({ limit: 10, remaining: 3, resetAt: 30_500 }, 0)).toEqual({
      "ratelimit-limit": "10",
      "ratelimit-remaining": "3",
      "ratelimit-reset": "31",
    });
    expect(rateLimitHeaders({ limit: 10, remaining: 0, resetAt: 1_000 }, 1_000, true)).toMatchObject({ "retry-after": "1" });
  });

  it("reports the limit nearer exhaustion", () => {
    const route = { limit: 600, remaining: 590, resetAt: 1 };
    const key = { limit: 60, remaining: 5, resetAt: 2 };
    expect(tighter(route, key)).toBe(key);
    expect(tighter(route, null)).toBe(route);
  });
});
