import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type AppError, ValidationError } from "@/lib/errors/app-error";
import { actionInputOf, isJsonContentType, jsonOf, parseInput, queryOf, readBody, readFormBody } from "./parse";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://x.test/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a failure");
}

describe("isJsonContentType", () => {
  it.each([
    "application/json",
    "Application/JSON",
    "application/json; charset=utf-8",
    'application/json;charset="UTF-8"',
    "application/merge-patch+json",
  ])("takes %s", (type) => expect(isJsonContentType(type)).toBe(true));
  it.each([
    null,
    "",
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/json; charset=utf-16",
    "application/json; charset=latin1",
  ])("refuses %s", (type) => expect(isJsonContentType(type)).toBe(false));
});

describe("readBody", () => {
  it("reads a JSON body, and no body as none", async () => {
    expect(await readBody(post('{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ text: '{"a":1}' });
    expect(await readBody(post(null))).toBeNull();
    expect(await readBody(post("", { "content-type": "text/plain" }))).toBeNull();
  });

  it("refuses another content type with 415", async () => {
    const err = await failure(readBody(post("a=1", { "content-type": "application/x-www-form-urlencoded" })));
    expect(err).toMatchObject({ code: "unsupported_media_type", status: 415 });
  });

  it("refuses a body over the limit with 413, by its declared length or by what arrives", async () => {
    const big = "x".repeat(2048);
    expect(await failure(readBody(post(big, { "content-type": "application/json", "content-length": "2048" }), 1024))).toMatchObject({
      code: "payload_too_large",
      status: 413,
    });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    expect(await failure(readBody(post(stream, { "content-type": "application/json" }), 1024))).toMatchObject({ status: 413 });
  });
});

describe("readFormBody", () => {
  it("reads a form body as name/value pairs in the order sent, repeated names kept", async () => {
    const form = post("To=%2B15550100&Body=C+please&Body=again", { "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
    expect(await readFormBody(form)).toEqual([
      ["To", "+15550100"],
      ["Body", "C please"],
      ["Body", "again"],
    ]);
  });

  it("refuses JSON with 415, a body over the limit with 413 and bytes that are not UTF-8 with 400", async () => {
    expect(await failure(readFormBody(post("{}", { "content-type": "application/json" })))).toMatchObject({ status: 415 });
    expect(
      await failure(readFormBody(post("a=".padEnd(2048, "x"), { "content-type": "application/x-www-form-urlencoded" }), 1024)),
    ).toMatchObject({
      status: 413,
    });
    const notUtf8 = new Uint8Array([0x61, 0x3d, 0xff, 0xfe]);
    expect(await failure(readFormBody(post(notUtf8, { "content-type": "application/x-www-form-urlencoded" })))).toMatchObject({
      status: 400,
    });
  });
});

describe("jsonOf", () => {
  it("parses JSON, reads no body as an empty object, and names bad JSON", () => {
    expect(jsonOf({ text: "[1]" })).toEqual([1]);
    expect(jsonOf(null)).toEqual({});
    expect(() => jsonOf({ text: "{oops" })).toThrow(ValidationError);
  });
});

describe("queryOf", () => {
  it("is the query string as an object", () => {
    expect(queryOf("http://x.test/a?q=smith&limit=5")).toEqual({ q: "smith", limit: "5" });
  });
});

describe("actionInputOf", () => {
  it("turns FormData into an object, drops Next's fields, files and any organization the client names", () => {
    const form = new FormData();
    form.append("name", "Dr. Chen");
    form.append("day", "1");
    form.append("day", "2");
    form.append("$ACTION_ID_abc", "");
    form.append("organizationId", "someone-else");
    form.append("file", new Blob(["x"]), "x.txt");
    expect(actionInputOf(form)).toEqual({ name: "Dr. Chen", day: ["1", "2"] });
  });

  it("drops organization fields from a plain object too", () => {
    expect(actionInputOf({ name: "a", organization_id: "x", orgId: "y" })).toEqual({ name: "a" });
    expect(actionInputOf(undefined)).toEqual({});
  });
});

describe("parseInput", () => {
  it("reports every field error at once", () => {
    const schema = z.object({ a: z.string().min(2, "Too short."), b: z.number({ error: "A number." }) });
    try {
      parseInput(schema, { a: "x", b: "y" }, "form");
      throw new Error("should have failed");
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors).toEqual({ a: ["Too short."], b: ["A number."] });
    }
  });
});

describe("hostile input at parse", () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional() });

  it("refuses a NUL character anywhere (value or key) as the field's error, before the schema", () => {
    try {
      parseInput(schema, { name: "Ada\u0000", tags: ["ok", "x\u0000"] }, "request body");
      throw new Error("should have failed");
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect(Object.keys((err as ValidationError).fieldErrors ?? {})).toEqual(["name", "tags.1"]);
    }
    expect(() => parseInput(schema, { name: "a", "k\u0000": 1 }, "query")).toThrow(ValidationError);
    expect(parseInput(schema, { name: "Ada", tags: ["ok"] }, "query")).toEqual({ name: "Ada", tags: ["ok"] });
  });

  it("answers a body that breaks off while it is read with 400, not a fault", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    expect(await failure(readBody(post(stream, { "content-type": "application/json" })))).toMatchObject({
      status: 400,
      code: "validation",
    });
  });
});
