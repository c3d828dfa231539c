import { describe, expect, it } from "vitest";
import { buildRouteTable, matchRoute } from "./route-table";

const manifest = {
  "/api/v1/appointments/route": "app/api/v1/appointments/route.js",
  "/api/v1/appointments/[id]/route": "app/api/v1/appointments/[id]/route.js",
  "/api/v1/appointments/[id]/cancel/route": "app/api/v1/appointments/[id]/cancel/route.js",
  "/api/v1/appointments/today/route": "app/api/v1/appointments/today/route.js",
  "/fhir/R4/[type]/route": "app/fhir/R4/[type]/route.js",
  "/fhir/R4/[type]/[id]/route": "app/fhir/R4/[type]/[id]/route.js",
  "/fhir/R4/$bulk-publish/route": "app/fhir/R4/$bulk-publish/route.js",
  "/fhir/R4/$bulk-publish/[file]/route": "app/fhir/R4/$bulk-publish/[file]/route.js",
  "/api/v1/files/[...rest]/route": "app/api/v1/files/[...rest]/route.js",
  "/api/v1/optional/[[...rest]]/route": "app/api/v1/optional/[[...rest]]/route.js",
  "/api/auth/[...nextauth]/route": "app/api/auth/[...nextauth]/route.js",
  "/org/[org]/page": "app/org/[org]/page.js",
};
const table = buildRouteTable(manifest, (p) => p.startsWith("/api/v1/") || p.startsWith("/fhir/"));

describe("the direct API path's route table", () => {
  it("keeps only the route handlers it was asked for, and no shape it does not know", () => {
    expect(table.size).toBe(9);
    expect(matchRoute(table, "/api/auth/session")).toBeNull();
    expect(matchRoute(table, "/api/v1/optional")).toBeNull();
    expect(matchRoute(table, "/org/metro")).toBeNull();
  });

  it("prefers a static segment to a dynamic one, and falls back to the dynamic one when the static branch leads nowhere", () => {
    expect(matchRoute(table, "/api/v1/appointments/today")).toEqual({ file: "app/api/v1/appointments/today/route.js", params: {} });
    expect(matchRoute(table, "/api/v1/appointments/abc")).toEqual({ file: "app/api/v1/appointments/[id]/route.js", params: { id: "abc" } });
    expect(matchRoute(table, "/api/v1/appointments/today/cancel")).toEqual({
      file: "app/api/v1/appointments/[id]/cancel/route.js",
      params: { id: "today" },
    });
    expect(matchRoute(table, "/fhir/R4/$bulk-publish")?.file).toBe("app/fhir/R4/$bulk-publish/route.js");
    expect(matchRoute(table, "/fhir/R4/$bulk-publish/Slot.ndjson")).toEqual({
      file: "app/fhir/R4/$bulk-publish/[file]/route.js",
      params: { file: "Slot.ndjson" },
    });
    expect(matchRoute(table, "/fhir/R4/Patient/p1")).toEqual({
      file: "app/fhir/R4/[type]/[id]/route.js",
      params: { type: "Patient", id: "p1" },
    });
    expect(matchRoute(table, "/api/v1/files/a/b/c")).toEqual({
      file: "app/api/v1/files/[...rest]/route.js",
      params: { rest: ["a", "b", "c"] },
    });
  });

  it("leaves every path that is not plain to Next: encoded, empty, dot or trailing-slash segments, and unknown paths", () => {
    for (const path of [
      "/api/v1/appointments/",
      "/api/v1//appointments",
      "/api/v1/./appointments",
      "/api/v1/x/../appointments",
      "/api/v1/appointments/%2e%2e",
      "/api/v1/appoint%6Dents",
      "/api/v1/appointments/a/b/c",
      "/api/v1/nothing",
      "api/v1/appointments",
      "/",
    ]) {
      expect(matchRoute(table, path), path).toBeNull();
    }
  });
});
