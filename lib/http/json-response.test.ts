import { describe, expect, it } from "vitest";
import { jsonResponse, unreadJsonText } from "./json-response";

const body = {
  data: [{ id: "a", name: "Zoë \u2028 <b>", when: new Date("2026-12-04T10:00:00Z"), missing: undefined, none: null }],
  n: 1.5,
};

describe("jsonResponse", () => {
  it("answers what Response.json answers: status, headers, bytes", async () => {
    const ours = jsonResponse(body, { status: 404, headers: { "x-request-id": "r1", "cache-control": "no-store" } });
    const theirs = Response.json(body, { status: 404, headers: { "x-request-id": "r1", "cache-control": "no-store" } });
    expect(ours.status).toBe(theirs.status);
    expect([...ours.headers]).toEqual([...theirs.headers]);
    expect(Buffer.from(await ours.arrayBuffer())).toEqual(Buffer.from(await theirs.arrayBuffer()));
  });

  it("hands its text to the server only while the body is unread", async () => {
    const response = jsonResponse(body);
    expect(unreadJsonText(response)).toBe(JSON.stringify(body));
    await response.text();
    expect(unreadJsonText(response)).toBeUndefined();
    expect(unreadJsonText(Response.json(body))).toBeUndefined();
  });

  it("refuses a value with no JSON form, as Response.json does", () => {
    expect(() => Response.json(undefined)).toThrow(TypeError);
    expect(() => jsonResponse(undefined)).toThrow(TypeError);
  });
});
