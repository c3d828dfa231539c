import { describe, expect, it } from "vitest";
import { jsonArray, jsonResponse, JsonText, peekJson, unreadJsonBytes, unreadJsonText } from "./json-response";
import { runWithDirectRequest } from "./request-scope";

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

  it("made while the direct API path serves the request, has no stream: its text is the body", async () => {
    const direct = runWithDirectRequest({ headers: new Headers(), cookies: [] }, () =>
      jsonResponse(body, { status: 404, headers: { "x-request-id": "r1" } }),
    );
    expect(direct.body).toBeNull();
    expect(direct.status).toBe(404);
    expect(direct.headers.get("content-type")).toBe("application/json");
    expect(unreadJsonText(direct)).toBe(JSON.stringify(body));
    // Outside that path the same call gives an ordinary response with its body.
    expect(await jsonResponse(body).text()).toBe(JSON.stringify(body));
  });

  it("can be read as JSON without being consumed, with or without a stream", async () => {
    const direct = runWithDirectRequest({ headers: new Headers(), cookies: [] }, () => jsonResponse({ error: { code: "x" } }));
    expect(await peekJson(direct)).toEqual({ error: { code: "x" } });
    const ordinary = Response.json({ error: { code: "y" } });
    expect(await peekJson(ordinary)).toEqual({ error: { code: "y" } });
    expect(await ordinary.json()).toEqual({ error: { code: "y" } });
  });

  it("refuses a value with no JSON form, as Response.json does", () => {
    expect(() => Response.json(undefined)).toThrow(TypeError);
    expect(() => jsonResponse(undefined)).toThrow(TypeError);
  });
});

describe("JsonText", () => {
  it("is put into the answer as written, wherever it stands, next to ordinary values", async () => {
    const rows = ['{"id":"a","note":"line\\nbreak \\"quoted\\""}', '{"id":"b","note":null}'];
    const body = { data: jsonArray(rows), nextCursor: null, nested: { one: new JsonText("1.50"), list: [new JsonText('"x"'), 2] } };
    const text = await jsonResponse(body).text();
    expect(text).toBe(`{"data":[${rows.join(",")}],"nextCursor":null,"nested":{"one":1.50,"list":["x",2]}}`);
    expect(JSON.parse(text)).toEqual({
      data: [
        { id: "a", note: 'line\nbreak "quoted"' },
        { id: "b", note: null },
      ],
      nextCursor: null,
      nested: { one: 1.5, list: ["x", 2] },
    });
  });

  it("answers the same document as the values it stands for", async () => {
    const values = [{ id: "a", when: new Date("2026-12-04T10:00:00.123Z"), name: "Zoë \u2028 <b>" }];
    const spliced = await jsonResponse({ data: new JsonText(JSON.stringify(values)), n: 1 }).text();
    expect(spliced).toBe(JSON.stringify({ data: values, n: 1 }));
    expect(await jsonResponse(jsonArray([])).text()).toBe("[]");
  });

  it("cannot be imitated by a string a client sends", async () => {
    // The stand-in strings carry a random mark: text that looks like one stays a string.
    const lookalike = '"json-text-00000000-0000-0000-0000-000000000000-0"';
    const text = await jsonResponse({ echo: lookalike, data: new JsonText("[1]") }).text();
    expect(JSON.parse(text)).toEqual({ echo: lookalike, data: [1] });
  });

  it("given partly as UTF-8 bytes, answers the same document, and hands the server those bytes", async () => {
    const rows = [
      { id: "a", name: "Zoë \u2028 <b> 名前" },
      { id: "b", name: null },
    ];
    const joined = rows.map((r) => JSON.stringify(r)).join(",");
    const bytes = new Uint8Array(Buffer.from(`xx${joined}yy`)).subarray(2, -2);
    const expected = JSON.stringify({ data: rows, n: 1, more: [7] });
    const build = () => ({ data: new JsonText(["[", bytes, "]"]), n: 1, more: new JsonText(["[7", "]"]) });
    expect(await jsonResponse(build()).text()).toBe(expected);
    const direct = runWithDirectRequest({ headers: new Headers(), cookies: [] }, () => jsonResponse(build()));
    expect(direct.body).toBeNull();
    expect(unreadJsonText(direct)).toBe(expected);
    expect(Buffer.from(unreadJsonBytes(direct)!).toString("utf8")).toBe(expected);
    expect(await peekJson(direct)).toEqual(JSON.parse(expected));
    expect(JSON.stringify({ page: new JsonText(["[", bytes, "]"]) })).toBe(JSON.stringify({ page: rows }));
    expect(await jsonResponse(new JsonText(["[", new Uint8Array(0), "]"])).text()).toBe("[]");
  });

  it("serialized anywhere else, is the value its text holds", () => {
    expect(JSON.stringify({ data: jsonArray(['{"a":1}']) })).toBe('{"data":[{"a":1}]}');
  });
});
