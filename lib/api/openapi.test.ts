import { describe, expect, it } from "vitest";
import { openApiDocument, OPERATIONS } from "./openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 with every operation", () => {
    expect(doc.openapi).toBe("3.1.0");
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(count).toBe(OPERATIONS.length);
  });

  it("describes request bodies from the handlers' zod schemas", () => {
    const create = doc.paths["/api/v1/organizations"]!.post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown>; required: string[] } } } };
    };
    const schema = create.requestBody.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["name", "slug", "type", "address", "contactInfo", "owner"]));
    expect(schema.required).toEqual(expect.arrayContaining(["name", "slug"]));
    const book = doc.paths["/api/v1/appointments"]!.post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, { type?: string; format?: string }> } } } };
    };
    expect(book.requestBody.content["application/json"].schema.properties.startsAt).toMatchObject({ type: "string", format: "date-time" });
  });

  it("documents query parameters and the organization selector", () => {
    const list = doc.paths["/api/v1/appointments"]!.get as { parameters: { name: string; in: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["date", "provider", "status", "cursor", "X-Organization-ID"]),
    );
  });
});

describe("hardening in the document", () => {
  it("describes API key expiry, 415, 429 with Retry-After and the RateLimit headers", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const create = doc.paths["/api/v1/settings/api-keys"]!.post!;
    expect(JSON.stringify(create.requestBody)).toContain("expiresAt");
    expect(create.responses["415"]).toBeDefined();
    expect(create.responses["429"]!.headers).toHaveProperty("Retry-After");
    expect(create.responses["201"]!.headers).toHaveProperty("RateLimit-Remaining");
  });
});
