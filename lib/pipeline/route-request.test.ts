import { describe, expect, it } from "vitest";
import { z } from "zod";
import { routeInput } from "./parse";
import { guardRequest } from "./request-guard";
import { acceptsRouteRequest, bodilessRequest, takesRouteRequest } from "@/lib/http/route-request";

const facts = {
  host: "a.agentcare.test",
  hostClass: { kind: "tenant", slug: "a" },
  ip: "127.0.0.1",
  requestId: "r1",
  origin: null,
  secFetchSite: null,
} as never;

describe("RouteRequest", () => {
  it("marks only the handlers that say they take one", () => {
    const marked = takesRouteRequest(async () => new Response(null));
    expect(acceptsRouteRequest(marked)).toBe(true);
    expect(acceptsRouteRequest(async () => new Response(null))).toBe(false);
    expect(acceptsRouteRequest({})).toBe(false);
    expect(acceptsRouteRequest(null)).toBe(false);
  });

  it("is what the member API's and FHIR's routes take; next-auth's routes get a whole Request", async () => {
    const appointments = await import("@/app/api/v1/appointments/route");
    const fhir = await import("@/app/fhir/R4/[type]/route");
    const auth = await import("@/app/api/auth/[...nextauth]/route");
    expect(acceptsRouteRequest(appointments.GET)).toBe(true);
    expect(acceptsRouteRequest(appointments.POST)).toBe(true);
    expect(acceptsRouteRequest(fhir.GET)).toBe(true);
    expect(acceptsRouteRequest(auth.GET)).toBe(false);
  });

  it("without a body, reads like the Request it stands for: query, headers, no body", async () => {
    const headers = new Map([
      ["x-test", "1"],
      ["content-type", "application/json"],
    ]);
    const light = bodilessRequest("http://localhost/api/v1/appointments?date=2026-12-10&limit=5", "GET", {
      get: (name) => headers.get(name.toLowerCase()) ?? null,
      has: (name) => headers.has(name.toLowerCase()),
    });
    const real = new Request(light.url, { method: "GET", headers: [...headers] });
    const schema = z.object({ date: z.string(), limit: z.coerce.number() });
    for (const request of [light, real]) {
      const input = await routeInput(request, { query: schema });
      expect(input()).toEqual({ query: { date: "2026-12-10", limit: 5 }, body: undefined });
      expect(request.headers.get("X-Test")).toBe("1");
      expect(request.headers.has("x-absent")).toBe(false);
      expect(request.body).toBeNull();
      // A GET passes the arrival checks whoever sends it.
      expect(() => guardRequest(request, facts, null)).not.toThrow();
    }
  });
});
