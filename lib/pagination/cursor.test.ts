import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor } from "./cursor";

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const keys = ["startsAt", "id"] as ("startsAt" | "id")[];
const ID = "6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

describe("decodeCursor", () => {
  it("reads back a cursor it wrote, keeping only the sort keys", () => {
    const cursor = encodeCursor({ startsAt: "2026-03-09T14:00:00.000Z", id: ID });
    expect(decodeCursor(cursor, keys)).toEqual({ startsAt: "2026-03-09T14:00:00.000Z", id: ID });
    expect(decodeCursor(encodeCursor({ startsAt: "2026-03-09T14:00:00Z", id: ID, extra: "x" }), keys)).toEqual({
      startsAt: "2026-03-09T14:00:00Z",
      id: ID,
    });
    expect(decodeCursor(undefined, keys)).toBeUndefined();
  });

  it.each([
    ["base64 junk", "!!!"],
    ["not JSON", b64("not json")],
    ["an array", b64("[1,2]")],
    ["null", b64("null")],
    ["a missing key", encodeCursor({ id: ID })],
    ["an id that is not a UUID", encodeCursor({ startsAt: "2026-03-09T14:00:00Z", id: "x" })],
    ["a NUL in a value", encodeCursor({ startsAt: "2026-03-09T14:00:00Z\u0000", id: ID })],
    ["an impossible instant", encodeCursor({ startsAt: "2026-13-45T99:00:00Z", id: ID })],
    ["a year past the calendar", encodeCursor({ startsAt: "+020000-01-01T00:00:00Z", id: ID })],
    ["a very long value", encodeCursor({ startsAt: "2026-03-09T14:00:00Z", id: ID.repeat(20) })],
    ["a number for an instant (no date has it)", encodeCursor({ startsAt: 1e308, id: ID })],
    ["a number for an id", encodeCursor({ startsAt: "2026-03-09T14:00:00Z", id: 1 })],
  ])("refuses %s with invalid:cursor", (_, cursor) => {
    try {
      decodeCursor(cursor, keys);
      throw new Error("should have failed");
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).code).toBe("invalid:cursor");
    }
  });

  it("accepts plain text keys that hold no control characters", () => {
    expect(decodeCursor(encodeCursor({ name: "Dr. Chen", id: ID }), ["name", "id"])).toEqual({ name: "Dr. Chen", id: ID });
    expect(() => decodeCursor(encodeCursor({ name: "a\nb", id: ID }), ["name", "id"])).toThrow(ValidationError);
  });
});
